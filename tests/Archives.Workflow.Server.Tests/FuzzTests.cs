using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.TestSupport;
using CsCheck;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Every endpoint of the server's own OpenAPI document, called with generated path ids, query
/// strings and bodies (well-shaped and hostile: NUL, lone surrogates, emoji, huge strings, huge and
/// negative numbers, wrong types, deep nesting, undecodable bytes, unknown charsets) as several roles
/// over HTTP. No answer may be a 5xx, and a refusal may change nothing: after each refused request
/// the row count of every table and every case's journal head are what they were before it.
/// </summary>
/// <remarks>
/// The seed and the number of requests come from <c>ARCHIVES_FUZZ_SEED</c> and <c>ARCHIVES_FUZZ_COUNT</c>
/// (defaults 20261201 and 5000), so a run is repeatable and a longer one is one variable away. The
/// Hangfire server does not run here, so nothing changes the database but the requests themselves.
/// </remarks>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class FuzzTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private static readonly string[] Roles = ["jw.caseworker", "jw.supervisor", "cy.confidentiality", "bj.admin", "bj.auditor"];

    private static readonly string[] HostileText =
    [
        "\0", "周\0晓梅", "\ud800", "a\udc00b", "\ud83d", "😀👨‍👩‍👧", "\u0007\u001b[31m", "\u202e", "\r\n\t", "' OR 1=1 --", "<script>alert(1)</script>",
        "../../etc/passwd", "%00", "\\u0000", " ", string.Empty, "\uFFFF\uFFFE", "ＡＢＣ１２３", "\u00a0", new string('档', 5000), new string('a', 70000),
    ];

    private static readonly string[] PlainText = ["周晓梅", "朝阳区", "建外街道", "北京某科技有限公司", "Accept", "Reject", "Caseworker", "unemployed-file-receipt", "mine", "institution", "2026-11-02", "13911112222"];

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Server:HangfireServer", "false");
    }

    [Test]
    public async Task No_generated_request_to_any_endpoint_is_answered_5xx_and_no_refusal_changes_the_database()
    {
        var seed = ulong.Parse(Environment.GetEnvironmentVariable("ARCHIVES_FUZZ_SEED") ?? "20261201", CultureInfo.InvariantCulture);
        var count = int.Parse(Environment.GetEnvironmentVariable("ARCHIVES_FUZZ_COUNT") ?? "5000", CultureInfo.InvariantCulture);
        var anonymous = Factory.CreateClient();
        var document = await OkAsync(await anonymous.GetAsync("/openapi/v1.json"));
        var operations = Operations(document);
        Assert.That(operations, Has.Count.GreaterThan(40), "the document lists the API");
        var clients = new List<(string Role, HttpClient Client)> { ("anonymous", anonymous) };
        foreach (var role in Roles)
        {
            clients.Add((role, await As(role)));
        }

        var ids = await KnownIdsAsync(await As("bj.auditor"), await As("jw.caseworker"));
        var request = Gen.Select(Gen.Int[0, operations.Count - 1], Gen.Int[0, clients.Count - 1], Gen.Int[0, int.MaxValue], (o, c, s) => (Operation: operations[o], Client: clients[c], Seed: s));
        var pcg = new PCG(1, seed);
        var failures = new List<string>();
        var refusals = 0;
        var statuses = new SortedDictionary<int, int>();
        var created = 0;
        var before = await FingerprintAsync();
        for (var i = 0; i < count && failures.Count < 20; i++)
        {
            var (operation, (role, client), valueSeed) = request.Generate(pcg, null!, out _);
            var values = new PCG(2, (ulong)valueSeed);
            using var message = Build(operation, document, ids, values);
            var described = $"#{i} {role} {message.Method} {message.RequestUri} {Excerpt(message)}";
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message);
            }
            catch (Exception ex) when (ex is not AssertionException)
            {
                failures.Add($"{described}: the server threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            created += message.Method != HttpMethod.Get && status is >= 200 and < 300 ? 1 : 0;
            if (status >= 500)
            {
                failures.Add($"{described}: {status} {await response.Content.ReadAsStringAsync()}");
            }

            var after = await FingerprintAsync();
            if (status >= 400)
            {
                refusals++;
                if (after != before)
                {
                    failures.Add($"{described}: refused {status} but the database changed");
                }
            }

            before = after;
        }

        TestContext.Out.WriteLine($"{Provider}: seed {seed}, {count} requests over {operations.Count} operations, {refusals} refused, {created} writes accepted; " +
            string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }

    private sealed record Operation(string Method, string Path, List<JsonElement> Parameters, JsonElement? Body, string? BodyType);

    private sealed record KnownIds(List<string> Guids, List<string> Strings);

    private static List<Operation> Operations(JsonElement document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                JsonElement? body = null;
                string? bodyType = null;
                if (method.Value.TryGetProperty("requestBody", out var requestBody) && requestBody.TryGetProperty("content", out var content))
                {
                    var first = content.EnumerateObject().First();
                    bodyType = first.Name;
                    body = first.Value.TryGetProperty("schema", out var schema) ? schema : default(JsonElement?);
                }

                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, body, bodyType));
            }
        }

        return operations;
    }

    /// <summary>Ids of real records, so that some requests reach past the lookup into the handler.</summary>
    private static async Task<KnownIds> KnownIdsAsync(HttpClient auditor, HttpClient worker)
    {
        var guids = new List<string>();
        var strings = new List<string> { "unemployed-file-receipt", "departure-file-transfer", "1" };
        foreach (var list in new[] { "/api/cases?pageSize=50", "/api/files?pageSize=50", "/api/persons?pageSize=50", "/api/transfers?pageSize=50" })
        {
            foreach (var item in (await OkAsync(await auditor.GetAsync(list))).GetProperty("items").EnumerateArray())
            {
                guids.Add(item.GetProperty("id").GetString()!);
                if (item.TryGetProperty("instanceId", out var instance))
                {
                    strings.Add(instance.GetString()!);
                }
            }
        }

        foreach (var task in (await OkAsync(await worker.GetAsync("/api/tasks?view=institution&pageSize=50"))).GetProperty("items").EnumerateArray())
        {
            strings.Add(task.GetProperty("id").GetString()!);
        }

        return new KnownIds(guids, strings);
    }

    private static HttpRequestMessage Build(Operation operation, JsonElement document, KnownIds ids, PCG pcg)
    {
        var path = new StringBuilder();
        var query = new List<string>();
        var template = operation.Path;
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var schema = parameter.TryGetProperty("schema", out var s) ? Resolve(document, s) : default;
            var location = parameter.GetProperty("in").GetString();
            if (location == "path")
            {
                // A NUL never reaches the server in a path: Kestrel refuses the request line (400), and the test host throws before sending it.
                var value = PathValue(schema, ids, pcg).Replace("\0", string.Empty, StringComparison.Ordinal);
                template = template.Replace("{" + name + "}", PercentEncode(value), StringComparison.Ordinal);
            }
            else if (location == "query" && Chance(pcg, 60))
            {
                query.Add($"{PercentEncode(name)}={PercentEncode(QueryValue(schema, ids, pcg))}");
            }
        }

        if (Chance(pcg, 10))
        {
            query.Add($"{PercentEncode(Pick(pcg, HostileText))}={PercentEncode(Pick(pcg, HostileText))}");
        }

        path.Append(template);
        if (query.Count > 0)
        {
            path.Append('?').Append(string.Join('&', query));
        }

        var message = new HttpRequestMessage(new HttpMethod(operation.Method), path.ToString());
        if (operation.BodyType is not null || Chance(pcg, 5))
        {
            var json = Wellformed(operation, document, pcg, ids) is { } good ? good
                : operation.Body is { } bodySchema ? Value(document, bodySchema, ids, pcg, 0) : RandomJson(pcg, 0);
            var bytes = Encoding.UTF8.GetBytes(json);
            var mutation = pcg.Next(20);
            if (mutation == 0 && bytes.Length > 2)
            {
                bytes[(int)pcg.Next((uint)bytes.Length)] = 0xFF;
            }
            else if (mutation == 1)
            {
                bytes = bytes[..(int)pcg.Next((uint)bytes.Length + 1)];
            }

            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = (pcg.Next(15)) switch
            {
                0 => MediaTypeHeaderValue.Parse("application/json; charset=klingon"),
                1 => MediaTypeHeaderValue.Parse("application/json; charset=utf-16"),
                2 => MediaTypeHeaderValue.Parse("text/plain"),
                3 => MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded"),
                _ => MediaTypeHeaderValue.Parse(operation.BodyType?.StartsWith("multipart", StringComparison.Ordinal) == true ? "multipart/form-data; boundary=x" : "application/json"),
            };
            message.Content = content;
        }

        return message;
    }

    /// <summary>
    /// Half the time, for the operations that write, a body that passes every check (from the corpus
    /// below) with at most one member replaced by a generated value: this reaches past the validators
    /// into the handlers and the database, where one bad member among good ones does its harm.
    /// </summary>
    private static string? Wellformed(Operation operation, JsonElement document, PCG pcg, KnownIds ids)
    {
        if (!Corpus.TryGetValue($"{operation.Method} {operation.Path.TrimEnd('/')}", out var make) || !Chance(pcg, 50))
        {
            return null;
        }

        var members = make(pcg);
        if (Chance(pcg, 75))
        {
            var name = Pick(pcg, members.Keys.ToList());
            var schema = operation.Body is { } body && Resolve(document, body) is { ValueKind: JsonValueKind.Object } resolved
                && resolved.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var property)
                ? property
                : default;
            members[name] = schema.ValueKind == JsonValueKind.Undefined || Chance(pcg, 30) ? RandomJson(pcg, 1) : Value(document, schema, ids, pcg, 1);
        }

        return "{" + string.Join(',', members.Select(m => $"{Quote(m.Key)}:{m.Value}")) + "}";
    }

    private static readonly Dictionary<string, Func<PCG, Dictionary<string, string>>> Corpus = new(StringComparer.Ordinal)
    {
        ["POST /api/persons"] = pcg => new(StringComparer.Ordinal)
        {
            ["identityNumber"] = Quote(ValidIdentityNumber(pcg)), ["name"] = Quote("周晓梅"), ["householdDistrict"] = Quote("朝阳区"), ["householdStreet"] = Quote("建外街道"),
            ["phone"] = Quote("13911112222"), ["address"] = Quote("建国门外大街2号"), ["heroOrModel"] = "false", ["everCadre"] = "false",
        },
        ["PUT /api/persons/{id}"] = _ => new(StringComparer.Ordinal)
        {
            ["name"] = Quote("周晓梅"), ["householdDistrict"] = Quote("朝阳区"), ["householdStreet"] = Quote("建外街道"), ["phone"] = Quote("13911112222"),
            ["address"] = Quote("建国门外大街2号"), ["status"] = Quote("Active"), ["heroOrModel"] = "false", ["everCadre"] = "false",
        },
        ["POST /api/cases"] = pcg => new(StringComparer.Ordinal)
        {
            ["processId"] = Quote("unemployed-file-receipt"),
            ["input"] = "{" + string.Join(',', new Dictionary<string, string>
            {
                ["personName"] = "测试人员", ["idNumber"] = ValidIdentityNumber(pcg), ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0001", ["terminationDate"] = "2026-11-02",
            }.Select(p => $"{Quote(p.Key)}:{(Chance(pcg, 15) ? Pick(pcg, ["null", "12", "1e400", "[]", Quote(Pick(pcg, HostileText))]) : Quote(p.Value))}")) + "}",
        },
        ["POST /api/cases/{id}/cancel"] = _ => new(StringComparer.Ordinal) { ["reason"] = Quote("申请人撤回申请") },
        ["POST /api/cases/{id}/arrival"] = _ => new(StringComparer.Ordinal) { ["method"] = Quote("Express"), ["trackingNumber"] = Quote("SF1234567890"), ["fromUnit"] = Quote("北京某科技有限公司") },
        ["POST /api/cases/{id}/receipt"] = _ => new(StringComparer.Ordinal) { ["receivedDate"] = Quote("2026-11-20"), ["comment"] = Quote("已收到回执") },
        ["POST /api/cases/{id}/supplement"] = _ => new(StringComparer.Ordinal) { ["materialsProvided"] = Quote("解除劳动合同证明"), ["note"] = Quote("补齐") },
        ["POST /api/cases/{id}/unit-reply"] = _ => new(StringComparer.Ordinal) { ["replyDocumentNumber"] = Quote("京人函〔2026〕12号"), ["replyDate"] = Quote("2026-11-20"), ["comment"] = Quote("属实") },
        ["POST /api/files/{id}/materials"] = _ => new(StringComparer.Ordinal)
        {
            ["category"] = "1", ["title"] = Quote("个人简历"), ["formedOn"] = Quote("2020-01-01"), ["formingUnit"] = Quote("北京某科技有限公司"), ["pages"] = "3", ["original"] = "true",
        },
        ["POST /api/tasks/{id}/complete"] = _ => new(StringComparer.Ordinal) { ["outcome"] = Quote("Accept"), ["data"] = "{\"comment\":\"材料齐全，同意接收\"}" },
        ["POST /api/tasks/{id}/delegate"] = _ => new(StringComparer.Ordinal) { ["userName"] = Quote("jw.supervisor") },
        ["POST /api/instances/{instanceId}/migrate"] = _ => new(StringComparer.Ordinal) { ["targetVersion"] = "1" },
        ["POST /api/calendars/{year}/preview"] = _ => Calendar2026(),
        ["PUT /api/calendars/{year}"] = _ => Calendar2026(),
    };

    /// <summary>The members of <c>workflows/calendars/cn-2026.json</c> (a path year of 2026 meets the stored schedule, which it leaves as it is).</summary>
    private static Dictionary<string, string> Calendar2026()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "calendars", "cn-2026.json")));
        return file.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }

    private static string ValidIdentityNumber(PCG pcg)
    {
        var first17 = $"110105{1950 + pcg.Next(60)}{1 + pcg.Next(12):D2}{1 + pcg.Next(28):D2}{pcg.Next(1000):D3}";
        return first17 + Engine.Forms.IdentityNumber.CheckCharacter(first17);
    }

    private static string PathValue(JsonElement schema, KnownIds ids, PCG pcg) => pcg.Next(8) switch
    {
        0 or 1 or 2 when ids.Guids.Count > 0 => Pick(pcg, ids.Guids),
        3 or 4 when ids.Strings.Count > 0 => Pick(pcg, ids.Strings),
        5 => RandomGuid(pcg),
        6 => Pick(pcg, HostileText),
        _ => Scalar(schema, ids, pcg),
    };

    private static string QueryValue(JsonElement schema, KnownIds ids, PCG pcg) => pcg.Next(4) switch
    {
        0 => Pick(pcg, HostileText),
        _ => Scalar(schema, ids, pcg),
    };

    /// <summary>A value of a scalar schema as text (query strings and paths), often at or past the edges of its type.</summary>
    private static string Scalar(JsonElement schema, KnownIds ids, PCG pcg)
    {
        var type = TypeOf(schema, pcg);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0 && Chance(pcg, 60))
        {
            return values[(int)pcg.Next((uint)values.GetArrayLength())].ToString();
        }

        return type switch
        {
            "integer" or "number" => Pick(pcg, ["0", "1", "2", "-1", "7", "200", "201", "1999", "2026", "2027", "2101", "3650", "3651", "2147483647", "-2147483648", "99999999999", "1e400", "3.5", "NaN", "abc"]),
            "boolean" => Pick(pcg, ["true", "false", "maybe", "1"]),
            _ when Format(schema) == "uuid" => pcg.Next(3) == 0 || ids.Guids.Count == 0 ? Pick(pcg, ["not-a-guid", Guid.Empty.ToString(), RandomGuid(pcg)]) : Pick(pcg, ids.Guids),
            _ => Chance(pcg, 50) ? Pick(pcg, PlainText) : Pick(pcg, HostileText),
        };
    }

    /// <summary>A JSON value for a schema: mostly well-shaped, with hostile strings, numbers past their range, wrong types and nulls mixed in.</summary>
    private static string Value(JsonElement document, JsonElement schema, KnownIds ids, PCG pcg, int depth)
    {
        schema = Resolve(document, schema);
        if (depth > 6 || pcg.Next(25) == 0)
        {
            return RandomJson(pcg, depth);
        }

        if (schema.ValueKind == JsonValueKind.Object)
        {
            foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            {
                if (schema.TryGetProperty(combinator, out var options) && options.GetArrayLength() > 0)
                {
                    return Value(document, options[(int)pcg.Next((uint)options.GetArrayLength())], ids, pcg, depth + 1);
                }
            }
        }

        var type = TypeOf(schema, pcg);
        switch (type)
        {
            case "object":
                var members = new List<string>();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject().Where(_ => Chance(pcg, 85)))
                    {
                        members.Add($"{Quote(property.Name)}:{Value(document, property.Value, ids, pcg, depth + 1)}");
                    }
                }

                if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                {
                    foreach (var key in Enumerable.Range(0, (int)pcg.Next(6)).Select(_ => Chance(pcg, 70) ? Pick(pcg, ["personName", "idNumber", "householdRegistration", "comment", "reason", "terminationDate"]) : Pick(pcg, HostileText)).Distinct())
                    {
                        members.Add($"{Quote(key)}:{Value(document, additional, ids, pcg, depth + 1)}");
                    }
                }

                if (Chance(pcg, 10))
                {
                    members.Add($"{Quote(Pick(pcg, HostileText))}:{RandomJson(pcg, depth + 1)}");
                }

                return "{" + string.Join(',', members) + "}";
            case "array":
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                return "[" + string.Join(',', Enumerable.Range(0, (int)pcg.Next(4)).Select(_ => items.ValueKind == JsonValueKind.Undefined ? RandomJson(pcg, depth + 1) : Value(document, items, ids, pcg, depth + 1))) + "]";
            case "integer":
            case "number":
                return Pick(pcg, ["0", "1", "-1", "4", "10", "2147483647", "-2147483648", "9223372036854775807", "1e400", "-1e400", "3.5", "\"12\"", "\"x\"", "true", "null"]);
            case "boolean":
                return Pick(pcg, ["true", "false", "\"true\"", "0", "null"]);
            case "string":
                if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0 && Chance(pcg, 70))
                {
                    return values[(int)pcg.Next((uint)values.GetArrayLength())].GetRawText();
                }

                return pcg.Next(12) switch
                {
                    0 => "12",
                    1 => "null",
                    2 => "{}",
                    _ => Quote(Format(schema) switch
                    {
                        "uuid" => ids.Guids.Count > 0 && Chance(pcg, 60) ? Pick(pcg, ids.Guids) : Pick(pcg, ["not-a-guid", RandomGuid(pcg)]),
                        "date" => Pick(pcg, ["2026-11-02", "0001-01-01", "9999-12-31", "2026-02-30", "2099-01-01", "yesterday"]),
                        "date-time" => Pick(pcg, ["2026-11-23T09:00:00.1234567+08:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "2026-13-01T00:00:00Z"]),
                        _ => pcg.Next(3) switch
                        {
                            0 => Pick(pcg, HostileText),
                            1 => IdentityNumberLike(pcg),
                            _ => Pick(pcg, PlainText),
                        },
                    }),
                };
            default:
                return RandomJson(pcg, depth);
        }
    }

    /// <summary>Any JSON at all, sometimes nested far deeper than a reader allows.</summary>
    private static string RandomJson(PCG pcg, int depth) => pcg.Next(depth > 4 ? 5u : 9u) switch
    {
        0 => "null",
        1 => Pick(pcg, ["0", "-1", "1e400", "123456789012345678901234567890", "true"]),
        2 => Quote(Pick(pcg, HostileText)),
        3 => Quote(Pick(pcg, PlainText)),
        4 => Quote(IdentityNumberLike(pcg)),
        5 => "[" + string.Join(',', Enumerable.Range(0, (int)pcg.Next(4)).Select(_ => RandomJson(pcg, depth + 1))) + "]",
        6 => "{" + string.Join(',', Enumerable.Range(0, (int)pcg.Next(4)).Select(_ => $"{Quote(Pick(pcg, PlainText.Concat(HostileText).ToArray()))}:{RandomJson(pcg, depth + 1)}")) + "}",
        7 => new string('[', 5000) + new string(']', 5000),
        _ => string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70),
    };

    /// <summary>Identity numbers valid, with a wrong check character, born in the future, from no region, or far too old.</summary>
    private static string IdentityNumberLike(PCG pcg)
    {
        var first17 = Pick(pcg, ["11010519850101123", "11010520991231123", "99010519850101123", "11010518000101123", "11010519850230123", "110105198501011"]);
        if (first17.Length != 17)
        {
            return first17;
        }

        var check = Engine.Forms.IdentityNumber.CheckCharacter(first17);
        return first17 + (Chance(pcg, 80) ? check : check == '0' ? '1' : '0');
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var node = document;
            foreach (var segment in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                node = node.GetProperty(segment);
            }

            schema = node;
        }

        return schema;
    }

    private static string? TypeOf(JsonElement schema, PCG pcg)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        var types = type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToArray();
        return types.Length == 0 ? null : Pick(pcg, types);
    }

    private static string? Format(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    /// <summary>A JSON string literal written with escapes only, so that a lone surrogate goes out as <c>\ud800</c> exactly.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < 0x20 || c >= 0x7f)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Percent-encodes UTF-8, a lone surrogate as the three bytes a careless encoder would send (never valid UTF-8).</summary>
    private static string PercentEncode(string text)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            byte[] bytes;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes = Encoding.UTF8.GetBytes(text.Substring(i++, 2));
            }
            else if (char.IsSurrogate(c))
            {
                bytes = [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))];
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
                continue;
            }
            else
            {
                bytes = Encoding.UTF8.GetBytes(c.ToString());
            }

            foreach (var b in bytes)
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string RandomGuid(PCG pcg)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, pcg.Next64());
        BitConverter.TryWriteBytes(bytes[8..], pcg.Next64());
        return new Guid(bytes).ToString();
    }

    private static bool Chance(PCG pcg, int percent) => pcg.Next(100) < percent;

    private static T Pick<T>(PCG pcg, IReadOnlyList<T> items) => items[(int)pcg.Next((uint)items.Count)];

    private static string Excerpt(HttpRequestMessage message)
    {
        if (message.Content is not ByteArrayContent content)
        {
            return string.Empty;
        }

        var text = Encoding.UTF8.GetString(content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        return $"[{content.Headers.ContentType}] " + (text.Length > 300 ? text[..300] + "…" : text);
    }

    /// <summary>The row count of every table of the model, and every case's journal head.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var builder = new StringBuilder();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            builder.Append(table).Append('=').Append(Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)).Append(';');
        }

        var heads = await db.Set<WorkflowInstance>().AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id + ":" + i.JournalHead).ToListAsync();
        builder.Append(string.Join(',', heads));
        return builder.ToString();
    }
}
