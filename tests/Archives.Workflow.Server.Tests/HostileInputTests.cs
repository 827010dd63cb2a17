using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Server.Tests;

/// <summary>Bodies, forms, query strings and paths a hostile or broken client sends: each is a 400 naming what is wrong, never a 500, and nothing is stored.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class HostileInputTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task A_body_in_an_unknown_charset_is_refused_as_malformed()
    {
        var worker = await As("jw.caseworker");
        var content = new StringContent(PersonJson(NewIdentityNumber(), "周晓梅"), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=klingon");

        var response = await worker.PostAsync("/api/persons", content);

        await AssertRefusedAsync(response, "MalformedRequest", "Content-Type");
    }

    [Test]
    public async Task Invalid_utf8_bytes_in_a_body_are_refused_as_malformed_and_nothing_is_stored()
    {
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();
        var bytes = Encoding.UTF8.GetBytes(PersonJson(idNumber, "周晓梅")).ToList();
        // The second byte of 周 becomes 0xFF, which UTF-8 never uses.
        bytes[bytes.IndexOf(Encoding.UTF8.GetBytes("周")[0]) + 1] = 0xFF;
        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await worker.PostAsync("/api/persons", content);

        await AssertRefusedAsync(response, "MalformedRequest", "$");
        Assert.That(await PersonsFoundAsync(worker, idNumber), Is.Zero);
    }

    [Test]
    public async Task A_lone_surrogate_escape_is_refused_with_the_field_named()
    {
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();

        var response = await worker.PostAsync("/api/persons", JsonBody(PersonJson(idNumber, "周\\ud800晓梅")));

        await AssertRefusedAsync(response, "MalformedRequest", "name");
        Assert.That(await PersonsFoundAsync(worker, idNumber), Is.Zero);
    }

    [Test]
    public async Task A_surrogate_pair_escape_is_an_emoji_and_is_stored()
    {
        var worker = await As("jw.caseworker");

        var response = await worker.PostAsync("/api/persons", JsonBody(PersonJson(NewIdentityNumber(), "周\\ud83d\\ude00")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadAsync(response)).GetProperty("name").GetString(), Is.EqualTo("周😀"));
    }

    [Test]
    public async Task A_nul_inside_the_start_input_of_a_case_is_refused_naming_the_nested_field_and_no_case_starts()
    {
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();
        var before = (await OkAsync(await worker.GetAsync("/api/cases?pageSize=1"))).GetProperty("total").GetInt32();

        var response = await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "测试\0人员", ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-1", ["terminationDate"] = "2026-11-02",
            },
        });

        await AssertRefusedAsync(response, "ControlCharacter", "input.personName");
        Assert.That((await OkAsync(await worker.GetAsync("/api/cases?pageSize=1"))).GetProperty("total").GetInt32(), Is.EqualTo(before));
        Assert.That(await PersonsFoundAsync(worker, idNumber), Is.Zero);
    }

    [Test]
    public async Task A_control_character_in_task_form_data_is_refused_but_line_breaks_and_tabs_are_text()
    {
        var worker = await As("jw.caseworker");
        var refused = await worker.PostAsJsonAsync("/api/tasks/any/complete", new { outcome = "Accept", data = new { comment = "第一行\u0007" } });
        await AssertRefusedAsync(refused, "ControlCharacter", "data.comment");

        var multiLine = await worker.PostAsJsonAsync("/api/tasks/any/complete", new { outcome = "Accept", data = new { comment = "第一行\r\n\t第二行 😀" } });
        Assert.That(multiLine.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the text passes; the task does not exist");
    }

    [Test]
    public async Task Query_strings_with_nul_or_undecodable_bytes_are_refused_naming_the_parameter()
    {
        var worker = await As("jw.caseworker");

        await AssertRefusedAsync(await worker.GetAsync("/api/files?q=%00"), "ControlCharacter", "q");
        await AssertRefusedAsync(await worker.GetAsync("/api/persons?q=%E5%91"), "MalformedRequest", "q");
        await AssertRefusedAsync(await worker.GetAsync("/api/cases?q=%ED%A0%80"), "MalformedRequest", "q");
        var chinese = await worker.GetAsync($"/api/persons?q={Uri.EscapeDataString("周晓梅 😀")}");
        Assert.That(chinese.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_sign_in_form_post_with_undecodable_bytes_is_refused()
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var body = new StringContent("userName=jw.caseworker%FF&password=Demo%232026", Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await client.PostAsync("/account/login", body);

        await AssertRefusedAsync(response, "MalformedRequest", "userName");
    }

    [TestCase("dueWithinDays=100000000", "dueWithinDays")]
    [TestCase("dueWithinDays=-1", "dueWithinDays")]
    [TestCase("page=0", "page")]
    [TestCase("page=-5", "page")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("pageSize=100000", "pageSize")]
    [TestCase("page=99999999999", "page")]
    public async Task Numbers_out_of_range_in_the_inbox_query_are_refused_naming_the_parameter(string query, string parameter)
    {
        var response = await (await As("jw.caseworker")).GetAsync($"/api/tasks?view=institution&{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(response)).GetProperty("errors").TryGetProperty(parameter, out _), Is.True, await response.Content.ReadAsStringAsync());
    }

    [TestCase("/api/cases")]
    [TestCase("/api/files")]
    [TestCase("/api/persons")]
    [TestCase("/api/transfers")]
    [TestCase("/api/tasks?view=institution&")]
    public async Task Page_past_the_end_is_empty_with_the_true_total(string list)
    {
        var worker = await As("jw.caseworker");
        var separator = list.EndsWith('&') ? string.Empty : "?";
        var first = await OkAsync(await worker.GetAsync($"{list}{separator}page=1"));

        var far = await OkAsync(await worker.GetAsync($"{list}{separator}page={int.MaxValue}&pageSize=200"));

        Assert.Multiple(() =>
        {
            Assert.That(far.GetProperty("items").GetArrayLength(), Is.Zero, "not the first page again");
            Assert.That(far.GetProperty("total").GetInt32(), Is.EqualTo(first.GetProperty("total").GetInt32()));
            Assert.That(far.GetProperty("pageNumber").GetInt32(), Is.EqualTo(int.MaxValue));
        });
    }

    [TestCase("/api/cases/not-a-guid")]
    [TestCase("/api/files/00000000-0000-0000-0000-00000000000g")]
    [TestCase("/api/instances/%E2%80%AE/journal")]
    public async Task Malformed_ids_in_paths_are_not_found(string path)
    {
        var response = await (await As("jw.caseworker")).GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound).Or.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_huge_task_id_is_not_found_and_a_control_character_in_a_path_is_malformed()
    {
        var worker = await As("jw.caseworker");

        // A NUL in a path never gets this far: the host's URL decoder refuses the request line itself.
        var huge = await worker.GetAsync("/api/tasks/" + new string('任', 2000));
        var bell = await worker.GetAsync("/api/tasks/abc%07def");

        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await AssertRefusedAsync(bell, "ControlCharacter", "path");
    }

    /// <summary>The same numbers through both doors, registering a person and starting a case, get the same answer.</summary>
    [TestCase("IdNumberBirthDate", "future")]
    [TestCase("IdNumberBirthDate", "ancient")]
    [TestCase("IdNumberRegion", "region")]
    [TestCase("IdNumberChecksum", "checksum")]
    public async Task An_identity_number_is_refused_alike_by_registration_and_by_starting_a_case(string code, string kind)
    {
        var worker = await As("jw.caseworker");
        var number = kind switch
        {
            // The server's clock stands at 2026-11-23: a person born next month does not exist yet.
            "future" => WithCheck("110105" + "20261224" + "123"),
            "ancient" => WithCheck("110105" + "18900101" + "123"),
            "region" => WithCheck("990105" + "19850101" + "123"),
            _ => "110105" + "19850101" + "123" + (WithCheck("110105" + "19850101" + "123")[17] == '0' ? "1" : "0"),
        };

        var registered = await worker.PostAsync("/api/persons", JsonBody(PersonJson(number, "周晓梅")));
        var started = await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "周晓梅", ["idNumber"] = number, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2", ["terminationDate"] = "2026-11-02",
            },
        });

        await AssertRefusedAsync(registered, code, "identityNumber");
        await AssertRefusedAsync(started, code, "idNumber");
        Assert.That(await PersonsFoundAsync(worker, number), Is.Zero);
    }

    [Test]
    public async Task A_person_born_today_by_the_clock_is_accepted_by_both_doors()
    {
        var worker = await As("jw.caseworker");
        var today = ServerFixture.Start.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

        var registered = await worker.PostAsync("/api/persons", JsonBody(PersonJson(WithCheck("110105" + today + "101"), "新生")));
        var started = await StartUnemployedReceiptAsync(worker, WithCheck("110105" + today + "103"));

        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        Assert.That(started.GetProperty("number").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task An_over_long_name_is_refused_with_one_code_and_a_message_in_both_languages_at_both_doors()
    {
        var worker = await As("jw.caseworker");
        var name = string.Concat(Enumerable.Repeat("欧阳", 26));
        var number = NewIdentityNumber();

        var registered = await worker.PostAsync("/api/persons", JsonBody(PersonJson(number, name)));
        await AssertRefusedAsync(registered, "MaximumLength", "name");
        var message = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("name")[0].GetString();
        Assert.That(message, Does.Contain("50").And.Match("[\u4e00-\u9fff]").And.Match("[A-Za-z]{4,}"), "Chinese and English, whatever the reader's language");

        var started = await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = name, ["idNumber"] = number, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-3", ["terminationDate"] = "2026-11-02",
            },
        });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("MaximumLength"));
        Assert.That(await PersonsFoundAsync(worker, number), Is.Zero);
    }

    [TestCase("/api/users")]
    [TestCase("/api/messages")]
    [TestCase("/api/incidents")]
    public async Task Every_list_pages_within_bounds(string list)
    {
        var admin = await As("bj.admin");

        await AssertRefusedAsync(await admin.GetAsync($"{list}?pageSize=100000"), "OutOfRange", "pageSize");
        var first = await OkAsync(await admin.GetAsync($"{list}?pageSize=1"));
        var far = await OkAsync(await admin.GetAsync($"{list}?page=2147483647&pageSize=200"));

        Assert.That(first.GetProperty("items").GetArrayLength(), Is.LessThanOrEqualTo(1));
        Assert.That(far.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(far.GetProperty("total").GetInt32(), Is.EqualTo(first.GetProperty("total").GetInt32()), "a page past the end carries the true total");
    }

    [Test]
    public async Task The_staff_list_is_paged_with_its_true_total()
    {
        var admin = await As("bj.admin");

        var page = await OkAsync(await admin.GetAsync("/api/users?pageSize=5&page=2"));

        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(5));
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(18), "the 18 demo staff");
    }

    private static string WithCheck(string first17) => first17 + IdentityNumber.CheckCharacter(first17);

    private static string PersonJson(string idNumber, string escapedName) =>
        $$"""{"identityNumber":"{{idNumber}}","name":"{{escapedName}}","householdDistrict":"朝阳区","householdStreet":"建外街道"}""";

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<int> PersonsFoundAsync(HttpClient client, string idNumber) =>
        (await OkAsync(await client.GetAsync($"/api/persons?q={idNumber}"))).GetProperty("total").GetInt32();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo(code), text);
        Assert.That(body.GetProperty("errors").TryGetProperty(field, out _), Is.True, text);
    }
}
