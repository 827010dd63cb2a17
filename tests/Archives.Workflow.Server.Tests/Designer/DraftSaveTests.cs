using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>
/// The designer's save (<c>PUT /api/definitions/{id}/versions/{v}</c>): an invalid draft is kept, publishing
/// it stays refused, and a save over a revision someone else has saved since is refused with who and when.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class DraftSaveTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private static readonly string Receipt = File.ReadAllText(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json"));

    private static int drafts;

    /// <summary>A new draft of the receipt under its own id, saved the old way, and the revision a designer loads.</summary>
    private async Task<(string Id, JsonObject Definition, int Revision)> NewDraftAsync()
    {
        var id = $"designer-draft-{Interlocked.Increment(ref drafts)}-{Provider.ToString().ToLowerInvariant()}";
        var definition = JsonNode.Parse(Receipt)!.AsObject();
        definition["definitionId"] = id;
        var admin = await As("bj.admin");
        await OkAsync(await admin.PostAsync("/api/definitions", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json")));
        return (id, definition, await RevisionAsync(id, 1));
    }

    private async Task<int> RevisionAsync(string id, int version)
    {
        var response = await (await As("bj.admin")).GetAsync($"/api/definitions/{id}/versions/{version}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return int.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
    }

    private static JsonObject WithLooseTask(JsonObject definition, string title)
    {
        var changed = definition.DeepClone().AsObject();
        ((JsonArray)changed["root"]!["activities"]!).Add(new JsonObject
        {
            ["id"] = "userTask1", ["type"] = "UserTask", ["role"] = "Caseworker", ["outcomes"] = new JsonArray("Done"),
            ["title"] = new JsonObject { ["zh-CN"] = title, ["en"] = "Check again 📄" },
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 360.5, ["y"] = 80 } } },
        });
        return changed;
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string id, int revision, JsonObject definition) =>
        await client.PutAsJsonAsync($"/api/definitions/{id}/versions/1", new { revision, definition }, Json);

    [Test]
    public async Task An_invalid_draft_is_kept_with_its_problems_and_publishing_it_is_refused()
    {
        var (id, definition, revision) = await NewDraftAsync();
        var admin = await As("bj.admin");

        var saved = await OkAsync(await PutAsync(admin, id, revision, WithLooseTask(definition, "复核“材料”🗂")));

        Assert.That(saved.GetProperty("revision").GetInt32(), Is.EqualTo(revision + 1));
        Assert.That(saved.GetProperty("updatedBy").GetString(), Is.EqualTo("bj.admin"));
        var codes = saved.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("activityId").GetString() == "userTask1").Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.That(codes, Does.Contain("NoWayOut").And.Contain("Unreachable"));
        var stored = await (await admin.GetAsync($"/api/definitions/{id}/versions/1")).Content.ReadAsStringAsync();
        var task = JsonNode.Parse(stored)!["root"]!["activities"]!.AsArray().Single(a => (string?)a!["id"] == "userTask1")!;
        Assert.That((string?)task["title"]!["zh-CN"], Is.EqualTo("复核“材料”🗂"));
        Assert.That((double?)task["metadata"]!["designer"]!["position"]!["x"], Is.EqualTo(360.5));
        Assert.That(await RevisionAsync(id, 1), Is.EqualTo(revision + 1));

        var publish = await admin.PostAsync($"/api/definitions/{id}/versions/1/publish", null);

        Assert.That(publish.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(publish)).GetProperty("code").GetString(), Is.EqualTo("DefinitionInvalid"));
        var listed = (await OkAsync(await admin.GetAsync("/api/definitions"))).EnumerateArray().Single(v => v.GetProperty("definitionId").GetString() == id);
        Assert.That(listed.GetProperty("state").GetString(), Is.EqualTo("Draft"));
    }

    [Test]
    public async Task A_save_over_a_revision_saved_meanwhile_is_refused_naming_who_saved_it_and_stores_nothing()
    {
        var (id, definition, revision) = await NewDraftAsync();
        var first = await As("bj.admin");
        using var second = Factory.CreateClient();
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
        Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromTicks(1234567));
        await OkAsync(await PutAsync(first, id, revision, WithLooseTask(definition, "第一位管理员")));

        var refused = await PutAsync(second, id, revision, WithLooseTask(definition, "第二位管理员"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await ReadAsync(refused);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("DraftConflict"));
        var when = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("bj.admin").And.Contain(when));
        var stored = await (await first.GetAsync($"/api/definitions/{id}/versions/1")).Content.ReadAsStringAsync();
        Assert.That(stored, Does.Contain("第一位管理员").And.Not.Contain("第二位管理员"));

        var reloaded = await RevisionAsync(id, 1);
        await OkAsync(await PutAsync(second, id, reloaded, WithLooseTask(definition, "第二位管理员")));
        Assert.That(await (await first.GetAsync($"/api/definitions/{id}/versions/1")).Content.ReadAsStringAsync(), Does.Contain("第二位管理员"));
    }

    [Test]
    public async Task A_save_through_the_old_endpoint_moves_the_revision_on_so_an_open_designer_is_told()
    {
        var (id, definition, revision) = await NewDraftAsync();
        var admin = await As("bj.admin");
        await OkAsync(await admin.PostAsync("/api/definitions", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json")));

        var refused = await PutAsync(admin, id, revision, WithLooseTask(definition, "过期的修改"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await RevisionAsync(id, 1), Is.EqualTo(revision + 1));
    }

    [Test]
    public async Task A_published_version_cannot_be_saved_over()
    {
        var admin = await As("bj.admin");
        var definition = JsonNode.Parse(Receipt)!.AsObject();

        var refused = await PutAsync(admin, "unemployed-file-receipt", await RevisionAsync("unemployed-file-receipt", 1), definition);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await ReadAsync(refused)).GetProperty("code").GetString(), Is.EqualTo("VersionLocked"));
    }

    [Test]
    public async Task A_body_naming_another_definition_than_the_address_is_refused()
    {
        var (id, definition, revision) = await NewDraftAsync();
        var admin = await As("bj.admin");
        var other = definition.DeepClone().AsObject();
        other["definitionId"] = "unemployed-file-receipt";

        var refused = await PutAsync(admin, id, revision, other);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(refused)).GetProperty("code").GetString(), Is.EqualTo("DefinitionMismatch"));
        Assert.That(await RevisionAsync(id, 1), Is.EqualTo(revision));
    }

    [TestCase("""{ "revision": -1, "definition": {} }""", "revision")]
    [TestCase("""{ "revision": 1, "definition": "a string" }""", "definition")]
    [TestCase("""{ "revision": 1 }""", "definition")]
    public async Task A_malformed_body_is_refused_with_the_field_at_fault(string body, string field)
    {
        var (id, _, revision) = await NewDraftAsync();
        var admin = await As("bj.admin");

        var refused = await admin.PutAsync($"/api/definitions/{id}/versions/1", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(refused)).GetProperty("errors").TryGetProperty(field, out _), Is.True);
        Assert.That(await RevisionAsync(id, 1), Is.EqualTo(revision));
    }

    [Test]
    public async Task A_definition_the_engine_cannot_read_is_refused_as_malformed()
    {
        var (id, definition, revision) = await NewDraftAsync();
        var admin = await As("bj.admin");
        var broken = definition.DeepClone().AsObject();
        broken["version"] = "one";

        var refused = await PutAsync(admin, id, revision, broken);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(refused)).GetProperty("code").GetString(), Is.EqualTo("MalformedDefinition"));
    }
}
