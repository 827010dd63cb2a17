using Npgsql;

namespace Archives.Workflow.Cases.Data;

/// <summary>Connection-string defaults for PostgreSQL that the workload needs; anything set explicitly wins.</summary>
public static class PostgreSqlTuning
{
    /// <summary>
    /// Turns on Npgsql's automatic preparation (the same few statements run for every transition, so
    /// PostgreSQL parses and plans them once per connection) unless the connection string says otherwise.
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

        return builder.ConnectionString;
    }

    /// <summary>Retries what failed without taking effect (<see cref="ArchivesExecutionStrategy"/>).</summary>
    public static void Resilient(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ExecutionStrategy(dependencies => new ArchivesExecutionStrategy(dependencies));
    }
}
