using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Archives.Workflow.Engine.Forms;
using Archives.Workflow.Runtime;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The real server on a free loopback port (Kestrel, demo data, Hangfire, a fake clock, SQLite) and
/// the system Chromium driven by Playwright at 1366×768. Each test signs in in a fresh browser context.
/// </summary>
public abstract class UiFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static int sequence;

    protected FakeClock Clock { get; private set; } = null!;

    protected string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The running server's services, to change what only the database can (a journal row edited behind the application's back).</summary>
    protected IServiceProvider Services => factory.Services;

    private WebApplicationFactory<Program> factory = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private readonly List<IBrowserContext> contexts = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var database = Path.Combine(Path.GetTempPath(), $"archives-ui-test-{Guid.NewGuid():N}.db");
        Clock = new FakeClock(Start);
        var port = FreePort();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("ConnectionStrings:Archives", $"Data Source={database};Default Timeout=60");
            web.UseSetting("Server:SeedDemoData", "true");
            web.UseSetting("Server:HangfirePollInterval", "00:00:00.5");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(3650));
                ConfigureServices(services);
            });
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ARCHIVES_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        await browser.CloseAsync();
        playwright.Dispose();
        await factory.DisposeAsync();
    }

    /// <summary>A fixture's own services, registered after the common ones.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A fresh browser signed in as the demo user, in the given language (Chinese unless told).</summary>
    protected async Task<IPage> SignInAsync(string userName, string? language = null)
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        if (language is not null)
        {
            await page.GotoAsync($"{BaseUrl}/account/culture?culture={language}&returnUrl=%2Flogin");
        }

        await page.GotoAsync($"{BaseUrl}/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=whoami]");
        return page;
    }

    /// <summary>A fresh browser context at 1366×768, not signed in.</summary>
    protected async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "zh-CN" });
        contexts.Add(context);
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>Saves a screenshot as an artifact of the test.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }

    /// <summary>Time passes: the clock moves on and the runtime's sweep fires what is due.</summary>
    protected async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await factory.Services.GetRequiredService<WorkflowRuntime>().SweepAsync();
    }

    /// <summary>An API client signed in with a bearer token, to set up what a test is not about.</summary>
    protected async Task<HttpClient> ApiAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A fresh valid identity number of a person born in Chaoyang in 1986.</summary>
    protected static string NewIdentityNumber()
    {
        var n = Interlocked.Increment(ref sequence) + (Environment.ProcessId % 500);
        var first17 = $"1101051986{1 + (n / 28 % 12):D2}{1 + (n % 28):D2}{n % 1000:D3}";
        return first17 + IdentityNumber.CheckCharacter(first17);
    }

    /// <summary>Starts an unemployed person's file receipt at the Jianwai street office; gives the case id.</summary>
    protected static async Task<string> StartReceiptAsync(HttpClient client)
    {
        var idNumber = NewIdentityNumber();
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "界面" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Records that the person signed the entrustment agreement a receipt on the published version (v2) waits for once
    /// its file is in custody, as soon as the agreement is issued.
    /// </summary>
    protected static async Task SignAgreementAsync(HttpClient client, string caseId)
    {
        await Eventually.Until(() => client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents"),
            d => d.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "EntrustmentAgreement"), $"the agreement of case {caseId} issued");
        (await client.PostAsJsonAsync($"/api/cases/{caseId}/agreement-signed", new { signedAt = "2026-11-23", signedBy = "本人", via = "Counter" })).EnsureSuccessStatusCode();
    }

    /// <summary>The open task of an activity in a case (polled while background jobs move the case on).</summary>
    protected static async Task<string> TaskIdAsync(HttpClient client, string caseId, string activityId)
    {
        static string? Open(JsonElement detail, string activityId) => detail.GetProperty("openTasks").EnumerateArray()
            .Where(t => t.GetProperty("activityId").GetString() == activityId).Select(t => t.GetProperty("id").GetString()).FirstOrDefault();
        var detail = await Eventually.Until(() => client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"), d => Open(d, activityId) is not null, $"an open {activityId} task in case {caseId}");
        return Open(detail, activityId)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
