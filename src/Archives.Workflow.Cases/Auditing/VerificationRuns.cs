using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Journal;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Cases.Auditing;

/// <summary>
/// Verifying every case of a scope as a background job: starting one (at most one queued or running per
/// scope), running it (<see cref="IWorkflowRuntime.VerifyAllAsync"/>, its progress and failures stored as
/// it goes) and reading the runs back. A scope is an institution and those it oversees, as staff see
/// them; the nightly run covers every case. Readers see runs of scopes they see, and only the failures
/// of cases they may see (scope and avoidance).
/// </summary>
public sealed partial class VerificationRuns(
    Func<ArchivesDbContext> contexts,
    IWorkflowRuntime runtime,
    WorkflowClock clock,
    IOptions<VerificationOptions> options,
    ILogger<VerificationRuns> log,
    IBackgroundJobClient? jobs = null)
{
    /// <summary>The roles that start verifications and read their results.</summary>
    public static readonly string[] Roles = [StaffRoles.Auditor, StaffRoles.Administrator];

    /// <summary>Starts a verification of <paramref name="institutionCode"/>'s cases (the actor's own institution when null).</summary>
    /// <returns>The new run, or the run already queued or running for that scope (<c>Started</c> false).</returns>
    public async Task<(VerificationRun Run, bool Started)> StartAsync(Actor actor, string? institutionCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Roles);
        var code = string.IsNullOrEmpty(institutionCode) ? actor.Institution.Code : institutionCode;
        if (!actor.Sees(code))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.OutOfScope, $"{code} is outside the institutions {actor.Institution.Code} may see.");
        }

        return await QueueAsync(code, actor.UserName, cancellationToken);
    }

    /// <summary>Queues the nightly verification of every case (nothing new when one is still queued or running).</summary>
    public Task<(VerificationRun Run, bool Started)> StartNightlyAsync(CancellationToken cancellationToken) =>
        QueueAsync(null, VerificationRun.System, cancellationToken);

    private async Task<(VerificationRun Run, bool Started)> QueueAsync(string? institutionCode, string startedBy, CancellationToken cancellationToken)
    {
        var key = institutionCode ?? VerificationRun.Everything;

        // The running one may finish between a refused insert and the look for it: then the scope is free, and the start is tried again.
        for (var attempt = 1; ; attempt++)
        {
            var run = new VerificationRun
            {
                Id = Guid.CreateVersion7(), InstitutionCode = institutionCode, ScopeKey = key, StartedBy = startedBy,
                State = VerificationRunState.Queued, QueuedAt = clock.GetUtcNow(),
            };
            await using (var db = contexts())
            {
                db.Add(run);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
                {
                    if (await ActiveAsync(key, cancellationToken) is { } active)
                    {
                        if (!await SetAsideIfAbandonedAsync(active, cancellationToken))
                        {
                            return (active, false);
                        }

                        continue;
                    }

                    if (attempt == 3)
                    {
                        throw ArchivesException.Conflict(ArchivesCodes.VerificationRunning, "Verifications of this scope keep starting and finishing; start again.");
                    }

                    continue;
                }
            }

            var id = run.Id;
            jobs?.Enqueue<VerificationJobs>(j => j.Run(id, CancellationToken.None));
            return (run, true);
        }
    }

    /// <summary>
    /// A run nobody took up within <see cref="VerificationOptions.QueuedTimeout"/> (no Hangfire server, or its job
    /// lost with in-memory storage) is marked failed, so that a new run of its scope can start.
    /// </summary>
    private async Task<bool> SetAsideIfAbandonedAsync(VerificationRun active, CancellationToken cancellationToken)
    {
        var timeout = options.Value.QueuedTimeout;
        var now = clock.GetUtcNow();
        if (active.State != VerificationRunState.Queued || now - active.QueuedAt < timeout)
        {
            return false;
        }

        var error = $"No worker took this run up within {timeout.TotalMinutes:0} minutes; it was set aside when another run of its scope was started.";
        await using var db = contexts();
        // Only while it is still queued: a worker that takes it up at this moment keeps it.
        var setAside = await db.Set<VerificationRun>().Where(r => r.Id == active.Id && r.State == VerificationRunState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, VerificationRunState.Failed).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, error), cancellationToken);
        if (setAside == 1)
        {
            Log.SetAside(log, active.Id, active.ScopeKey);
        }

        return true;
    }

    /// <summary>Queues again the runs left queued or running when the process stopped (their jobs did not outlive it).</summary>
    public async Task<int> RequeueUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts();
        var unfinished = await db.Set<VerificationRun>().AsNoTracking()
            .Where(r => r.State == VerificationRunState.Queued || r.State == VerificationRunState.Running)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            jobs?.Enqueue<VerificationJobs>(j => j.Run(id, CancellationToken.None));
        }

        return unfinished.Count;
    }

    private async Task<VerificationRun?> ActiveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = contexts();
        return await db.Set<VerificationRun>().AsNoTracking()
            .Where(r => r.ScopeKey == key && (r.State == VerificationRunState.Queued || r.State == VerificationRunState.Running))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a queued run to its end. A run that was running when its host stopped starts again from the
    /// beginning (Hangfire gives the job back); a finished one is left alone.
    /// </summary>
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? institutions;
        await using (var db = contexts())
        {
            var run = await db.Set<VerificationRun>().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null || run.State is VerificationRunState.Completed or VerificationRunState.Failed)
            {
                return;
            }

            institutions = await ScopeAsync(db, run.InstitutionCode, cancellationToken);
            await db.Set<VerificationFailure>().Where(f => f.RunId == runId).ExecuteDeleteAsync(cancellationToken);
            run.State = VerificationRunState.Running;
            run.StartedAt = clock.GetUtcNow();
            run.CasesChecked = run.EventsChecked = run.Failures = 0;
            await db.SaveChangesAsync(cancellationToken);
        }

        Log.Started(log, runId, institutions is null ? VerificationRun.Everything : string.Join(',', institutions));
        try
        {
            var settings = options.Value;
            var final = await runtime.VerifyAllAsync(
                db => institutions is null
                    ? db.Set<ServiceCase>().Select(c => c.InstanceId)
                    : db.Set<ServiceCase>().Where(c => institutions.Contains(c.InstitutionCode)).Select(c => c.InstanceId),
                (progress, ct) => RecordAsync(runId, progress, ct),
                new BulkVerificationOptions { BatchSize = settings.BatchSize, Workers = settings.Workers, Readers = settings.Readers, ProgressEvery = settings.ProgressEvery },
                cancellationToken);
            Log.Finished(log, runId, final.CasesChecked, final.EventsChecked, final.Failures);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.Failed(log, runId, ex);
            await using var db = contexts();
            await db.Set<VerificationRun>().Where(r => r.Id == runId).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.State, VerificationRunState.Failed).SetProperty(r => r.FinishedAt, clock.GetUtcNow())
                    .SetProperty(r => r.Error, ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message),
                CancellationToken.None);
            throw;
        }
    }

    /// <summary>The institution codes <paramref name="institutionCode"/> oversees; null for every case.</summary>
    private static async Task<IReadOnlyList<string>?> ScopeAsync(DbContext db, string? institutionCode, CancellationToken cancellationToken)
    {
        if (institutionCode is null)
        {
            return null;
        }

        var all = await db.Set<Institution>().AsNoTracking().ToListAsync(cancellationToken);
        var scope = all.SingleOrDefault(i => i.Code == institutionCode) ?? throw ArchivesException.NotFound($"No institution {institutionCode}.");
        return [.. all.Where(scope.Oversees).Select(i => i.Code)];
    }

    private async Task RecordAsync(Guid runId, BulkVerificationProgress progress, CancellationToken cancellationToken)
    {
        await using var db = contexts();
        if (progress.NewFailures.Count > 0)
        {
            var instances = progress.NewFailures.Select(f => f.InstanceId).ToList();
            var cases = await db.Set<ServiceCase>().AsNoTracking().Where(c => instances.Contains(c.InstanceId))
                .Select(c => new { c.Id, c.Number, c.InstanceId }).ToDictionaryAsync(c => c.InstanceId, StringComparer.Ordinal, cancellationToken);
            foreach (var failure in progress.NewFailures)
            {
                var found = cases.GetValueOrDefault(failure.InstanceId);
                db.Add(new VerificationFailure
                {
                    RunId = runId, CaseId = found?.Id ?? Guid.Empty, CaseNumber = found?.Number ?? string.Empty, InstanceId = failure.InstanceId,
                    Sequence = failure.FirstBadSequence, Kind = failure.Kind, Detail = failure.Detail,
                });
            }
        }

        var run = await db.Set<VerificationRun>().SingleAsync(r => r.Id == runId, cancellationToken);
        run.TotalCases = progress.TotalCases;
        run.TotalEvents = progress.TotalEvents;
        run.CasesChecked = progress.CasesChecked;
        run.EventsChecked = progress.EventsChecked;
        run.Failures = progress.Failures;
        if (progress.Finished)
        {
            run.State = VerificationRunState.Completed;
            run.FinishedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The runs of scopes the actor sees (and the nightly runs), latest first.</summary>
    public async Task<VerificationPage<VerificationRunView>> ListAsync(Actor actor, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Roles);
        await using var db = contexts();
        var visible = actor.VisibleInstitutions.ToList();
        var query = db.Set<VerificationRun>().AsNoTracking().Where(r => r.InstitutionCode == null || visible.Contains(r.InstitutionCode));
        var total = await query.CountAsync(cancellationToken);
        var offset = (long)(page - 1) * pageSize;
        var runs = offset >= total ? [] : await query.OrderByDescending(r => r.QueuedAt).ThenByDescending(r => r.Id).Skip((int)offset).Take(pageSize).ToListAsync(cancellationToken);
        var views = new List<VerificationRunView>(runs.Count);
        foreach (var run in runs)
        {
            views.Add(await ViewAsync(db, actor, run, cancellationToken));
        }

        return new VerificationPage<VerificationRunView>(views, total, page, pageSize);
    }

    /// <summary>The latest run the actor started or that covers their scope, and the latest nightly run; either may be null.</summary>
    public async Task<(VerificationRunView? Latest, VerificationRunView? Nightly)> LatestAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Roles);
        await using var db = contexts();
        var visible = actor.VisibleInstitutions.ToList();
        var latest = await db.Set<VerificationRun>().AsNoTracking().Where(r => r.InstitutionCode != null && visible.Contains(r.InstitutionCode))
            .OrderByDescending(r => r.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        var nightly = await db.Set<VerificationRun>().AsNoTracking().Where(r => r.StartedBy == VerificationRun.System && r.InstitutionCode == null)
            .OrderByDescending(r => r.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        return (latest is null ? null : await ViewAsync(db, actor, latest, cancellationToken),
            nightly is null ? null : await ViewAsync(db, actor, nightly, cancellationToken));
    }

    /// <summary>One run, if the actor sees its scope.</summary>
    public async Task<VerificationRunView> GetAsync(Actor actor, Guid runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Roles);
        await using var db = contexts();
        var run = await db.Set<VerificationRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || (run.InstitutionCode is { } code && !actor.Sees(code)))
        {
            throw ArchivesException.NotFound($"No verification run {runId}.");
        }

        return await ViewAsync(db, actor, run, cancellationToken);
    }

    private static async Task<VerificationRunView> ViewAsync(DbContext db, Actor actor, VerificationRun run, CancellationToken cancellationToken)
    {
        // A run over every case counted cases of institutions the reader may not see (runs of other scopes are not listed to them).
        var partial = run.InstitutionCode is null && !actor.SeesEveryInstitution;
        return new VerificationRunView(run, await VisibleFailures(db, actor, run.Id).LongCountAsync(cancellationToken), partial);
    }

    /// <summary>A page of the run's failures, of cases the actor may see, by case number.</summary>
    public async Task<VerificationPage<VerificationFailure>> FailuresAsync(Actor actor, Guid runId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await GetAsync(actor, runId, cancellationToken);
        await using var db = contexts();
        var query = VisibleFailures(db, actor, runId);
        var total = await query.CountAsync(cancellationToken);
        var offset = (long)(page - 1) * pageSize;
        var items = offset >= total ? [] : await query.OrderBy(f => f.CaseNumber).ThenBy(f => f.Id).Skip((int)offset).Take(pageSize).ToListAsync(cancellationToken);
        return new VerificationPage<VerificationFailure>(items, total, page, pageSize);
    }

    private static IQueryable<VerificationFailure> VisibleFailures(DbContext db, Actor actor, Guid runId)
    {
        var cases = db.VisibleTo(actor).Cases.Select(c => c.Id);
        return db.Set<VerificationFailure>().AsNoTracking().Where(f => f.RunId == runId && cases.Contains(f.CaseId));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Verification {RunId} of {Scope} started")]
        public static partial void Started(ILogger logger, Guid runId, string scope);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Verification {RunId} finished: {Cases} cases, {Events} journal entries, {Failures} failures")]
        public static partial void Finished(ILogger logger, Guid runId, long cases, long events, long failures);

        [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "Verification {RunId} failed")]
        public static partial void Failed(ILogger logger, Guid runId, Exception exception);

        [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Verification {RunId} of {Scope} was still queued after the queued timeout and was set aside")]
        public static partial void SetAside(ILogger logger, Guid runId, string scope);
    }
}
