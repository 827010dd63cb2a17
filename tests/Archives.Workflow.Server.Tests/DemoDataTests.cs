using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The full demo data (<c>Server:DemoCases=Full</c>, what <c>dotnet run</c> seeds): every demo account
/// finds something to do where it lands, every milestone of the four processes has a case, and every
/// demo case was made by the runtime, so its journal verifies (hash chain and replay).
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class DemoDataTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private static readonly string[] Offices = ["jw", "zgc", "cy", "hd", "dc"];

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Server:DemoCases", "Full");

    public static IEnumerable<string> CaseworkersAndSupervisors() =>
        Offices.SelectMany(o => new[] { $"{o}.caseworker", $"{o}.supervisor" }).Append("bj.supervisor");

    [TestCaseSource(nameof(CaseworkersAndSupervisors))]
    public async Task Every_caseworker_and_supervisor_finds_open_tasks_for_their_role_in_the_inbox(string userName)
    {
        var client = await As(userName);

        var claimable = await OkAsync(await client.GetAsync("/api/tasks?view=roles&pageSize=100"));

        Assert.That(claimable.GetProperty("total").GetInt32(), Is.GreaterThan(0), $"{userName} has tasks to claim");
    }

    [TestCase("cy.confidentiality", "confidentiality-review")]
    [TestCase("hd.confidentiality", "confidentiality-review")]
    [TestCase("cy.liaison", "pension-insurance-check")]
    [TestCase("hd.liaison", "medical-security-check")]
    public async Task Confidentiality_and_liaison_officers_find_the_tasks_of_their_role(string userName, string activityId)
    {
        var client = await As(userName);

        var claimable = await OkAsync(await client.GetAsync("/api/tasks?view=roles&pageSize=100"));

        Assert.That(Activities(claimable), Does.Contain(activityId));
    }

    [Test]
    public async Task A_street_office_caseworker_has_an_overdue_application_and_never_sees_the_case_of_the_person_they_avoid()
    {
        var caseworker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");

        var overdue = await OkAsync(await caseworker.GetAsync("/api/tasks?view=roles&overdue=true&pageSize=100"));
        var avoided = await OkAsync(await caseworker.GetAsync("/api/cases?q=110105199011176823"));
        var seenBySupervisor = await OkAsync(await supervisor.GetAsync("/api/cases?q=110105199011176823"));

        Assert.Multiple(() =>
        {
            Assert.That(Activities(overdue), Does.Contain("check-application"), "an application past its two working days");
            Assert.That(avoided.GetProperty("total").GetInt32(), Is.EqualTo(0), "刘芳 is on jw.caseworker's avoidance list");
            Assert.That(seenBySupervisor.GetProperty("total").GetInt32(), Is.EqualTo(1), "her transfer case is there, for the supervisor");
        });
    }

    [Test]
    public async Task Auditors_see_the_cases_of_their_scope_and_the_municipal_auditor_sees_every_demo_case()
    {
        var city = await OkAsync(await (await As("bj.auditor")).GetAsync("/api/cases?pageSize=100"));
        var haidian = await OkAsync(await (await As("hd.auditor")).GetAsync("/api/cases?pageSize=100"));

        Assert.Multiple(() =>
        {
            Assert.That(city.GetProperty("total").GetInt32(), Is.EqualTo(DemoCaseCount()));
            Assert.That(haidian.GetProperty("total").GetInt32(), Is.GreaterThan(5));
            Assert.That(haidian.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("institutionCode").GetString()).Distinct(),
                Is.SubsetOf(new[] { "HD", "HD-ZGC" }), "Haidian's auditor reads Haidian and its street office only");
        });
    }

    [Test]
    public async Task The_administrator_finds_an_open_incident_of_a_transfer_whose_notice_could_not_be_sent()
    {
        var admin = await As("bj.admin");

        var incidents = await OkAsync(await admin.GetAsync("/api/incidents?open=true&pageSize=100"));

        var row = incidents.GetProperty("items").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("activityTitle").GetProperty("en").GetString(), Does.Contain("transfer notice"));
            Assert.That(row.GetProperty("message").GetString(), Does.Contain("机要交换平台"));
            Assert.That(row.GetProperty("attempts").GetInt32(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_confidentiality_officer_reads_the_confidential_material_of_a_file_under_review_that_a_caseworker_cannot()
    {
        var officer = await As("hd.confidentiality");
        var caseworker = await As("zgc.caseworker");
        var fileId = await FileIdAsync(caseworker, "HDZGC-2017-0008");

        var asOfficer = await OkAsync(await officer.GetAsync($"/api/files/{fileId}"));
        var asCaseworker = await OkAsync(await caseworker.GetAsync($"/api/files/{fileId}"));

        Assert.Multiple(() =>
        {
            Assert.That(asOfficer.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("confidentiality").GetString()), Does.Contain("Confidential"));
            Assert.That(asCaseworker.GetProperty("hiddenMaterials").GetInt32(), Is.GreaterThan(0), "the caseworker is told a material is withheld");
        });
    }

    [Test]
    public async Task Every_milestone_of_the_four_processes_has_a_demo_case()
    {
        var auditor = await As("bj.auditor");
        var missing = new List<string>();

        foreach (var (process, milestone) in Milestones())
        {
            var page = await OkAsync(await auditor.GetAsync($"/api/cases?process={process}&milestone={milestone}"));
            if (page.GetProperty("total").GetInt32() == 0)
            {
                missing.Add($"{process} {milestone}");
            }
        }

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public async Task Every_demo_case_verifies_its_hash_chain_and_replays_to_the_same_journal()
    {
        var auditor = await As("bj.auditor");
        var cases = await OkAsync(await auditor.GetAsync("/api/cases?pageSize=100"));
        var failures = new List<string>();
        var entries = 0L;

        foreach (var item in cases.GetProperty("items").EnumerateArray())
        {
            var verification = await OkAsync(await auditor.PostAsync($"/api/cases/{item.GetProperty("id").GetString()}/verify", null));
            entries += verification.GetProperty("entries").GetInt64();
            if (!verification.GetProperty("isValid").GetBoolean())
            {
                failures.Add($"{item.GetProperty("number").GetString()}: {verification}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(cases.GetProperty("items").GetArrayLength(), Is.EqualTo(DemoCaseCount()));
            Assert.That(entries, Is.GreaterThan(DemoCaseCount() * 5L), "the cases have histories, not single entries");
        });
    }

    [Test]
    public async Task The_oldest_demo_cases_were_opened_weeks_before_the_seeding_and_none_after_it()
    {
        var cases = await OkAsync(await (await As("bj.auditor")).GetAsync("/api/cases?pageSize=100"));

        var opened = cases.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("openedAt").GetDateTimeOffset()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(opened.Min(), Is.LessThan(Start.AddDays(-60)));
            Assert.That(opened.Max(), Is.LessThanOrEqualTo(Start));
        });
    }

    private static List<string?> Activities(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("activityId").GetString())];

    private static int DemoCaseCount() =>
        new[] { "cases.json", "cases-full.json" }.Sum(f => JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("samples", "demo", f))).RootElement.GetArrayLength());

    private static IEnumerable<(string Process, string Milestone)> Milestones()
    {
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("workflows"), "v1.json", SearchOption.AllDirectories))
        {
            using var definition = JsonDocument.Parse(File.ReadAllText(file));
            var process = definition.RootElement.GetProperty("definitionId").GetString()!;
            if (Archives.Workflow.Cases.Casework.ProcessIds.Services.Contains(process, StringComparer.Ordinal)
                || process is Archives.Workflow.Cases.Casework.ProcessIds.FileConsultation or Archives.Workflow.Cases.Casework.ProcessIds.MaterialsFiling)
            {
                // The services on a held file change the demo persons they run on (a death recorded, a file handed over, a file
                // lent, materials filed); their tests start their own cases.
                continue;
            }

            foreach (var activity in definition.RootElement.GetProperty("root").GetProperty("activities").EnumerateArray())
            {
                if (activity.GetProperty("type").GetString() == "Milestone")
                {
                    yield return (process, activity.GetProperty("milestone").GetString()!);
                }
            }
        }
    }
}
