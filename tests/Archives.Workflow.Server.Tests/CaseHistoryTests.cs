using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// A case's history over HTTP (<c>GET /api/cases/{id}/history</c>), its audit bundle (<c>GET /api/cases/{id}/bundle</c>)
/// and verification after a journal row is changed in the database, on both databases, with a clock whose
/// instants carry ticks below a microsecond.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class CaseHistoryTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Comment = "材料齐全 ✅ 已核对\t原件\n第二行";

    protected override DateTimeOffset StartAt => Start.AddTicks(4_321_987);

    [Test]
    public async Task A_completed_file_receipt_replays_step_by_step_with_its_version_changed_variables_waits_and_people()
    {
        var worker = await As("jw.caseworker");
        var caseId = await CompletedReceiptAsync(worker);
        var auditor = await As("bj.auditor");

        var history = await OkAsync(await auditor.GetAsync($"/api/cases/{caseId}/history"));
        var steps = history.GetProperty("steps").EnumerateArray().ToList();
        var journal = (await OkAsync(await auditor.GetAsync($"/api/cases/{caseId}/journal"))).EnumerateArray().ToList();
        var version = (await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("definitionVersion").GetInt32();

        Assert.Multiple(() =>
        {
            Assert.That(steps.Select(s => s.GetProperty("sequence").GetInt64()),
                Is.EqualTo(journal.Where(e => e.GetProperty("kind").GetString() == "Stimulus").Select(e => e.GetProperty("sequence").GetInt64())), "one step per recorded stimulus");
            Assert.That(steps.Select(s => s.GetProperty("definitionVersion").GetInt32()), Has.All.EqualTo(version));
            Assert.That(steps.Select(s => s.GetProperty("matchesRecord").GetBoolean()), Has.All.True);
            Assert.That(steps.SelectMany(s => s.GetProperty("comparedEvents").EnumerateArray()).Select(e => e.GetProperty("equal").GetBoolean()), Has.All.True);
            Assert.That(steps.Sum(s => s.GetProperty("comparedEvents").GetArrayLength()), Is.EqualTo(journal.Count(e => e.GetProperty("kind").GetString() == "Event")));
        });

        var first = steps[0];
        Assert.That(first.GetProperty("stimulus").GetString(), Is.EqualTo("StartWorkflow"));
        var firstTask = first.GetProperty("waits").EnumerateArray().Single(w => w.GetProperty("kind").GetString() == "Task");
        Assert.That(firstTask.GetProperty("activityId").GetString(), Is.EqualTo("check-application"));
        Assert.That(firstTask.GetProperty("dueAt").GetDateTimeOffset(), Is.GreaterThan(Start));
        Assert.That(first.GetProperty("done").EnumerateArray().Select(a => a.GetString()), Does.Contain("start").And.Not.Contain("check-application"));

        var check = steps.First(s => s.GetProperty("stimulus").GetString() == "TaskCompleted");
        Assert.That(check.GetProperty("stimulusPayload").GetString(), Does.Contain("Accept").And.Contain("材料齐全 ✅"));
        Assert.That(check.GetProperty("changedVariables").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "applicationCheck" }));
        Assert.That(check.GetProperty("variables").GetProperty("applicationCheck").GetRawText(), Does.Contain("Accept"));
        Assert.That(check.GetProperty("done").EnumerateArray().Select(a => a.GetString()), Does.Contain("check-application"));
        Assert.That(check.GetProperty("actor").GetString(), Is.EqualTo("jw.caseworker"));

        var last = steps[^1];
        Assert.That(last.GetProperty("status").GetString(), Is.EqualTo("Completed"));
        Assert.That(last.GetProperty("milestone").GetString(), Is.EqualTo("InCustody"));
        Assert.That(last.GetProperty("waits").GetArrayLength(), Is.Zero);
        Assert.That(last.GetProperty("waitingOn").GetArrayLength(), Is.Zero);
        Assert.That(steps.Where(s => s.GetProperty("actor").GetString() == "system").Select(s => s.GetProperty("stimulus").GetString()), Has.All.EqualTo("JobSucceeded"),
            "the background jobs act as the system");

        var person = history.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("userName").GetString() == "jw.caseworker");
        Assert.That((person.GetProperty("displayName").GetString(), person.GetProperty("institutionZh").GetString()), Is.EqualTo(("刘敏", "朝阳区建外街道办事处")));
        Assert.That(history.GetProperty("personName").GetString(), Does.StartWith("测试"));
    }

    [Test]
    public async Task A_migrated_case_shows_the_version_it_ran_on_before_and_after_the_move()
    {
        var worker = await As("jw.caseworker");
        var admin = await As("bj.admin");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var detail = await CaseAsync(worker, caseId);
        var from = detail.GetProperty("case").GetProperty("definitionVersion").GetInt32();
        var instanceId = detail.GetProperty("case").GetProperty("instanceId").GetString()!;
        var draft = await OkAsync(await admin.PostAsync($"/api/definitions/unemployed-file-receipt/versions/{from}/revert", null));
        var to = draft.GetProperty("version").GetInt32();
        await OkAsync(await admin.PostAsync($"/api/definitions/unemployed-file-receipt/versions/{to}/publish", null));
        await OkAsync(await admin.PostAsJsonAsync($"/api/instances/{instanceId}/migrate", new { targetVersion = to }));
        Clock.Advance(TimeSpan.FromTicks(7_200_000_013));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "RequestSupplement", new { comment = "缺少解除劳动合同证明 🙂", supplementItems = "解除劳动合同证明" }));

        var steps = (await OkAsync(await (await As("bj.auditor")).GetAsync($"/api/cases/{caseId}/history"))).GetProperty("steps").EnumerateArray().ToList();

        Assert.That(steps.Take(3).Select(s => (s.GetProperty("stimulus").GetString(), s.GetProperty("definitionVersion").GetInt32())),
            Is.EqualTo(new[] { ("StartWorkflow", from), ("MigrateWorkflow", to), ("TaskCompleted", to) }));
        Assert.That(steps.Select(s => s.GetProperty("matchesRecord").GetBoolean()), Has.All.True);

        var bundle = await BundleAsync(await As("bj.auditor"), caseId);
        Assert.That(bundle.Definitions.Select(d => d.Version), Is.EqualTo(new[] { from, to }), "the bundle holds both versions the case ran on");
        Assert.That(AuditBundleVerifier.Verify(bundle).IsValid, Is.True);
    }

    [Test]
    public async Task Another_districts_user_and_an_avoided_person_are_refused_the_history_as_the_journal()
    {
        var supervisor = await As("jw.supervisor");
        var caseId = (await OkAsync(await supervisor.PostAsJsonAsync("/api/cases", new
        {
            processId = "departure-file-transfer",
            input = new Dictionary<string, object>
            {
                ["personName"] = "刘芳", ["idNumber"] = "110105199011176823", ["reason"] = "Resignation", ["conclusionDocumentNumber"] = "辞职-2026-📄-1",
                ["destinationInstitution"] = "海淀区公共人力资源服务中心", ["everCadre"] = false,
            },
        }))).GetProperty("id").GetString()!;
        Assert.That((await supervisor.GetAsync($"/api/cases/{caseId}/history")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a colleague may");

        foreach (var user in new[] { "jw.caseworker", "hd.supervisor", "zgc.caseworker", "hd.auditor" })
        {
            var client = await As(user);
            var journal = await client.GetAsync($"/api/cases/{caseId}/journal");
            var history = await client.GetAsync($"/api/cases/{caseId}/history");
            var bundle = await client.GetAsync($"/api/cases/{caseId}/bundle");
            Assert.That(history.StatusCode, Is.EqualTo(journal.StatusCode).And.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound), user);
            Assert.That((await ReadAsync(history)).GetProperty("code").GetString(), Is.EqualTo((await ReadAsync(journal)).GetProperty("code").GetString()), user);
            Assert.That(bundle.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), user);
        }

        var avoided = await ReadAsync(await (await As("jw.caseworker")).GetAsync($"/api/cases/{caseId}/history"));
        Assert.That(avoided.GetProperty("code").GetString(), Is.EqualTo("Avoidance"));
        Assert.That((await (await As("bj.auditor")).GetAsync($"/api/cases/{Guid.NewGuid()}/history")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_bundle_carries_the_journal_definitions_and_calendar_years_and_an_edited_row_is_named_by_its_sequence()
    {
        var worker = await As("jw.caseworker");
        var auditor = await As("bj.auditor");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromTicks(36_000_000_007));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept", new { comment = Comment }));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        var detail = await CaseAsync(worker, caseId);
        var instanceId = detail.GetProperty("case").GetProperty("instanceId").GetString()!;

        var response = await auditor.GetAsync($"/api/cases/{caseId}/bundle");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName,
            Is.EqualTo($"{detail.GetProperty("case").GetProperty("number").GetString()}.audit-bundle.json"));
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        var bundle = AuditBundleVerifier.Read(text);
        var journal = (await OkAsync(await auditor.GetAsync($"/api/cases/{caseId}/journal"))).EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("format").GetString(), Is.EqualTo("archives-audit-bundle/1"));
            Assert.That(bundle.Case.Number, Is.EqualTo(detail.GetProperty("case").GetProperty("number").GetString()));
            Assert.That(bundle.Case.PersonName, Is.EqualTo(detail.GetProperty("person").GetProperty("name").GetString()));
            Assert.That(bundle.Case.ProcessId, Is.EqualTo("unemployed-file-receipt"));
            Assert.That(bundle.Journal.Select(e => (e.Sequence, e.Hash)), Is.EqualTo(journal.Select(e => (e.GetProperty("sequence").GetInt64(), e.GetProperty("hash").GetString()!))));
            Assert.That(bundle.Definitions.Single().Definition.GetProperty("definitionId").GetString(), Is.EqualTo("unemployed-file-receipt"));
            Assert.That(bundle.Calendars.Select(c => c.Year), Does.Contain(2026), "the calendar year the deadlines were counted in");
            Assert.That(bundle.Calendars.Select(c => c.Schedule.GetProperty("year").GetInt32()), Is.EqualTo(bundle.Calendars.Select(c => c.Year)));
            Assert.That(json.GetProperty("verdict").GetProperty("isValid").GetBoolean(), Is.True);
            Assert.That(AuditBundleVerifier.Verify(bundle).IsValid, Is.True, "the bundle verifies offline");
        });

        await using (var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId && j.Sequence == 4).ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "篡改者"));
        }

        var broken = await OkAsync(await auditor.PostAsync($"/api/cases/{caseId}/verify", null));
        Assert.That((broken.GetProperty("isValid").GetBoolean(), broken.GetProperty("firstBrokenSequence").GetInt64()), Is.EqualTo((false, 4L)));
        var exported = await BundleAsync(auditor, caseId);
        Assert.That((exported.Verdict.IsValid, exported.Verdict.FirstBrokenSequence), Is.EqualTo((false, (long?)4)), "the bundle tells its verdict at export");
        Assert.That(AuditBundleVerifier.Verify(exported).FirstBrokenSequence, Is.EqualTo(4));

        // A stimulus overwritten with text that is no stimulus at all: the history and the bundle still answer, never a 500.
        await using (var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId && j.Sequence == 1).ExecuteUpdateAsync(s => s.SetProperty(j => j.Payload, "不是 JSON 🙂"));
        }

        var history = await OkAsync(await auditor.GetAsync($"/api/cases/{caseId}/history"));
        Assert.That(history.GetProperty("steps").GetArrayLength(), Is.Zero, "nothing replays before the first stimulus");
        var garbled = await BundleAsync(auditor, caseId);
        Assert.That((garbled.Verdict.FirstBrokenSequence, AuditBundleVerifier.Verify(garbled).FirstBrokenSequence), Is.EqualTo(((long?)1, (long?)1)));
    }

    [Test]
    public async Task An_event_rewritten_with_a_recomputed_chain_is_caught_by_replay_and_marked_different_in_its_step()
    {
        var worker = await As("jw.caseworker");
        var auditor = await As("bj.auditor");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept", new { comment = Comment }));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        var instanceId = (await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("instanceId").GetString()!;

        // Someone with the database rewrites the recorded outcome and recomputes every hash and the case's head.
        long forged;
        await using (var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            var entries = await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
            var target = entries.First(e => e.Kind == JournalKinds.Event && e.Type == "TaskCompleted");
            forged = target.Sequence;
            target.Payload = target.Payload.Replace("\"port\":\"Accept\"", "\"port\":\"Reject\"", StringComparison.Ordinal);
            var previous = JournalHasher.Genesis;
            foreach (var entry in entries)
            {
                entry.Hash = JournalHasher.Next(previous, entry);
                previous = entry.Hash;
            }

            (await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instanceId)).JournalHead = previous;
            await db.SaveChangesAsync();
        }

        var verification = await OkAsync(await auditor.PostAsync($"/api/cases/{caseId}/verify", null));
        Assert.That(verification.GetProperty("isValid").GetBoolean(), Is.False);
        Assert.That(verification.GetProperty("firstBrokenSequence").ValueKind, Is.EqualTo(JsonValueKind.Null), "the chain itself holds");
        var difference = verification.GetProperty("replayDifference");
        Assert.That(difference.GetProperty("sequence").GetInt64(), Is.EqualTo(forged), "named by its sequence in the journal");
        Assert.That(difference.GetProperty("expected").GetString(), Does.Contain("\"port\":\"Reject\""), "what the journal records");
        Assert.That(difference.GetProperty("actual").GetString(), Does.Contain("\"port\":\"Accept\""), "what the replay gives");

        var steps = (await OkAsync(await auditor.GetAsync($"/api/cases/{caseId}/history"))).GetProperty("steps").EnumerateArray().ToList();
        var step = steps.Single(s => s.GetProperty("comparedEvents").EnumerateArray().Any(e => !e.GetProperty("equal").GetBoolean()));
        var different = step.GetProperty("comparedEvents").EnumerateArray().Single(e => !e.GetProperty("equal").GetBoolean());
        Assert.That(step.GetProperty("stimulus").GetString(), Is.EqualTo("TaskCompleted"));
        Assert.That(step.GetProperty("matchesRecord").GetBoolean(), Is.False);
        Assert.That(different.GetProperty("type").GetString(), Is.EqualTo("TaskCompleted"));
        Assert.That(different.GetProperty("recorded").GetString(), Does.Contain("\"port\":\"Reject\""));
        Assert.That(different.GetProperty("replayed").GetString(), Does.Contain("\"port\":\"Accept\""));
        Assert.That(steps.Where(s => s.GetProperty("sequence").GetInt64() != step.GetProperty("sequence").GetInt64()).Select(s => s.GetProperty("matchesRecord").GetBoolean()), Has.All.True);
        Assert.That(AuditBundleVerifier.Verify(await BundleAsync(auditor, caseId)).ReplayDifference?.Sequence, Is.EqualTo(forged), "offline, the same sequence");
    }

    private static async Task<AuditBundle> BundleAsync(HttpClient client, string caseId)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}/bundle");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return AuditBundleVerifier.Read(await response.Content.ReadAsStringAsync());
    }

    /// <summary>An unemployed person's file receipt taken to the end: accepted, the file arrived, verified, in custody.</summary>
    private async Task<string> CompletedReceiptAsync(HttpClient worker)
    {
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromTicks(18_000_000_003));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept", new { comment = Comment }));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await WaitForDocumentAsync(worker, caseId, "TransferRequestLetter");
        Clock.Advance(TimeSpan.FromTicks(864_000_000_011));
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "ZR-2026-历史", fromUnit = "北京某科技有限公司" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "Complete", new { materialCount = 12 }));
        await MilestoneAsync(worker, caseId, "InCustody");
        await SignAgreementAsync(worker, caseId);
        return caseId;
    }
}
