using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Documents;
using Archives.Workflow.Cases.Numbering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Case and document numbers come from counter rows taken in the transaction that stores them:
/// concurrent requests of one institution queue on the row instead of colliding, and a transaction
/// that rolls back gives its number back.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class NumberingTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const int Parallel = 16;

    [Test]
    public async Task Sixteen_cases_started_at_once_by_one_institution_all_succeed_with_consecutive_numbers()
    {
        var client = await As("jw.caseworker");
        var starts = Enumerable.Range(0, Parallel).Select(_ => StartAsync(client, NewIdentityNumber())).ToList();
        var responses = await Task.WhenAll(starts);

        var bodies = new List<string>();
        foreach (var response in responses)
        {
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created), string.Join("\n", bodies));
        var numbers = bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("number").GetString()!).ToList();
        var sequences = numbers.Select(Sequence).Order().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(numbers, Is.Unique);
            Assert.That(numbers, Has.All.Match(@"^UFR-2026-\d{6}$"));
            Assert.That(sequences, Is.EqualTo(Enumerable.Range(sequences[0], Parallel)), "no gap between the numbers given out together");
        });
    }

    [Test]
    public async Task A_case_start_that_fails_after_taking_its_number_gives_the_number_back()
    {
        var client = await As("jw.caseworker");
        var before = Sequence((await OkAsync(await StartAsync(client, NewIdentityNumber()))).GetProperty("number").GetString()!);

        // Two counters racing for one new person: one case opens; the other is refused (the person or
        // the file is already recorded), after or before it took a number in its transaction.
        var twice = NewIdentityNumber();
        var race = await Task.WhenAll(StartAsync(client, twice), StartAsync(client, twice));
        Assert.That(race.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));

        var after = Sequence((await OkAsync(await StartAsync(client, NewIdentityNumber()))).GetProperty("number").GetString()!);
        Assert.That(after, Is.EqualTo(before + 2), "the refused start left no gap");
    }

    [Test]
    public async Task Documents_of_one_kind_issued_at_once_get_consecutive_numbers()
    {
        // A year of its own, so that the documents the running cases' jobs issue do not share the series.
        var issuedAt = new DateTimeOffset(2031, 3, 4, 1, 2, 3, TimeSpan.Zero).AddTicks(1_234_567);
        var issue = Enumerable.Range(0, Parallel).Select(async i =>
        {
            await using var db = Contexts();
            var document = await DocumentNumbers.IssueAsync(db, "CY-JW", DocumentKind.ChaseNotice, issuedAt, null, null,
                $"北京某科技有限公司 🏢 {i}", "催档通知：请尽快转递档案。\u2028Reminder.", CancellationToken.None);
            await db.SaveChangesAsync();
            await db.Database.CommitTransactionAsync();
            return document.Number;
        });
        var numbers = await Task.WhenAll(issue);

        Assert.That(numbers.Order(StringComparer.Ordinal), Is.EqualTo(Enumerable.Range(1, Parallel).Select(n => $"CY-JW-CHS-2031-{n:D6}")));
        await using var check = Contexts();
        Assert.That(await check.Set<Document>().CountAsync(d => d.InstitutionCode == "CY-JW" && d.Year == 2031), Is.EqualTo(Parallel));
    }

    [Test]
    public async Task A_rolled_back_document_leaves_no_gap_in_its_series()
    {
        var issuedAt = new DateTimeOffset(2032, 12, 31, 16, 30, 0, TimeSpan.Zero).AddTicks(7); // 2033-01-01 00:30 in Beijing
        await using (var db = Contexts())
        {
            var abandoned = await DocumentNumbers.IssueAsync(db, "CY-JW", DocumentKind.Receipt, issuedAt, null, null, "收件人", "回执", CancellationToken.None);
            await db.SaveChangesAsync();
            Assert.That(abandoned.Number, Is.EqualTo("CY-JW-RCP-2033-000001"));
            await db.Database.RollbackTransactionAsync();
        }

        await using (var db = Contexts())
        {
            var issued = await DocumentNumbers.IssueAsync(db, "CY-JW", DocumentKind.Receipt, issuedAt, null, null, "收件人", "回执", CancellationToken.None);
            var second = await DocumentNumbers.IssueAsync(db, "CY-JW", DocumentKind.Receipt, issuedAt, null, null, "收件人", "回执", CancellationToken.None);
            await db.SaveChangesAsync();
            await db.Database.CommitTransactionAsync();
            Assert.That(new[] { issued.Number, second.Number }, Is.EqualTo(new[] { "CY-JW-RCP-2033-000001", "CY-JW-RCP-2033-000002" }));
        }
    }

    private ArchivesDbContext Contexts() => Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();

    private static int Sequence(string number) => int.Parse(number[(number.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, string idNumber) =>
        client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "测试" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        });
}
