using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Archives.Workflow.Cases.Data;

/// <summary>
/// Retries, on PostgreSQL, a query or a save that failed in a way that certainly took no effect
/// (<see cref="DatabaseFaults.IsSafeToRetry"/>): up to five more times within about seven seconds, long
/// enough for a database restart or a fail-over. Inside a transaction the application opened (a burst
/// of the workflow runtime, a number taken from a counter) nothing is retried statement by statement:
/// the whole unit fails, stores nothing, and is repeated as a whole by whoever owns it (the client after
/// 503 with <c>Retry-After</c>, Hangfire or the sweep for a job), where the instance's revision makes a
/// repeated burst harmless.
/// </summary>
public sealed class ArchivesExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    /// <summary>How many times an operation is repeated (default five).</summary>
    public const int MaxRetries = 5;

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private bool InOwnTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

    protected override void OnFirstExecution()
    {
        // EF Core refuses a retrying strategy inside a transaction it did not open; here the statement
        // simply runs once, and the transaction's owner decides what a failure means.
        if (InOwnTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !InOwnTransaction && DatabaseFaults.IsSafeToRetry(exception);
}
