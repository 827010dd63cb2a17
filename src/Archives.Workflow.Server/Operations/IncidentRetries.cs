using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Engine;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Engine.Execution;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Operations;

/// <summary>What became of one incident in a retry.</summary>
public enum RetryOutcome
{
    /// <summary>The activity ran again and the case moved on (its job succeeded, a task or a wait opened, or the case went further).</summary>
    MovedOn,

    /// <summary>
    /// The activity ran again and failed: a new incident is open, named in the result (at once, or its job ran out
    /// of attempts while the answer waited), or its job failed again and waits for its next attempt by its retry policy.
    /// </summary>
    FailedAgain,

    /// <summary>The activity's job runs again and had not finished when the answer was given; the incidents list shows whether it fails again.</summary>
    JobRunning,

    /// <summary>Someone resolved it before (or the case closed); nothing was done.</summary>
    AlreadyResolved,

    /// <summary>The engine refused the retry (the activity no longer exists, a conflict); nothing was done.</summary>
    Refused,

    /// <summary>No such incident, or one of a case the administrator may not see.</summary>
    NotFound,
}

/// <summary>The result of retrying one incident, with the case it belongs to when it is visible.</summary>
public sealed record IncidentRetryResult(
    string IncidentId, RetryOutcome Outcome, Guid? CaseId = null, string? CaseNumber = null, string? Code = null, string? Message = null, string? NewIncidentId = null);

/// <summary>A batch of incidents to retry, in order.</summary>
public sealed record RetryIncidentsBody(IReadOnlyList<string>? Ids);

public sealed class RetryIncidentsBodyValidator : AbstractValidator<RetryIncidentsBody>
{
    public RetryIncidentsBodyValidator()
    {
        RuleFor(b => b.Ids).NotEmpty().WithErrorCode(ArchivesCodes.Required).WithMessage(LocalizedText.Of("请选择要重试的故障。", "Choose the incidents to retry."));
        RuleFor(b => b.Ids!.Count).LessThanOrEqualTo(IncidentRetries.MaxBatch).When(b => b.Ids is not null).OverridePropertyName("ids")
            .WithErrorCode(ArchivesCodes.OutOfRange)
            .WithMessage(LocalizedText.Of($"一次最多重试 {IncidentRetries.MaxBatch} 个故障。", $"At most {IncidentRetries.MaxBatch} incidents can be retried at once."));
        RuleForEach(b => b.Ids).NotEmpty().WithErrorCode(ArchivesCodes.Required).MaximumLength(IncidentRetries.MaxIdLength).WithErrorCode(ArchivesCodes.MaximumLength);
    }
}

/// <summary>
/// Retries incidents one by one for an administrator, each in its own burst: one that fails or is
/// refused does not stop the others, and each gets its own result.
/// </summary>
public sealed class IncidentRetries(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, IConfiguration configuration)
{
    /// <summary>The most incidents one request may retry.</summary>
    public const int MaxBatch = 100;

    public const int MaxIdLength = 200;

    /// <summary>
    /// How long a retry waits, after every incident of the batch was retried, for the jobs it started again
    /// to succeed or fail, so that a job failing again is answered as such and not as moved on
    /// (setting <c>Operations:RetryJobWait</c>, default 15 seconds).
    /// </summary>
    public TimeSpan JobWait { get; } = configuration?.GetValue<TimeSpan?>("Operations:RetryJobWait") ?? TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Retries the incidents in order, then waits (up to <see cref="JobWait"/>) for the jobs started again; the
    /// optional progress callback gets the results so far after each retry and when the jobs have settled.
    /// </summary>
    public async Task<IReadOnlyList<IncidentRetryResult>> RetryAsync(
        Actor actor, IReadOnlyList<string> ids, CancellationToken cancellationToken, Func<IReadOnlyList<IncidentRetryResult>, Task>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(ids);
        actor.EnsureRole(StaffRoles.Administrator);
        var results = new List<IncidentRetryResult>(ids.Count);
        var waiting = new List<(int Index, RunningJob Job)>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var (result, job) = await RetryWithoutWaitingAsync(actor, id, cancellationToken);
            if (job is not null)
            {
                waiting.Add((results.Count, job));
            }

            results.Add(result);
            if (progress is not null)
            {
                await progress(results.ToArray());
            }
        }

        if (waiting.Count > 0)
        {
            var settled = await SettleAsync([.. waiting.Select(w => (w.Job, results[w.Index]))], cancellationToken);
            for (var i = 0; i < waiting.Count; i++)
            {
                results[waiting[i].Index] = settled[i];
            }

            if (progress is not null)
            {
                await progress(results.ToArray());
            }
        }

