using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.UiTests;

/// <summary>The entrustment agreement in the browser, in Chinese: signed from the case page, its state seen on the file page.</summary>
public sealed class EntrustmentAgreementUiTests : UiFixture
{
    [Test]
    public async Task A_caseworker_records_the_signed_agreement_on_the_case_page_and_sees_it_on_the_file_page()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartOnlineReceiptAsync(api);
        var check = await TaskIdAsync(api, caseId, "check-application");
        (await api.PostAsJsonAsync($"/api/tasks/{check}/complete", new { outcome = "Accept", data = new { comment = "材料齐全" } })).EnsureSuccessStatusCode();
        await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"), d => d.GetProperty("case").GetProperty("milestone").GetString() == "AwaitingFile", "awaiting the file");
        (await api.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-UI-EAG-1" })).EnsureSuccessStatusCode();
        var verify = await TaskIdAsync(api, caseId, "verify-file");
        (await api.PostAsJsonAsync($"/api/tasks/{verify}/complete", new { outcome = "Complete", data = new { materialCount = 21, sealIntact = true } })).EnsureSuccessStatusCode();
        await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents"),
            d => d.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "EntrustmentAgreement"), "the agreement issued");

        var page = await SignInAsync("jw.caseworker");
        await page.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await page.WaitForSelectorAsync("[data-testid=agreement-form]");
        Assert.That(await page.InnerTextAsync("[data-testid=case-channel]"), Is.EqualTo("网上申请"));
        Assert.That(await page.InnerTextAsync("[data-testid=case-agreement-state]"), Is.EqualTo("待签订"));
        Assert.That(await page.InnerTextAsync("[data-testid=agreement-form]"), Does.Contain("委托存档协议").And.Contain("签订人"));
        await page.FillAsync("[data-testid=agreement-signed-by] input, input[data-testid=agreement-signed-by]", "乔雨辰 😀");
        await page.ClickAsync("[data-testid=record-agreement-signed]");

        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=case-agreement-state]')?.innerText === '已签订'");
        Assert.That(await page.Locator("[data-testid=agreement-form]").CountAsync(), Is.Zero, "nothing waits for a signature any more");
        await page.ClickAsync("[data-testid=file-link]");
        await page.WaitForSelectorAsync("[data-testid=agreement-state][data-state=Signed]");
        Assert.That(await page.InnerTextAsync("[data-testid=agreement-state]"), Is.EqualTo("已签订"));
        Assert.That(await page.InnerTextAsync("[data-testid=agreement-number]"), Does.Match(@"^CY-JW-EAG-\d{4}-\d{6}$"));
        Assert.That(await page.InnerTextAsync("[data-testid=agreement-signed-on]"), Does.Contain("乔雨辰 😀").And.Contain("窗口签订"));
        await ScreenshotAsync(page, "agreement-signed-file");
    }

    private static async Task<string> StartOnlineReceiptAsync(HttpClient client)
    {
        var idNumber = NewIdentityNumber();
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "协议" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02", ["channel"] = "Online",
            },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
