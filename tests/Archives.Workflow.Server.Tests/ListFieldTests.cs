using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// A case started through HTTP with a List input (the requesters of a consultation): good rows are kept as sent,
/// a bad row is refused naming its row and field, and a refusal stores nothing.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ListFieldTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Process = "unemployed-file-receipt";

    private static readonly string Wang = NewIdentityNumber();
    private static readonly string Li = NewIdentityNumber("310104");

    private bool published;

    /// <summary>The receipt's published definition with one more input: the people who brought the file, at least two.</summary>
    private async Task PublishWithRequestersAsync()
    {
        if (published)
        {
            return;
        }

        var admin = await As("bj.admin");
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", Process, "v1.json")))!.AsObject();
        definition.Remove("$schema");
        definition["version"] = 90;
        definition["inputs"]!.AsArray().Add(JsonNode.Parse("""
            { "name": "requesters", "type": "List", "minItems": 2, "maxItems": 10,
              "label": { "zh-CN": "查阅人", "en": "Requesters" },
              "fields": [ { "name": "name", "type": "Text", "required": true, "maxLength": 50 },
                          { "name": "idNumber", "type": "IdNumber", "required": true },
                          { "name": "partyMember", "type": "Boolean" } ] }
            """));
        var saved = await OkAsync(await admin.PostAsync("/api/definitions", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json")));
        await OkAsync(await admin.PostAsync($"/api/definitions/{Process}/versions/{saved.GetProperty("version").GetInt32()}/publish", null));
        published = true;
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, string idNumber, object requesters) =>
        client.PostAsJsonAsync("/api/cases", new
        {
            processId = Process,
            input = new Dictionary<string, object>
            {
                ["personName"] = "周晓梅 📁", ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
                ["requesters"] = requesters,
            },
        });

    [Test]
    public async Task A_case_started_with_good_rows_keeps_them_as_sent()
    {
        await PublishWithRequestersAsync();
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();
        object[] rows =
        [
            new { name = "王小明 🙂", idNumber = Wang, partyMember = true },
            new { name = "李\"文博\"", idNumber = Li, partyMember = false },
        ];

        var started = await OkAsync(await StartAsync(worker, idNumber, rows));

        var instanceId = started.GetProperty("instanceId").GetString()!;
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var state = JsonDocument.Parse(await db.Set<WorkflowInstance>().Where(i => i.Id == instanceId).Select(i => i.State).SingleAsync()).RootElement;
        var kept = state.GetProperty("input").GetProperty("requesters");
        Assert.That(kept.EnumerateArray().Select(r => (r.GetProperty("name").GetString(), r.GetProperty("idNumber").GetString(), r.GetProperty("partyMember").GetBoolean())),
            Is.EqualTo(new[] { ("王小明 🙂", Wang, true), ("李\"文博\"", Li, false) }));
        var verified = await OkAsync(await (await As("bj.admin")).PostAsync($"/api/instances/{instanceId}/verify", null));
        Assert.That(verified.GetProperty("isValid").GetBoolean(), Is.True, "the journal with the rows replays as recorded: " + verified);
    }

    [Test]
    public async Task A_bad_row_is_refused_naming_its_row_and_field_and_nothing_is_stored()
    {
        await PublishWithRequestersAsync();
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();
        var wrongCheck = Li[..17] + (Li[17] == '0' ? '1' : '0');
        object[] rows =
        [
            new { name = "王小明", idNumber = Wang, partyMember = true },
            new { name = "李文博", idNumber = wrongCheck, partyMember = false },
        ];
        var before = await CountsAsync();

        var response = await StartAsync(worker, idNumber, rows);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "requesters[1].idNumber" }), text);
        Assert.That(await CountsAsync(), Is.EqualTo(before), "no case, person or instance is stored");
        Assert.That(await PersonExistsAsync(idNumber), Is.False);
    }

    [Test]
    public async Task Fewer_than_two_requesters_and_a_value_that_is_not_a_list_are_refused_on_the_list()
    {
        await PublishWithRequestersAsync();
        var worker = await As("jw.caseworker");
        var before = await CountsAsync();

        var one = await StartAsync(worker, NewIdentityNumber(), new object[] { new { name = "王小明", idNumber = Wang } });
        var text = await StartAsync(worker, NewIdentityNumber(), "王小明、李文博");

        var oneProblem = JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement;
        var textProblem = JsonDocument.Parse(await text.Content.ReadAsStringAsync()).RootElement;
        Assert.That((one.StatusCode, text.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
        Assert.That(oneProblem.GetProperty("errors").GetProperty("requesters")[0].GetString(), Does.Contain("2"), oneProblem.GetRawText());
        Assert.That(textProblem.GetProperty("errors").TryGetProperty("requesters", out _), Is.True, textProblem.GetRawText());
        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_nul_inside_a_row_is_refused_naming_the_row_field_and_nothing_is_stored()
    {
        await PublishWithRequestersAsync();
        var worker = await As("jw.caseworker");
        var before = await CountsAsync();
        object[] rows =
        [
            new { name = "王小明", idNumber = Wang },
            new { name = "李\0文博", idNumber = Li },
        ];

        var response = await StartAsync(worker, NewIdentityNumber(), rows);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString(), Is.EqualTo("ControlCharacter"), text);
        Assert.That(text, Does.Contain("requesters[1].name"));
        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    /// <summary>A case of the receipt with its two requesters; gives its id.</summary>
    private async Task<string> StartWithRequestersAsync(HttpClient worker)
    {
        await PublishWithRequestersAsync();
        object[] rows = [new { name = "王小明", idNumber = Wang }, new { name = "李文博", idNumber = Li }];
        return (await OkAsync(await StartAsync(worker, NewIdentityNumber(), rows))).GetProperty("id").GetString()!;
    }

    [Test]
    public async Task A_draft_keeps_the_rows_of_a_list()
    {
        var worker = await As("jw.caseworker");
        var caseId = await StartWithRequestersAsync(worker);
        var task = await TaskAsync(worker, caseId, "check-application");
        await OkAsync(await worker.PostAsync($"/api/tasks/{task}/claim", null));

        await OkAsync(await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new
        {
            values = new { comment = "材料齐全", shown = new object[] { new { name = "王小明 🙂", pages = 12.5, original = true }, new { name = "李文博", note = (string?)null } } },
        }));
        var draft = await OkAsync(await worker.GetAsync($"/api/tasks/{task}/draft"));

        var rows = draft.GetProperty("values").GetProperty("shown");
        Assert.That(rows.GetArrayLength(), Is.EqualTo(2));
        Assert.That((rows[0].GetProperty("name").GetString(), rows[0].GetProperty("pages").GetDouble(), rows[0].GetProperty("original").GetBoolean()),
            Is.EqualTo(("王小明 🙂", 12.5, true)));
    }

    [Test]
    public async Task A_delegated_task_names_who_delegated_it_until_it_is_released()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var caseId = await StartWithRequestersAsync(worker);
        var task = await TaskAsync(worker, caseId, "check-application");

        await OkAsync(await supervisor.PostAsJsonAsync($"/api/tasks/{task}/delegate", new { userName = "jw.caseworker" }));
        var delegated = await OkAsync(await worker.GetAsync($"/api/tasks/{task}"));
        await OkAsync(await worker.PostAsync($"/api/tasks/{task}/unclaim", null));
        var released = await OkAsync(await worker.GetAsync($"/api/tasks/{task}"));

        Assert.That((delegated.GetProperty("assignee").GetString(), delegated.GetProperty("delegatedBy").GetString()), Is.EqualTo(("jw.caseworker", "jw.supervisor")));
        Assert.That(released.TryGetProperty("delegatedBy", out var after) ? after.GetString() : null, Is.Null);
    }

    private async Task<(int Cases, int Persons, int Instances)> CountsAsync()
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        return (await db.Set<ServiceCase>().CountAsync(), await db.Set<Person>().CountAsync(), await db.Set<WorkflowInstance>().CountAsync());
    }

    private async Task<bool> PersonExistsAsync(string idNumber)
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        return await db.Set<Person>().AnyAsync(p => p.IdentityNumber == idNumber);
    }
}
