using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Server.Api;
using AutoMapper;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class AccessTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task A_caseworker_of_another_district_can_neither_read_the_case_nor_the_file()
    {
        var owner = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(owner, NewIdentityNumber())).GetProperty("id").GetString()!;
        var other = await As("zgc.caseworker");
        var response = await other.GetAsync($"/api/cases/{caseId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ReadAsync(response)).GetProperty("code").GetString(), Is.EqualTo("OutOfScope"));

        var file = await FileIdAsync(owner, "CYJW-2019-0007");
        Assert.That((await other.GetAsync($"/api/files/{file}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var list = await OkAsync(await other.GetAsync("/api/cases"));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Does.Not.Contain(caseId), "lists are scoped too");

        // The district centre sees its street office; the municipal centre sees everything.
        Assert.That((await (await As("cy.supervisor")).GetAsync($"/api/cases/{caseId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await (await As("bj.auditor")).GetAsync($"/api/cases/{caseId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await (await As("hd.supervisor")).GetAsync($"/api/cases/{caseId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_staff_member_never_handles_a_person_on_their_avoidance_list()
    {
        var worker = await As("jw.caseworker");
        var file = await FileIdAsync(await As("jw.supervisor"), "CYJW-2020-0015");
        var read = await worker.GetAsync($"/api/files/{file}");
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ReadAsync(read)).GetProperty("code").GetString(), Is.EqualTo("Avoidance"));
        var start = await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "departure-file-transfer",
            input = new Dictionary<string, object>
            {
                ["personName"] = "刘芳", ["idNumber"] = "110105199011176823", ["reason"] = "Resignation", ["conclusionDocumentNumber"] = "X-1",
                ["destinationInstitution"] = "海淀区公共人力资源服务中心", ["everCadre"] = false,
            },
        });
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await (await As("jw.supervisor")).GetAsync($"/api/files/{file}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a colleague may");
    }

    [Test]
    public async Task Confidential_materials_need_clearance_and_every_view_is_logged()
    {
        var worker = await As("cy.caseworker");
        var fileId = await FileIdAsync(worker, "CY-2019-0034");
        var file = await OkAsync(await worker.GetAsync($"/api/files/{fileId}?purpose=counter%20enquiry"));
        Assert.That(file.GetProperty("hiddenMaterials").GetInt32(), Is.EqualTo(1), "the confidential material is not listed");
        Assert.That(file.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("confidentiality").GetString()), Does.Not.Contain("Confidential"));

        var officer = await As("cy.confidentiality");
        var full = await OkAsync(await officer.GetAsync($"/api/files/{fileId}"));
        Assert.That(full.GetProperty("hiddenMaterials").GetInt32(), Is.Zero);
        var secret = full.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("confidentiality").GetString() == "Confidential");
        var materialId = secret.GetProperty("id").GetString();
        var refused = await worker.GetAsync($"/api/materials/{materialId}");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ReadAsync(refused)).GetProperty("code").GetString(), Is.EqualTo("Clearance"));
        await OkAsync(await officer.GetAsync($"/api/materials/{materialId}?purpose=review"));

        // The log is read by a cleared officer; a supervisor without clearance sees the file's views but not those of the confidential material.
        var log = await OkAsync(await officer.GetAsync($"/api/files/{fileId}/access-log?pageSize=200"));
        var entries = log.GetProperty("items").EnumerateArray().ToList();
        var uncleared = await OkAsync(await (await As("cy.supervisor")).GetAsync($"/api/files/{fileId}/access-log?pageSize=200"));
        Assert.Multiple(() =>
        {
            Assert.That(uncleared.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("materialId").ToString()), Does.Not.Contain(materialId));
            Assert.That(uncleared.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("userName").GetString() == "cy.caseworker" && e.GetProperty("purpose").GetString() == "counter enquiry"), Is.True);
            Assert.That(uncleared.GetProperty("total").GetInt32(), Is.EqualTo(entries.Count - entries.Count(e => e.GetProperty("materialId").ToString() == materialId)), "the total counts only what is shown");
            Assert.That(entries.Any(e => e.GetProperty("userName").GetString() == "cy.confidentiality" && e.GetProperty("materialId").GetString() == materialId && e.GetProperty("purpose").GetString() == "review"), Is.True);
            Assert.That(entries.Any(e => e.GetProperty("userName").GetString() == "cy.caseworker" && e.GetProperty("purpose").GetString() == "counter enquiry"), Is.True);
            Assert.That(entries.Any(e => e.GetProperty("userName").GetString() == "cy.caseworker" && e.GetProperty("materialId").GetString() == materialId), Is.False, "the refused read is not a view");
            var shown = file.GetProperty("materials").GetArrayLength();
            Assert.That(entries.Count(e => e.GetProperty("userName").GetString() == "cy.caseworker" && e.GetProperty("materialId").ValueKind == JsonValueKind.String), Is.EqualTo(shown), "each material shown is logged");
        });
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var client = Factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { userName = "dc.caseworker", password = "wrong-" + i });
            Assert.That(wrong.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, (HttpStatusCode)423));
        }

        var right = await client.PostAsJsonAsync("/api/auth/login", new { userName = "dc.caseworker", password = "Demo#2026" });
        Assert.That((int)right.StatusCode, Is.EqualTo(423));
        Assert.That((await ReadAsync(right)).GetProperty("code").GetString(), Is.EqualTo("LockedOut"));
    }

    [Test]
    public async Task Health_openapi_and_the_hangfire_dashboard_for_administrators_only()
    {
        var anonymous = Factory.CreateClient();
        var health = await OkAsync(await anonymous.GetAsync("/health"));
        Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        var openApi = await OkAsync(await anonymous.GetAsync("/openapi/v1.json"));
        Assert.That(openApi.GetProperty("paths").TryGetProperty("/api/cases", out _), Is.True);
        Assert.That((await (await As("bj.admin")).GetAsync("/hangfire")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)(await (await As("cy.caseworker")).GetAsync("/hangfire")).StatusCode, Is.AnyOf(401, 403));
    }

    [Test]
    public void The_entity_to_dto_maps_are_valid()
    {
        var mapper = Factory.Services.GetRequiredService<IMapper>();
        Assert.DoesNotThrow(() => mapper.ConfigurationProvider.AssertConfigurationIsValid());
        Assert.That(typeof(ApiMappings).IsSealed, Is.True);
    }
}
