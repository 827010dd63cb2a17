using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The calendars API over HTTP at the 2026/2027 year boundary, on a clock whose instants carry ticks
/// below a microsecond: a 2027 schedule with a make-up Saturday (2 January 2027) is previewed and
/// published as an administrator would, and the open deadline of a case started on 30 December 2026
/// moves from Monday 4 January to that Saturday, journaled, while the case still verifies and replays.
/// A case started on 23 December, whose deadlines all fall in 2026, is there before every test.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class CalendarsApiTests(DatabaseProvider provider) : ServerFixture(provider)
{
    /// <summary>Wednesday 23 December 2026, 10:15 China time, with sub-microsecond ticks.</summary>
    private static readonly DateTimeOffset December23 = new DateTimeOffset(2026, 12, 23, 10, 15, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);

    /// <summary>Wednesday 30 December 2026, a little after 14:40 China time.</summary>
    private static readonly DateTimeOffset December30 = new DateTimeOffset(2026, 12, 30, 14, 40, 11, TimeSpan.FromHours(8)).AddTicks(7_654_321);

    private static readonly DateTimeOffset EndOfMonday4January = new(2027, 1, 4, 23, 59, 59, TimeSpan.FromHours(8));

    private static readonly DateTimeOffset EndOfSaturday2January = new(2027, 1, 2, 23, 59, 59, TimeSpan.FromHours(8));

    private static readonly DateTimeOffset EndOfSunday3January = new(2027, 1, 3, 23, 59, 59, TimeSpan.FromHours(8));

    private string december23CaseNumber = string.Empty;

    protected override DateTimeOffset StartAt => December23;

    /// <summary>Started on Wednesday 23 December: its reminder and due date both fall in 2026. Then the clock moves to 30 December.</summary>
    [OneTimeSetUp]
    public async Task StartACaseBeforeChristmasAsync()
    {
        var worker = await As("jw.caseworker");
        var started = await StartAsync(worker);
        Assert.That(await DueAtAsync(worker, await TaskAsync(worker, started.CaseId, "check-application")), Is.EqualTo(new DateTimeOffset(2026, 12, 25, 23, 59, 59, TimeSpan.FromHours(8))));
        december23CaseNumber = started.Number;
        Clock.Set(December30);
    }

    /// <summary>
    /// A 2027 schedule written by hand: every statutory day of 2027 inside a holiday (New Year's Day
    /// only on Friday 1 January; Spring Festival from New Year's Eve, 5 February; Qingming 5 April;
    /// Dragon Boat 9 June; Mid-Autumn 15 September), and the make-up working days given.
    /// </summary>
    private static string Schedule2027(params string[] workingWeekends) => $$"""
        {
          "region": "cn",
          "year": 2027,
          "source": "国务院办公厅关于2027年部分节假日安排的通知（测试用）📅",
          "holidays": [
            { "name": { "zh-CN": "元旦", "en": "New Year's Day" }, "from": "2027-01-01", "to": "2027-01-01" },
            { "name": { "zh-CN": "春节", "en": "Spring Festival" }, "from": "2027-02-05", "to": "2027-02-11" },
            { "name": { "zh-CN": "清明节", "en": "Qingming Festival" }, "from": "2027-04-03", "to": "2027-04-05" },
            { "name": { "zh-CN": "劳动节", "en": "Labour Day" }, "from": "2027-05-01", "to": "2027-05-05" },
            { "name": { "zh-CN": "端午节", "en": "Dragon Boat Festival" }, "from": "2027-06-09", "to": "2027-06-09" },
            { "name": { "zh-CN": "中秋节", "en": "Mid-Autumn Festival" }, "from": "2027-09-15", "to": "2027-09-15" },
            { "name": { "zh-CN": "国庆节", "en": "National Day" }, "from": "2027-10-01", "to": "2027-10-07" }
          ],
          "workingWeekends": [{{string.Join(", ", workingWeekends.Select(d => $"\"{d}\""))}}]
        }
        """;

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Cn2026() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "calendars", "cn-2026.json"));

    private async Task<int> EditionCountAsync(int year) =>
        (await OkAsync(await (await As("bj.admin")).GetAsync($"/api/calendars/{year}"))).GetProperty("editions").GetArrayLength();

    private static async Task<(string CaseId, string Number, string InstanceId)> StartAsync(HttpClient worker)
    {
        var started = await StartUnemployedReceiptAsync(worker, NewIdentityNumber());
        return (started.GetProperty("id").GetString()!, started.GetProperty("number").GetString()!, started.GetProperty("instanceId").GetString()!);
    }

    private static async Task<DateTimeOffset> DueAtAsync(HttpClient worker, string taskId) =>
        (await OkAsync(await worker.GetAsync($"/api/tasks/{taskId}"))).GetProperty("dueAt").GetDateTimeOffset();

    /// <remarks>
    /// The schedule previewed makes Sunday 3 January a working day, which no other test publishes: the
    /// case started on 30 December moves to it from Monday 4 January (no 2027 schedule yet) or from
    /// Saturday 2 January (once the other test published its schedule).
    /// </remarks>
    [Test]
    public async Task The_preview_lists_exactly_the_cases_whose_deadlines_move_and_stores_nothing()
    {
        var worker = await As("jw.caseworker");
        var admin = await As("bj.admin");
        var across = await StartAsync(worker);
        var acrossTask = await TaskAsync(worker, across.CaseId, "check-application");
        var due = await DueAtAsync(worker, acrossTask);
        Assert.That(due, Is.EqualTo(EndOfMonday4January).Or.EqualTo(EndOfSaturday2January));
        var cancelled = await StartAsync(worker);
        await TaskAsync(worker, cancelled.CaseId, "check-application");
        await OkAsync(await (await As("jw.supervisor")).PostAsJsonAsync($"/api/cases/{cancelled.CaseId}/cancel", new { reason = "申请人撤回 ✋" }));

        // A case of a person on the administrator's avoidance (回避) list moves too, but is never shown to them.
        var avoidedNumber = NewIdentityNumber();
        var avoided = await StartUnemployedReceiptAsync(worker, avoidedNumber);
        await TaskAsync(worker, avoided.GetProperty("id").GetString()!, "check-application");
        await SetAvoidanceAsync("bj.admin", avoidedNumber);

        var editions = await EditionCountAsync(2027);
        var statusBefore = (await OkAsync(await admin.GetAsync("/api/calendars/2027"))).GetProperty("status").GetString();
        var preview = await OkAsync(await admin.PostAsync("/api/calendars/2027/preview", JsonBody(Schedule2027("2027-01-03"))));
        Assert.That(preview.GetProperty("valid").GetBoolean(), Is.True, preview.ToString());
        Assert.That(preview.GetProperty("problems").GetArrayLength(), Is.Zero);
        var changes = preview.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("date").GetString(), c.GetProperty("working").GetBoolean())).ToList();
        Assert.That(changes, Does.Contain(("2027-01-03", true)), "the make-up Sunday becomes a working day");

        var listed = preview.GetProperty("cases").EnumerateArray().ToList();
        var numbers = listed.Select(c => c.GetProperty("caseNumber").GetString()).ToList();
        Assert.That(numbers, Does.Contain(across.Number));
        Assert.That(numbers, Does.Not.Contain(december23CaseNumber), "deadlines all in 2026 do not move");
        Assert.That(numbers, Does.Not.Contain(cancelled.Number), "a cancelled case has no open deadline");
        Assert.That(numbers, Does.Not.Contain(avoided.GetProperty("number").GetString()), "what the administrator may not see is not listed");
        Assert.That(preview.GetProperty("totalCases").GetInt32(), Is.GreaterThanOrEqualTo(listed.Count + 1), "but it is counted");
        foreach (var listedCase in listed)
        {
            Assert.That(listedCase.GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("days").GetInt32()), Has.All.Not.Zero, "only deadlines that move are listed");
        }

        var moved = listed.Single(c => c.GetProperty("caseNumber").GetString() == across.Number);
        Assert.That(moved.GetProperty("processId").GetString(), Is.EqualTo("unemployed-file-receipt"));
        Assert.That(moved.GetProperty("instanceId").GetString(), Is.EqualTo(across.InstanceId));
        Assert.That(moved.GetProperty("caseId").GetString(), Is.EqualTo(across.CaseId));
        var move = moved.GetProperty("moves").EnumerateArray().Single();
        Assert.That(move.GetProperty("activityId").GetString(), Is.EqualTo("check-application"));
        Assert.That(move.GetProperty("kind").GetString(), Is.EqualTo("Task"));
        Assert.That(move.GetProperty("workingDays").GetInt32(), Is.EqualTo(2));
        Assert.That(move.GetProperty("from").GetDateTimeOffset(), Is.EqualTo(due));
        Assert.That(move.GetProperty("to").GetDateTimeOffset(), Is.EqualTo(EndOfSunday3January));
        Assert.That(move.GetProperty("days").GetInt32(), Is.EqualTo(due == EndOfMonday4January ? -1 : 1));

        var again = await OkAsync(await admin.PostAsync("/api/calendars/2027/preview", JsonBody(Schedule2027("2027-01-03"))));
        Assert.That(again.ToString(), Is.EqualTo(preview.ToString()), "a preview changes nothing, so a second one says the same");
        Assert.That(await EditionCountAsync(2027), Is.EqualTo(editions), "no edition was stored");
        Assert.That(await DueAtAsync(worker, acrossTask), Is.EqualTo(due), "no deadline moved");
        Assert.That((await OkAsync(await admin.GetAsync("/api/calendars/2027"))).GetProperty("status").GetString(), Is.EqualTo(statusBefore));
        await SetAvoidanceAsync("bj.admin", null);
    }

    private async Task SetAvoidanceAsync(string userName, string? identityNumber)
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var member = await db.Set<StaffMember>().SingleAsync(s => s.UserName == userName);
        member.Avoidance = identityNumber ?? string.Empty;
        await db.SaveChangesAsync();
    }

    [Test]
    public async Task Publishing_a_make_up_Saturday_moves_an_open_due_date_earlier_journaled_and_the_case_still_verifies_and_replays()
    {
        var worker = await As("jw.caseworker");
        var admin = await As("bj.admin");
        Assert.That((await OkAsync(await admin.GetAsync("/api/calendars/2027"))).GetProperty("status").GetString(), Is.EqualTo("Computed"), "the only test that publishes 2027");
        Clock.Advance(TimeSpan.FromTicks(3_000_000_017));
        var started = await StartAsync(worker);
        var taskId = await TaskAsync(worker, started.CaseId, "check-application");
        Assert.That(await DueAtAsync(worker, taskId), Is.EqualTo(EndOfMonday4January));

        var response = await admin.PutAsync("/api/calendars/2027", JsonBody(Schedule2027("2027-01-02")));
        var published = await OkAsync(response);
        Assert.That(published.GetProperty("changed").GetBoolean(), Is.True);
        Assert.That(published.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("date").GetString()), Does.Contain("2027-01-02"));
        var moved = published.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("caseNumber").GetString() == started.Number);
        var move = moved.GetProperty("moves").EnumerateArray().Single();
        Assert.That((move.GetProperty("from").GetDateTimeOffset(), move.GetProperty("to").GetDateTimeOffset()), Is.EqualTo((EndOfMonday4January, EndOfSaturday2January)));
        Assert.That(published.GetProperty("totalCases").GetInt32(), Is.GreaterThanOrEqualTo(published.GetProperty("cases").GetArrayLength()));

        Assert.That(await DueAtAsync(worker, taskId), Is.EqualTo(EndOfSaturday2January), "the task row carries the new due date");
        var detail = await OkAsync(await worker.GetAsync($"/api/cases/{started.CaseId}"));
        Assert.That(detail.GetProperty("case").GetProperty("deadlineAt").GetDateTimeOffset(), Is.EqualTo(EndOfSaturday2January), "the case's nearest deadline too");

        var journal = (await OkAsync(await admin.GetAsync($"/api/instances/{started.InstanceId}/journal"))).EnumerateArray().ToList();
        Assert.That(journal.Any(j => j.GetProperty("kind").GetString() == "Stimulus" && j.GetProperty("type").GetString() == "CalendarChanged"), Is.True, "the change reached the case as a journaled stimulus");
        var deadlineMoved = journal.Single(j => j.GetProperty("kind").GetString() == "Event" && j.GetProperty("type").GetString() == "DeadlineMoved");
        Assert.That(deadlineMoved.GetProperty("actor").GetString(), Is.EqualTo("bj.admin"));

        var verification = await OkAsync(await admin.PostAsync($"/api/instances/{started.InstanceId}/verify", null));
        Assert.That(verification.GetProperty("isValid").GetBoolean(), Is.True, verification.ToString());
        var steps = (await OkAsync(await admin.GetAsync($"/api/instances/{started.InstanceId}/replay"))).EnumerateArray().ToList();
        Assert.That(steps.Select(s => s.GetProperty("stimulus").GetString()), Does.Contain("CalendarChanged"));
        Assert.That(steps.Select(s => s.GetProperty("matchesRecord").GetBoolean()), Has.All.True);

        var year = await OkAsync(await admin.GetAsync("/api/calendars/2027"));
        Assert.That(year.GetProperty("status").GetString(), Is.EqualTo("Published"));
        Assert.That(year.GetProperty("warning").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(year.GetProperty("workingWeekendDays").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "2027-01-02" }));
        Assert.That(year.GetProperty("daysOff").EnumerateArray().Select(d => d.GetString()), Does.Contain("2027-02-11"));
        Assert.That(year.GetProperty("schedule").GetProperty("holidays")[1].GetProperty("name").GetProperty("zh-CN").GetString(), Is.EqualTo("春节"));
        var edition = year.GetProperty("editions").EnumerateArray().Last();
        Assert.That(edition.GetProperty("version").GetInt32(), Is.EqualTo(published.GetProperty("editionVersion").GetInt32()));
        Assert.That(edition.GetProperty("changedBy").GetString(), Is.EqualTo("bj.admin"));
        Assert.That(edition.GetProperty("origin").GetString(), Is.EqualTo("api"));
        Assert.That(edition.GetProperty("source").GetString(), Does.EndWith("📅"));
        Assert.That(edition.GetProperty("becameWorking").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "2027-01-02" }));
        Assert.That(edition.GetProperty("appliedAt").ValueKind, Is.Not.EqualTo(JsonValueKind.Null));
        Assert.That(edition.GetProperty("casesMoved").GetInt32(), Is.EqualTo(published.GetProperty("totalCases").GetInt32()));
    }

    [Test]
    public async Task A_make_up_day_on_a_Tuesday_is_refused_naming_the_date_and_the_field_and_nothing_is_stored()
    {
        var admin = await As("bj.admin");
        var editions = await EditionCountAsync(2027);
        var tuesday = Schedule2027("2027-01-09", "2027-01-05");

        using var english = new HttpRequestMessage(HttpMethod.Put, "/api/calendars/2027") { Content = JsonBody(tuesday) };
        english.Headers.AcceptLanguage.ParseAdd("en-GB");
        var refused = await admin.SendAsync(english);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadAsync(refused);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("CalendarInvalid"));
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "workingWeekends[1]" }));
        var message = errors.GetProperty("workingWeekends[1]")[0].GetString();
        Assert.That(message, Does.Contain("2027-01-05"));
        Assert.That(message, Does.Contain("Tuesday").Or.Contain("weekend"), "in the reader's language");

        var chinese = await admin.PutAsync("/api/calendars/2027", JsonBody(tuesday));
        var chineseMessage = (await ReadAsync(chinese)).GetProperty("errors").GetProperty("workingWeekends[1]")[0].GetString();
        Assert.That(chineseMessage, Does.Contain("2027-01-05"));
        Assert.That(chineseMessage, Does.Match("[\\u4e00-\\u9fff]"), "Chinese when the reader asks for no language");

        var preview = await OkAsync(await admin.PostAsync("/api/calendars/2027/preview", JsonBody(tuesday)));
        Assert.That(preview.GetProperty("valid").GetBoolean(), Is.False);
        var listed = preview.GetProperty("problems").EnumerateArray().Single();
        Assert.That((listed.GetProperty("code").GetString(), listed.GetProperty("date").GetString(), listed.GetProperty("field").GetString()),
            Is.EqualTo(("MakeUpDayNotWeekend", "2027-01-05", "workingWeekends[1]")));
        Assert.That(preview.GetProperty("cases").GetArrayLength(), Is.Zero);

        var otherYear = await admin.PutAsync("/api/calendars/2028", JsonBody(Schedule2027("2027-01-02")));
        Assert.That(otherYear.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(otherYear)).GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "year" }));
        var malformed = await admin.PutAsync("/api/calendars/2027", JsonBody("{\"year\": 2027, \"holidays\": [ {\"from\": \"2027-13-45\"} ]"));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var badDate = await admin.PutAsync("/api/calendars/2027", JsonBody("{\"year\": 2027, \"holidays\": [ {\"from\": \"2027-13-45\", \"to\": \"2027-01-01\"} ]}"));
        Assert.That(badDate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var nul = await admin.PutAsync("/api/calendars/2027", JsonBody(tuesday.Replace("测试用", "测试\\u0000用", StringComparison.Ordinal)));
        Assert.That(nul.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var latin1 = new StringContent(Schedule2027("2027-01-02"), Encoding.UTF8);
        latin1.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "x-unknown-charset" };
        var unknownCharset = await admin.PutAsync("/api/calendars/2027", latin1);
        Assert.That(unknownCharset.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest).Or.EqualTo(HttpStatusCode.UnsupportedMediaType));
        var longSource = await admin.PutAsync("/api/calendars/2027", JsonBody(Schedule2027("2027-01-02").Replace("（测试用）", new string('档', 600), StringComparison.Ordinal)));
        Assert.That((await ReadAsync(longSource)).GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "source" }));

        Assert.That(await EditionCountAsync(2027), Is.EqualTo(editions), "a refusal stores nothing");
    }

    [Test]
    public async Task A_caseworker_reads_the_calendars_but_may_not_preview_or_publish_and_an_unchanged_republish_adds_no_edition()
    {
        var worker = await As("jw.caseworker");
        var list = await OkAsync(await worker.GetAsync("/api/calendars"));
        Assert.That(list.GetArrayLength(), Is.EqualTo(4));
        Assert.That(await worker.GetAsync("/api/calendars/2026"), Has.Property(nameof(HttpResponseMessage.StatusCode)).EqualTo(HttpStatusCode.OK));
        Assert.That((await worker.PostAsync("/api/calendars/2027/preview", JsonBody(Schedule2027("2027-01-02")))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var refused = await worker.PutAsync("/api/calendars/2027", JsonBody(Schedule2027("2027-01-09")));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ReadAsync(refused)).GetProperty("code").GetString(), Is.EqualTo("Role"));

        var admin = await As("bj.admin");
        var before = (await OkAsync(await admin.GetAsync("/api/calendars/2026"))).GetProperty("editions").EnumerateArray().ToList();
        Assert.That(before, Is.Not.Empty, "cn-2026.json was imported at start-up");
        var republished = await OkAsync(await admin.PutAsync("/api/calendars/2026", JsonBody(Cn2026())));
        Assert.That(republished.GetProperty("changed").GetBoolean(), Is.False);
        Assert.That(republished.GetProperty("editionVersion").GetInt32(), Is.EqualTo(before[^1].GetProperty("version").GetInt32()));
        Assert.That(republished.GetProperty("changes").GetArrayLength(), Is.Zero);
        Assert.That(republished.GetProperty("totalCases").GetInt32(), Is.Zero);
        Assert.That(await EditionCountAsync(2026), Is.EqualTo(before.Count));
    }

    [Test]
    public async Task The_list_covers_last_year_to_two_years_ahead_warns_in_the_readers_language_and_refuses_ranges_out_of_bounds()
    {
        var worker = await As("jw.caseworker");
        var years = (await OkAsync(await worker.GetAsync("/api/calendars"))).EnumerateArray().ToList();
        Assert.That(years.Select(y => y.GetProperty("year").GetInt32()), Is.EqualTo(new[] { 2025, 2026, 2027, 2028 }), "China time in December 2026");
        var y2026 = years[1];
        Assert.That(y2026.GetProperty("status").GetString(), Is.EqualTo("Published"));
        Assert.That(y2026.GetProperty("origin").GetString(), Is.EqualTo("file:cn-2026.json"));
        Assert.That(y2026.GetProperty("applied").GetBoolean(), Is.True);
        Assert.That(y2026.GetProperty("editionVersion").GetInt32(), Is.GreaterThan(0));
        Assert.That(y2026.GetProperty("source").GetString(), Does.Contain("国务院"));
        Assert.That(y2026.GetProperty("warning").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var y2028 = years[3];
        Assert.That(y2028.GetProperty("status").GetString(), Is.EqualTo("Computed"));
        Assert.That(y2028.GetProperty("editionVersion").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(y2028.GetProperty("warning").GetString(), Does.Contain("调休上班日尚不可知"));

        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/calendars?from=2028&to=2028");
        english.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var warning = (await OkAsync(await worker.SendAsync(english)))[0].GetProperty("warning").GetString();
        Assert.That(warning, Does.Contain("make-up working days").And.Contain("statutory holidays are counted"));

        var old = (await OkAsync(await worker.GetAsync("/api/calendars?from=2000&to=2001"))).EnumerateArray().ToList();
        Assert.That(old.Select(y => y.GetProperty("status").GetString()), Has.All.EqualTo("WeekdaysOnly"));
        var computed = await OkAsync(await worker.GetAsync("/api/calendars/2100"));
        Assert.That(computed.GetProperty("schedule").GetProperty("holidays").GetArrayLength(), Is.GreaterThan(0), "statutory holidays are computed to 2100");

        foreach (var (query, field) in new[] { ("from=1999&to=2001", "from"), ("from=2090&to=2101", "to"), ("from=2000&to=2020", "to"), ("from=2030&to=2029", "to"), ("from=-2147483648", "from") })
        {
            var refused = await worker.GetAsync($"/api/calendars?{query}");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), query);
            var problem = await ReadAsync(refused);
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("OutOfRange"), query);
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }), query);
        }

        Assert.That((await worker.GetAsync("/api/calendars/1999")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await worker.GetAsync("/api/calendars?from=99999999999")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
