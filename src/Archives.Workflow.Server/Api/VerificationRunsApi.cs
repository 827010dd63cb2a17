using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Auditing;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// Verification of every case in a scope, for auditors and administrators: start one (a background job;
/// 202 with its id, or 409 naming the run of the same scope still queued or running), list the runs,
/// read one with its progress and failures.
/// </summary>
public static class VerificationRunsApi
{
    /// <summary>What to verify: the cases of <paramref name="Institution"/> and those it oversees (the caller's own institution when empty).</summary>
    public sealed record StartVerificationBody(string? Institution);

    public sealed class StartVerificationBodyValidator : AbstractValidator<StartVerificationBody>
    {
        public StartVerificationBodyValidator()
        {
            RuleFor(b => b.Institution).MaximumLength(32).WithMessage(LocalizedText.Of("机构代码至多 32 个字符。", "An institution code has at most 32 characters."))
                .Matches("^[A-Za-z0-9-]*$").WithMessage(LocalizedText.Of("机构代码只含字母、数字和连字符。", "An institution code holds letters, digits and hyphens only."));
        }
    }

    public sealed record VerificationRunDto(
        Guid Id, string? Institution, string StartedBy, bool Nightly, VerificationRunState State, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt,
        DateTimeOffset? FinishedAt, long? TotalCases, long? TotalEvents, long? CasesChecked, long? EventsChecked, long Failures, string? Error,
        bool Partial, double PercentDone);

    public sealed record VerificationFailureDto(Guid CaseId, string CaseNumber, string InstanceId, long Sequence, string Kind, string Detail);

    public sealed record VerificationRunDetailDto(VerificationRunDto Run, PageDto<VerificationFailureDto> Failures);

    public sealed record PageDto<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

    public static RouteGroupBuilder MapVerificationRunsApi(this RouteGroupBuilder group)
    {
        group.MapPost("/", async Task<IResult> (StartVerificationBody body, CurrentActor current, VerificationRuns runs, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            var (run, started) = await runs.StartAsync(actor, body.Institution, ct);
            if (!started)
            {
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = ArchivesCodes.VerificationRunning,
                    Detail = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
                        ? $"A verification of this scope is already queued or running: {run.Id}."
                        : $"该范围的核验已在排队或进行中：{run.Id}。",
                };
                problem.Extensions["code"] = ArchivesCodes.VerificationRunning;
                problem.Extensions["runId"] = run.Id;
                return TypedResults.Problem(problem);
            }

            return TypedResults.Accepted($"/api/verification-runs/{run.Id}", new { id = run.Id });
        }).RequireStaffRole(StaffRoles.Auditor, StaffRoles.Administrator);

        group.MapGet("/", async (int? page, int? pageSize, CurrentActor current, VerificationRuns runs, CancellationToken ct) =>
        {
            var (number, size) = Paging.Check(page, pageSize);
            var list = await runs.ListAsync(await current.GetAsync(ct), number, size, ct);
            return TypedResults.Ok(new PageDto<VerificationRunDto>([.. list.Items.Select(DtoOf)], list.Total, list.Page, list.PageSize));
        });

        group.MapGet("/{id:guid}", async (Guid id, int? page, int? pageSize, CurrentActor current, VerificationRuns runs, CancellationToken ct) =>
        {
            var (number, size) = Paging.Check(page, pageSize);
            var actor = await current.GetAsync(ct);
            var run = await runs.GetAsync(actor, id, ct);
            var failures = await runs.FailuresAsync(actor, id, number, size, ct);
            return TypedResults.Ok(new VerificationRunDetailDto(
                DtoOf(run),
                new PageDto<VerificationFailureDto>(
                    [.. failures.Items.Select(f => new VerificationFailureDto(f.CaseId, f.CaseNumber, f.InstanceId, f.Sequence, f.Kind, f.Detail))],
                    failures.Total, failures.Page, failures.PageSize)));
        });
        return group;
    }

    /// <summary>The run as its reader sees it: the failures counted are those of cases the reader may see; a run wider than the reader's scope gives no counts of cases or entries (<c>partial</c>), only how far it has come.</summary>
    public static VerificationRunDto DtoOf(VerificationRunView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Run;
        return new VerificationRunDto(
            r.Id, r.InstitutionCode, r.StartedBy, r.StartedBy == VerificationRun.System && r.InstitutionCode is null, r.State, r.QueuedAt, r.StartedAt,
            r.FinishedAt, view.Partial ? null : r.TotalCases, view.Partial ? null : r.TotalEvents, view.Partial ? null : r.CasesChecked,
            view.Partial ? null : r.EventsChecked, view.VisibleFailures, r.Error, view.Partial, view.PercentDone);
    }
}
