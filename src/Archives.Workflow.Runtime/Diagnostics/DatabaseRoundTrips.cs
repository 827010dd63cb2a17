using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Archives.Workflow.Runtime.Diagnostics;

/// <summary>
/// Counts what EF Core sends to the database: every command (or batch of statements sent as one command)
/// is one round trip; beginning, committing and rolling back a transaction, and each savepoint EF Core
/// creates, releases or rolls back to, are a round trip each as well. Cheap enough to be always on (a few
/// interlocked increments per command); published on the <see cref="MeterName"/> meter and readable as
/// totals since start. Add one instance to every context's options (<see cref="Interceptors"/>).
/// Hangfire's own storage does not go through EF Core and is not counted.
/// </summary>
public sealed class DatabaseRoundTrips
{
    /// <summary>The meter of the database counters, for OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "Archives.Workflow.Database";

    /// <summary>The counter of round trips (commands, BEGIN, COMMIT, ROLLBACK, savepoints).</summary>
    public const string RoundTripsCounter = "archives.db.round_trips";

    /// <summary>The counter of transactions begun explicitly (one implicit transaction of a single command is not among them).</summary>
    public const string TransactionsCounter = "archives.db.transactions";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RoundTripInstrument = Meter.CreateCounter<long>(RoundTripsCounter, "{round_trip}", "Database round trips: commands, transaction begins, commits, rollbacks and savepoints.");

    private static readonly Counter<long> TransactionInstrument = Meter.CreateCounter<long>(TransactionsCounter, "{transaction}", "Database transactions begun explicitly.");

    private long roundTrips;
    private long transactions;
    private long commands;

    public DatabaseRoundTrips()
    {
        Interceptors = [new CommandCounter(this), new TransactionCounter(this)];
    }

    /// <summary>The interceptors to add to a context's options.</summary>
    public IReadOnlyList<IInterceptor> Interceptors { get; }

    /// <summary>The totals counted by this instance since it was made.</summary>
    public DatabaseRoundTripTotals Totals => new(Interlocked.Read(ref roundTrips), Interlocked.Read(ref transactions), Interlocked.Read(ref commands));

    private void Command()
    {
        Interlocked.Increment(ref commands);
        RoundTrip();
    }

    private void RoundTrip()
    {
        Interlocked.Increment(ref roundTrips);
        RoundTripInstrument.Add(1);
    }

    private void Transaction()
    {
        Interlocked.Increment(ref transactions);
        TransactionInstrument.Add(1);
        RoundTrip();
    }

    /// <summary>Counted when a command is about to be sent, so that a failed command counts too.</summary>
    private sealed class CommandCounter(DatabaseRoundTrips counts) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            counts.Command();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            counts.Command();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            counts.Command();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            counts.Command();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            counts.Command();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            counts.Command();
            return ValueTask.FromResult(result);
        }
    }

    private sealed class TransactionCounter(DatabaseRoundTrips counts) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            counts.Transaction();
            return result;
        }

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            counts.Transaction();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            counts.RoundTrip();
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counts.RoundTrip();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult TransactionRollingBack(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            counts.RoundTrip();
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionRollingBackAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counts.RoundTrip();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            counts.RoundTrip();
            return result;
        }

        public override ValueTask<InterceptionResult> CreatingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counts.RoundTrip();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            counts.RoundTrip();
            return result;
        }

        public override ValueTask<InterceptionResult> ReleasingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counts.RoundTrip();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            counts.RoundTrip();
            return result;
        }

        public override ValueTask<InterceptionResult> RollingBackToSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counts.RoundTrip();
            return ValueTask.FromResult(result);
        }
    }
}
