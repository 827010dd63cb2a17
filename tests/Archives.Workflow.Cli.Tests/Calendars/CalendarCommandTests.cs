using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cli.Tests.Calendars;

/// <summary>
/// <c>archives calendars import</c> and <c>show</c> on a database a server would have: the shipped 2026
/// schedule imported at start-up, a case started by a caseworker on 30 December 2026 whose task falls
/// due in 2027, before the 2027 schedule is known.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class CalendarCommandTests(DatabaseProvider provider)
{
    // A 2027 schedule as the State Council might publish it: a four-day New Year (Friday to Monday) with a make-up Saturday.
    private const string Schedule2027 = """
        {
          "region": "cn",
          "year": 2027,
          "source": "国务院办公厅关于2027年部分节假日安排的通知（模拟）",
          "holidays": [
            { "name": { "zh-CN": "元旦", "en": "New Year's Day" }, "from": "2027-01-01", "to": "2027-01-04" },
            { "name": { "zh-CN": "春节", "en": "Spring Festival" }, "from": "2027-02-05", "to": "2027-02-13" },
            { "name": { "zh-CN": "清明节", "en": "Qingming Festival" }, "from": "2027-04-03", "to": "2027-04-05" },
            { "name": { "zh-CN": "劳动节", "en": "Labour Day" }, "from": "2027-05-01", "to": "2027-05-05" },
            { "name": { "zh-CN": "端午节", "en": "Dragon Boat Festival" }, "from": "2027-06-09", "to": "2027-06-09" },
            { "name": { "zh-CN": "中秋节", "en": "Mid-Autumn Festival" }, "from": "2027-09-15", "to": "2027-09-15" },
            { "name": { "zh-CN": "国庆节", "en": "National Day" }, "from": "2027-10-01", "to": "2027-10-07" }
          ],
          "workingWeekends": [ "2027-01-09", "2027-01-31", "2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09" ]
        }
        """;

    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["personName"] = "欧阳 🌸 晓雯", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0731", ["terminationDate"] = "2026-12-28",
    };

    // Wednesday 30 December 2026, a caseworker's morning, with the ticks a real clock gives.
    private static readonly DateTimeOffset December30 = new DateTimeOffset(2026, 12, 30, 10, 17, 43, ChinaTime.Offset).AddTicks(4_718_293);

    private Cli.TempFolder folder = null!;
    private ArchivesDatabase database = null!;
    private CalendarStore store = null!;
    private WorkflowRuntime runtime = null!;

    [SetUp]
    public async Task StartAsync()
    {
        folder = new Cli.TempFolder();
        database = await Databases.CreateAsync(provider, folder.Path);
        var clock = new FakeClock(December30);
        store = new CalendarStore(database.CreateContext, clock);
        runtime = new WorkflowRuntime(database.CreateContext, store, clock);
        await store.ImportFolderAsync(Cli.Repo("workflows", "calendars"), "system");
        await runtime.ImportFolderAsync(Cli.Repo("workflows"), "import");
    }

    [TearDown]
    public void Remove() => folder.Dispose();

    private string[] Db => ["--provider", provider.ToString(), "--connection", database.ConnectionString];

    private (int ExitCode, string Output, string Error) Run(params string[] args) => Cli.Run([.. args, .. Db]);

    private async Task<(string Id, DateTimeOffset? Due)> StartCaseAsync()
    {
        var instance = await runtime.StartAsync("unemployed-file-receipt", Applicant, "caseworker.zhao", "UFR-2026-001207");
        await using var db = database.CreateContext();
        var task = await db.Set<WorkflowTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "check-application");
        return (instance.Id, task.DueAt);
    }

    private async Task<DateTimeOffset?> DueAsync(string instanceId)
    {
        await using var db = database.CreateContext();
        return (await db.Set<WorkflowTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.ActivityId == "check-application")).DueAt;
    }

    private static DateTimeOffset EndOf(int year, int month, int day) => ChinaTime.EndOf(new DateOnly(year, month, day));

    [Test]
    public async Task Import_of_a_valid_2027_file_stores_a_version_and_the_same_file_again_is_unchanged()
    {
        var file = folder.Write("cn-2027.json", Schedule2027);

        var first = Run("calendars", "import", file, "--actor", "管理员.陈静");
        var second = Run("calendars", "import", file, "--actor", "管理员.陈静");

        Assert.That(first.ExitCode, Is.Zero, first.Output + first.Error);
        Assert.That(first.Output, Does.Contain("published as calendar version 2 by 管理员.陈静"));
        Assert.That(first.Output, Does.Contain("2027-01-04 Monday    becomes a day off").And.Contain("2027-01-09 Saturday  becomes a working day"));
        Assert.That(second.ExitCode, Is.Zero, second.Error);
        Assert.That(second.Output, Does.Contain("unchanged").And.Contain("version 2"));
        var editions = await store.EditionsAsync(2027);
        Assert.That(editions.Select(e => (e.Version, e.ChangedBy, e.Origin)), Is.EqualTo(new[] { (2, "管理员.陈静", "cli") }));
    }

    [Test]
    public async Task A_make_up_working_day_on_a_Tuesday_is_refused_naming_the_date_and_nothing_is_stored()
    {
        // 16 February 2027 typed for Saturday 20 February.
        var file = folder.Write("cn-2027.json", Schedule2027.Replace("\"2027-02-20\"", "\"2027-02-16\"", StringComparison.Ordinal));
        var (caseId, due) = await StartCaseAsync();

        var english = Run("calendars", "import", file, "--lang", "en");
        var chinese = Run("calendars", "import", file);

        Assert.That(english.ExitCode, Is.Not.Zero);
        Assert.That(english.Error, Does.Contain("2027-02-16 workingWeekends[2]").And.Contain("Tuesday").And.Contain(CalendarProblemCodes.MakeUpDayNotWeekend));
        Assert.That(english.Error, Does.Contain("nothing stored"));
        Assert.That(chinese.ExitCode, Is.Not.Zero);
        Assert.That(chinese.Error, Does.Contain("2027-02-16").And.Contain("星期二"));
        Assert.That(await store.EditionsAsync(2027), Is.Empty);
        Assert.That(await DueAsync(caseId), Is.EqualTo(due));
    }

    [Test]
    public async Task A_dry_run_lists_the_deadlines_that_would_move_and_stores_nothing()
    {
        var file = folder.Write("cn-2027.json", Schedule2027);
        var (caseId, due) = await StartCaseAsync();

        var preview = Run("calendars", "import", file, "--dry-run");
        var json = Run("calendars", "import", file, "--dry-run", "--json");

        Assert.That(preview.ExitCode, Is.Zero, preview.Output + preview.Error);
        Assert.That(preview.Output, Does.Contain("dry run, nothing stored"));
        Assert.That(preview.Output, Does.Contain("UFR-2026-001207  unemployed-file-receipt v2  check-application (task due)  2027-01-04 23:59 → 2027-01-05 23:59  +1 day(s)"));
        using var document = JsonDocument.Parse(json.Output);
        var moved = document.RootElement.GetProperty("cases");
        Assert.That(moved.GetArrayLength(), Is.EqualTo(1));
        Assert.That(moved[0].GetProperty("caseNumber").GetString(), Is.EqualTo("UFR-2026-001207"));
        Assert.That(moved[0].GetProperty("moves")[0].GetProperty("days").GetInt32(), Is.EqualTo(1));
        Assert.That(await store.EditionsAsync(2027), Is.Empty);
        Assert.That(await DueAsync(caseId), Is.EqualTo(due));
    }

    [Test]
    public async Task Importing_2027_moves_the_due_date_of_a_running_case_journaled_and_the_case_still_verifies()
    {
        var file = folder.Write("cn-2027.json", Schedule2027);
        var (caseId, due) = await StartCaseAsync();
        Assert.That(due, Is.EqualTo(EndOf(2027, 1, 4)), "two working days from 30 December skip New Year's Day and the weekend");

        var import = Run("calendars", "import", file, "--actor", "chen.jing");
        var verify = Run("cases", "verify", "UFR-2026-001207");

        Assert.That(import.ExitCode, Is.Zero, import.Output + import.Error);
        Assert.That(import.Output, Does.Contain("1 case(s) with deadlines that moved:"));
        Assert.That(import.Output, Does.Contain("UFR-2026-001207  unemployed-file-receipt v2  check-application (task due)  2027-01-04 23:59 → 2027-01-05 23:59  +1 day(s)"));
        Assert.That(await DueAsync(caseId), Is.EqualTo(EndOf(2027, 1, 5)));
        await using (var db = database.CreateContext())
        {
            var types = await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == caseId).OrderBy(j => j.Sequence).Select(j => j.Type).ToListAsync();
            Assert.That(types, Does.Contain("CalendarChanged").And.Contain("DeadlineMoved"));
        }

        Assert.That(verify.ExitCode, Is.Zero, verify.Output + verify.Error);
        Assert.That(verify.Output, Does.Contain("1 of 1 case(s) verified."));
    }

    [Test]
    public void Show_2027_is_computed_with_the_make_up_warning_until_a_schedule_is_published()
    {
        var file = folder.Write("cn-2027.json", Schedule2027);

        var before = Run("calendars", "show", "2027", "--lang", "en");
        Run("calendars", "import", file, "--actor", "chen.jing");
        var after = Run("calendars", "show", "2027", "--lang", "en");
        var json = Run("calendars", "show", "2027", "--json");

        Assert.That(before.ExitCode, Is.Zero, before.Error);
        Assert.That(before.Output, Does.Contain("2027: Computed, calendar version 1"));
        Assert.That(before.Output, Does.Contain("the make-up working days (调休) of 2027 are not known yet"));
        Assert.That(before.Output, Does.Contain("2027-02-05 – 2027-02-08  Spring Festival"));
        Assert.That(before.Output, Does.Contain("versions:   none published"));
        Assert.That(after.Output, Does.Contain("2027: Published, calendar version 2").And.Not.Contain("warning"));
        Assert.That(after.Output, Does.Contain("2027-01-09 (Saturday)"));
        Assert.That(after.Output, Does.Contain("version 2: ").And.Contain("by chen.jing (cli)"));
        using var document = JsonDocument.Parse(json.Output);
        Assert.That(document.RootElement.GetProperty("status").GetString(), Is.EqualTo("Published"));
        Assert.That(document.RootElement.GetProperty("holidays")[1].GetProperty("name").GetString(), Is.EqualTo("春节"));
    }

    [Test]
    public void Simulate_with_the_database_calendar_counts_as_the_server_does()
    {
        var file = folder.Write("cn-2027.json", Schedule2027);
        string[] simulate = ["simulate", Cli.Repo("workflows", "unemployed-file-receipt", "v1.json"),
            "--input", Cli.Repo("samples", "simulations", "unemployed-file-receipt", "input.json"),
            "--start", "2026-12-30T10:17:43.4718293+08:00", "--calendar-db", "--json"];

        var before = Run(simulate);
        Run("calendars", "import", file);
        var after = Run(simulate);

        Assert.That(before.ExitCode, Is.Zero, before.Error);
        Assert.That(DueOfFirstTask(before.Output), Is.EqualTo("2027-01-04T23:59:59+08:00"));
        Assert.That(after.ExitCode, Is.Zero, after.Error);
        Assert.That(DueOfFirstTask(after.Output), Is.EqualTo("2027-01-05T23:59:59+08:00"));
    }

    private static string? DueOfFirstTask(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("openTasks")[0].GetProperty("dueAt").GetString();
    }
}
