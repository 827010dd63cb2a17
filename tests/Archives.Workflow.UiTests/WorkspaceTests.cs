using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>A caseworker's day in the browser: the inbox, a task form, the case page; refusals and messages in both languages.</summary>
public sealed class WorkspaceTests : UiFixture
{
    [Test]
    public async Task A_street_office_caseworker_starts_a_receipt_claims_accepts_records_the_arrival_verifies_and_sees_the_file_in_custody()
    {
        var page = await SignInAsync("jw.caseworker");
        Assert.That(await page.InnerTextAsync("[data-testid=whoami]"), Does.Contain("刘敏").And.Contain("建外街道").And.Contain("经办人"));
        await page.ClickAsync("[data-testid=nav-start]");
        await page.ClickAsync(".mud-select:has([data-testid=process]), [data-testid=process]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('失业人员档案接收')");
        await page.WaitForSelectorAsync("[data-testid=process-description]");
        var idNumber = NewIdentityNumber();
        await page.FillAsync("[data-field=idNumber] input", idNumber[..17] + (idNumber[17] == '0' ? '1' : '0'));
        await page.Locator("[data-field=idNumber] input").BlurAsync();
        Assert.That(await page.InnerTextAsync("#field-error-idNumber"), Does.Contain("校验"), "a wrong check character is caught as it is typed");
        await page.FillAsync("[data-field=idNumber] input", idNumber);
        await page.FillAsync("[data-field=personName] input", "王晓燕");
        await page.FillAsync("[data-field=householdRegistration] textarea, [data-field=householdRegistration] input", "北京市朝阳区建外街道");
        await page.FillAsync("[data-field=formerEmployer] textarea, [data-field=formerEmployer] input", "北京某科技有限公司");
        await page.FillAsync("[data-field=terminationCertificateNumber] input", "JC-UI-" + idNumber[^4..]);
        await page.FillAsync("[data-field=terminationDate] input", "2026-11-02");
        await page.Locator("[data-field=terminationDate] input").PressAsync("Tab");
        await ScreenshotAsync(page, "start-case");
        await page.ClickAsync("[data-testid=start]");
        await page.ClickAsync(".mud-dialog button:has-text('确定')");
        await page.WaitForSelectorAsync("[data-testid=case-number]");
        var number = await page.InnerTextAsync("[data-testid=case-number]");
        Assert.That(number, Does.Match(@"^UFR-\d{4}-\d{6}$"), "lands on the new case");

        await page.ClickAsync("[data-testid=nav-inbox]");
        await page.ClickAsync("text=可认领");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = number });
        await row.Locator("[data-testid=claim]").ClickAsync();
        await page.ClickAsync("text=我的任务");
        await ScreenshotAsync(page, "inbox");
        await page.Locator("tr", new PageLocatorOptions { HasText = number }).Locator("[data-testid=task-link]").ClickAsync();

        await page.WaitForSelectorAsync("[data-testid=task-title]");
        Assert.That(await page.InnerTextAsync("[data-testid=task-title]"), Is.EqualTo("审核接收申请"));
        var scan = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% termination certificate\n%%EOF\n");
        await page.SetInputFilesAsync("[data-testid=attachments] input[type=file]", new FilePayload { Name = "终止证明.pdf", MimeType = "application/pdf", Buffer = scan });
        await page.WaitForSelectorAsync("[data-testid=attachment-sha256]");
        Assert.That(await page.InnerTextAsync("[data-testid=attachment-sha256]"), Does.Contain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scan))));
        await ScreenshotAsync(page, "task");
        await TaskFormTests.CompleteAsync(page, "Accept");

        await UntilAsync(page, "[data-testid=case-milestone]", "等待档案");
        await page.WaitForSelectorAsync("[data-testid=diagram] [data-activity=check-application]");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.GetAttributeAsync("[data-activity=check-application]", "data-progress"), Is.EqualTo("Done"));
            Assert.That(await page.GetAttributeAsync("[data-activity=wait-file-arrived]", "data-progress"), Is.EqualTo("Current"));
            Assert.That(await page.GetAttributeAsync("[data-activity=verify-file]", "data-progress"), Is.EqualTo("Pending"));
        });
        await ScreenshotAsync(page, "case-diagram");
        await page.FillAsync("input[data-testid=arrival-tracking], [data-testid=arrival-tracking] input", "JY-UI-0001");
        await page.ClickAsync("[data-testid=record-arrival]");
        await UntilAsync(page, "[data-testid=open-task]", "核验接收的档案");
        await page.ClickAsync("[data-testid=open-task]");
        await TaskFormTests.ClaimIfOpenAsync(page);
        await page.FillAsync("[data-field=materialCount] input", "12");
        await TaskFormTests.CompleteAsync(page, "Complete");

        await UntilAsync(page, "[data-testid=case-milestone]", "已入库");
        await UntilAsync(page, "[data-testid=documents]", "回执");
        await UntilAsync(page, "[data-testid=documents]", "委托存档协议");

        // The file is in custody; the case waits for the person to sign the entrustment agreement at the counter.
        Assert.That(await page.InnerTextAsync("[data-testid=case-agreement-state]"), Is.EqualTo("待签订"));
        await page.FillAsync("[data-testid=agreement-signed-by] input, input[data-testid=agreement-signed-by]", "界面 😀");
        await page.ClickAsync("[data-testid=record-agreement-signed]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=case-agreement-state]')?.innerText === '已签订'");
        await UntilAsync(page, "[data-testid=case-status]", "已办结");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.InnerTextAsync("[data-testid=file-status]"), Is.EqualTo("在库保管"));
            Assert.That(await page.InnerTextAsync("[data-testid=case-status]"), Is.EqualTo("已办结"));
            Assert.That(await page.InnerTextAsync("[data-testid=timeline]"), Does.Contain("受理").And.Contain("核验无误"));
        });
        await ScreenshotAsync(page, "case");

        await page.ClickAsync("[data-testid=file-link]");
        await page.WaitForSelectorAsync("[data-testid=file-number]");
        Assert.That(await page.InnerTextAsync("[data-testid=file-number]"), Does.Match(@"CYJW-\d{4}-\d{4}"));
        await ScreenshotAsync(page, "file");
    }

    [Test]
    public async Task A_file_shows_its_materials_by_category_hides_classified_ones_and_files_a_new_one_with_its_number()
    {
        var page = await SignInAsync("cy.caseworker");
        var api = await ApiAsync("cy.caseworker");
        var fileId = (await api.GetFromJsonAsync<JsonElement>("/api/files?q=CY-2019-0034")).GetProperty("items")[0].GetProperty("id").GetString();
        await page.GotoAsync($"{BaseUrl}/files/{fileId}");
        await page.WaitForSelectorAsync("[data-testid=file-number]");
        Assert.That(await page.InnerTextAsync("[data-testid=hidden-materials]"), Does.Contain("1"), "the confidential material is hidden from a caseworker");
        var before = await page.Locator("[data-testid=material]").CountAsync();
        Assert.That(await page.Locator("[data-testid=category]").AllInnerTextsAsync(), Has.Count.EqualTo(10).And.Some.StartsWith("5 政审"), "the ten categories");

        await page.ClickAsync("[data-testid=material-add]");
        await page.WaitForSelectorAsync("[data-testid=material-invalid]");
        await ScreenshotAsync(page, "file-material-invalid");
        await page.FillAsync("input[data-testid=material-title], [data-testid=material-title] input", "2026年度考核登记表");
        await page.FillAsync("input[data-testid=material-unit], [data-testid=material-unit] input", "北京某科技有限公司");
        await page.FillAsync(".mud-picker input", "2026-11-20");
        await page.Locator(".mud-picker input").PressAsync("Tab");
        await page.ClickAsync("[data-testid=material-add]");
        await page.WaitForFunctionAsync($"document.querySelectorAll('[data-testid=material]').length > {before}");
        Assert.That(await page.InnerTextAsync("body"), Does.Contain("2026年度考核登记表"));
        await ScreenshotAsync(page, "file-materials");
    }

    [Test]
    public async Task The_dashboard_counts_my_tasks_and_charts_open_cases_by_process_and_milestone()
    {
        var page = await SignInAsync("cy.supervisor");
        await page.ClickAsync("[data-testid=nav-dashboard]");
        await page.WaitForSelectorAsync("[data-testid=cases-by-milestone]");
        Assert.That(await page.InnerTextAsync("[data-testid=cases-by-milestone]"), Does.Contain("失业人员档案接收"));
        Assert.That(await page.Locator("[data-testid=chart] svg, svg.mud-chart-bar, .mud-chart svg").CountAsync(), Is.GreaterThan(0));
        await ScreenshotAsync(page, "dashboard");
    }

    [Test]
    public async Task The_dashboard_does_not_count_a_case_of_a_person_the_staff_member_avoids()
    {
        // 刘芳 (CYJW-2020-0015) is on jw.caseworker's avoidance list; her colleague opens an identification of her file.
        var supervisor = await ApiAsync("jw.supervisor");
        var started = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            processId = "file-identification",
            input = new Dictionary<string, object>
            {
                ["personName"] = "刘芳", ["idNumber"] = "110105199011176823", ["fileNumber"] = "CYJW-2020-0015", ["reasons"] = "参加工作时间前后记载不一致", ["itemsInQuestion"] = "参加工作时间",
            },
        });
        started.EnsureSuccessStatusCode();

        async Task<int> IdentificationsAsync(string userName)
        {
            var page = await SignInAsync(userName);
            await page.ClickAsync("[data-testid=nav-dashboard]");
            await page.WaitForSelectorAsync("[data-testid=cases-by-milestone], [data-testid=cases-none]");
            var rows = await page.Locator("[data-testid=cases-by-milestone] tbody tr").AllInnerTextsAsync();
            return rows.Where(r => r.StartsWith("流动人员人事档案认定", StringComparison.Ordinal))
                .Sum(r => int.Parse(r.Split('\t', StringSplitOptions.TrimEntries)[^1], System.Globalization.CultureInfo.InvariantCulture));
        }

        var counted = await IdentificationsAsync("jw.supervisor");
        Assert.That(counted, Is.GreaterThanOrEqualTo(1));
        Assert.That(await IdentificationsAsync("jw.caseworker"), Is.EqualTo(counted - 1), "the same street office, less the avoided person's case");
    }

    [Test]
    public async Task A_departure_transfer_goes_from_the_start_form_through_the_confidentiality_review_to_transferred_out()
    {
        var worker = await SignInAsync("jw.caseworker");
        await worker.ClickAsync("[data-testid=nav-start]");
        await worker.ClickAsync(".mud-select:has([data-testid=process]), [data-testid=process]");
        await worker.ClickAsync(".mud-popover-open .mud-list-item:has-text('辞职、辞退等人员档案转递')");
        await worker.FillAsync("[data-field=idNumber] input", "110105196803121210");
        await worker.Locator("[data-field=idNumber] input").BlurAsync();
        var known = await worker.WaitForSelectorAsync("[data-testid=known-person]");
        Assert.That(await known!.InnerTextAsync(), Does.Contain("王建国"), "the person on record is looked up");
        await ChooseAsync(worker, "reason", "辞职");
        await worker.FillAsync("[data-field=conclusionDocumentNumber] input", "京建辞〔2026〕9号");
        await worker.FillAsync("[data-field=destinationInstitution] textarea, [data-field=destinationInstitution] input", "海淀区公共人力资源服务中心");
        await worker.ClickAsync("[data-testid=start]");
        await worker.ClickAsync(".mud-dialog button:has-text('确定')");
        await worker.WaitForSelectorAsync("[data-testid=case-number]");
        var caseUrl = worker.Url;

        await CompleteFromCaseAsync(worker, "确认已作出结论或处分", "Confirmed");
        var officer = await SignInAsync("cy.confidentiality");
        await officer.GotoAsync(caseUrl);
        await CompleteFromCaseAsync(officer, "保密审查", "Cleared");

        await worker.GotoAsync(caseUrl);
        await UntilAsync(worker, "[data-testid=open-task]", "整理并封装档案");
        await worker.ClickAsync("[data-testid=open-task]");
        await TaskFormTests.ClaimIfOpenAsync(worker);
        await worker.FillAsync("[data-field=materialCount] input", "28");
        await worker.ClickAsync("[data-field=sealed] input[type=checkbox], [data-field=sealed] .mud-checkbox");
        await ChooseAsync(worker, "method", "挂号快递");
        await worker.FillAsync("[data-field=trackingNumber] input", "EMS-UI-1");
        await TaskFormTests.CompleteAsync(worker, "Dispatched");
        var refused = await worker.WaitForSelectorAsync("[data-field][data-invalid=true]");
        Assert.That(await refused!.GetAttributeAsync("data-field"), Is.EqualTo("method"), await refused.InnerTextAsync());
        Assert.That(await refused.InnerTextAsync(), Does.Contain("机要通信"), "a former cadre's file never goes by express mail");
        await ChooseAsync(worker, "method", "机要通信");
        await worker.ClickAsync("[data-testid=submit]");

        await UntilAsync(worker, "[data-testid=case-milestone]", "转递中");
        await worker.ClickAsync("[data-testid=record-receipt]");
        await UntilAsync(worker, "[data-testid=case-milestone]", "已转出");
        Assert.That(await worker.InnerTextAsync("[data-testid=file-status]"), Is.EqualTo("已转出"));
        await ScreenshotAsync(worker, "departure-transferred-out");
    }

    [Test]
    public async Task Signing_in_and_opening_a_task_work_from_the_keyboard_alone()
    {
        var api = await ApiAsync("jw.caseworker");
        var task = await TaskIdAsync(api, await StartReceiptAsync(api), "check-application");
        (await api.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/login");

        await page.Keyboard.TypeAsync("jw.caseworker");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Demo#2026");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=whoami]");

        await page.Locator($"a[href='/tasks/{task}']").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=task-title]");
        await page.Locator("[data-testid=choose-Reject]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-field=reason] textarea").FocusAsync();
        await page.Keyboard.TypeAsync("户籍不在本区");
        await page.Locator("[data-testid=submit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".mud-dialog");

        // The dialog listens for keys once its script has attached, a moment after it shows; a person
        // whose first Escape came too early presses it again.
        for (var press = 0; press < 10 && await page.Locator(".mud-dialog").CountAsync() > 0; press++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await page.Locator(".mud-dialog").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 3000 });
            }
            catch (TimeoutException)
            {
                // Still open: press again.
            }
        }

        Assert.That(await page.Locator(".mud-dialog").CountAsync(), Is.Zero, "Escape closes the confirmation");
        Assert.That(await page.InnerTextAsync("[data-testid=task-title]"), Is.EqualTo("审核接收申请"), "the confirmation closes with Escape and nothing is done");
        Assert.That(page.Url, Does.EndWith($"/tasks/{task}"));
    }

    /// <summary>Picks an option of a generated Choice field and waits until the field shows it.</summary>
    private static async Task ChooseAsync(IPage page, string field, string option)
    {
        await page.ClickAsync($"[data-field={field}] .mud-select");
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{option}')");
        await page.WaitForFunctionAsync($"[...document.querySelectorAll('[data-field={field}] input, [data-field={field}] .mud-select-input, [data-field={field}] .mud-input-slot')].some(e => (e.value || e.innerText || '').includes('{option}'))");
        await page.Locator(".mud-popover-open").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    private static async Task CompleteFromCaseAsync(IPage page, string title, string outcome)
    {
        await UntilAsync(page, "[data-testid=open-task]", title);
        await page.ClickAsync($"[data-testid=open-task]:has-text('{title}')");
        await TaskFormTests.CompleteAsync(page, outcome);
        await page.WaitForSelectorAsync("[data-testid=case-number]");
    }

    [Test]
    public async Task A_rule_broken_in_the_form_is_shown_under_its_field_in_chinese_and_in_english()
    {
        var api = await ApiAsync("jw.caseworker");
        var task = await TaskIdAsync(api, await StartReceiptAsync(api), "check-application");

        var chinese = await SignInAsync("jw.caseworker");
        await RejectWithoutReasonAsync(chinese, task);
        Assert.That(await chinese.InnerTextAsync("#field-error-reason"), Is.EqualTo("不予接收必须填写理由。"));
        await ScreenshotAsync(chinese, "validation-zh");

        var english = await SignInAsync("jw.caseworker", "en");
        await RejectWithoutReasonAsync(english, task);
        Assert.That(await english.InnerTextAsync("#field-error-reason"), Is.EqualTo("Rejecting the application requires a reason."));
        Assert.That(await english.InnerTextAsync("[data-testid=task-title]"), Is.EqualTo("Check the application"));
        await ScreenshotAsync(english, "validation-en");
    }

    [Test]
    public async Task A_caseworker_of_another_district_is_refused_the_case_with_a_friendly_message()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);

        var page = await SignInAsync("zgc.caseworker");
        await page.GotoAsync($"{BaseUrl}/cases/{caseId}");

        var refusal = await page.WaitForSelectorAsync("[data-testid=refusal]");
        Assert.That(await refusal!.InnerTextAsync(), Does.Contain("无权查看"));
        Assert.That(await page.ContentAsync(), Does.Not.Contain("Exception"));
        await ScreenshotAsync(page, "refusal");
    }

    /// <summary>Submits Reject without a reason: the definition's rule refuses it on the page, before any confirmation.</summary>
    private async Task RejectWithoutReasonAsync(IPage page, string task)
    {
        await page.GotoAsync($"{BaseUrl}/tasks/{task}");
        await TaskFormTests.CompleteAsync(page, "Reject");
        await page.WaitForSelectorAsync("#field-error-reason");
    }

    /// <summary>Reloads the page until the element shows the text: background jobs move cases on in their own time.</summary>
    internal static async Task UntilAsync(IPage page, string selector, string text)
    {
        var first = true;
        await Eventually.Until(
            async () =>
            {
                if (!first)
                {
                    await page.ReloadAsync();
                    await page.WaitForSelectorAsync("[data-testid=whoami]");
                }

                first = false;
                var element = await page.QuerySelectorAsync(selector);
                return element is not null && (await element.InnerTextAsync()).Contains(text, StringComparison.Ordinal);
            },
            $"{selector} showing “{text}”");
    }
}
