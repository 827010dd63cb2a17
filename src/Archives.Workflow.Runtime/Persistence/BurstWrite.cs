using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Archives.Workflow.Runtime.Persistence;

/// <summary>
/// The runtime's own rows of one burst (the instance, journal entries, tasks, bookmarks, incidents),
/// written as one SQL command without EF Core's change tracker: the hot path of every transition.
/// Table names, column names and parameter conversions come from the application's EF Core model, and
/// the command goes through EF Core's command pipeline (so interceptors and logging see it, and it joins
/// the context's transaction). Rows of the same table are inserted by one multi-row statement.
/// </summary>
internal sealed class BurstWrite
{
    private readonly List<Operation> operations = [];

    private BurstWrite(WorkflowInstance instance, int? expectedRevision)
    {
        Instance = instance;
        ExpectedRevision = expectedRevision;
    }

    public WorkflowInstance Instance { get; }

    /// <summary>The revision the burst was computed from; null for a new case.</summary>
    public int? ExpectedRevision { get; }

    public static BurstWrite NewCase(WorkflowInstance instance) => new(instance, null);

    public static BurstWrite Resumption(WorkflowInstance instance) => new(instance, instance.Revision);

    /// <summary>Inserts <paramref name="row"/> with every mapped property.</summary>
    public void Insert<T>(T row)
        where T : class => operations.Add(new Operation(typeof(T), row, null, []));

    /// <summary>Updates the row keyed by <paramref name="id"/>: only the properties named are written.</summary>
    public void Update<T>(object id, params (string Property, object? Value)[] set)
        where T : class => operations.Add(new Operation(typeof(T), null, id, set));

    /// <summary>Deletes the rows whose <paramref name="property"/> equals <paramref name="value"/>.</summary>
    public void Delete<T>(string property, object value)
        where T : class => operations.Add(new Operation(typeof(T), null, value, [], property));

    private sealed record Operation(Type Entity, object? Row, object? Id, (string Property, object? Value)[] Set, string? DeleteBy = null);

