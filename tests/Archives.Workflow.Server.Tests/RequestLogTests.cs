using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Archives.Workflow.Cases.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Archives.Workflow.Server.Tests;

/// <summary>What the server's log says about a request: one event at the level of what happened, with the user, the case and the trace id.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class RequestLogTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string FailurePath = "/api/test-only/failure";

    private readonly CapturingSink sink = new();

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Serilog:MinimumLevel:Default", "Information");
        web.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(sink);
            // An unexpected failure inside the pipeline, as a defect in an endpoint would raise.
            services.AddSingleton<IStartupFilter, FailingEndpoint>();
        });
    }

    [Test]
    public async Task A_not_found_is_one_information_event_with_its_status_code_user_case_and_trace_id_and_no_error()
    {
        var worker = await As("jw.caseworker");
        var caseId = Guid.NewGuid();

        var events = await LoggedAsync(() => worker.GetAsync($"/api/cases/{caseId}"), HttpStatusCode.NotFound);

        var request = events.Single(IsRequestEvent);
        Assert.Multiple(() =>
        {
            Assert.That(events.Where(e => e.Level >= LogEventLevel.Error), Is.Empty);
            Assert.That(request.Level, Is.EqualTo(LogEventLevel.Information));
            Assert.That(request.Exception, Is.Null);
            Assert.That(Scalar(request, "StatusCode"), Is.EqualTo(404));
            Assert.That(Scalar(request, "Code"), Is.EqualTo("NotFound"));
            Assert.That(Scalar(request, "User"), Is.EqualTo("jw.caseworker"));
            Assert.That(Scalar(request, "CaseId"), Is.EqualTo(caseId.ToString()));
            Assert.That(Scalar(request, "TraceId") as string, Is.Not.Empty);
        });
    }

    [Test]
    public async Task A_forbidden_is_one_warning_event_without_a_stack_trace()
    {
        var worker = await As("jw.caseworker");

        var events = await LoggedAsync(() => worker.PostAsync("/api/definitions/unemployed-file-receipt/versions/1/publish", null), HttpStatusCode.Forbidden);

        var request = events.Single(IsRequestEvent);
        Assert.Multiple(() =>
        {
            Assert.That(events.Where(e => e.Level >= LogEventLevel.Error), Is.Empty);
            Assert.That(events.Where(e => e.Exception is not null), Is.Empty);
            Assert.That(request.Level, Is.EqualTo(LogEventLevel.Warning));
            Assert.That(Scalar(request, "StatusCode"), Is.EqualTo(403));
            Assert.That(Scalar(request, "Code"), Is.EqualTo("Role"));
        });
    }

    [Test]
    public async Task A_bad_request_is_one_information_event_naming_its_code()
    {
        var worker = await As("jw.caseworker");

        var events = await LoggedAsync(() => worker.GetAsync("/api/cases?page=0"), HttpStatusCode.BadRequest);

        var request = events.Single(IsRequestEvent);
        Assert.Multiple(() =>
        {
            Assert.That(events.Where(e => e.Level >= LogEventLevel.Warning), Is.Empty);
            Assert.That(request.Level, Is.EqualTo(LogEventLevel.Information));
            Assert.That(Scalar(request, "Code"), Is.EqualTo("OutOfRange"));
        });
    }

    [Test]
    public async Task A_body_refused_as_malformed_is_logged_with_its_user_and_code()
    {
        var worker = await As("jw.caseworker");
        var content = new StringContent("{\"name\":\"周\\ud800\"}", System.Text.Encoding.UTF8, "application/json");

        var events = await LoggedAsync(() => worker.PostAsync("/api/persons", content), HttpStatusCode.BadRequest);

        var request = events.Single(IsRequestEvent);
        Assert.Multiple(() =>
        {
            Assert.That(events.Where(e => e.Level >= LogEventLevel.Warning), Is.Empty);
            Assert.That(Scalar(request, "Code"), Is.EqualTo("MalformedRequest"));
            Assert.That(Scalar(request, "User"), Is.EqualTo("jw.caseworker"));
        });
    }

    [Test]
    public async Task An_unexpected_failure_is_one_error_event_carrying_its_exception()
    {
        var worker = await As("jw.caseworker");

        var events = await LoggedAsync(() => worker.GetAsync(FailurePath), HttpStatusCode.InternalServerError);

        var errors = events.Where(e => e.Level >= LogEventLevel.Error).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0].Exception?.Message, Is.EqualTo("A defect the log must show."));
            Assert.That(Scalar(errors[0], "StatusCode"), Is.EqualTo(500));
            Assert.That(Scalar(errors[0], "User"), Is.EqualTo("jw.caseworker"));
        });
    }

    private async Task<List<LogEvent>> LoggedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        sink.Events.Clear();
        var response = await send();
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;

        // The request's event is written as the response completes, which the client may see first.
        for (var i = 0; i < 100 && !sink.Events.Any(e => IsRequestEvent(e) && Equals(Scalar(e, "RequestPath"), path)); i++)
        {
            await Task.Delay(20);
        }

        return [.. sink.Events.Where(e => !e.Properties.TryGetValue("RequestPath", out var p) || Equals((p as ScalarValue)?.Value, path))];
    }

    private static bool IsRequestEvent(LogEvent e) => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal);

    private static object? Scalar(LogEvent e, string name) => e.Properties.TryGetValue(name, out var value) ? (value as ScalarValue)?.Value : null;

    private sealed class CapturingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }

    private sealed class FailingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext http, RequestDelegate following) =>
                http.Request.Path == FailurePath ? throw new InvalidOperationException("A defect the log must show.") : following(http));
        };
    }
}
