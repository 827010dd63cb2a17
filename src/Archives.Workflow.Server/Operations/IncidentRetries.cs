using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Engine;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Incidents;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Operations;

/// <summary>What became of one incident in a retry.</summary>
public enum RetryOutcome
{
    /// <summary>The activity ran again and the case moved on (a job runs again, a task or a wait opened, or the case went further).</summary>
    MovedOn,

    /// <summary>The activity ran again and failed at once: a new incident is open, named in the result.</summary>
    FailedAgain,

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
public sealed class IncidentRetries(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime)
{
    /// <summary>The most incidents one request may retry.</summary>
    public const int MaxBatch = 100;

    public const int MaxIdLength = 200;

    public async Task<IReadOnlyList<IncidentRetryResult>> RetryAsync(Actor actor, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(ids);
        actor.EnsureRole(StaffRoles.Administrator);
        var results = new List<IncidentRetryResult>(ids.Count);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            results.Add(await RetryOneAsync(actor, id, cancellationToken));
        }

        return results;
    }

    public async Task<IncidentRetryResult> RetryOneAsync(Actor actor, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(StaffRoles.Administrator);
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
                return new IncidentRetryResult(id, RetryOutcome.NotFound, Code: ArchivesCodes.NotFound);
            }

            if (incident.ResolvedAt is not null)
            {
                return Resolved(incident, serviceCase);
            }

            openBefore = [.. await OpenIncidentsAsync(db, incident.InstanceId, cancellationToken)];
        }

        try
        {
            await runtime.RetryIncidentAsync(id, actor.UserName, cancellationToken);
        }
        catch (RefusalException e) when (e.Code == ErrorCodes.IncidentNotOpen)
        {
            return Resolved(incident, serviceCase);
        }
        catch (RefusalException e)
        {
            return new IncidentRetryResult(id, RetryOutcome.Refused, serviceCase.Id, serviceCase.Number, e.Code, RefusalException.Render(e.Text));
        }

        await using (var db = contexts())
        {
            // An activity that fails within the retry's own burst (an expression, a missing activity) raises its new incident at once.
            var now = await OpenIncidentsAsync(db, incident.InstanceId, cancellationToken);
            var raised = now.FirstOrDefault(i => !openBefore.Contains(i));
            if (raised is not null)
            {
                var again = await db.Set<IncidentRecord>().AsNoTracking().SingleAsync(i => i.Id == raised, cancellationToken);
                return new IncidentRetryResult(id, RetryOutcome.FailedAgain, serviceCase.Id, serviceCase.Number, again.Code, again.Message, again.Id);
            }
        }

        return new IncidentRetryResult(id, RetryOutcome.MovedOn, serviceCase.Id, serviceCase.Number);
    }

    private static IncidentRetryResult Resolved(IncidentRecord incident, ServiceCase serviceCase) =>
        new(incident.Id, RetryOutcome.AlreadyResolved, serviceCase.Id, serviceCase.Number, ErrorCodes.IncidentNotOpen,
            incident.ResolvedBy is null ? null : $"{incident.ResolvedBy} {incident.ResolvedAt:O}");

    private static Task<List<string>> OpenIncidentsAsync(ArchivesDbContext db, string instanceId, CancellationToken cancellationToken) =>
        db.Set<IncidentRecord>().AsNoTracking().Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).Select(i => i.Id).ToListAsync(cancellationToken);
}