    /// <summary>
    /// Saves the burst together with whatever the context tracks (a handler's or an observer's rows): rows it
    /// only adds go into the burst's command (<see cref="AddedRows"/>), anything else to EF Core's save after it.
    /// On PostgreSQL a burst with nothing left for EF Core is one command sent with a single Sync, which the server
    /// runs as one implicit transaction: any failing statement rolls back all of them, so no BEGIN/COMMIT
    /// round trip is needed. A burst that lost a race fails as a whole there, because its first journal
    /// entry repeats a sequence number the winner wrote and the journal's key (instance, sequence) aborts
    /// the command. Everywhere else an explicit transaction holds the command and EF Core's own changes,
    /// and the instance's revision is checked before the commit. A transaction already open on the context
    /// was begun for this burst (by the caller's alongside work, a job handler or an observer, for example
    /// to take a number from a counter row, whose lock must last until the rows using it are stored): the
    /// burst joins it and commits it, or leaves it to be rolled back with everything in it.
    /// </summary>
    /// <returns>False when the instance had moved on (another burst won): nothing was stored.</returns>
    /// <exception cref="DbUpdateException">The database refused a row (the burst's, or one the context tracks): nothing was stored.</exception>
    public async Task<bool> SaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // New rows the context tracks (a start's person, file and case, a job's document) go into the burst's own
        // command when the context allows it (IBurstRowsContext): one round trip less, and no EF Core save.
        var added = db.ChangeTracker.HasChanges() ? AddedRows.TryRead(db) : [];
        var implicitTransaction = IsPostgreSql(db) && db.Database.CurrentTransaction is null && added is not null;
        if (implicitTransaction)
        {
            var held = await ExecuteAsync(db, added!, cancellationToken);
            if (held && added!.Count > 0)
            {
                db.ChangeTracker.AcceptAllChanges();
            }

            return held;
        }

        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
        await using (transaction)
        {
            if (!await ExecuteAsync(db, added ?? [], cancellationToken))
            {
                return false;
            }

            if (added is null)
            {
                // The burst fails or commits as a whole: a savepoint around EF Core's own save would only cost two round trips.
                db.Database.AutoSavepointsEnabled = false;
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (added is { Count: > 0 })
        {
            db.ChangeTracker.AcceptAllChanges();
        }

        return true;
    }

    private async Task<bool> ExecuteAsync(DbContext db, List<(IEntityType Type, List<object?[]> Rows)> added, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(1024);
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var helper = db.GetService<ISqlGenerationHelper>();
        var model = db.Model;

        // The instance first: a resumption reports through RETURNING whether its revision still held.
        if (ExpectedRevision is { } expected)
        {
            AppendUpdate(sql, builder, values, helper, model.FindEntityType(typeof(WorkflowInstance))!, Instance.Id,
            [
                (nameof(WorkflowInstance.State), Instance.State), (nameof(WorkflowInstance.Status), Instance.Status),
                (nameof(WorkflowInstance.Milestone), Instance.Milestone), (nameof(WorkflowInstance.DefinitionVersion), Instance.DefinitionVersion),
                (nameof(WorkflowInstance.Revision), Instance.Revision), (nameof(WorkflowInstance.JournalHead), Instance.JournalHead),
                (nameof(WorkflowInstance.JournalLength), Instance.JournalLength), (nameof(WorkflowInstance.UpdatedAt), Instance.UpdatedAt),
                (nameof(WorkflowInstance.CompletedAt), Instance.CompletedAt), (nameof(WorkflowInstance.CalendarVersion), Instance.CalendarVersion),
            ],
            (nameof(WorkflowInstance.Revision), expected));
        }
        else
        {
            var instanceType = model.FindEntityType(typeof(WorkflowInstance))!;
            var instanceProperties = instanceType.GetProperties().ToList();
            AppendInsert(sql, builder, values, helper, instanceType, instanceProperties, [[.. instanceProperties.Select(p => p.GetGetter().GetClrValueUsingContainingEntity(Instance))]]);
        }

        // The context's new rows next, in the order of their foreign keys: a case names its instance, and the
        // burst's own rows (an observer's update of a case) may name them.
        foreach (var (type, rows) in added)
        {
            AppendInsert(sql, builder, values, helper, type, type.GetProperties().ToList(), rows);
        }

        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            var entityType = model.FindEntityType(operation.Entity)
                ?? throw new InvalidOperationException($"{operation.Entity.Name} is not in the model: call modelBuilder.AddWorkflowRuntime().");
            if (operation.DeleteBy is { } column)
            {
                AppendDelete(sql, builder, values, helper, entityType, column, operation.Id!);
                continue;
            }

            if (operation.Row is null)
            {
                AppendUpdate(sql, builder, values, helper, entityType, operation.Id!, operation.Set, guard: null);
                continue;
            }

            // Consecutive inserts into one table become one statement.
            var rows = new List<object> { operation.Row };
            while (i + 1 < operations.Count && operations[i + 1].Row is { } next && operations[i + 1].Entity == operation.Entity)
            {
                rows.Add(next);
                i++;
            }

            var properties = entityType.GetProperties().ToList();
            AppendInsert(sql, builder, values, helper, entityType, properties, [.. rows.Select(row => properties.Select(p => p.GetGetter().GetClrValueUsingContainingEntity(row)).ToArray())]);
        }

        builder.Append(sql.ToString());
        var command = builder.Build();
        var parameters = new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), values, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>());
        try
        {
            var reader = await command.ExecuteReaderAsync(parameters, cancellationToken);
            await using (reader)
            {
                var held = ExpectedRevision is null || await reader.ReadAsync(cancellationToken);

                // Later statements report their errors as the reader moves past them.
                while (await reader.DbDataReader.NextResultAsync(cancellationToken))
                {
                }

                return held;
            }
        }
        catch (DbException ex) when (ExpectedRevision is not null && DatabaseErrors.IsUniqueViolation(ex) && !NamesAddedTable(ex, added))
        {
            // A resumption's own rows collide only on the journal key (instance, sequence): another burst
            // of the same case committed first. The command failed as a whole.
            return false;
        }
        catch (DbException ex)
        {
            // The callers' unique-key and conflict handling is written against EF Core's own exception.
            throw new DbUpdateException($"Saving the burst of case {Instance.Id} failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Whether a unique violation is one of the context's new rows (a duplicate the caller reports as such) rather
    /// than the journal key a lost race collides on: both providers name the table in the message (PostgreSQL
    /// through the constraint's name, <c>PK_documents</c>; SQLite as <c>documents.Id</c>).
    /// </summary>
    private static bool NamesAddedTable(DbException ex, List<(IEntityType Type, List<object?[]> Rows)> added) =>
        added.Any(a => ex.Message.Contains(a.Type.GetTableName()!, StringComparison.OrdinalIgnoreCase)
            || (ex.GetType().GetProperty("TableName")?.GetValue(ex) is string table && string.Equals(table, a.Type.GetTableName(), StringComparison.Ordinal)));

    private static void AppendInsert(
        StringBuilder sql, IRelationalCommandBuilder builder, Dictionary<string, object?> values, ISqlGenerationHelper helper, IEntityType entityType,
        List<IProperty> properties, List<object?[]> rows)
    {
        sql.Append("INSERT INTO ").Append(helper.DelimitIdentifier(entityType.GetTableName()!)).Append(" (");
        for (var p = 0; p < properties.Count; p++)
        {
            sql.Append(p == 0 ? "" : ", ").Append(helper.DelimitIdentifier(properties[p].GetColumnName()));
        }

        sql.Append(") VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var p = 0; p < properties.Count; p++)
            {
                sql.Append(p == 0 ? "" : ", ");
                AppendParameter(sql, builder, values, helper, properties[p], rows[r][p]);
            }

            sql.Append(')');
        }

        sql.Append(";\n");
    }

    private static void AppendDelete(StringBuilder sql, IRelationalCommandBuilder builder, Dictionary<string, object?> values, ISqlGenerationHelper helper, IEntityType entityType, string propertyName, object value)
    {
        var property = entityType.FindProperty(propertyName) ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no property {propertyName}.");
        sql.Append("DELETE FROM ").Append(helper.DelimitIdentifier(entityType.GetTableName()!)).Append(" WHERE ").Append(helper.DelimitIdentifier(property.GetColumnName())).Append(" = ");
        AppendParameter(sql, builder, values, helper, property, value);
        sql.Append(";\n");
    }

    private static void AppendUpdate(
        StringBuilder sql, IRelationalCommandBuilder builder, Dictionary<string, object?> values, ISqlGenerationHelper helper, IEntityType entityType,
        object id, (string Property, object? Value)[] set, (string Property, object? Value)? guard)
    {
        sql.Append("UPDATE ").Append(helper.DelimitIdentifier(entityType.GetTableName()!)).Append(" SET ");
        for (var s = 0; s < set.Length; s++)
        {
            var property = entityType.FindProperty(set[s].Property)!;
            sql.Append(s == 0 ? "" : ", ").Append(helper.DelimitIdentifier(property.GetColumnName())).Append(" = ");
            AppendParameter(sql, builder, values, helper, property, set[s].Value);
        }

        var key = entityType.FindPrimaryKey()!.Properties.Single();
        sql.Append(" WHERE ").Append(helper.DelimitIdentifier(key.GetColumnName())).Append(" = ");
        AppendParameter(sql, builder, values, helper, key, id);
        if (guard is { } g)
        {
            var property = entityType.FindProperty(g.Property)!;
            sql.Append(" AND ").Append(helper.DelimitIdentifier(property.GetColumnName())).Append(" = ");
            AppendParameter(sql, builder, values, helper, property, g.Value);
            sql.Append(" RETURNING 1");
        }

        sql.Append(";\n");
    }

    private static void AppendParameter(StringBuilder sql, IRelationalCommandBuilder builder, Dictionary<string, object?> values, ISqlGenerationHelper helper, IProperty property, object? value)
    {
        var name = "p" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddParameter(name, helper.GenerateParameterName(name), property.GetRelationalTypeMapping(), property.IsNullable);
        values[name] = value;
        sql.Append(helper.GenerateParameterName(name));
    }

    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // DatabaseFacade.ProviderName reads an assembly name each time; the connection's type says the same once.
    private static readonly ConcurrentDictionary<Type, bool> PostgreSqlConnections = new();

    internal static bool IsPostgreSql(DbContext db) =>
        PostgreSqlConnections.GetOrAdd(db.Database.GetDbConnection().GetType(), static (_, db) => db.Database.ProviderName == NpgsqlProvider, db);
}
