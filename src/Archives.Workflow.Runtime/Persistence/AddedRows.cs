using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Archives.Workflow.Runtime.Persistence;

/// <summary>
/// A context whose new rows a burst may write in its own command, instead of EF Core's save after it: one
/// round trip less for a burst that adds rows (a case start's person, file and case; a job's document; an
/// arrival's transfer), and on PostgreSQL, when no transaction is open, no BEGIN and COMMIT either.
/// </summary>
public interface IBurstRowsContext
{
    /// <summary>Adds what a save of this context would add with the rows (rows derived from them), before they are read.</summary>
    void PrepareBurstRows();

    /// <summary>Whether rows of <paramref name="entityType"/> may be written without EF Core's save (no save interceptor or hook needs them).</summary>
    bool MayWriteInBurst(IEntityType entityType);
}

/// <summary>
/// The rows a context tracks as added, read for the burst's command: every tracked change must be an added row
/// of a plain table (no owned or complex parts, no inheritance, no value made by the database), or the burst
/// leaves them all to EF Core's save. Ordered so that a row comes after the rows its foreign keys name.
/// </summary>
internal static class AddedRows
{
    /// <summary>The rows in insertion order, grouped by table; null when EF Core must save the context's changes itself.</summary>
    public static List<(IEntityType Type, List<object?[]> Rows)>? TryRead(DbContext db)
    {
        if (db is not IBurstRowsContext context)
        {
            return null;
        }

        context.PrepareBurstRows();
        var byType = new Dictionary<IEntityType, List<object?[]>>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State != EntityState.Added || !Writable(context, entry.Metadata))
            {
                return null;
            }

            var type = entry.Metadata;
            var row = new object?[type.GetProperties().Count()];
            var index = 0;
            foreach (var property in type.GetProperties())
            {
                if (!TryValue(entry, property, out row[index++]))
                {
                    return null;
                }
            }

            if (!byType.TryGetValue(type, out var rows))
            {
                byType[type] = rows = [];
            }

            rows.Add(row);
        }

        var ordered = new List<(IEntityType, List<object?[]>)>(byType.Count);
        var placed = new HashSet<IEntityType>();
        while (placed.Count < byType.Count)
        {
            // A table whose principals among the new rows are all placed; none means a cycle, left to EF Core.
            var next = byType.Keys.FirstOrDefault(t => !placed.Contains(t)
                && t.GetForeignKeys().All(fk => fk.PrincipalEntityType != t && (placed.Contains(fk.PrincipalEntityType) || !byType.ContainsKey(fk.PrincipalEntityType))));
            if (next is null)
            {
                return null;
            }

            placed.Add(next);
            ordered.Add((next, byType[next]));
        }

        return ordered;
    }

    private static bool Writable(IBurstRowsContext context, IEntityType type) =>
        context.MayWriteInBurst(type) && !type.IsOwned() && type.BaseType is null && !type.GetDerivedTypes().Any()
        && !type.GetComplexProperties().Any() && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && !type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type) && type.GetTableName() is not null;

    /// <summary>
    /// The value EF Core's save would insert: the row's own, or a column's default value where the row holds the
    /// property's sentinel. False when the database would make it (a default or computed expression, an identity,
    /// a row version): that is EF Core's to read back.
    /// </summary>
    private static bool TryValue(EntityEntry entry, IProperty property, out object? value)
    {
        var current = entry.Property(property);
        value = current.CurrentValue;
        if (property.GetComputedColumnSql() is not null)
        {
            return false;
        }

        if (property.ValueGenerated == ValueGenerated.Never)
        {
            return true;
        }

        var isSentinel = Equals(value, property.Sentinel);
        if (property.GetDefaultValueSql() is not null)
        {
            return !isSentinel;
        }

        if (property.FindAnnotation(RelationalAnnotationNames.DefaultValue) is not null)
        {
            value = isSentinel ? property.GetDefaultValue() : value;
            return true;
        }

        return property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey() && !current.IsTemporary;
    }
}
