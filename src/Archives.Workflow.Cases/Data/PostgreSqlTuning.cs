using Npgsql;

namespace Archives.Workflow.Cases.Data;

/// <summary>Connection-string defaults for PostgreSQL that the workload needs; anything set explicitly wins.</summary>
public static class PostgreSqlTuning
{
    /// <summary>
    /// Turns on Npgsql's automatic preparation (the same few statements run for every transition, so
    /// PostgreSQL parses and plans them once per connection) and leaves pooled connections unreset, unless the
    /// connection string says otherwise.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        // A connection back in the pool is not reset (six statements sent before its next use): nothing here leaves
        // session state behind (no SET, LISTEN, session advisory lock or temporary table; transactions end with
        // their command or context). Hangfire's connections, which LISTEN, keep their own string and the reset.
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Retries what failed without taking effect (<see cref="ArchivesExecutionStrategy"/>).</summary>
    public static void Resilient(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ExecutionStrategy(dependencies => new ArchivesExecutionStrategy(dependencies));
    }
}
