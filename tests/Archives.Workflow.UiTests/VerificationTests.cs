using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>An auditor verifies every case and finds the one whose journal was edited in the database (a server of its own).</summary>
public sealed class VerificationTests : UiFixture
{
    private const string Shots = "/tmp/verify";

    [Test]
    public async Task An_auditor_verifies_all_cases_and_sees_the_tampered_one_named_by_its_sequence()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var number = detail.GetProperty("case").GetProperty("number").GetString()!;
        var instanceId = detail.GetProperty("case").GetProperty("instanceId").GetString()!;
        await using (var db = Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId && j.Sequence == 2)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "篡改者"));
        }

        var auditor = await SignInAsync("bj.auditor");
        await auditor.GotoAsync($"{BaseUrl}/verification");
        await auditor.WaitForSelectorAsync("[data-testid=start]");
        await auditor.ClickAsync("[data-testid=start]");

        await auditor.WaitForSelectorAsync("[data-testid=latest][data-state=Completed]");
        Assert.That(await auditor.InnerTextAsync("[data-testid=latest] [data-testid=verdict]"), Is.EqualTo("1 个案件未通过"));
        var row = auditor.Locator("[data-testid=failures] tr", new PageLocatorOptions { HasText = number });
        Assert.That(await row.Locator("[data-testid=failure-sequence]").InnerTextAsync(), Is.EqualTo("2"));
        Assert.That(await row.Locator("[data-testid=failure-kind]").InnerTextAsync(), Is.EqualTo("哈希链断裂"));
        Assert.That(await row.Locator("[data-testid=failure-detail]").InnerTextAsync(), Is.EqualTo("第 2 条日志与其哈希不符：内容被改动。"));
        Assert.That(await row.Locator("[data-testid=failure-case] a").GetAttributeAsync("href"), Is.EqualTo($"/cases/{caseId}/history"));
        var cases = await auditor.InnerTextAsync("[data-testid=latest] [data-testid=cases]");
        Assert.That(cases.Split(" / ") is [var done, var total] && done == total && int.Parse(total, System.Globalization.CultureInfo.InvariantCulture) > 1, Is.True, cases);
        await SaveAsync(auditor, "verification-zh-desktop");
        await auditor.SetViewportSizeAsync(390, 844);
        await auditor.ReloadAsync();
        await auditor.WaitForSelectorAsync("[data-testid=latest][data-state=Completed]");
        await SaveAsync(auditor, "verification-zh-phone");

        var english = await SignInAsync("bj.auditor", "en");
        await english.GotoAsync($"{BaseUrl}/verification");
        await english.WaitForSelectorAsync("[data-testid=latest][data-state=Completed]");
        Assert.That(await english.InnerTextAsync("[data-testid=latest] [data-testid=verdict]"), Is.EqualTo("Cases failed: 1"));
        await SaveAsync(english, "verification-en-desktop");
        await english.SetViewportSizeAsync(390, 844);
        await english.ReloadAsync();
        await english.WaitForSelectorAsync("[data-testid=latest][data-state=Completed]");
        await SaveAsync(english, "verification-en-phone");

        var caseworker = await SignInAsync("jw.caseworker");
        await caseworker.GotoAsync($"{BaseUrl}/verification");
        Assert.That(await caseworker.InnerTextAsync("[data-testid=refusal]"), Is.EqualTo("只有审计员和管理员可以核验全部案件。"));
    }

    /// <summary>What the reader sees, screen by screen (a phone's screens one below the other), for looking at outside the repository.</summary>
    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var screen = page.ViewportSize!.Height;
        for (var (top, part) = (0, 1); top < height && part <= 4; top += screen, part++)
        {
            await page.EvaluateAsync($"() => window.scrollTo(0, {top})");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}-{part}.png") });
        }
    }
}
