using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime;
using Archives.Workflow.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// <c>GET /api/definitions</c> names who last saved a draft and who retracted a version, and when, as the
/// definitions page shows them. A server of its own: the tests retract versions.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class DefinitionActorsTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Process = "file-identification";

    private static async Task<JsonElement> VersionAsync(HttpClient client, int version)
    {
        var list = await OkAsync(await client.GetAsync("/api/definitions"));
        return list.EnumerateArray().Single(v => v.GetProperty("definitionId").GetString() == Process && v.GetProperty("version").GetInt32() == version);
    }

    // The runtime keeps instants to the microsecond, as every supported database stores them.
    private static DateTimeOffset Stored(DateTimeOffset at) => at.AddTicks(-(at.Ticks % 10)).ToUniversalTime();

    private static DateTimeOffset? At(JsonElement row, string property) =>
        row.GetProperty(property).ValueKind == JsonValueKind.Null ? null : row.GetProperty(property).GetDateTimeOffset().ToUniversalTime();

    [Test]
    public async Task A_saved_draft_names_who_saved_it_last_and_when_and_a_retracted_version_who_retracted_it_and_when()
    {
        var admin = await As("bj.admin");
        var draft = await OkAsync(await admin.PostAsync($"/api/definitions/{Process}/versions/1/revert", null));
        var version = draft.GetProperty("version").GetInt32();

        Clock.Advance(TimeSpan.FromMinutes(83).Add(TimeSpan.FromTicks(4_567_891)));
        var saving = Clock.GetUtcNow();
        var response = await admin.GetAsync($"/api/definitions/{Process}/versions/{version}");
        var revision = int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var definition = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        definition["description"] = JsonNode.Parse("""{ "zh-CN": "调整说明 📁", "en": "Adjusted 📁" }""");
        await OkAsync(await admin.PutAsJsonAsync($"/api/definitions/{Process}/versions/{version}", new { revision, definition }));

        var saved = await VersionAsync(admin, version);
        Assert.That((saved.GetProperty("state").GetString(), saved.GetProperty("updatedBy").GetString(), saved.GetProperty("updatedByName").GetString()),
            Is.EqualTo(("Draft", "bj.admin", "程海涛")));
        Assert.That(At(saved, "updatedAt"), Is.EqualTo(Stored(saving)));
        Assert.That(At(saved, "updatedAt"), Is.GreaterThan(At(saved, "createdAt")!.Value), "the save, not the creation");
        Assert.That(At(saved, "retractedAt"), Is.Null);

        await OkAsync(await admin.PostAsync($"/api/definitions/{Process}/versions/{version}/publish", null));
        Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromTicks(123_457)));
        var retracting = Clock.GetUtcNow();
        await OkAsync(await admin.PostAsync($"/api/definitions/{Process}/versions/{version}/retract", null));

        var retracted = await VersionAsync(await As("bj.auditor"), version);
        Assert.That((retracted.GetProperty("state").GetString(), retracted.GetProperty("retractedBy").GetString(), retracted.GetProperty("retractedByName").GetString()),
            Is.EqualTo(("Retracted", "bj.admin", "程海涛")));
        Assert.That(At(retracted, "retractedAt"), Is.EqualTo(Stored(retracting)));
        Assert.That(retracted.GetProperty("publishedBy").GetString(), Is.EqualTo("bj.admin"), "who published it stays");
        var shipped = await VersionAsync(admin, 1);
        Assert.That((shipped.GetProperty("state").GetString(), At(shipped, "retractedAt")), Is.EqualTo(("Published", (DateTimeOffset?)null)));
    }

    [Test]
    public async Task The_runtime_keeps_who_retracted_a_version_when_the_page_retracts_it()
    {
        var admin = await As("bj.admin");
        var draft = await OkAsync(await admin.PostAsync($"/api/definitions/{Process}/versions/1/revert", null));
        var version = draft.GetProperty("version").GetInt32();
        await OkAsync(await admin.PostAsync($"/api/definitions/{Process}/versions/{version}/publish", null));
        var runtime = Factory.Services.GetRequiredService<IWorkflowRuntime>();

        await runtime.RetractAsync(Process, version, "另一区管理员😀");

        var retracted = await VersionAsync(admin, version);
        Assert.That((retracted.GetProperty("retractedBy").GetString(), retracted.GetProperty("retractedByName").ValueKind),
            Is.EqualTo(("另一区管理员😀", JsonValueKind.Null)), "a login that is no staff member is shown as it is");
    }
}
