using System.Net;
using System.Net.Http.Headers;
using Archives.Workflow.Cases.Data;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// An address of the UI that no page answers gives a browser a friendly page in the reader's language, in the
/// app frame and with the status kept; the API keeps answering ProblemDetails JSON to every client.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ErrorPagesTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [TestCase("zh-CN", "找不到此页面", "Page not found")]
    [TestCase("en", "Page not found", "找不到此页面")]
    public async Task A_browser_opening_an_unknown_address_gets_a_not_found_page_in_its_language(string language, string title, string otherTitle)
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/档案/no-such-page?q=%F0%9F%97%82");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        using var response = await client.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain(title).And.Not.Contain(otherTitle));
        Assert.That(html, Does.Contain("<main").And.Contain("data-testid=\"error-panel\""), "inside the app frame");
        Assert.That(html, Does.Not.Contain("\"status\":404"), "no JSON for a reader");
    }

    [Test]
    public async Task An_unknown_API_address_still_answers_problem_details_even_to_a_browser()
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-resource");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task A_script_or_style_sheet_that_does_not_exist_is_not_answered_with_a_page()
    {
        using var client = Factory.CreateClient();

        using var response = await client.GetAsync("/no-such-script.js");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("text/html"));
    }
}
