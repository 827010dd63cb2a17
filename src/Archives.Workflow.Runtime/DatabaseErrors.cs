namespace Archives.Workflow.Runtime;

/// <summary>Recognising database errors without referring to a provider's own exception types.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique key was violated (SQLite's "UNIQUE constraint failed", PostgreSQL's SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex?.InnerException is System.Data.Common.DbException inner && IsUniqueViolation(inner);

    /// <inheritdoc cref="IsUniqueViolation(DbUpdateException)"/>
    public static bool IsUniqueViolation(System.Data.Common.DbException ex) =>
        ex?.SqlState == "23505" || ex?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true;
}
