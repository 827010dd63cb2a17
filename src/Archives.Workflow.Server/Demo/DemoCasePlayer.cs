using System.Text.Json;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.Runtime.Observers;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Demo;

/// <summary>
/// Plays the demo cases through the runtime and the domain's own use cases (start a case, complete a
/// task, record an arrival, a receipt or a unit's reply), each step at its instant in the past on a
/// <see cref="DemoClock"/>: the journals, tasks, documents and milestones are what the same work done on
/// those days would have left, and every journal verifies. Timers fire when they fall due and jobs run
/// right after the step that asked for them, in this runtime of its own that schedules nothing, so the
/// database holds no pending job when seeding ends; what waits for a later date (a timer, a retry) is
/// left to the server's sweep.
/// </summary>
internal sealed partial class DemoCasePlayer
{
    // A step never lands on the same instant as the one before it, so the history reads in order.
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    // Timers fire a little after they fall due, as the sweep fires them.
    private static readonly TimeSpan TimerLag = TimeSpan.FromSeconds(10);

    private readonly Func<ArchivesDbContext> contexts;
    private readonly Func<string, Actor> actors;
    private readonly DateTimeOffset now;
    private readonly DemoClock clock;
    private readonly WorkflowRuntime runtime;
    private readonly StartCase start;
    private readonly CaseActions actions;
    private readonly Dictionary<string, string> outages = new(StringComparer.Ordinal);
    private readonly ILogger logger;

    public DemoCasePlayer(IServiceProvider services, Func<ArchivesDbContext> contexts, Func<string, Actor> actors, DateTimeOffset now, ILogger logger)
    {
        this.contexts = contexts;
        this.actors = actors;
        this.now = now;
        this.logger = logger;
        clock = new DemoClock(now);
        var handlers = services.GetServices<IJobHandler>().Select(h => (IJobHandler)new DemoJobOutage(h, outages)).ToList();
        runtime = new WorkflowRuntime(
            () => contexts(),
            services.GetRequiredService<ICalendarSource>(),
            clock,
            handlers,
            burstObservers: services.GetServices<IBurstObserver>(),
            // The outage a story stages is expected: its failed attempts are in the case's journal and its incident, not in the console.
            logger: Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var time = WorkflowClock.Over(clock);
        start = new StartCase(contexts, runtime, time);
        actions = new CaseActions(contexts, runtime, time);
    }

    /// <summary>Plays one case; false when a step would fall after today (the story is then cut there, and logged).</summary>
    public async Task<bool> PlayAsync(DemoCaseSeed seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seed);
        clock.Now = seed.DaysAgo is { } days ? now - TimeSpan.FromDays(days) : now;
        var serviceCase = await start.HandleAsync(actors(seed.StartedBy), new StartCaseRequest(seed.Process, Values.FromJsonObject(seed.Input)) { Version = seed.Version }, cancellationToken);
        if (seed.JobOutage is { } job)
        {
            outages[serviceCase.InstanceId] = job;
        }

        await RunJobsAsync(serviceCase.InstanceId, cancellationToken);
        foreach (var step in seed.Steps)
        {
            if (!await StepAsync(serviceCase, step, cancellationToken))
            {
                LogStoryCut(logger, serviceCase.Number, step.Task ?? step.Timer ?? "a step");
                return false;
            }

            await RunJobsAsync(serviceCase.InstanceId, cancellationToken);
        }

        await FireDueTimersAsync(serviceCase.InstanceId, cancellationToken);
        return true;
    }

