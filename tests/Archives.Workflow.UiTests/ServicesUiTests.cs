using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>Certificates, political vetting and deceased persons' files in the browser, in Chinese: each started from the start page, a task completed from its form.</summary>
public sealed class ServicesUiTests : UiFixture
{
    [Test]
    public async Task A_custody_certificate_is_started_at_the_counter_accepted_from_the_form_and_issued_after_approval()
    {
        var page = await SignInAsync("jw.caseworker");
        await StartAsync(page, "出具证明", "110105198506085718", "张伟");
        await ChooseAsync(page, "certificateKind", "存档证明");
        await page.FillAsync("[data-field=purpose] textarea, [data-field=purpose] input", "申请公租房 🏠");
        await ChooseAsync(page, "applicantKind", "本人");
        await ChooseAsync(page, "channel", "窗口受理");
        var number = await SubmitAsync(page, "CRT");

        await CompleteFromCaseAsync(page, "审核出具证明申请", "Accept");
        var api = await ApiAsync("jw.supervisor");
        var caseId = page.Url.Split('/')[^1];
        var approve = await TaskIdAsync(api, caseId, "approve-certificate");
        (await api.PostAsJsonAsync($"/api/tasks/{approve}/complete", new { outcome = "Approve", data = new { } })).EnsureSuccessStatusCode();

        await WorkspaceTests.UntilAsync(page, "[data-testid=case-milestone]", "已出具");
        await WorkspaceTests.UntilAsync(page, "[data-testid=documents]", "证明");
        Assert.That(await page.InnerTextAsync("[data-testid=case-number]"), Is.EqualTo(number));
        await ScreenshotAsync(page, "certificate-issued");
    }

    [Test]
    public async Task A_vetting_is_started_for_a_unit_and_its_request_accepted_from_the_form()
    {
        var page = await SignInAsync("cy.caseworker");
        await StartAsync(page, "政审", "110105197902144623", "陈静");
        await page.FillAsync("[data-field=vettingUnit] textarea, [data-field=vettingUnit] input", "北京卫戍区某部");
        await page.FillAsync("[data-field=vettingUnitCode] input", "12110000MB0123456Y");
        await page.FillAsync("[data-field=vettingUnitContact] input, [data-field=vettingUnitContact] textarea", "王干事 010-66112233");
        await ChooseAsync(page, "vettingPurpose", "应征入伍");
        await page.FillAsync("[data-field=letterNumber] input", "政审〔2026〕015号");
        await ChooseAsync(page, "channel", "跨省通办");
        await SubmitAsync(page, "PV");

        await CompleteFromCaseAsync(page, "审核政审函件", "Accept");
        await WorkspaceTests.UntilAsync(page, "[data-testid=open-task]", "查阅档案并摘录政审事项");
        Assert.That(await page.InnerTextAsync("[data-testid=case-milestone]"), Is.EqualTo("审核中"));
        await ScreenshotAsync(page, "vetting-review-file");
    }

    [Test]
    public async Task A_death_is_recorded_from_the_form_and_the_file_is_kept_here()
    {
        var page = await SignInAsync("zgc.caseworker");
        await StartAsync(page, "死亡人员档案处理", "110108197006223728", "马晓燕");
        await page.FillAsync("[data-field=deathDate] input", "2026-11-20");
        await page.Locator("[data-field=deathDate] input").PressAsync("Tab");
        await page.FillAsync("[data-field=deathCertificateNumber] input", "京海死〔2026〕00418号");
        await ChooseAsync(page, "channel", "窗口受理");
        await SubmitAsync(page, "DFH");

        await CompleteFromCaseAsync(page, "登记死亡信息", "Confirm");
        await WorkspaceTests.UntilAsync(page, "[data-testid=case-milestone]", "死亡后留存");
        Assert.That(await page.InnerTextAsync("[data-testid=file-status]"), Is.EqualTo("在库保管"), "the holding institution keeps the file");
        await ScreenshotAsync(page, "deceased-kept");
    }

    private static async Task StartAsync(IPage page, string process, string idNumber, string name)
    {
        await page.ClickAsync("[data-testid=nav-start]");
        await page.ClickAsync(".mud-select:has([data-testid=process]), [data-testid=process]");
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{process}')");
        await page.WaitForSelectorAsync("[data-testid=process-description]");
        await page.FillAsync("[data-field=idNumber] input", idNumber);
        await page.Locator("[data-field=idNumber] input").BlurAsync();
        await page.WaitForSelectorAsync("[data-testid=known-person]");
        if (await page.Locator("[data-field=personName] input").InputValueAsync() != name)
        {
            await page.FillAsync("[data-field=personName] input", name);
        }
    }

    private static async Task<string> SubmitAsync(IPage page, string prefix)
    {
        await page.ClickAsync("[data-testid=start]");
        await page.ClickAsync(".mud-dialog button:has-text('确定')");
        await page.WaitForSelectorAsync("[data-testid=case-number]");
        var number = await page.InnerTextAsync("[data-testid=case-number]");
        Assert.That(number, Does.Match($@"^{prefix}-\d{{4}}-\d{{6}}$"), "lands on the new case");
        return number;
    }

    private static async Task ChooseAsync(IPage page, string field, string option)
    {
        await page.ClickAsync($"[data-field={field}] .mud-select");
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{option}')");
        await page.WaitForFunctionAsync($"[...document.querySelectorAll('[data-field={field}] input, [data-field={field}] .mud-select-input, [data-field={field}] .mud-input-slot')].some(e => (e.value || e.innerText || '').includes('{option}'))");
        await page.Locator(".mud-popover-open").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    private static async Task CompleteFromCaseAsync(IPage page, string title, string outcome)
    {
        await WorkspaceTests.UntilAsync(page, "[data-testid=open-task]", title);
        await page.ClickAsync($"[data-testid=open-task]:has-text('{title}')");
        await TaskFormTests.CompleteAsync(page, outcome);
        await page.WaitForSelectorAsync("[data-testid=case-number]");
    }
}
