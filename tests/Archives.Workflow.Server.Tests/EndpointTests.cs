using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Server.Hosting;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>Persons, transfers, definitions and instances through the API, and the validation every request body gets.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class EndpointTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public void Every_request_body_has_a_validator()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var bodies = endpoints
            .SelectMany(e => e.Metadata.OfType<IAcceptsMetadata>().Where(a => a.RequestType is not null).Select(a => (Route: e.RoutePattern.RawText, Type: a.RequestType!)))
            .ToList();

        Assert.That(bodies, Is.Not.Empty);
        // A definition is a JSON document checked by the definition validator (every problem named by activity and property).
        var missing = bodies.Where(b => b.Type != typeof(JsonElement) && RequestValidation.ValidatorFor(Factory.Services, b.Type) is null).Select(b => $"{b.Route}: {b.Type.Name}");
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public async Task Bodies_that_break_the_rules_are_refused_with_every_field_named_and_nothing_runs()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var before = await CaseAsync(worker, caseId);

        var arrival = await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Pigeon", trackingNumber = "" });
        Assert.That(arrival.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await ReadAsync(arrival)).GetProperty("errors");
        Assert.That((errors.TryGetProperty("method", out _), errors.TryGetProperty("trackingNumber", out _)), Is.EqualTo((true, true)));

        var cancel = await (await As("jw.supervisor")).PostAsJsonAsync($"/api/cases/{caseId}/cancel", new { reason = "  " });
        Assert.That((await ReadAsync(cancel)).GetProperty("errors").TryGetProperty("reason", out _), Is.True);

        var material = await worker.PostAsJsonAsync($"/api/files/{Guid.NewGuid()}/materials", new { category = 4, title = "", formedOn = "2099-01-01", formingUnit = "x", pages = 0, original = false });
        Assert.That(material.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "validated before the file is even looked up");
        var fields = (await ReadAsync(material)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.SupersetOf(new[] { "subClass", "title", "formedOn", "pages", "original" }));

        var empty = await worker.PostAsync("/api/tasks/any/delegate", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.That((await ReadAsync(empty)).GetProperty("errors").TryGetProperty("userName", out _), Is.True);

        var after = await CaseAsync(worker, caseId);
        Assert.That(after.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo(before.GetProperty("case").GetProperty("status").GetString()));
    }

    [Test]
    public async Task A_person_is_registered_in_the_institutions_area_once_and_edited_with_the_rules_of_the_record()
    {
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();
        var badCheck = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
        var refused = await worker.PostAsJsonAsync("/api/persons", new { identityNumber = badCheck, name = "甲", householdDistrict = "朝阳区", householdStreet = "建外街道" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(refused)).GetProperty("errors").TryGetProperty("identityNumber", out _), Is.True, "a wrong check character");

        var elsewhere = await worker.PostAsJsonAsync("/api/persons", new { identityNumber = idNumber, name = "乙", householdDistrict = "海淀区", householdStreet = "中关村街道" });
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ReadAsync(elsewhere)).GetProperty("code").GetString(), Is.EqualTo("OutOfArea"));

        var created = await worker.PostAsJsonAsync("/api/persons", new { identityNumber = idNumber.ToLowerInvariant(), name = "周晓梅", householdDistrict = "朝阳区", householdStreet = "建外街道", everCadre = true });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var person = await ReadAsync(created);
        var id = person.GetProperty("id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(person.GetProperty("birthDate").GetString(), Is.EqualTo($"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}"), "from the identity number");
            Assert.That(person.GetProperty("gender").GetString(), Is.EqualTo((idNumber[16] - '0') % 2 == 1 ? "Male" : "Female"));
        });
        var again = await worker.PostAsJsonAsync("/api/persons", new { identityNumber = idNumber, name = "周晓梅", householdDistrict = "朝阳区", householdStreet = "建外街道" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var found = await OkAsync(await worker.GetAsync($"/api/persons?q={idNumber}"));
        Assert.That(found.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()), Is.EqualTo(new[] { id }), "visible in the area without a file or case");
        Assert.That((await (await As("zgc.caseworker")).GetAsync($"/api/persons/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var update = new { name = "周晓梅", householdDistrict = "朝阳区", householdStreet = "建外街道", phone = "13911112222", address = "建国门外大街2号", status = "Active", heroOrModel = false, everCadre = false };
        var weakened = await worker.PutAsJsonAsync($"/api/persons/{id}", update);
        Assert.That(weakened.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "clearing the former-cadre flag is a supervisor's call");
        Assert.That((await ReadAsync(weakened)).GetProperty("code").GetString(), Is.EqualTo("SupervisorOnly"));
        var keep = new { update.name, update.householdDistrict, update.householdStreet, update.phone, update.address, update.status, update.heroOrModel, everCadre = true };
        var edited = await OkAsync(await worker.PutAsJsonAsync($"/api/persons/{id}", keep));
        Assert.That((edited.GetProperty("phone").GetString(), edited.GetProperty("everCadre").GetBoolean()), Is.EqualTo(("13911112222", true)));
        var cleared = await OkAsync(await (await As("jw.supervisor")).PutAsJsonAsync($"/api/persons/{id}", update));
        Assert.That(cleared.GetProperty("everCadre").GetBoolean(), Is.False, "the supervisor may");
    }

    [Test]
    public async Task Definitions_are_exported_imported_from_elsa_compared_and_reverted_and_a_running_case_is_migrated()
    {
        var admin = await As("bj.admin");
        // The newest shipped version (v2, with the entrustment agreement): new cases start on it.
        var shipped = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "workflows", "unemployed-file-receipt"), "v*.json").Length;
        var export = await admin.GetAsync($"/api/definitions/unemployed-file-receipt/versions/{shipped}/export");
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(export.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo($"unemployed-file-receipt-v{shipped}.json"));
        var exported = await export.Content.ReadAsStringAsync();

        // A case on the newest version, then one after it that differs in its tasks' priority.
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var instanceId = (await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("instanceId").GetString()!;
        var imported = await admin.PostAsync("/api/definitions/import", new StringContent(
            exported.Replace("\"priority\": \"Normal\"", "\"priority\": \"High\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var version = (await ReadAsync(imported)).GetProperty("version").GetInt32();
        Assert.That(version, Is.EqualTo(shipped + 1), "stored under the next free version, never over the one exported");

        var diff = await OkAsync(await admin.GetAsync($"/api/definitions/unemployed-file-receipt/diff?from={shipped}&to={version}"));
        var changes = diff.GetProperty("changes").EnumerateArray().ToList();
        Assert.That(changes, Is.Not.Empty);
        Assert.That(changes.Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("element").GetString())), Has.All.EqualTo(("Changed", "Activity")));
        Assert.That(changes.SelectMany(c => c.GetProperty("properties").EnumerateArray().Select(p => p.GetString())), Has.All.EqualTo("priority"));

        var early = await admin.PostAsJsonAsync($"/api/instances/{instanceId}/migrate", new { targetVersion = version });
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a draft does not take cases");
        await OkAsync(await admin.PostAsync($"/api/definitions/unemployed-file-receipt/versions/{version}/publish", null));
        await OkAsync(await admin.PostAsJsonAsync($"/api/instances/{instanceId}/migrate", new { targetVersion = version }));
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(version));
        var steps = await OkAsync(await admin.GetAsync($"/api/instances/{instanceId}/replay"));
        Assert.That(steps.EnumerateArray().Select(s => s.GetProperty("stimulus").GetString()), Is.EqualTo(new[] { "StartWorkflow", "MigrateWorkflow" }));
        Assert.That(steps.EnumerateArray().Select(s => s.GetProperty("matchesRecord").GetBoolean()), Has.All.True);
        Assert.That(steps[1].GetProperty("definitionVersion").GetInt32(), Is.EqualTo(version));
        var verified = await OkAsync(await admin.PostAsync($"/api/instances/{instanceId}/verify", null));
        Assert.That(verified.GetProperty("isValid").GetBoolean(), Is.True);
        Assert.That(verified.GetProperty("journalRule").GetString(), Is.EqualTo("Microseconds"), "the verification names the rule the chain is written under");
        Assert.That(verified.GetProperty("rehashed").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var locked = await admin.PostAsync("/api/definitions", new StringContent(exported, Encoding.UTF8, "application/json"));
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a published version never changes");

        var reverted = await admin.PostAsync("/api/definitions/unemployed-file-receipt/versions/1/revert", null);
        Assert.That(reverted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await ReadAsync(reverted)).GetProperty("state").GetString(), Is.EqualTo("Draft"));

        var elsa = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "samples", "elsa", "leave-request.elsa.json"));
        var unknownJob = await admin.PostAsync("/api/definitions/import", new StringContent(elsa, Encoding.UTF8, "application/json"));
        Assert.That(unknownJob.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "its SendEmail task has no handler on this server");
        Assert.That((await ReadAsync(unknownJob)).GetProperty("activity").GetString(), Is.EqualTo("2e9c54a0b7f1d386"));
        var mapped = elsa.Replace("\"value\": \"SendEmail\"", "\"value\": \"notify-person\"", StringComparison.Ordinal);
        var fromElsa = await admin.PostAsync("/api/definitions/import", new StringContent(mapped, Encoding.UTF8, "application/json"));
        Assert.That(fromElsa.StatusCode, Is.EqualTo(HttpStatusCode.Created), await fromElsa.Content.ReadAsStringAsync());
        Assert.That((await ReadAsync(fromElsa)).GetProperty("state").GetString(), Is.EqualTo("Draft"));
        var broken = await admin.PostAsync("/api/definitions/import", new StringContent(exported.Replace("\"type\": \"Timer\"", "\"type\": \"Teleport\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        Assert.That(broken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(broken)).GetProperty("errors").EnumerateObject().Select(p => p.Name), Has.Some.Contains("."), "the activity and property at fault");
    }

    [Test]
    public async Task Transfers_are_listed_in_scope_with_those_awaiting_a_receipt()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "ZR-LIST-1" }));
        var fileId = (await CaseAsync(worker, caseId)).GetProperty("file").GetProperty("id").GetString();

        var mine = await OkAsync(await worker.GetAsync($"/api/transfers?fileId={fileId}"));
        var transfer = mine.GetProperty("items").EnumerateArray().Single();
        Assert.That((transfer.GetProperty("direction").GetString(), transfer.GetProperty("trackingNumber").GetString()), Is.EqualTo(("Incoming", "ZR-LIST-1")));
        var awaiting = await OkAsync(await worker.GetAsync("/api/transfers?awaitingReceipt=true"));
        Assert.That(awaiting.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("direction").GetString()), Has.All.EqualTo("Outgoing"));
        var other = await OkAsync(await (await As("zgc.caseworker")).GetAsync($"/api/transfers?fileId={fileId}"));
        Assert.That(other.GetProperty("total").GetInt32(), Is.Zero, "another district's list leaves it out");
        Assert.That((await (await As("zgc.caseworker")).GetAsync($"/api/transfers/{transfer.GetProperty("id").GetString()}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_scan_is_attached_with_its_sha256_and_only_accepted_types_and_sizes_get_in()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% scan of the termination certificate\n%%EOF\n");

        var added = await OkAsync(await worker.PostAsync($"/api/cases/{caseId}/attachments", Upload(pdf, "证明书.pdf", "application/pdf")));
        Assert.That(added.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf))));
        var listed = await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/attachments"));
        Assert.That(listed.EnumerateArray().Select(a => a.GetProperty("fileName").GetString()), Is.EqualTo(new[] { "证明书.pdf" }));
        var download = await worker.GetAsync($"/api/attachments/{added.GetProperty("id").GetString()}");
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(pdf));

        var text = await worker.PostAsync($"/api/cases/{caseId}/attachments", Upload(Encoding.UTF8.GetBytes("hello"), "notes.txt", "text/plain"));
        Assert.That(text.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var disguised = await worker.PostAsync($"/api/cases/{caseId}/attachments", Upload(Encoding.UTF8.GetBytes("not really a pdf"), "fake.pdf", "application/pdf"));
        Assert.That(disguised.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the first bytes must match the type");
        Assert.That((await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/attachments"))).GetArrayLength(), Is.EqualTo(1), "nothing refused was kept");
        Assert.That((await (await As("zgc.caseworker")).GetAsync($"/api/cases/{caseId}/attachments")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase(new byte[] { 0x00 }, "ControlCharacter")]
    [TestCase(new byte[] { 0x07 }, "ControlCharacter")]
    [TestCase(new byte[] { 0xFF, 0xFE }, "MalformedRequest")]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, "MalformedRequest")]
    public async Task A_scan_whose_file_name_is_not_storable_text_is_refused_and_nothing_is_kept(byte[] inName, string code)
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;

        // Written by hand: HttpClient itself refuses a control character in a file name, a hostile client does not.
        var head = Encoding.ASCII.GetBytes("--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan");
        var tail = Encoding.ASCII.GetBytes(".pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--XB--\r\n");
        var body = new ByteArrayContent([.. head, .. inName, .. tail]);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XB");

        var refused = await worker.PostAsync($"/api/cases/{caseId}/attachments", body);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(problem.GetProperty("errors").TryGetProperty("file", out _), Is.True, "the field at fault is named");
        Assert.That((await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/attachments"))).GetArrayLength(), Is.Zero, "nothing refused was kept");
    }

    [Test]
    public async Task The_demo_institutions_keep_their_place_in_the_hierarchy()
    {
        var institutions = await OkAsync(await (await As("bj.admin")).GetAsync("/api/institutions"));

        var parents = institutions.EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("parentCode").GetString());
        Assert.That((parents["BJ"], parents["CY"], parents["CY-JW"], parents["HD"]), Is.EqualTo(((string?)null, "BJ", "CY", "BJ")));
    }

    [Test]
    public async Task Two_scans_in_one_upload_are_refused_and_neither_is_kept()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");
        var two = Upload(pdf, "第一页.pdf", "application/pdf");
        var second = new ByteArrayContent(pdf);
        second.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        two.Add(second, "file", "第二页.pdf");

        var refused = await worker.PostAsync($"/api/cases/{caseId}/attachments", two);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), Is.EqualTo("OneFileAtATime"));
        Assert.That((await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/attachments"))).GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_purpose_longer_than_the_access_log_keeps_is_refused_not_cut()
    {
        var worker = await As("jw.caseworker");
        var files = await OkAsync(await worker.GetAsync("/api/files"));
        var fileId = files.GetProperty("items")[0].GetProperty("id").GetString()!;
        var purpose = Uri.EscapeDataString(string.Concat(Enumerable.Repeat("📄", 150)));

        var refused = await worker.GetAsync($"/api/files/{fileId}?purpose={purpose}");
        var read = await worker.GetAsync($"/api/files/{fileId}?purpose={Uri.EscapeDataString("政审 📄")}");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("MaximumLength"));
        Assert.That(problem.GetProperty("errors").TryGetProperty("purpose", out _), Is.True);
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a purpose with an emoji within the limit is kept");
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name, string type)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", name } };
    }
}
