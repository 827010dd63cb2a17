using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Archives.Workflow.Cases.Numbering;

/// <summary>
/// Gap-free numbers from counter rows. Taking a number is one statement,
/// <c>INSERT … ON CONFLICT DO UPDATE SET value = value + 1 RETURNING value</c> (PostgreSQL, SQLite 3.35+),
/// run in the transaction that stores the row carrying the number: a concurrent transaction of the same
/// series waits on the counter row until this one commits or rolls back, instead of reading the same
/// "highest plus one" and failing on the unique index at commit. A rolled-back transaction rolls its
/// increment back with it, so no number is lost.
/// </summary>
public static class NumberCounters
{
    /// <summary>The institution code of series shared by every institution (case numbers name no institution).</summary>
    public const string AllInstitutions = "*";

    /// <summary>The kind of file numbers (<c>CYJW-2026-0001</c>), per institution and year.</summary>
    public const string FileKind = "file";

    /// <summary>The kind of a process's case numbers (<c>UFR-2026-000123</c>), per year, shared by every institution.</summary>
    public static string CaseKind(string processId) => "case:" + processId;

    /// <summary>The kind of documents of one kind, per institution and year.</summary>
    public static string DocumentKind(DocumentKind kind) => "document:" + kind;

    /// <summary>
    /// Takes the next number of the series. Begins a transaction on the context when none is open; the
    /// caller's save commits it (the workflow runtime commits it with the burst). The counter row stays
    /// locked until then, so take numbers as late as possible and in a fixed order.
    /// </summary>
    public static async Task<int> NextAsync(DbContext db, string institutionCode, string kind, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            await db.Database.BeginTransactionAsync(cancellationToken);
        }

        var entity = db.Model.FindEntityType(typeof(NumberCounter))
            ?? throw new InvalidOperationException("NumberCounter is not in the model: call modelBuilder.AddArchivesDomain().");
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var table = sql.DelimitIdentifier(entity.GetTableName()!);
        var (institution, kindColumn, yearColumn, value) =
            (Column(nameof(NumberCounter.InstitutionCode)), Column(nameof(NumberCounter.Kind)), Column(nameof(NumberCounter.Year)), Column(nameof(NumberCounter.Value)));

        // Through EF Core's command pipeline, in the context's transaction: its interceptors (the round-trip
        // counter among them) and its logging see the statement as they see every other.
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        string Parameter(string name, string property, object parameterValue)
        {
            var mapped = entity.FindProperty(property)!;
            builder.AddParameter(name, sql.GenerateParameterName(name), mapped.GetRelationalTypeMapping(), nullable: false);
            values[name] = parameterValue;
            return sql.GenerateParameterName(name);
        }

        builder.Append(
            $"INSERT INTO {table} ({institution}, {kindColumn}, {yearColumn}, {value}) " +
            $"VALUES ({Parameter("institution", nameof(NumberCounter.InstitutionCode), institutionCode)}, {Parameter("kind", nameof(NumberCounter.Kind), kind)}, {Parameter("year", nameof(NumberCounter.Year), year)}, 1) " +
            $"ON CONFLICT ({institution}, {kindColumn}, {yearColumn}) DO UPDATE SET {value} = {table}.{value} + 1 RETURNING {value}");
        var result = await builder.Build().ExecuteScalarAsync(
            new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), values, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()), cancellationToken);
        return Convert.ToInt32(result, CultureInfo.InvariantCulture);
    }
}
