using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The inbox's claim of several tasks and the dashboard's counts, on the demo data: each counts and claims only what
/// the actor may see (never another district's case, never a person the actor avoids), and stops at its limit.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class InboxWorkTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Receipt = "unemployed-file-receipt";

    private TaskWork Work => Factory.Services.GetRequiredService<TaskWork>();

    private ArchivesDbContext Db() => Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();

    [Test]
    public async Task Claiming_several_tasks_reports_each_one_claimed_taken_by_a_colleague_or_not_allowed()
    {
        var worker = await As("jw.caseworker");
        var mine = await CheckTaskAsync(worker, NewIdentityNumber());
        var taken = await CheckTaskAsync(worker, NewIdentityNumber());
        var haidian = await CheckTaskAsync(await As("zgc.caseworker"), NewIdentityNumber("110108"), "北京市海淀区中关村街道");
        var avoidedPerson = NewIdentityNumber();
        var avoided = await CheckTaskAsync(await As("jw.supervisor"), avoidedPerson);
        await AvoidAsync("jw.caseworker", avoidedPerson);
        await AssignAsync(taken, "jw.supervisor");

        var actor = await ActorAsync("jw.caseworker");
        var results = await TaskClaims.ClaimAsync(Work, actor, [mine, taken, haidian, avoided, "t-无此任务-😀\0", mine]);

        Assert.That(results.Select(r => (r.TaskId, r.Result)), Is.EqualTo(new[]
        {
            (mine, ClaimResult.Claimed),
            (taken, ClaimResult.TakenByAnother),
            (haidian, ClaimResult.NotAllowed),
            (avoided, ClaimResult.NotAllowed),
            ("t-无此任务-😀\0", ClaimResult.NotAllowed),
        }));
        Assert.Multiple(async () =>
        {
            Assert.That(await AssigneeAsync(mine), Is.EqualTo("jw.caseworker"));
            Assert.That(await AssigneeAsync(taken), Is.EqualTo("jw.supervisor"), "a colleague's claim stands");
            Assert.That(await AssigneeAsync(haidian), Is.Null, "another district's task is left alone");
            Assert.That(await AssigneeAsync(avoided), Is.Null, "the avoided person's task is left alone");
        });

        var again = await TaskClaims.ClaimAsync(Work, actor, [mine]);
        Assert.That(again.Single().Result, Is.EqualTo(ClaimResult.AlreadyYours));
    }

    [Test]
    public async Task A_claim_of_more_than_a_page_or_of_nothing_is_refused_and_changes_nothing()
    {
        var task = await CheckTaskAsync(await As("jw.caseworker"), NewIdentityNumber());
        var actor = await ActorAsync("jw.caseworker");
        var tooMany = Enumerable.Range(0, TaskClaims.Limit).Select(i => $"t-{i}").Prepend(task).ToList();

        var refused = await Assert.ThrowsAsync<ArchivesException>(() => TaskClaims.ClaimAsync(Work, actor, tooMany));
        var empty = await Assert.ThrowsAsync<ArchivesException>(() => TaskClaims.ClaimAsync(Work, actor, []));
        var auditor = await Assert.ThrowsAsync<ArchivesException>(async () => await TaskClaims.ClaimAsync(Work, await ActorAsync("bj.auditor"), [task]));

        Assert.Multiple(async () =>
        {
            Assert.That((refused!.Kind, refused.Code, refused.Field), Is.EqualTo((RefusalKind.Invalid, ArchivesCodes.OutOfRange, "taskIds")));
            Assert.That((empty!.Kind, empty.Code), Is.EqualTo((RefusalKind.Invalid, ArchivesCodes.Required)));
            Assert.That((auditor!.Kind, auditor.Code), Is.EqualTo((RefusalKind.Forbidden, ArchivesCodes.Role)), "auditors never change anything");
            Assert.That(await AssigneeAsync(task), Is.Null);
        });
    }

    [Test]
    public async Task Open_cases_by_milestone_count_neither_another_districts_case_nor_an_avoided_persons()
    {
        var before = await ReceivedAsync("jw.caseworker");
        var supervisorBefore = await ReceivedAsync("jw.supervisor");
        var haidianBefore = await ReceivedAsync("zgc.caseworker");
        await StartUnemployedReceiptAsync(await As("zgc.caseworker"), NewIdentityNumber("110108"), "北京市海淀区中关村街道");
        var avoidedPerson = NewIdentityNumber();
        await StartUnemployedReceiptAsync(await As("jw.supervisor"), avoidedPerson);
        await AvoidAsync("jw.caseworker", avoidedPerson);

        Assert.Multiple(async () =>
        {
            Assert.That(await ReceivedAsync("zgc.caseworker"), Is.EqualTo(haidianBefore + 1));
            Assert.That(await ReceivedAsync("jw.supervisor"), Is.EqualTo(supervisorBefore + 1));
            Assert.That(await ReceivedAsync("jw.caseworker"), Is.EqualTo(before), "neither Haidian's case nor the avoided person's");
        });
    }

    [Test]
    public async Task A_count_stops_at_its_limit_and_says_there_are_more()
    {
        var worker = await As("jw.caseworker");
        await StartUnemployedReceiptAsync(worker, NewIdentityNumber());
        await StartUnemployedReceiptAsync(worker, NewIdentityNumber());
        await using var db = Db();

        var capped = await DashboardCounts.OpenCasesByMilestoneAsync(db, await ActorAsync("jw.caseworker"), CancellationToken.None, limit: 1);
        var exact = await DashboardCounts.OpenCasesByMilestoneAsync(db, await ActorAsync("jw.caseworker"), CancellationToken.None);

        var received = capped.Single(c => c.ProcessId == Receipt && c.Milestone == null).Cases;
        Assert.That(received, Is.EqualTo(new CappedCount(1, AtLeast: true)));
        Assert.That(exact.Single(c => c.ProcessId == Receipt && c.Milestone == null).Cases.Count, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task The_team_view_shows_each_colleague_of_the_supervisors_institution_with_open_and_overdue_tasks()
    {
        var worker = await As("jw.caseworker");
        var claimed = await CheckTaskAsync(worker, NewIdentityNumber());
        var avoidedPerson = NewIdentityNumber();
        var avoidedTask = await CheckTaskAsync(worker, avoidedPerson);
        var caseworker = await ActorAsync("jw.caseworker");
        await TaskClaims.ClaimAsync(Work, caseworker, [claimed, avoidedTask]);
        var supervisor = await ActorAsync("jw.supervisor");
        var now = Clock.GetUtcNow();
        await using var db = Db();

        var team = await DashboardCounts.TeamAsync(db, supervisor, now, CancellationToken.None);
        var before = team.Single(c => c.UserName == "jw.caseworker");
        await AvoidAsync("jw.supervisor", avoidedPerson);
        var after = (await DashboardCounts.TeamAsync(db, await ActorAsync("jw.supervisor"), now, CancellationToken.None)).Single(c => c.UserName == "jw.caseworker");
        var monthsLater = (await DashboardCounts.TeamAsync(db, supervisor, now.AddDays(90), CancellationToken.None)).Single(c => c.UserName == "jw.caseworker");
        var jianwai = await db.Set<StaffMember>().Where(s => s.InstitutionCode == "CY-JW").Select(s => s.UserName).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(team.Select(c => c.UserName), Is.EquivalentTo(jianwai), "the supervisor's own street office, nobody from elsewhere");
            Assert.That(before.DisplayName, Is.EqualTo("刘敏"));
            Assert.That(before.Open.Count, Is.GreaterThanOrEqualTo(2));
            Assert.That(after.Open.Count, Is.EqualTo(before.Open.Count - 1), "a task of a person the supervisor avoids is not counted");
            Assert.That(monthsLater.Overdue.Count, Is.GreaterThanOrEqualTo(before.Overdue.Count + 2), "three months on, both checks are late");
        });
        var refused = await Assert.ThrowsAsync<ArchivesException>(() => DashboardCounts.TeamAsync(db, caseworker, now, CancellationToken.None));
        Assert.That(refused!.Code, Is.EqualTo(ArchivesCodes.Role), "the team view is for supervisors");
    }

    private async Task<int> ReceivedAsync(string userName)
    {
        await using var db = Db();
        var counts = await DashboardCounts.OpenCasesByMilestoneAsync(db, await ActorAsync(userName), CancellationToken.None);
        return counts.Where(c => c.ProcessId == Receipt).Sum(c => c.Cases.Count);
    }

    private static async Task<string> CheckTaskAsync(HttpClient client, string idNumber, string registration = "北京市朝阳区建外街道")
    {
        var started = await StartUnemployedReceiptAsync(client, idNumber, registration);
        return await TaskAsync(client, started.GetProperty("id").GetString()!, "check-application");
    }

    private async Task AvoidAsync(string userName, string identityNumber)
    {
        await using var db = Db();
        var staff = await db.Set<StaffMember>().SingleAsync(s => s.UserName == userName);
        staff.Avoidance = string.Join(',', staff.AvoidanceList.Append(identityNumber));
        await db.SaveChangesAsync();
    }

    private async Task AssignAsync(string taskId, string userName)
    {
        await using var db = Db();
        await db.Set<WorkflowTask>().Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, userName));
    }

    private async Task<string?> AssigneeAsync(string taskId)
    {
        await using var db = Db();
        return await db.Set<WorkflowTask>().Where(t => t.Id == taskId).Select(t => t.Assignee).SingleAsync();
    }

    private async Task<Actor> ActorAsync(string userName)
    {
        await using var db = Db();
        var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == userName);
        var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
        return new Actor(staff, institutions[staff.InstitutionCode], staff.RoleList.ToHashSet(StringComparer.Ordinal), institutions);
    }
}
