using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// File consultation and materials filing worked from the browser in Chinese: the caseworker and the supervisor
/// decide their tasks on the task page, and the file page then shows the loan, or the filed materials with the
/// one received late flagged.
/// </summary>
public sealed class ConsultationAndFilingUiTests : UiFixture
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "svcb");

    [Test]
    public async Task A_loan_approved_in_the_browser_shows_on_the_file_page()
    {
        var api = await ApiAsync("dc.caseworker");
        var (fileId, person) = await FileAsync(api, "DC-2018-0016");
        var started = await api.PostAsJsonAsync("/api/cases", new
        {
            processId = "file-consultation",
            input = new Dictionary<string, object>
            {
                ["idNumber"] = person.GetProperty("identityNumber").GetString()!, ["personName"] = person.GetProperty("name").GetString()!, ["channel"] = "Counter",
                ["unitName"] = "北京市东城区人民检察院", ["unitCreditCode"] = "11110101000012345X", ["purpose"] = "CaseHandling", ["mode"] = "Borrow",
                ["letterNumber"] = "东检函〔2026〕21号", ["categories"] = "1、4",
                ["requesters"] = new object[] { new { name = "王建华", idNumber = "110108199002034515", partyMember = true }, new { name = "赵敏", idNumber = "110105197811307626", partyMember = true } },
            },
        });
        started.EnsureSuccessStatusCode();
        var caseId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var worker = await SignInAsync("dc.caseworker");
        await worker.GotoAsync($"{BaseUrl}/tasks/{await TaskIdAsync(api, caseId, "check-request")}");
        Assert.That(await worker.Locator("[data-testid=task-page]").InnerTextAsync(), Does.Contain("审核查（借）阅申请"));
        await TaskFormTests.CompleteAsync(worker, "Accept");
        await worker.WaitForSelectorAsync("[data-testid=case-number]");

        var supervisorApi = await ApiAsync("dc.supervisor");
        var supervisor = await SignInAsync("dc.supervisor");
        await supervisor.GotoAsync($"{BaseUrl}/tasks/{await TaskIdAsync(supervisorApi, caseId, "approve-access")}");
        await TaskFormTests.CompleteAsync(supervisor, "Approve");
        await supervisor.WaitForSelectorAsync("[data-testid=case-number]");
        await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"), d => d.GetProperty("case").GetProperty("milestone").GetString() == "OnLoan", "the file lent");

        await supervisor.GotoAsync($"{BaseUrl}/files/{fileId}");
        var loan = supervisor.Locator("[data-testid=file-loan]");
        await Assertions.Expect(loan).ToContainTextAsync("借给北京市东城区人民检察院");
        Directory.CreateDirectory(Shots);
        await supervisor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "file-on-loan-zh.png"), FullPage = true });
    }

    [Test]
    public async Task Materials_accepted_in_the_browser_are_filed_and_a_late_one_is_flagged_on_the_file_page()
    {
        var api = await ApiAsync("dc.caseworker");
        var (fileId, person) = await FileAsync(api, "DC-2020-0022");
        var started = await api.PostAsJsonAsync("/api/cases", new
        {
            processId = "materials-filing",
            input = new Dictionary<string, object>
            {
                ["idNumber"] = person.GetProperty("identityNumber").GetString()!, ["personName"] = person.GetProperty("name").GetString()!, ["channel"] = "Online",
                ["formingUnit"] = "北京市东城区教育委员会", ["receivedOn"] = "2026-11-20",
                ["materials"] = new object[]
                {
                    new { title = "2026年度考核登记表", category = 3, formedOn = "2026-11-02", pages = 2, original = true },
                    new { title = "高级职称评审表", category = 4, subClass = 3, formedOn = "2026-08-20", pages = 6, original = true },
                },
            },
        });
        started.EnsureSuccessStatusCode();
        var caseId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var worker = await SignInAsync("dc.caseworker");
        await worker.GotoAsync($"{BaseUrl}/tasks/{await TaskIdAsync(api, caseId, "check-materials")}");
        Assert.That(await worker.Locator("[data-testid=task-page]").InnerTextAsync(), Does.Contain("审核收集的材料"));
        await TaskFormTests.CompleteAsync(worker, "Accept");
        await worker.WaitForSelectorAsync("[data-testid=case-number]");
        await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"), d => d.GetProperty("case").GetProperty("milestone").GetString() == "Filed", "the materials filed");

        await worker.GotoAsync($"{BaseUrl}/files/{fileId}");
        var late = worker.Locator("[data-testid=material]", new PageLocatorOptions { HasText = "高级职称评审表" }).Locator("[data-testid=material-late]");
        await Assertions.Expect(late).ToHaveTextAsync("逾期收集");
        await Assertions.Expect(worker.Locator("[data-testid=material]", new PageLocatorOptions { HasText = "2026年度考核登记表" }).Locator("[data-testid=material-late]")).ToHaveCountAsync(0);
        Directory.CreateDirectory(Shots);
        await worker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "file-late-material-zh.png"), FullPage = true });
    }

    private static async Task<(string FileId, JsonElement Person)> FileAsync(HttpClient api, string fileNumber)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/files?q={fileNumber}");
        var fileId = page.GetProperty("items")[0].GetProperty("id").GetString()!;
        var file = await api.GetFromJsonAsync<JsonElement>($"/api/files/{fileId}");
        return (fileId, file.GetProperty("person"));
    }
}