    /// <summary>
    /// Fires, each when it fell due, the timers the story left pending that are due by today (a task's
    /// reminder, say), as the server's sweep would have: otherwise the sweep fires them all at start-up,
    /// and the history shows them at the wrong time.
    /// </summary>
    private async Task FireDueTimersAsync(string instanceId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 32; round++)
        {
            BookmarkRecord? timer;
            await using (var db = contexts())
            {
                timer = await db.Set<BookmarkRecord>().AsNoTracking()
                    .Where(b => b.InstanceId == instanceId && b.Kind == nameof(BookmarkKind.Timer) && b.Status == BookmarkStatus.Pending && b.DueAt != null)
                    .OrderBy(b => b.DueAt).FirstOrDefaultAsync(cancellationToken);
            }

            if (timer?.DueAt is not { } due || due + TimerLag > now)
            {
                return;
            }

            var at = due + TimerLag > clock.Now ? due + TimerLag : clock.Now + Pause;
            clock.Now = at > now ? now : at;
            await runtime.FireTimerAsync(timer.Id, cancellationToken);
            await RunJobsAsync(instanceId, cancellationToken);
        }
    }

    private async Task<bool> StepAsync(ServiceCase serviceCase, DemoStepSeed step, CancellationToken cancellationToken)
    {
        if (step.Timer is { } timerActivity)
        {
            BookmarkRecord timer;
            await using (var db = contexts())
            {
                timer = await db.Set<BookmarkRecord>().AsNoTracking()
                    .Where(b => b.InstanceId == serviceCase.InstanceId && b.ActivityId == timerActivity && b.Kind == nameof(BookmarkKind.Timer) && b.Status == BookmarkStatus.Pending)
                    .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"Demo case {serviceCase.Number}: no timer waits at {timerActivity}.");
            }

            var due = (timer.DueAt ?? clock.Now) + TimerLag;
            var at = due > clock.Now ? due : clock.Now + Pause;
            if (at > now)
            {
                return false;
            }

            clock.Now = at;
            await runtime.FireTimerAsync(timer.Id, cancellationToken);
            return true;
        }

        MoveTo(step.DaysAgo);
        var actor = actors(step.By ?? throw new InvalidOperationException($"Demo case {serviceCase.Number}: a step names nobody."));
        if (step.Task is { } activity)
        {
            string taskId;
            await using (var db = contexts())
            {
                taskId = await db.Set<WorkflowTask>()
                    .Where(t => t.InstanceId == serviceCase.InstanceId && t.ActivityId == activity && t.Status == Runtime.Tasks.TaskStatus.Open)
                    .Select(t => t.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"Demo case {serviceCase.Number}: no open task {activity}.");
            }

            var outcome = step.Outcome ?? throw new InvalidOperationException($"Demo case {serviceCase.Number}: task {activity} without an outcome.");
            await runtime.CompleteTaskAsync(taskId, outcome, step.Data is { } data ? Values.FromJsonObject(data) : null, actor.UserName, cancellationToken: cancellationToken);
        }
        else if (step.Arrival is { } arrival)
        {
            await actions.RecordArrivalAsync(actor, serviceCase.Id, arrival, cancellationToken);
        }
        else if (step.Receipt is { } receipt)
        {
            await actions.RecordReceiptAsync(actor, serviceCase.Id, receipt, cancellationToken);
        }
        else if (step.UnitReply is { } reply)
        {
            await actions.RecordUnitReplyAsync(actor, serviceCase.Id, reply, cancellationToken);
        }
        else
        {
            throw new InvalidOperationException($"Demo case {serviceCase.Number}: a step does nothing.");
        }

        return true;
    }

    /// <summary>Runs the case's pending jobs one after the other (a job's success may ask for the next), until none is pending, one waits for a later retry, or the case has an incident.</summary>
    private async Task RunJobsAsync(string instanceId, CancellationToken cancellationToken)
    {
        // Each process chains at most four jobs, and a failing job three attempts: the bound is only a guard.
        for (var round = 0; round < 32; round++)
        {
            BookmarkRecord? job;
            await using (var db = contexts())
            {
                if (await db.Set<IncidentRecord>().AnyAsync(i => i.InstanceId == instanceId && i.ResolvedAt == null, cancellationToken))
                {
                    return;
                }

                job = await db.Set<BookmarkRecord>().AsNoTracking()
                    .Where(b => b.InstanceId == instanceId && b.Kind == nameof(BookmarkKind.Job) && b.Status == BookmarkStatus.Pending)
                    .OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken);
            }

            if (job is null || job.DueAt > now)
            {
                return;
            }

            var at = clock.Now + Pause;
            if (job.DueAt is { } due && due > at)
            {
                at = due;
            }

            clock.Now = at > now ? now : at;
            await runtime.RunJobAsync(job.Id, cancellationToken);
        }
    }

    private void MoveTo(double? daysAgo)
    {
        var at = daysAgo is { } days ? now - TimeSpan.FromDays(days) : now;
        if (at <= clock.Now)
        {
            at = clock.Now + Pause;
        }

        clock.Now = at > now ? now : at;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo case {Number} stops before {Step}: it would fall due after today")]
    private static partial void LogStoryCut(ILogger logger, string number, string step);
}

/// <summary>One demo case: who opens it, when, with what, and what happens to it afterwards.</summary>
/// <remarks><c>Version</c> names the published version the case was opened on (a case opened before a later version was published); none for the newest.</remarks>
internal sealed record DemoCaseSeed(string Process, string StartedBy, JsonElement Input, List<DemoStepSeed> Steps, double? DaysAgo = null, string? JobOutage = null, int? Version = null);

/// <summary>One step of a demo case: a task completed, a timer falling due, or a record the case waits for.</summary>
internal sealed record DemoStepSeed(
    string? Task = null,
    string? Outcome = null,
    string? By = null,
    JsonElement? Data = null,
    double? DaysAgo = null,
    string? Timer = null,
    RecordArrivalRequest? Arrival = null,
    RecordReceiptRequest? Receipt = null,
    RecordUnitReplyRequest? UnitReply = null);
