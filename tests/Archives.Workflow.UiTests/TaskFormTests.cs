using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The task form never loses what was typed: read-only until claimed, a draft kept per task and user,
/// the fields of the chosen outcome only, the engine's rules checked before an irreversible outcome is
/// confirmed, a field at fault marked for screen readers; usable on a phone, in both languages.
/// </summary>
public sealed class TaskFormTests : UiFixture
{
    /// <summary>Where the screenshots of the task page go, to be looked at beside Tasklist's.</summary>
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "taskform");

    [Test]
    public async Task Values_survive_claiming_a_refused_submit_and_a_reload_and_hidden_fields_follow_the_outcome()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var task = await TaskIdAsync(api, caseId, "check-application");
        (await api.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { comment = "上次填到一半：材料基本齐全 📎" } })).EnsureSuccessStatusCode();
        var page = await SignInAsync("jw.caseworker");

        await page.GotoAsync($"{BaseUrl}/tasks/{task}");
        await page.WaitForSelectorAsync("[data-testid=claim-first]");
        Assert.That(await CommentAsync(page), Is.EqualTo("上次填到一半：材料基本齐全 📎"), "the draft is shown before claiming");
        Assert.That(await page.Locator("[data-field=comment] textarea").GetAttributeAsync("readonly"), Is.Not.Null, "read-only until claimed");
        Assert.That(await page.Locator("[data-testid=submit]").CountAsync(), Is.Zero);
        await SaveShotAsync(page, "desktop-zh-unclaimed");

        await ClaimIfOpenAsync(page);
        Assert.That(await CommentAsync(page), Is.EqualTo("上次填到一半：材料基本齐全 📎"), "claiming keeps the values");
        Assert.That(await page.Locator("[data-field=reason]").CountAsync(), Is.Zero, "no reason before Reject is chosen");

        await page.ClickAsync("[data-testid=choose-Reject]");
        await page.WaitForSelectorAsync("[data-field=reason]");
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForSelectorAsync("#field-error-reason");
        var reason = page.Locator("[data-field=reason] textarea");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.InnerTextAsync("#field-error-reason"), Is.EqualTo("不予接收必须填写理由。"), "the definition's rule, checked on the page");
            Assert.That(await page.Locator(".mud-dialog").CountAsync(), Is.Zero, "no confirmation is asked for a form that breaks a rule");
            Assert.That(await reason.GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
            Assert.That(await reason.GetAttributeAsync("aria-describedby"), Does.Contain("field-error-reason"));
            Assert.That(await CommentAsync(page), Is.EqualTo("上次填到一半：材料基本齐全 📎"), "a refused submit keeps the values");
        });
        await SaveShotAsync(page, "desktop-zh-refused");

        await reason.FillAsync("户籍不在本区，不予接收 😀");
        await Eventually.Until(
            () => api.GetFromJsonAsync<JsonElement>($"/api/tasks/{task}/draft"),
            draft => draft.GetProperty("values").TryGetProperty("reason", out var kept) && kept.GetString() == "户籍不在本区，不予接收 😀",
            "the reason saved as the draft once typing pauses");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=draft-restored]");
        Assert.That(await page.Locator("[data-field=reason] textarea").InputValueAsync(), Is.EqualTo("户籍不在本区，不予接收 😀"), "the draft comes back after a reload, with its outcome");
        Assert.That(await CommentAsync(page), Is.EqualTo("上次填到一半：材料基本齐全 📎"));

        await page.ClickAsync("[data-testid=choose-Accept]");
        await page.Locator("[data-field=reason]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await page.ClickAsync("[data-testid=choose-Reject]");
        Assert.That(await page.Locator("[data-field=reason] textarea").InputValueAsync(), Is.EqualTo("户籍不在本区，不予接收 😀"), "a hidden field keeps its value for when it shows again");

        await page.ClickAsync("[data-testid=submit]");
        await page.ClickAsync(".mud-dialog button:has-text('确定')");
        await page.WaitForSelectorAsync("[data-testid=case-number]");
        Assert.That(await DraftsOfAsync(task), Is.Zero, "a completed task keeps no draft");
    }

    [Test]
    public async Task Values_typed_in_english_survive_releasing_and_claiming_again()
    {
        var api = await ApiAsync("jw.caseworker");
        var task = await TaskIdAsync(api, await StartReceiptAsync(api), "check-application");
        var page = await SignInAsync("jw.caseworker", "en");
        await page.GotoAsync($"{BaseUrl}/tasks/{task}");
        await ClaimIfOpenAsync(page);

        await page.ClickAsync("[data-testid=choose-RequestSupplement]");
        await page.FillAsync("[data-field=supplementItems] textarea", "Household register copy — 户口簿复印件");
        await page.ClickAsync("[data-testid=unclaim]");
        await page.WaitForSelectorAsync("[data-testid=claim]");
        Assert.That(await page.Locator("[data-field=supplementItems] textarea").InputValueAsync(), Is.EqualTo("Household register copy — 户口簿复印件"), "releasing keeps the values");
        await ClaimIfOpenAsync(page);

        Assert.That(await page.Locator("[data-field=supplementItems] textarea").InputValueAsync(), Is.EqualTo("Household register copy — 户口簿复印件"));
        Assert.That(await page.Locator("[data-testid=submit]").TextContentAsync(), Does.Contain("Submit: Request a supplement"));
        await SaveShotAsync(page, "desktop-en");
    }

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task The_task_page_is_usable_on_a_phone(string language)
    {
        var api = await ApiAsync("jw.caseworker");
        var task = await TaskIdAsync(api, await StartReceiptAsync(api), "check-application");
        (await api.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        var page = await SignInAsync("jw.caseworker", language == "en" ? "en" : null);
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync($"{BaseUrl}/tasks/{task}");
        await page.WaitForSelectorAsync("[data-testid=submit]");
        await page.ClickAsync("[data-testid=choose-Reject]");
        await page.WaitForSelectorAsync("[data-field=reason]");

        var squeezed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=task-page] *')]
                .filter(e => e.offsetParent !== null && e.children.length === 0 && e.innerText && e.innerText.trim().length > 3)
                .filter(e => { const r = e.getBoundingClientRect(); const size = parseFloat(getComputedStyle(e).fontSize); return r.width < size * 2.5 && r.height > size * 3; })
                .map(e => e.innerText.trim().slice(0, 20))
            """);
        Assert.That(squeezed, Is.Empty, "no label wraps one character per line");
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "nothing runs off the side");
        var submit = await page.Locator("[data-testid=submit]").BoundingBoxAsync();
        Assert.That(submit!.X + submit.Width, Is.LessThanOrEqualTo(390), "the submit button is within reach");
        await SaveShotAsync(page, $"phone-{language}");
    }

    /// <summary>Claims the open task shown, if it is not yet claimed, and waits until its form can be filled.</summary>
    internal static async Task ClaimIfOpenAsync(IPage page)
    {
        await page.WaitForSelectorAsync("[data-testid=claim-bar]");
        if (await page.Locator("[data-testid=claim]").CountAsync() > 0)
        {
            await page.ClickAsync("[data-testid=claim]");
        }

        await page.WaitForSelectorAsync("[data-testid=submit]");
    }

    /// <summary>Claims the task shown if need be, chooses the outcome, submits and (for an irreversible outcome) confirms.</summary>
    internal static async Task CompleteAsync(IPage page, string outcome, string? confirm = null)
    {
        await ClaimIfOpenAsync(page);
        await ChooseAsync(page, outcome);
        await page.ClickAsync("[data-testid=submit]");
        if (confirm is not null)
        {
            await page.ClickAsync($".mud-dialog button:has-text('{confirm}')");
        }
    }

    /// <summary>Chooses the outcome (a task with one outcome has it chosen already).</summary>
    internal static async Task ChooseAsync(IPage page, string outcome)
    {
        var choice = page.Locator($"[data-testid=choose-{outcome}]");
        if (await choice.CountAsync() > 0)
        {
            await choice.ClickAsync();
        }
    }

    private static Task<string> CommentAsync(IPage page) => page.Locator("[data-field=comment] textarea").InputValueAsync();

    private static async Task SaveShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}.png"), FullPage = true });
    }

    private async Task<int> DraftsOfAsync(string task)
    {
        await using var db = Services.GetRequiredService<Func<ArchivesDbContext>>()();
        return await db.Set<TaskDraft>().CountAsync(d => d.TaskId == task);
    }
}
