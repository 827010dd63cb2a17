namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// The <c>Hangfire</c> section: how a node's Hangfire talks to PostgreSQL. The defaults fit one node of a
/// few on one database: an idle node asks little of the database, and the pools of every node together stay
/// below PostgreSQL's <c>max_connections</c>. SQLite runs Hangfire in memory and reads none of it.
/// </summary>
public sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary>
    /// How often an idle worker looks for queued jobs (default 15 s). With <see cref="LongPolling"/> a job
    /// enqueued on any node wakes the workers at once, so this is only the fallback.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Workers wait on PostgreSQL's <c>LISTEN new_job</c>, and every enqueue sends <c>NOTIFY</c> (default true;
    /// PostgreSQL 11 or later). Each waiting worker holds one more connection of <see cref="MaxPoolSize"/>.
    /// </summary>
    public bool LongPolling { get; set; } = true;

    /// <summary>
    /// Npgsql's <c>Maximum Pool Size</c> of Hangfire's own connections on this node (default 20), unless the
    /// connection string sets one: the workers (twice over with long polling), the schedulers, the heartbeat
    /// and the jobs that requests enqueue.
    /// </summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>
    /// How many due scheduled jobs (timers) the node holding Hangfire's scheduler lock moves to the queue at
    /// the same time when many fall due together (default 4; 1 moves them one by one).
    /// </summary>
    public int SchedulerParallelism { get; set; } = 4;

    /// <summary>
    /// How long a lock of Hangfire's (the scheduler's, the recurring jobs', the runtime's sweep) is held at most
    /// before another node may take it (default 1 minute; Hangfire.PostgreSql's own default is 10). A lock is a
    /// row, not a session: a node killed while holding one, or cut off by a database restart, leaves it behind,
    /// and until it runs out no timer is moved to the queue and no sweep runs on any node.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
