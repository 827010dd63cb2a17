using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>The case read model: the actions a reader may take now follow the case and the reader's roles, on both providers.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class CaseDetailsTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task Recording_the_arrival_is_offered_exactly_while_a_receipt_case_waits_for_the_file_and_only_to_who_may_record_it()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var auditor = await As("bj.auditor");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var check = await TaskAsync(worker, caseId, "check-application");

        Assert.That(Actions(await CaseAsync(worker, caseId)), Is.Empty, "a task is open: the case waits for it, not for the file");
        Assert.That(Actions(await CaseAsync(supervisor, caseId)), Is.EqualTo(new[] { nameof(CaseAction.Cancel) }));

        await OkAsync(await CompleteAsync(worker, check, "Accept", new { comment = "齐全 ✅ 材料\u00A0无误" }));
        await MilestoneAsync(worker, caseId, "AwaitingFile");

        Assert.Multiple(async () =>
        {
            Assert.That(Actions(await CaseAsync(worker, caseId)), Is.EqualTo(new[] { nameof(CaseAction.RecordArrival) }));
            Assert.That(Actions(await CaseAsync(supervisor, caseId)), Is.EqualTo(new[] { nameof(CaseAction.RecordArrival), nameof(CaseAction.Cancel) }));
            Assert.That(Actions(await CaseAsync(auditor, caseId)), Is.Empty, "an auditor reads only");
        });

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-2026-档案-0001", fromUnit = "北京某科技有限公司🏢" }));
        await TaskAsync(worker, caseId, "verify-file");

        Assert.That(Actions(await CaseAsync(worker, caseId)), Is.Empty, "the file has arrived");
    }

    [Test]
    public async Task Recording_a_supplement_is_offered_while_the_case_waits_for_one_and_nothing_once_the_case_is_cancelled()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "RequestSupplement", new { supplementItems = "失业人员登记表（原件）📄" }));

        var actions = await UntilActionsAsync(worker, caseId, nameof(CaseAction.RecordSupplement));
        Assert.That(actions, Is.EqualTo(new[] { nameof(CaseAction.RecordSupplement) }), "the file is not awaited yet");

        await OkAsync(await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/cancel", new { reason = "申请人撤回申请 🙅（重复提交）" }));

        Assert.Multiple(async () =>
        {
            Assert.That(Actions(await CaseAsync(worker, caseId)), Is.Empty);
            Assert.That(Actions(await CaseAsync(supervisor, caseId)), Is.Empty, "a closed case cannot be cancelled again");
        });
    }

    /// <summary>The case's actions once the background job that leads to <paramref name="expected"/> has run (0.5 s polling, up to 30 s).</summary>
    private static Task<List<string>> UntilActionsAsync(HttpClient client, string caseId, string expected) =>
        Eventually.Until(async () => Actions(await CaseAsync(client, caseId)), actions => actions.Contains(expected), $"case {caseId} offers {expected}");

    private static List<string> Actions(JsonElement detail) =>
        [.. detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!)];
}
