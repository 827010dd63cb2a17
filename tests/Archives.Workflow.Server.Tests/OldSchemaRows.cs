using System.Data.Common;
using Archives.Workflow.Cases.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Writes an entity into a database migrated only part of the way: saving it through the context would name the
/// columns later migrations add (a document's verification code, a case's channel), so the row goes in by SQL in
/// the columns the table has at that point, each value stored as the provider's model stores it.
/// </summary>
internal static class OldSchemaRows
{
    public static async Task InsertAsync<T>(ArchivesDbContext db, DatabaseProvider provider, T entity)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var existing = await ColumnsAsync(db, provider, table);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var columns = new List<string>();
            foreach (var property in entityType.GetProperties().Where(p => !p.IsShadowProperty()))
            {
                var column = property.GetColumnName(store);
                if (column is null || !existing.Contains(column))
                {
                    continue;
                }

                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                command.Parameters.Add(mapping.CreateParameter(command, "@p" + columns.Count, property.GetGetter().GetClrValue(entity), property.IsNullable));
                columns.Add(column);
            }

            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(ArchivesDbContext db, DatabaseProvider provider, string table)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM pragma_table_info(@table)"
                : "SELECT column_name FROM information_schema.columns WHERE table_name = @table AND table_schema = current_schema()";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@table";
            parameter.Value = table;
            command.Parameters.Add(parameter);
            var columns = new HashSet<string>(StringComparer.Ordinal);
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }

            return columns;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
