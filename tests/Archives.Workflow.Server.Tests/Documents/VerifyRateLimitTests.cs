using System.Net;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests.Documents;

/// <summary>
/// The public check of codes is limited per client address (here 5 a minute), the page and the API together; and a
/// server without the documents' font still checks codes while printing answers 503 with what to install.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class VerifyRateLimitTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string ClientHeader = "X-Test-Client-Address";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Documents:VerifyPermitLimit", "5");
        web.UseSetting("Documents:VerifyWindow", "00:01:00");
        web.UseSetting("Documents:FontPath", "/nonexistent/NotoSansCJK-Regular.ttc");
        // The test server has no network connection: each request says which address it comes from.
        web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
    }

    [Test]
    public async Task The_sixth_check_within_a_minute_from_one_address_is_refused_with_429_and_retry_after_while_another_address_goes_on()
    {
        using var client = Factory.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await CheckAsync(client, "10.0.0.7", i % 2 == 0 ? "/api/verify/" + VerificationCodes.NewCode() : "/verify/" + VerificationCodes.NewCode()));
        }

        using var refusedApi = await SendAsync(client, "10.0.0.7", "/api/verify/" + VerificationCodes.NewCode());
        using var refusedPage = await SendAsync(client, "10.0.0.7", "/verify/" + VerificationCodes.NewCode());
        var other = await CheckAsync(client, "10.0.0.8", "/api/verify/" + VerificationCodes.NewCode());
        var problem = JsonDocument.Parse(await refusedApi.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(new[] { HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.NotFound }));
            Assert.That(refusedApi.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(refusedApi.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("TooManyRequests"));
            Assert.That(refusedPage.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the page counts with the API");
            Assert.That(refusedPage.Headers.RetryAfter, Is.Not.Null);
            Assert.That(other, Is.EqualTo(HttpStatusCode.NotFound), "another address is not limited by the first");
        });
    }

    [Test]
    public async Task Without_the_font_printing_answers_503_with_what_to_install_and_changes_nothing()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Reject", new { reason = "户籍不在本街道" }));
        await WaitForDocumentAsync(worker, caseId, "RejectionNotice");
        var document = (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray().Single();

        using var response = await worker.GetAsync($"/api/documents/{document.GetProperty("id").GetString()}/pdf");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("DocumentFontMissing"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("fonts-noto-cjk").And.Contain("/nonexistent/NotoSansCJK-Regular.ttc"));
        });
    }

    private static async Task<HttpStatusCode> CheckAsync(HttpClient client, string address, string path)
    {
        using var response = await SendAsync(client, address, path);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string address, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ClientHeader, address);
        return client.SendAsync(request);
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate following) =>
            {
                if (http.Request.Headers.TryGetValue(ClientHeader, out var address))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return following(http);
            });
            next(app);
        };
    }
}
