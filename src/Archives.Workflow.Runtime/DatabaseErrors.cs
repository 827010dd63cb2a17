using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime;

/// <summary>Recognising database errors without referring to a provider's own exception types.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique key was violated (SQLite's "UNIQUE constraint failed", PostgreSQL's SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) =>
        ex?.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true ||
        ex?.InnerException?.GetType().GetProperty("SqlState")?.GetValue(ex.InnerException) as string == "23505";
}