        return results;
    }

    /// <summary>Retries one incident and waits (up to <see cref="JobWait"/>) for the job it started again.</summary>
    public async Task<IncidentRetryResult> RetryOneAsync(Actor actor, string id, CancellationToken cancellationToken) =>
        (await RetryAsync(actor, [id], cancellationToken)).Single();

    /// <summary>A job an incident's retry started again: the incident's activity waits on it.</summary>
    private sealed record RunningJob(string InstanceId, string ActivityId, int Attempt, HashSet<string> OpenBefore);

    private async Task<(IncidentRetryResult Result, RunningJob? Job)> RetryWithoutWaitingAsync(Actor actor, string id, CancellationToken cancellationToken)
    {
        IncidentRecord? incident;
        ServiceCase? serviceCase;
        HashSet<string> openBefore;
        await using (var db = contexts())
        {
            incident = await db.Set<IncidentRecord>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            serviceCase = incident is null ? null : await db.VisibleTo(actor).Cases.SingleOrDefaultAsync(c => c.InstanceId == incident.InstanceId, cancellationToken);
            if (incident is null || serviceCase is null)
            {
                // An incident of a case out of sight is answered as one that does not exist: its id tells nothing.
                return (new IncidentRetryResult(id, RetryOutcome.NotFound, Code: ArchivesCodes.NotFound), null);
            }

            if (incident.ResolvedAt is not null)
            {
                return (Resolved(incident, serviceCase), null);
            }

            openBefore = [.. await OpenIncidentsAsync(db, incident.InstanceId, cancellationToken)];
        }

        try
        {
            await runtime.RetryIncidentAsync(id, actor.UserName, cancellationToken);
        }
        catch (RefusalException e) when (e.Code == ErrorCodes.IncidentNotOpen)
        {
            return (Resolved(incident, serviceCase), null);
        }
        catch (RefusalException e)
        {
            return (new IncidentRetryResult(id, RetryOutcome.Refused, serviceCase.Id, serviceCase.Number, e.Code, RefusalException.Render(e.Text)), null);
        }

        await using (var db = contexts())
        {
            // An activity that fails within the retry's own burst (an expression, a missing activity) raises its new incident at once.
            if (await NewIncidentAsync(db, incident.InstanceId, openBefore, cancellationToken) is { } again)
            {
                return (FailedAgain(id, serviceCase, again), null);
            }

            var moved = new IncidentRetryResult(id, RetryOutcome.MovedOn, serviceCase.Id, serviceCase.Number);
            var attempt = await PendingJobAttemptAsync(db, incident.InstanceId, incident.ActivityId, cancellationToken);
            return attempt is { } started
                ? (moved with { Outcome = RetryOutcome.JobRunning }, new RunningJob(incident.InstanceId, incident.ActivityId, started, openBefore))
                : (moved, null);
        }
    }

    /// <summary>Waits for the jobs to succeed (moved on) or fail again (a new incident), up to <see cref="JobWait"/>.</summary>
    private async Task<IncidentRetryResult[]> SettleAsync(IReadOnlyList<(RunningJob Job, IncidentRetryResult Result)> jobs, CancellationToken cancellationToken)
    {
        var results = jobs.Select(j => j.Result).ToArray();
        var deadline = DateTime.UtcNow + JobWait;
        while (true)
        {
            await using (var db = contexts())
            {
                for (var i = 0; i < jobs.Count; i++)
                {
                    if (results[i].Outcome != RetryOutcome.JobRunning)
                    {
                        continue;
                    }

                    var job = jobs[i].Job;
                    if (await NewIncidentAsync(db, job.InstanceId, job.OpenBefore, cancellationToken) is { } again)
                    {
                        results[i] = FailedAgain(results[i].IncidentId, results[i], again);
                    }
                    else if (await PendingJobAttemptAsync(db, job.InstanceId, job.ActivityId, cancellationToken) is not { } attempt)
                    {
                        results[i] = results[i] with { Outcome = RetryOutcome.MovedOn };
                    }
                    else if (attempt > job.Attempt)
                    {
                        results[i] = results[i] with
                        {
                            Outcome = RetryOutcome.FailedAgain, Code = "JobFailed",
                            Message = $"The job failed again (attempt {job.Attempt}); attempt {attempt} follows its retry policy.",
                        };
                    }
                }
            }

            if (results.All(r => r.Outcome != RetryOutcome.JobRunning) || DateTime.UtcNow >= deadline)
            {
                return results;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>The attempt the activity's job is at, while it waits on one.</summary>
    private static async Task<int?> PendingJobAttemptAsync(ArchivesDbContext db, string instanceId, string activityId, CancellationToken cancellationToken) =>
        await db.Set<BookmarkRecord>().AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.ActivityId == activityId && b.Kind == nameof(BookmarkKind.Job) && b.Status == BookmarkStatus.Pending)
            .Select(b => (int?)b.Attempt).FirstOrDefaultAsync(cancellationToken);

    private static async Task<IncidentRecord?> NewIncidentAsync(ArchivesDbContext db, string instanceId, HashSet<string> openBefore, CancellationToken cancellationToken)
    {
        var now = await OpenIncidentsAsync(db, instanceId, cancellationToken);
        var raised = now.FirstOrDefault(i => !openBefore.Contains(i));
        return raised is null ? null : await db.Set<IncidentRecord>().AsNoTracking().SingleAsync(i => i.Id == raised, cancellationToken);
    }

    private static IncidentRetryResult FailedAgain(string id, ServiceCase serviceCase, IncidentRecord again) =>
        new(id, RetryOutcome.FailedAgain, serviceCase.Id, serviceCase.Number, again.Code, again.Message, again.Id);

    private static IncidentRetryResult FailedAgain(string id, IncidentRetryResult before, IncidentRecord again) =>
        new(id, RetryOutcome.FailedAgain, before.CaseId, before.CaseNumber, again.Code, again.Message, again.Id);

    private static IncidentRetryResult Resolved(IncidentRecord incident, ServiceCase serviceCase) =>
        new(incident.Id, RetryOutcome.AlreadyResolved, serviceCase.Id, serviceCase.Number, ErrorCodes.IncidentNotOpen,
            incident.ResolvedBy is null ? null : $"{incident.ResolvedBy} {incident.ResolvedAt:O}");

    private static Task<List<string>> OpenIncidentsAsync(ArchivesDbContext db, string instanceId, CancellationToken cancellationToken) =>
        db.Set<IncidentRecord>().AsNoTracking().Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).Select(i => i.Id).ToListAsync(cancellationToken);
}
