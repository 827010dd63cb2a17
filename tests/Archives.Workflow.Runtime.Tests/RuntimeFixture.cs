using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>A fresh database per test holding the runtime's tables, with the shipped definitions imported and a fake clock.</summary>
public abstract class RuntimeFixture(DatabaseProvider provider)
{
    protected static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, ChinaTime.Offset);

    protected DatabaseProvider Provider { get; } = provider;

    protected TestDatabase Database { get; private set; } = null!;

    protected FakeClock Clock { get; private set; } = null!;

    protected WorkflowRuntime Runtime { get; private set; } = null!;

    protected static string Repo(params string[] parts) => RepositoryRoot.Combine(parts);

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        Database = await Databases.CreateAsync(Provider);
        Clock = new FakeClock(Monday);
        Handlers = JobNames.ToDictionary(name => name, name => new NumberingJobHandler(name));
        Runtime = CreateRuntime();
        await Runtime.ImportFolderAsync(Repo("workflows"), "import");
    }

    /// <summary>The job handlers of this test, by job name (tests make some fail).</summary>
    protected Dictionary<string, NumberingJobHandler> Handlers { get; private set; } = null!;

    protected WorkflowRuntime CreateRuntime(Func<DbContext>? contexts = null, Scheduling.IWorkflowScheduler? scheduler = null) => new(
        contexts ?? Database.CreateContext,
        WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars")),
        Clock,
        Handlers.Values,
        scheduler: scheduler);

    protected static readonly string[] JobNames =
    [
        "issue-supplement-notice", "issue-rejection-notice", "issue-transfer-request-letter", "chase-file-holder",
        "issue-missing-materials-form", "return-file-to-sender", "register-file", "send-receipt", "notify-person",
        "record-party-membership-transfer", "send-verification-request", "file-identification-conclusion",
        "issue-transfer-notice", "chase-receipt", "close-custody",
        "issue-refusal-notice", "notify-service-result", "issue-certificate", "issue-no-record-notice", "issue-vetting-reply", "remind-vetting-deadline",
        "mark-person-deceased", "close-kept-after-death", "issue-handover-notice", "chase-handover-receipt", "close-custody-after-handover",
        "issue-entrustment-agreement", "remind-entrustment-agreement", "record-entrustment-agreement",
        "issue-consultation-refusal", "issue-loan-record", "chase-borrower", "report-to-unit-superior", "issue-damage-report", "close-loan",
        "issue-correction-request", "return-materials-to-unit", "file-materials",
    ];

    protected async Task<List<BookmarkRecord>> PendingAsync(string instanceId, string kind)
    {
        await using var db = Database.CreateContext();
        return await db.Set<BookmarkRecord>().AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.Kind == kind && b.Status == BookmarkStatus.Pending)
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync();
    }

    /// <summary>Runs pending jobs the way the job workers will, until none is left.</summary>
    protected async Task RunJobsAsync(string instanceId)
    {
        for (var round = 0; round < 50; round++)
        {
            var jobs = await PendingAsync(instanceId, "Job");
            if (jobs.Count == 0)
            {
                return;
            }

            foreach (var job in jobs)
            {
                await Runtime.RunJobAsync(job.Id);
            }
        }

        Assert.Fail("Jobs kept coming.");
    }

    protected async Task<WorkflowInstance> InstanceAsync(string instanceId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == instanceId);
    }

    protected async Task<string> OpenTaskAsync(string instanceId, string activityId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<Tasks.WorkflowTask>().Where(t => t.InstanceId == instanceId && t.ActivityId == activityId && t.Status == Tasks.TaskStatus.Open)
            .Select(t => t.Id).SingleAsync();
    }

    /// <summary>Waits for what Hangfire's workers will have done.</summary>
    protected static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Eventually.Until(condition, what);

    /// <summary>Each Hangfire server of a test gets its own activator, bound to that test's runtime.</summary>
    protected sealed class RuntimeActivator(WorkflowRuntime runtime) : Hangfire.JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(Scheduling.WorkflowJobs) ? new Scheduling.WorkflowJobs(runtime) : base.ActivateJob(jobType);
    }

    /// <summary>A job handler that issues numbered documents: <c>&lt;job&gt;-1</c>, <c>&lt;job&gt;-2</c>…</summary>
    protected sealed class NumberingJobHandler(string name) : IJobHandler
    {
        private int issued;

        public string Name { get; } = name;

        public Func<JobContext, Exception?>? FailWith { get; set; }

        /// <summary>How many times the handler ran to the end (its commit may still have failed).</summary>
        public int Issued => Volatile.Read(ref issued);

        /// <summary>Database work of the handler's own, done before it fails or answers.</summary>
        public Func<JobContext, CancellationToken, Task>? Work { get; set; }

        public async Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken)
        {
            if (Work is not null)
            {
                await Work(context, cancellationToken);
            }

            if (FailWith?.Invoke(context) is { } failure)
            {
                throw failure;
            }

            return new Dictionary<string, object?> { ["number"] = $"{Name}-{Interlocked.Increment(ref issued)}" };
        }
    }
}
