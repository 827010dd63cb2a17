using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Tasks;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = Archives.Workflow.Runtime.Tasks.TaskStatus;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// <c>GET /api/cases</c> and <c>/api/cases/export</c>: every filter, sorting, paging and counting, on cases in
/// every state of one street office (Jianwai), beside a case of another district (Zhongguancun) and a case of a
/// person the Jianwai caseworker avoids, which must never appear to those who may not see them, whatever the filter.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class CaseListTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Receipt = "unemployed-file-receipt";

    /// <summary>Just after midnight in Beijing on the fixture's day, with ticks a whole second never has: still that day in China, the day before in UTC.</summary>
    private static readonly DateTimeOffset JustAfterMidnight = new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private const string FormulaName = "=HYPERLINK(\"http://evil\",\"点我\"),\n王小明";

    private Seeded completed = null!;
    private Seeded waiting = null!;
    private Seeded running = null!;
    private Seeded faulted = null!;
    private Seeded cancelled = null!;
    private Seeded avoided = null!;
    private Seeded haidian = null!;

    private sealed record Seeded(string Id, string Number, string IdentityNumber, string Name, string InstanceId);

    private IEnumerable<Seeded> Jianwai => [completed, waiting, running, faulted, cancelled];

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");

        completed = await StartAsync(worker, "欧阳娜娜", endsWithX: true);
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, completed.Id, "check-application"), "Accept", new { comment = "齐全" }));
        await MilestoneAsync(worker, completed.Id, "AwaitingFile");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{completed.Id}/arrival", new { method = "Courier", trackingNumber = "ZR-2026-101", fromUnit = "北京某科技有限公司" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, completed.Id, "verify-file"), "Complete", new { materialCount = 12 }));
        await MilestoneAsync(worker, completed.Id, "InCustody");
        await SignAgreementAsync(worker, completed.Id);

        waiting = await AcceptedAsync(worker, "司马相如");
        faulted = await AcceptedAsync(worker, "诸葛亮");
        running = await StartAsync(worker, "王小明");
        await TaskAsync(worker, running.Id, "check-application");
        cancelled = await StartAsync(worker, "上官婉儿");
        await TaskAsync(worker, cancelled.Id, "check-application");
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/cases/{cancelled.Id}/cancel", new { reason = "申请人撤回申请" }));
        avoided = await StartAsync(supervisor, "回避王某");
        await TaskAsync(supervisor, avoided.Id, "check-application");
        haidian = await StartAsync(await As("zgc.caseworker"), "海淀王某", "北京市海淀区中关村街道", "110108");
        await TaskAsync(await As("zgc.caseworker"), haidian.Id, "check-application");

        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var now = Clock.GetUtcNow();
        // An incident, as the runtime records a job that ran out of retries; a task past its due date; a case opened
        // just after midnight in Beijing; a name a spreadsheet would read as a formula; then the avoidance.
        var task = await db.Set<WorkflowTask>().SingleAsync(t => t.InstanceId == running.InstanceId && t.Status == TaskStatus.Open);
        task.DueAt = now.AddDays(-2);
        var runningCase = await db.Set<ServiceCase>().SingleAsync(c => c.Id == Guid.Parse(running.Id));
        runningCase.OpenedAt = JustAfterMidnight;
        var person = await db.Set<Person>().SingleAsync(p => p.Id == runningCase.PersonId);
        person.Name = FormulaName;
        running = running with { Name = FormulaName };
        var member = await db.Set<StaffMember>().SingleAsync(s => s.UserName == "jw.caseworker");
        member.Avoidance = string.Join(",", member.AvoidanceList.Append(avoided.IdentityNumber));
        await db.SaveChangesAsync();
        await OpenAtAsync(db, [runningCase.Id], JustAfterMidnight);
        await IncidentRows.AddAsync(db, new IncidentRecord { Id = $"incident-{faulted.InstanceId}", InstanceId = faulted.InstanceId, ActivityId = "register-file", Code = "JobFailed", Message = "登记失败", Attempts = 3, CreatedAt = now });
        await Eventually.Until(() => StatesAsync("cy.supervisor"), s => s.GetValueOrDefault(waiting.Id) == "Waiting", "the accepted receipt waits for its file");
    }

    [Test]
    public async Task Each_status_lists_exactly_the_cases_in_that_state()
    {
        var expected = new Dictionary<string, Seeded>
        {
            ["completed"] = completed, ["waiting"] = waiting, ["running"] = running, ["faulted"] = faulted, ["cancelled"] = cancelled,
        };
        foreach (var (status, seeded) in expected)
        {
            var ids = await IdsAsync("jw.caseworker", $"status={status}");
            Assert.That(Jianwai.Where(s => ids.Contains(s.Id)), Is.EqualTo(new[] { seeded }), status);
        }

        Assert.That(await IdsAsync("jw.caseworker", "incidents=true"), Is.EqualTo(new[] { faulted.Id }));
        var states = await StatesAsync("jw.caseworker");
        Assert.That(Jianwai.Select(s => states[s.Id]), Is.EqualTo(new[] { "Completed", "Waiting", "Running", "Faulted", "Cancelled" }));
    }

    [Test]
    public async Task Each_open_case_waits_exactly_where_its_instance_waits_and_a_closed_case_nowhere()
    {
        // The cases were started, completed, signalled and cancelled through the API: every burst kept the case's waits
        // and its faulted flag, which the activity and faulted filters read instead of the bookmarks and incidents.
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var cases = await db.Set<ServiceCase>().AsNoTracking().ToListAsync();
        var pending = await db.Set<BookmarkRecord>().AsNoTracking().Where(b => b.Status == BookmarkStatus.Pending).Select(b => new { b.InstanceId, b.ActivityId }).ToListAsync();
        var incidents = await db.Set<IncidentRecord>().AsNoTracking().Where(i => i.ResolvedAt == null).Select(i => new { i.InstanceId, i.ActivityId }).ToListAsync();
        var waits = await db.Set<CaseWait>().AsNoTracking().ToListAsync();
        Assert.That(cases.Select(c => c.Status), Does.Contain(CaseStatus.Closed).And.Contain(CaseStatus.Cancelled).And.Contain(CaseStatus.Open));
        foreach (var c in cases)
        {
            var expected = c.Status != CaseStatus.Open ? []
                : pending.Where(b => b.InstanceId == c.InstanceId).Select(b => b.ActivityId)
                    .Concat(incidents.Where(i => i.InstanceId == c.InstanceId).Select(i => i.ActivityId)).Distinct().Order(StringComparer.Ordinal).ToList();
            var kept = waits.Where(w => w.CaseId == c.Id).ToList();
            Assert.That(kept.Select(w => w.ActivityId).Order(StringComparer.Ordinal), Is.EqualTo(expected), c.Number);
            Assert.That(kept.Select(w => (w.ProcessId, w.InstitutionCode, w.PersonId, w.OpenedAt)).Distinct(),
                Is.EqualTo(kept.Count == 0 ? [] : new[] { (c.ProcessId, c.InstitutionCode, c.PersonId, c.OpenedAt) }), c.Number);
            Assert.That(c.Faulted, Is.EqualTo(incidents.Exists(i => i.InstanceId == c.InstanceId)), c.Number);
        }

        Assert.That(waits.Select(w => w.CaseId).Distinct(), Is.SubsetOf(cases.Select(c => c.Id)));
    }

    [Test]
    public async Task Overdue_lists_the_open_case_whose_task_is_past_due_and_marks_it()
    {
        var page = await PageAsync("jw.caseworker", "overdue=true");
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.That(Jianwai.Where(s => ids.Contains(s.Id)), Is.EqualTo(new[] { running }));
        Assert.That(page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == running.Id).GetProperty("overdue").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_person_is_found_by_part_of_a_chinese_name_or_the_whole_identity_number_ending_in_x()
    {
        Assert.That(completed.IdentityNumber, Does.EndWith("X"));
        Assert.That(await IdsAsync("jw.caseworker", "q=" + Uri.EscapeDataString("阳娜")), Is.EqualTo(new[] { completed.Id }));
        Assert.That(await IdsAsync("jw.caseworker", "q=" + completed.IdentityNumber.ToLowerInvariant()), Is.EqualTo(new[] { completed.Id }));
        Assert.That(await IdsAsync("jw.caseworker", "q=" + completed.IdentityNumber[..^1]), Is.Empty, "an identity number is matched whole");
        Assert.That(await IdsAsync("jw.caseworker", "q=" + Uri.EscapeDataString("王某")), Is.Empty, "the avoided person and the other district's");
        Assert.That(await IdsAsync("cy.supervisor", "q=" + Uri.EscapeDataString("王某")), Is.EqualTo(new[] { avoided.Id }), "a colleague who does not avoid them finds them");
        Assert.That(await IdsAsync("bj.auditor", "q=" + Uri.EscapeDataString("王某")), Is.EquivalentTo(new[] { avoided.Id, haidian.Id }));
    }

    [Test]
    public async Task A_name_fragment_matching_several_persons_lists_each_of_their_visible_cases()
    {
        var auditor = await IdsAsync("bj.auditor", "pageSize=200&q=" + Uri.EscapeDataString("王"));
        Assert.That(auditor, Is.SupersetOf(new[] { running.Id, avoided.Id, haidian.Id }));
        Assert.That(auditor, Does.Not.Contain(completed.Id).And.Not.Contain(waiting.Id).And.Not.Contain(cancelled.Id));
        var caseworker = await IdsAsync("jw.caseworker", "pageSize=200&q=" + Uri.EscapeDataString("王"));
        Assert.That(caseworker, Does.Contain(running.Id), "a name with a line break and a formula in it is still matched by its part");
        Assert.That(caseworker, Does.Not.Contain(avoided.Id).And.Not.Contain(haidian.Id), "the avoided person and the other district's stay hidden");
    }

    [Test]
    public async Task A_name_fragment_matching_nobody_lists_nothing_with_a_total_of_zero()
    {
        var page = await PageAsync("bj.auditor", "q=" + Uri.EscapeDataString("王🦄明"));
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(0));
        Assert.That((page.GetProperty("total").GetInt32(), page.GetProperty("totalIsLowerBound").GetBoolean()), Is.EqualTo((0, false)));
    }

    [Test]
    public async Task A_whole_case_number_typed_in_the_search_box_finds_its_case_only_where_it_is_visible()
    {
        Assert.That(await IdsAsync("jw.caseworker", "q=" + waiting.Number), Is.EqualTo(new[] { waiting.Id }));
        Assert.That(await IdsAsync("jw.caseworker", "q=" + waiting.Number.ToLowerInvariant()), Is.EqualTo(new[] { waiting.Id }));
        Assert.That(await IdsAsync("jw.caseworker", "q=" + waiting.Number[..^2]), Is.Empty, "the search box matches a case number whole");
        Assert.That(await IdsAsync("jw.caseworker", "q=" + haidian.Number), Is.Empty, "another district's case");
        Assert.That(await IdsAsync("jw.caseworker", "q=" + avoided.Number), Is.Empty, "an avoided person's case");
        Assert.That(await IdsAsync("zgc.caseworker", "q=" + haidian.Number), Is.EqualTo(new[] { haidian.Id }));
    }

    [Test]
    public async Task A_fragment_matching_more_persons_than_the_limit_lists_the_same_cases_as_one_below_it()
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == "bj.auditor");
        var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
        var actor = new Actor(staff, institutions[staff.InstitutionCode], staff.Roles.Split(','), institutions);
        var filter = CaseSearch.Read(new CaseSearchRequest { Q = "王" });
        var byIds = await CaseSearch.PageAsync(db, actor, filter, 1, 200, Clock.GetUtcNow(), CancellationToken.None);
        var byProbes = await CaseSearch.PageAsync(db, actor, filter, 1, 200, Clock.GetUtcNow(), CancellationToken.None, personLimit: 1);
        Assert.That(byProbes.Items.Select(i => i.Case.Id), Is.EqualTo(byIds.Items.Select(i => i.Case.Id)));
        Assert.That(byProbes.Total, Is.EqualTo(byIds.Total));
        Assert.That(byIds.Items.Select(i => i.Case.Id.ToString()), Is.SupersetOf(new[] { running.Id, avoided.Id, haidian.Id }));
    }

    [Test]
    public async Task A_name_many_persons_share_pages_by_walking_the_newest_cases_in_the_order_the_database_sorts_them()
    {
        // Three cases opened at one instant newer than any other (two of persons named with 王, one not): walks in batches
        // of two, four and a thousand cut through and beside that instant. Every page a walk finds is the database's own
        // page of the sorted list; a batch that one instant fills gives the page back to the database; and the list's
        // pages, walked or sorted, are the same for a reader who sees everything and one who avoids a person.
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var now = Clock.GetUtcNow();
        var tied = new[] { completed, running, haidian }.Select(c => Guid.Parse(c.Id)).ToList();
        var openings = await db.Set<ServiceCase>().AsNoTracking().Where(c => tied.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.OpenedAt);
        var newest = (await db.Set<ServiceCase>().AsNoTracking().Select(c => c.OpenedAt).ToListAsync()).Max();
        var instant = newest.AddSeconds(1).AddTicks(1_234_560);
        await OpenAtAsync(db, tied, instant);
        try
        {
            var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
            var named = (await db.Set<Person>().AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync()).Where(p => p.Name.Contains('王', StringComparison.Ordinal)).Select(p => p.Id).ToList();
            foreach (var userName in new[] { "bj.auditor", "jw.caseworker" })
            {
                var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == userName);
                var actor = new Actor(staff, institutions[staff.InstitutionCode], staff.Roles.Split(','), institutions);
                var visible = db.VisibleTo(actor).Cases;
                foreach (var descending in new[] { true, false })
                {
                    var byOpening = descending ? visible.OrderByDescending(c => c.OpenedAt) : visible.OrderBy(c => c.OpenedAt);
                    var sorted = await byOpening.ThenBy(c => c.Id).Where(c => named.Contains(c.PersonId)).Select(c => c.Id).ToListAsync();
                    Assert.That(sorted, Has.Count.GreaterThanOrEqualTo(userName == "bj.auditor" ? 2 : 1), userName);
                    foreach (var batch in new[] { 2, 4, 1_000 })
                    {
                        foreach (var size in new[] { 1, 2 })
                        {
                            for (var offset = 0; offset <= sorted.Count; offset += size)
                            {
                                var page = await CaseSearch.WalkAsync(visible, c => named.Contains(c.PersonId), descending, offset, size, batch, CancellationToken.None);
                                if (page is not null)
                                {
                                    Assert.That(page, Is.EqualTo(sorted.Skip(offset).Take(size)), $"{userName}, {(descending ? "newest" : "oldest")} first, batch {batch}, page at {offset} of {size}");
                                }
                                else
                                {
                                    Assert.That(batch, Is.LessThan(1_000), "a batch larger than the list always finds the page");
                                }
                            }
                        }
                    }

                    if (descending && userName == "bj.auditor")
                    {
                        Assert.That(await CaseSearch.WalkAsync(visible, c => named.Contains(c.PersonId), true, 0, 1, 2, CancellationToken.None), Is.Null, "two cases of one instant fill a batch of two");
                        Assert.That(await CaseSearch.WalkAsync(visible, c => named.Contains(c.PersonId), true, 0, 2, 4, CancellationToken.None), Is.EqualTo(sorted.Take(2)), "a batch of four ends past the instant");
                    }

                    var filter = CaseSearch.Read(new CaseSearchRequest { Q = "王", Sort = descending ? "-openedAt" : "openedAt" });
                    foreach (var size in new[] { 1, 3 })
                    {
                        for (var number = 1; (number - 1) * size <= sorted.Count; number++)
                        {
                            var walked = await CaseSearch.PageAsync(db, actor, filter, number, size, now, CancellationToken.None, walkPersons: 0, walkBatch: 4);
                            var bySort = await CaseSearch.PageAsync(db, actor, filter, number, size, now, CancellationToken.None, walkPersons: int.MaxValue);
                            Assert.That(walked.Items.Select(i => i.Case.Id), Is.EqualTo(bySort.Items.Select(i => i.Case.Id)).And.EqualTo(sorted.Skip((number - 1) * size).Take(size)), $"{userName}: page {number} of {size}");
                            Assert.That((walked.Total, walked.TotalIsLowerBound), Is.EqualTo((bySort.Total, bySort.TotalIsLowerBound)));
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var (id, openedAt) in openings)
            {
                await OpenAtAsync(db, [id], openedAt);
            }
        }
    }

    [Test]
    public async Task Faulted_incident_and_activity_filters_list_the_same_visible_cases_from_the_instances_read_first_as_case_by_case()
    {
        // Incidents on the avoided person's case and on the other district's: the instances read first include them,
        // the scope and the avoidance still keep them out of sight.
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var now = Clock.GetUtcNow();
        IncidentRecord[] hidden =
        [
            new() { Id = $"incident-{avoided.InstanceId}", InstanceId = avoided.InstanceId, ActivityId = "check-application", Code = "JobFailed", Message = "失败", Attempts = 3, CreatedAt = now },
            new() { Id = $"incident-{haidian.InstanceId}", InstanceId = haidian.InstanceId, ActivityId = "check-application", Code = "JobFailed", Message = "失败", Attempts = 3, CreatedAt = now },
        ];
        foreach (var incident in hidden)
        {
            await IncidentRows.AddAsync(db, incident);
        }

        try
        {
            var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
            var found = new Dictionary<(string, string), string[]>();
            foreach (var userName in new[] { "jw.caseworker", "bj.auditor" })
            {
                var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == userName);
                var actor = new Actor(staff, institutions[staff.InstitutionCode], staff.Roles.Split(','), institutions);
                foreach (var (name, request) in new (string, CaseSearchRequest)[]
                {
                    ("faulted", new() { Status = "faulted" }),
                    ("incidents", new() { Incidents = "true" }),
                    ("at register-file", new() { Process = Receipt, Activity = "register-file" }),
                    ("at check-application", new() { Process = Receipt, Activity = "check-application" }),
                })
                {
                    var filter = CaseSearch.Read(request);
                    var byList = await CaseSearch.PageAsync(db, actor, filter, 1, 200, now, CancellationToken.None);
                    var byCase = await CaseSearch.PageAsync(db, actor, filter, 1, 200, now, CancellationToken.None, walkWaits: false);
                    Assert.That(byList.Items.Select(i => i.Case.Id), Is.EqualTo(byCase.Items.Select(i => i.Case.Id)), $"{userName}: {name}");
                    Assert.That(byList.Total, Is.EqualTo(byCase.Total), $"{userName}: {name}");
                    var cappedList = await CaseSearch.PageAsync(db, actor, filter, 1, 1, now, CancellationToken.None, countLimit: 1);
                    var cappedCase = await CaseSearch.PageAsync(db, actor, filter, 1, 1, now, CancellationToken.None, countLimit: 1, walkWaits: false);
                    Assert.That((cappedCase.Total, cappedCase.TotalIsLowerBound), Is.EqualTo((cappedList.Total, cappedList.TotalIsLowerBound)), $"{userName}: {name}, counted to one");
                    Assert.That(cappedCase.TotalIsLowerBound, Is.EqualTo(byList.Total > 1), $"{userName}: {name}, counted to one");
                    found[(userName, name)] = [.. byList.Items.Select(i => i.Case.Id.ToString())];
                }
            }

            Assert.That(found[("jw.caseworker", "faulted")], Is.EqualTo(new[] { faulted.Id }));
            Assert.That(found[("jw.caseworker", "incidents")], Is.EqualTo(new[] { faulted.Id }));
            Assert.That(found[("jw.caseworker", "at check-application")], Is.EqualTo(new[] { running.Id }), "the avoided person's and the other district's stay hidden");
            Assert.That(found[("bj.auditor", "faulted")], Is.SupersetOf(new[] { faulted.Id, avoided.Id, haidian.Id }));
            Assert.That(found[("bj.auditor", "faulted")], Does.Not.Contain(running.Id).And.Not.Contain(waiting.Id).And.Not.Contain(completed.Id));
            Assert.That(found[("bj.auditor", "at check-application")], Is.SupersetOf(new[] { running.Id, avoided.Id, haidian.Id }));
            Assert.That(found[("bj.auditor", "at register-file")], Does.Contain(faulted.Id).And.Not.Contain(running.Id));
        }
        finally
        {
            foreach (var incident in hidden)
            {
                await IncidentRows.RemoveAsync(db, incident);
            }
        }
    }

    [Test]
    public async Task Cases_with_incidents_opened_at_the_same_instant_page_one_by_one_in_the_order_of_the_whole_list()
    {
        // Five of the street office's cases with an open incident, three of them opened at one instant (microseconds and
        // all): however the few cases of an incident list are counted and sorted, pages of one case each must follow the
        // order the database gives the whole list (newest first, then the case id) with no case twice and none missed.
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var now = Clock.GetUtcNow();
        var others = new[] { completed, waiting, running, cancelled };
        IncidentRecord[] added = [.. others.Select(c => new IncidentRecord
        {
            Id = $"incident-tie-{c.InstanceId}", InstanceId = c.InstanceId, ActivityId = "check-application", Code = "JobFailed", Message = "失败", Attempts = 3, CreatedAt = now,
        })];
        var tied = new[] { completed, waiting, cancelled }.Select(c => Guid.Parse(c.Id)).ToList();
        var openings = await db.Set<ServiceCase>().AsNoTracking().Where(c => tied.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.OpenedAt);
        var instant = new DateTimeOffset(2026, 11, 20, 3, 4, 5, TimeSpan.Zero).AddTicks(123_456_0);
        foreach (var incident in added)
        {
            await IncidentRows.AddAsync(db, incident);
        }

        await OpenAtAsync(db, tied, instant);
        try
        {
            var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == "jw.caseworker");
            var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
            var actor = new Actor(staff, institutions[staff.InstitutionCode], staff.Roles.Split(','), institutions);
            foreach (var sort in new[] { "-openedAt", "openedAt" })
            {
                var filter = CaseSearch.Read(new CaseSearchRequest { Incidents = "true", Sort = sort });
                var whole = await CaseSearch.PageAsync(db, actor, filter, 1, 50, now, CancellationToken.None, walkWaits: false);
                var oneByOne = new List<Guid>();
                for (var page = 1; page <= 6; page++)
                {
                    var single = await CaseSearch.PageAsync(db, actor, filter, page, 1, now, CancellationToken.None);
                    Assert.That((single.Total, single.TotalIsLowerBound), Is.EqualTo((5, false)), $"{sort}, page {page}");
                    oneByOne.AddRange(single.Items.Select(i => i.Case.Id));
                }

                Assert.That(whole.Items.Select(i => i.Case.Id), Is.EquivalentTo(others.Append(faulted).Select(c => Guid.Parse(c.Id))), sort);
                Assert.That(oneByOne, Is.EqualTo(whole.Items.Select(i => i.Case.Id)), $"{sort}: the pages follow the database's order, ties by case id");
            }
        }
        finally
        {
            foreach (var (id, openedAt) in openings)
            {
                await OpenAtAsync(db, [id], openedAt);
            }

            foreach (var incident in added)
            {
                await IncidentRows.RemoveAsync(db, incident);
            }
        }
    }

    [Test]
    public async Task A_case_number_is_found_whole_or_by_its_beginning()
    {
        Assert.That(await IdsAsync("jw.caseworker", "number=" + waiting.Number), Is.EqualTo(new[] { waiting.Id }));
        Assert.That(await IdsAsync("jw.caseworker", "number=" + waiting.Number.ToLowerInvariant()), Is.EqualTo(new[] { waiting.Id }));
        var prefix = await IdsAsync("jw.caseworker", "pageSize=200&number=" + waiting.Number[..^2]);
        Assert.That(prefix, Does.Contain(waiting.Id));
        Assert.That(prefix, Does.Not.Contain(avoided.Id).And.Not.Contain(haidian.Id));
    }

    [Test]
    public async Task Process_version_milestone_and_activity_narrow_the_list()
    {
        var version = (await CaseAsync(await As("jw.caseworker"), waiting.Id)).GetProperty("case").GetProperty("definitionVersion").GetInt32();
        var ofVersion = await IdsAsync("jw.caseworker", $"pageSize=200&process={Receipt}&version={version}");
        Assert.That(Jianwai.Where(s => ofVersion.Contains(s.Id)), Is.EquivalentTo(Jianwai));
        Assert.That(await IdsAsync("jw.caseworker", $"process={Receipt}&version={version + 50}"), Is.Empty);
        Assert.That(await IdsAsync("jw.caseworker", "process=file-identification&q=" + Uri.EscapeDataString("娜娜")), Is.Empty);
        var awaitingFile = await IdsAsync("jw.caseworker", "pageSize=200&milestone=AwaitingFile");
        Assert.That(Jianwai.Where(s => awaitingFile.Contains(s.Id)), Is.EquivalentTo(new[] { waiting, faulted }));
        var atCheck = await IdsAsync("jw.caseworker", $"pageSize=200&process={Receipt}&activity=check-application");
        Assert.That(Jianwai.Where(s => atCheck.Contains(s.Id)), Is.EqualTo(new[] { running }), "the open case with its check task; the cancelled one waits nowhere");
        Assert.That(await IdsAsync("jw.caseworker", $"process={Receipt}&activity=register-file"), Is.EqualTo(new[] { faulted.Id }), "the incident holds its case at the activity");
    }

    [Test]
    public async Task Dates_are_days_in_china_with_both_ends_included()
    {
        var day = await IdsAsync("jw.caseworker", "pageSize=200&startedFrom=2026-11-23&startedTo=2026-11-23");
        Assert.That(Jianwai.Where(s => day.Contains(s.Id)), Is.EquivalentTo(Jianwai), "opened at 00:30 in Beijing is opened on the 23rd");
        Assert.That(Jianwai.Where(s => day.Contains(s.Id)), Does.Contain(running));
        Assert.That(await IdsAsync("jw.caseworker", "pageSize=200&startedTo=2026-11-22"), Is.Empty);
        Assert.That(await IdsAsync("jw.caseworker", "pageSize=200&startedFrom=2026-11-24"), Is.Empty);
        var ended = await IdsAsync("jw.caseworker", "pageSize=200&endedFrom=2026-11-23&endedTo=2026-11-23");
        Assert.That(Jianwai.Where(s => ended.Contains(s.Id)), Is.EquivalentTo(new[] { completed, cancelled }));
        Assert.That(await IdsAsync("jw.caseworker", "pageSize=200&endedTo=2026-11-22"), Is.Empty);
    }

    [Test]
    public async Task An_institution_filters_its_own_cases_and_those_it_oversees_within_the_readers_scope()
    {
        var jianwai = await IdsAsync("bj.auditor", "pageSize=200&institution=CY-JW");
        Assert.That(jianwai, Is.SupersetOf(Jianwai.Select(s => s.Id).Append(avoided.Id)));
        Assert.That(jianwai, Does.Not.Contain(haidian.Id));
        var district = await IdsAsync("cy.supervisor", "pageSize=200&institution=CY");
        Assert.That(district, Is.SupersetOf(Jianwai.Select(s => s.Id)), "a district's subtree holds its street offices");
        Assert.That(await IdsAsync("cy.supervisor", "pageSize=200&institution=HD"), Is.Empty, "another district is outside the reader's scope");
        Assert.That(await IdsAsync("hd.auditor", "pageSize=200&institution=HD-ZGC"), Does.Contain(haidian.Id));
    }

    [Test]
    public async Task The_avoided_persons_case_and_another_districts_never_appear_whatever_the_filters()
    {
        string[] queries =
        [
            "", "status=running", "status=open", "overdue=false", "sort=person", "sort=-number", "q=" + avoided.IdentityNumber, "q=" + haidian.IdentityNumber,
            "q=" + Uri.EscapeDataString("王"), "number=" + avoided.Number, "number=" + haidian.Number, "number=UFR", $"process={Receipt}&activity=check-application",
            "institution=CY-JW", "institution=HD-ZGC", "institution=BJ", "startedFrom=2026-11-01&startedTo=2026-11-30", $"process={Receipt}&status=running&sort=-openedAt",
        ];
        var failures = new List<string>();
        foreach (var query in queries)
        {
            foreach (var (user, hidden) in new[] { ("jw.caseworker", new[] { avoided, haidian }), ("jw.supervisor", [haidian]), ("cy.supervisor", [haidian]), ("hd.auditor", [avoided, .. Jianwai]) })
            {
                var page = await PageAsync(user, "pageSize=200&" + query);
                var text = page.GetRawText();
                failures.AddRange(hidden.Where(h => text.Contains(h.Id, StringComparison.Ordinal) || text.Contains(h.IdentityNumber, StringComparison.Ordinal))
                    .Select(h => $"{user} ?{query} shows {h.Name}"));
                var csv = await ExportAsync(user, query);
                failures.AddRange(hidden.Where(h => csv.Contains(h.Number, StringComparison.Ordinal)).Select(h => $"{user} export ?{query} shows {h.Name}"));
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(await IdsAsync("cy.supervisor", "q=" + avoided.IdentityNumber), Is.EqualTo(new[] { avoided.Id }), "the avoided case exists for those who may see it");
    }

    [Test]
    public async Task The_total_counts_every_match_and_a_page_past_the_end_is_empty_with_the_true_total()
    {
        var all = await PageAsync("jw.caseworker", "pageSize=200");
        var total = all.GetProperty("total").GetInt32();
        Assert.That(total, Is.EqualTo(all.GetProperty("items").GetArrayLength()));
        var seen = new List<string>();
        for (var page = 1; page <= (total + 1) / 2; page++)
        {
            var items = await IdsAsync("jw.caseworker", $"pageSize=2&page={page}");
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(items);
        }

        Assert.That(seen, Is.EqualTo(all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList()), "pages neither overlap nor skip");
        var past = await PageAsync("jw.caseworker", "pageSize=2&page=999999999");
        Assert.That(past.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(past.GetProperty("total").GetInt32(), Is.EqualTo(total));
    }

    [Test]
    public async Task Sorting_by_each_key_orders_the_whole_list_and_descending_reverses_it()
    {
        var byNumber = await ItemsAsync("jw.caseworker", "pageSize=200&sort=number", "number");
        Assert.That(byNumber, Is.EqualTo(byNumber.Order(StringComparer.Ordinal).ToList()));
        Assert.That(await ItemsAsync("jw.caseworker", "pageSize=200&sort=-number", "number"), Is.EqualTo(Enumerable.Reverse(byNumber).ToList()));
        var oldest = await ItemsAsync("jw.caseworker", "pageSize=200&sort=openedAt", "id");
        Assert.That(oldest[0], Is.EqualTo(running.Id), "opened just after midnight, before every other case");
        Assert.That((await ItemsAsync("jw.caseworker", "pageSize=200", "id"))[^1], Is.EqualTo(running.Id), "newest first by default");
        var byStatus = await ItemsAsync("jw.caseworker", "pageSize=200&sort=status", "status");
        Assert.That(byStatus, Is.EqualTo(byStatus.Order(StringComparer.Ordinal).ToList()));
        var byProcess = await ItemsAsync("jw.caseworker", "pageSize=200&sort=-process", "processId");
        Assert.That(byProcess, Is.EqualTo(byProcess.OrderDescending(StringComparer.Ordinal).ToList()));
        var byPerson = await ItemsAsync("jw.caseworker", "pageSize=200&sort=person", "id");
        var byPersonDescending = await ItemsAsync("jw.caseworker", "pageSize=200&sort=-person", "id");
        Assert.That(byPersonDescending.ToHashSet(), Is.EquivalentTo(byPerson));
        Assert.That(byPerson[0], Is.Not.EqualTo(byPersonDescending[0]));
    }

    [TestCase("version=abc&process=unemployed-file-receipt", "version")]
    [TestCase("version=2", "version")]
    [TestCase("status=paused", "status")]
    [TestCase("overdue=yes", "overdue")]
    [TestCase("incidents=1", "incidents")]
    [TestCase("startedFrom=2026-13-01", "startedFrom")]
    [TestCase("endedTo=23.11.2026", "endedTo")]
    [TestCase("startedFrom=2026-11-24&startedTo=2026-11-23", "startedTo")]
    [TestCase("sort=name", "sort")]
    [TestCase("sort=0", "sort")]
    [TestCase("activity=check-application", "activity")]
    [TestCase("institution=NOWHERE", "institution")]
    [TestCase("q=%00", "q")]
    [TestCase("page=0", "page")]
    [TestCase("pageSize=100000", "pageSize")]
    public async Task A_bad_filter_is_refused_naming_the_parameter(string query, string parameter)
    {
        foreach (var path in new[] { "/api/cases?", "/api/cases/export?" })
        {
            if (path.Contains("export", StringComparison.Ordinal) && parameter is "page" or "pageSize")
            {
                continue;
            }

            var response = await (await As("jw.caseworker")).GetAsync(path + query);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(parameter, out _), Is.True, text);
        }
    }

    [Test]
    public async Task The_export_is_utf8_csv_with_a_bom_quoting_and_no_formula_in_chinese_by_default_and_english_on_request()
    {
        var client = await As("jw.caseworker");
        var response = await client.GetAsync("/api/cases/export?status=running&sort=number");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.That(rows[0], Is.EqualTo(new[] { "案件编号", "业务", "版本", "当事人", "公民身份号码", "经办机构", "办理阶段", "状态", "超期", "立案时间", "结案时间", "立案人账号", "立案人", "受理渠道" }));
        var row = rows.Single(r => r[0] == running.Number);
        Assert.That(row[3], Is.EqualTo("'" + FormulaName), "a name starting with = is kept as text, its comma, quotes and line break intact");
        Assert.That(row[1], Is.EqualTo("失业人员档案接收"));
        Assert.That(row[7], Is.EqualTo("办理中"));
        Assert.That(row[8], Is.EqualTo("是"));
        Assert.That(row[9], Is.EqualTo("2026-11-23 00:30:00"));
        Assert.That(row[^3..], Is.EqualTo(new[] { "jw.caseworker", "刘敏（朝阳区建外街道办事处）", "窗口受理" }));
        Assert.That(rows.Skip(1).Select(r => r[0]), Does.Not.Contain(completed.Number));

        using var english = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/export?number={completed.Number}");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishRows = ParseCsv(Encoding.UTF8.GetString((await (await client.SendAsync(english)).Content.ReadAsByteArrayAsync())[3..]));
        Assert.That(englishRows[0][0], Is.EqualTo("Case number"));
        Assert.That(englishRows[1][7], Is.EqualTo("Completed"));
        Assert.That(englishRows[1][4], Is.EqualTo(completed.IdentityNumber));
        Assert.That(englishRows[0][^3..], Is.EqualTo(new[] { "Opened by (login)", "Opened by", "Channel" }));
        Assert.That(englishRows[1][^3..], Is.EqualTo(new[] { "jw.caseworker", "刘敏 (Jianwai Subdistrict Office, Chaoyang)", "At the counter" }), "the name beside the login");
    }

    [Test]
    public async Task Past_the_count_limit_the_total_says_at_least_and_every_page_still_lists_in_order()
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == "jw.caseworker");
        var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
        var actor = new Actor(staff, institutions[staff.InstitutionCode], staff.Roles.Split(','), institutions);
        var filter = CaseSearch.Read(new CaseSearchRequest { Sort = "person" });
        var exact = await CaseSearch.PageAsync(db, actor, filter, 1, 200, Clock.GetUtcNow(), CancellationToken.None);
        Assert.That(exact.TotalIsLowerBound, Is.False);
        Assert.That(exact.Total, Is.GreaterThanOrEqualTo(5));

        var capped = await CaseSearch.PageAsync(db, actor, filter, 1, 2, Clock.GetUtcNow(), CancellationToken.None, countLimit: 3);
        Assert.That((capped.Total, capped.TotalIsLowerBound), Is.EqualTo((3, true)), "counting stops at the limit and says so");
        var beyond = await CaseSearch.PageAsync(db, actor, filter, 3, 2, Clock.GetUtcNow(), CancellationToken.None, countLimit: 3);
        Assert.That(capped.Items.Concat(beyond.Items).Select(i => i.Case.Id), Is.EqualTo(exact.Items.Take(2).Concat(exact.Items.Skip(4).Take(2)).Select(i => i.Case.Id)),
            "a page past the counted limit still lists the next cases, sorted by the person's name as the whole list is");
        var api = await PageAsync("jw.caseworker", "pageSize=2");
        Assert.That(api.GetProperty("totalIsLowerBound").GetBoolean(), Is.False, "the API says whether the total is exact");
    }

    [Test]
    public async Task The_inbox_counts_up_to_its_limit_says_at_least_past_it_and_lists_due_tasks_first()
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == "cy.supervisor");
        var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
        var actor = new Actor(staff, institutions[staff.InstitutionCode], staff.Roles.Split(','), institutions);
        var now = Clock.GetUtcNow();
        var query = new InboxQuery(InboxView.Institution);
        var listed = await Inbox.Query(db, actor, query, now).Select(x => x.Task.InstanceId).ToListAsync();
        Assert.That(listed, Does.Contain(running.InstanceId).And.Contain(avoided.InstanceId));
        Assert.That(await Inbox.CountAsync(db, actor, query, now, CancellationToken.None), Is.EqualTo((listed.Count, false)), "below the limit the count is exact");
        Assert.That(await Inbox.CountAsync(db, actor, query, now, CancellationToken.None, limit: 1), Is.EqualTo((1, true)), "past it, at least");
        var overdue = await Inbox.Query(db, actor, query with { Overdue = true }, now).Select(x => x.Task.InstanceId).ToListAsync();
        Assert.That(overdue, Does.Contain(running.InstanceId));
        Assert.That(await Inbox.CountAsync(db, actor, query with { Overdue = true }, now, CancellationToken.None), Is.EqualTo((overdue.Count, false)), "the tasks past their due date");

        var page = await OkAsync(await (await As("cy.supervisor")).GetAsync("/api/tasks?view=institution&pageSize=200"));
        Assert.That((page.GetProperty("total").GetInt32(), page.GetProperty("totalIsLowerBound").GetBoolean()), Is.EqualTo((listed.Count, false)));
        var dues = page.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? (DateTimeOffset?)null : i.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.That(dues.SkipWhile(d => d is not null).All(d => d is null), Is.True, "tasks without a due date come last, on both databases");
        Assert.That(dues.Where(d => d is not null), Is.Ordered, "the earliest due first");
        Assert.That(dues[0], Is.Not.Null.And.LessThan(now), "an overdue task leads");
    }

    [Test]
    public async Task The_process_view_counts_count_the_open_cases_waiting_at_each_activity_and_the_incidents()
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var version = (await CaseAsync(await As("jw.caseworker"), waiting.Id)).GetProperty("case").GetProperty("definitionVersion").GetInt32();
        async Task<IReadOnlyDictionary<string, ActivityCaseCount>> CountsAsync(string user)
        {
            var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == user);
            var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
            var actor = new Actor(staff, institutions[staff.InstitutionCode], staff.Roles.Split(','), institutions);
            return await ProcessCaseCounts.CountAsync(db, actor, Receipt, version, CancellationToken.None);
        }

        var jianwai = await CountsAsync("jw.caseworker");
        var listed = await IdsAsync("jw.caseworker", $"pageSize=200&process={Receipt}&version={version}&activity=check-application");
        Assert.That(jianwai["check-application"].Waiting, Is.EqualTo(listed.Count), "the count and the list it opens agree");
        Assert.That(jianwai["register-file"].Incidents, Is.EqualTo(1));
        var municipal = await CountsAsync("bj.auditor");
        Assert.That(municipal["check-application"].Waiting, Is.GreaterThanOrEqualTo(jianwai["check-application"].Waiting + 2), "the avoided person's and Haidian's cases count for the municipal auditor");
    }

    private static async Task<Seeded> StartAsync(HttpClient client, string name, string registration = "北京市朝阳区建外街道", string region = "110105", bool endsWithX = false)
    {
        var idNumber = NewIdentityNumber(region);
        while (endsWithX && !idNumber.EndsWith('X'))
        {
            idNumber = NewIdentityNumber(region);
        }

        var started = await OkAsync(await client.PostAsJsonAsync("/api/cases", new
        {
            processId = Receipt,
            input = new Dictionary<string, object>
            {
                ["personName"] = name, ["idNumber"] = idNumber, ["householdRegistration"] = registration,
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        }));
        return new Seeded(started.GetProperty("id").GetString()!, started.GetProperty("number").GetString()!, idNumber, name, started.GetProperty("instanceId").GetString()!);
    }

    private static async Task<Seeded> AcceptedAsync(HttpClient worker, string name)
    {
        var seeded = await StartAsync(worker, name);
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, seeded.Id, "check-application"), "Accept", new { comment = "齐全" }));
        await MilestoneAsync(worker, seeded.Id, "AwaitingFile");
        await WaitForDocumentAsync(worker, seeded.Id, "TransferRequestLetter");
        return seeded;
    }

    private async Task<JsonElement> PageAsync(string user, string query) => await OkAsync(await (await As(user)).GetAsync("/api/cases?" + query));

    private async Task<List<string>> IdsAsync(string user, string query) => await ItemsAsync(user, query, "id");

    private async Task<List<string>> ItemsAsync(string user, string query, string property) =>
        [.. (await PageAsync(user, query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).ToString())];

    private async Task<Dictionary<string, string>> StatesAsync(string user) =>
        (await PageAsync(user, "pageSize=200")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("state").GetString()!);

    private async Task<string> ExportAsync(string user, string query)
    {
        var response = await (await As(user)).GetAsync("/api/cases/export?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return text;
    }

    /// <summary>RFC 4180 read back: quoted cells with doubled quotes and line breaks inside, lines ending CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }

    /// <summary>Moves cases' opening, and the copy their waits keep of it, as if they had been opened then.</summary>
    private static async Task OpenAtAsync(ArchivesDbContext db, IReadOnlyCollection<Guid> ids, DateTimeOffset openedAt)
    {
        await db.Set<ServiceCase>().Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.OpenedAt, openedAt));
        await db.Set<CaseWait>().Where(w => ids.Contains(w.CaseId)).ExecuteUpdateAsync(u => u.SetProperty(w => w.OpenedAt, openedAt));
    }
}
