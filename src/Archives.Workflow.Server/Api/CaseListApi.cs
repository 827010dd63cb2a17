using System.Globalization;
using System.Text;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Server.Components;
using Archives.Workflow.Server.People;
using Archives.Workflow.Server.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Api;

/// <summary>A case as the cases list shows it: the case, its person's name and identity number, and where it stands.</summary>
public sealed record CaseListItemDto(
    Guid Id, string Number, string ProcessId, int DefinitionVersion, string InstanceId, Guid PersonId, string PersonName, string IdentityNumber,
    Guid? FileId, string InstitutionCode, string? Milestone, CaseStatus Status, CaseState State, bool Overdue, bool OpenIncident,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, DateTimeOffset? DeadlineAt, CaseChannel Channel);

/// <summary>
/// <c>GET /api/cases</c> (the cases list, one page) and <c>GET /api/cases/export</c> (the same filters as CSV), read
/// through <see cref="CaseSearch"/>.
/// </summary>
public static class CaseListApi
{
    /// <summary>How many cases the export describes per round trip while it streams.</summary>
    private const int ExportBatch = 500;

    public static RouteGroupBuilder MapCaseList(this RouteGroupBuilder group)
    {
        group.MapGet("/", async ([AsParameters] CaseSearchRequest request, int? page, int? pageSize,
            CurrentActor current, Func<ArchivesDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole([.. CaseSearch.Readers]);
            var filter = CaseSearch.Read(request);
            var (number, size) = Paging.Check(page, pageSize);
            await using var db = contexts();
            var found = await CaseSearch.PageAsync(db, actor, filter, number, size, clock.GetUtcNow(), ct);
            return TypedResults.Ok(new Page<CaseListItemDto>([.. found.Items.Select(Dto)], found.Total, found.PageNumber, found.PageSize) { TotalIsLowerBound = found.TotalIsLowerBound });
        });

        group.MapGet("/export", async Task<EmptyHttpResult> ([AsParameters] CaseSearchRequest request, HttpContext http,
            CurrentActor current, Func<ArchivesDbContext> contexts, TimeProvider clock, ProcessCatalog processes,
            IStringLocalizer<CasesText> text, IStringLocalizer<LabelsText> labels, IStringLocalizer<EntrustmentText> channels, PeopleDirectory directory, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole([.. CaseSearch.Readers]);
            var filter = CaseSearch.Read(request);
            var now = clock.GetUtcNow();
            await using var db = contexts();
            await using var lookups = contexts();
            // Everything that can refuse the request runs before the first byte, so a refusal is still a ProblemDetails.
            var query = await CaseSearch.QueryAsync(db, actor, filter, now, ct);
            var institutions = await lookups.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
            var english = UiCulture.IsEnglish;
            var people = await directory.GetAsync(ct);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"cases-{ChinaTime.Date(now):yyyyMMdd}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
            await CsvLine(writer, [.. Columns.Select(c => text[$"Column.{c}"].Value), channels["Column.Channel"].Value]);
            var batch = new List<CaseAndPerson>(ExportBatch);
            async Task FlushAsync()
            {
                foreach (var item in await CaseSearch.DescribeAsync(lookups, batch, now, ct))
                {
                    var c = item.Case;
                    var milestone = c.Milestone is null ? string.Empty : labels.Milestone(c.Milestone);
                    var institution = institutions.TryGetValue(c.InstitutionCode, out var i) ? (english ? i.NameEn : i.NameZh) : c.InstitutionCode;
                    await CsvLine(writer,
                    [
                        c.Number, await processes.NameAsync(c.ProcessId, ct), c.DefinitionVersion.ToString(CultureInfo.InvariantCulture), item.Person.Name,
                        item.Person.IdentityNumber, institution, milestone, text[$"State.{item.State}"].Value, item.Overdue ? text["Yes"].Value : string.Empty,
                        ChinaDateTime(c.OpenedAt), c.ClosedAt is { } closed ? ChinaDateTime(closed) : string.Empty,
                        c.OpenedBy, people.NameWithInstitution(c.OpenedBy, UiCulture.Language), channels[$"Channel.{c.Channel}"].Value,
                    ]);
                }

                batch.Clear();
                await writer.FlushAsync(ct);
            }

            await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                batch.Add(row);
                if (batch.Count == ExportBatch)
                {
                    await FlushAsync();
                }
            }

            await FlushAsync();
            return TypedResults.Empty;
        });
        return group;
    }

    private static readonly string[] Columns = ["Number", "Process", "Version", "Person", "IdentityNumber", "Institution", "Milestone", "Status", "Overdue", "OpenedAt", "ClosedAt", "OpenedBy", "OpenedByName"];

    private static CaseListItemDto Dto(CaseListItem item)
    {
        var c = item.Case;
        return new CaseListItemDto(c.Id, c.Number, c.ProcessId, c.DefinitionVersion, c.InstanceId, c.PersonId, item.Person.Name, item.Person.IdentityNumber,
            c.FileId, c.InstitutionCode, c.Milestone, c.Status, item.State, item.Overdue, item.OpenIncident, c.OpenedAt, c.OpenedBy, c.ClosedAt, c.DeadlineAt, c.Channel);
    }

    private static string ChinaDateTime(DateTimeOffset instant) =>
        instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static Task CsvLine(StreamWriter writer, string[] cells) =>
        writer.WriteAsync(string.Join(',', cells.Select(Csv.Cell)) + "\r\n");
}
