using System.Net.Http.Json;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The search box's name fragments, answered from the name grams: one, two and more characters, names with emoji
/// (one code point, or several joined), a renamed person, and never a case outside the reader's scope or of a person
/// they avoid.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class NameSearchTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Family = "👨‍👩‍👧";

    private string ouyang = null!;
    private string smiley = null!;
    private string family = null!;
    private string renamed = null!;
    private string haidian = null!;
    private string avoided = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        var worker = await As("jw.caseworker");
        ouyang = await StartAsync(worker, "欧阳娜娜");
        smiley = await StartAsync(worker, "王😀明");
        family = await StartAsync(worker, "李" + Family + "华");
        renamed = await StartAsync(worker, "陈小春");
        haidian = await StartAsync(await As("zgc.caseworker"), "王😀红", "北京市海淀区中关村街道", "110108");
        var avoidedNumber = NewIdentityNumber();
        avoided = await StartAsync(await As("jw.supervisor"), "赵😀明", idNumber: avoidedNumber);

        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var member = await db.Set<StaffMember>().SingleAsync(s => s.UserName == "jw.caseworker");
        member.Avoidance = string.Join(",", member.AvoidanceList.Append(avoidedNumber));
        await db.SaveChangesAsync();

        // Renamed through the API as a caseworker corrects a misspelt name.
        var personId = await db.Set<ServiceCase>().Where(c => c.Id == Guid.Parse(renamed)).Select(c => c.PersonId).SingleAsync();
        var person = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == personId);
        await OkAsync(await worker.PutAsJsonAsync($"/api/persons/{personId}", new UpdatePersonRequest(
            "陈大文", person.HouseholdDistrict, person.HouseholdStreet, person.Phone, person.Address, person.Status, person.HeroOrModel, person.EverCadre)));
    }

    [TestCase("娜")]
    [TestCase("阳娜")]
    [TestCase("阳娜娜")]
    [TestCase("欧阳娜娜")]
    public async Task A_fragment_of_one_two_or_more_characters_finds_the_person(string fragment)
    {
        Assert.That(await IdsAsync("jw.caseworker", fragment), Does.Contain(ouyang));
    }

    [Test]
    public async Task An_emoji_in_a_name_is_one_character_alone_in_a_pair_or_inside_a_longer_fragment()
    {
        Assert.That(await IdsAsync("jw.caseworker", "😀"), Is.EqualTo(new[] { smiley }));
        Assert.That(await IdsAsync("jw.caseworker", "王😀"), Is.EqualTo(new[] { smiley }));
        Assert.That(await IdsAsync("jw.caseworker", "😀明"), Is.EqualTo(new[] { smiley }));
        Assert.That(await IdsAsync("jw.caseworker", "王😀明"), Is.EqualTo(new[] { smiley }));
        Assert.That(await IdsAsync("jw.caseworker", "王明"), Is.Empty, "the characters of a fragment are adjacent in the name");
    }

    [Test]
    public async Task An_emoji_joined_of_several_code_points_is_found_whole_and_by_its_parts()
    {
        Assert.That(await IdsAsync("jw.caseworker", Family), Is.EqualTo(new[] { family }));
        Assert.That(await IdsAsync("jw.caseworker", "李" + Family + "华"), Is.EqualTo(new[] { family }));
        Assert.That(await IdsAsync("jw.caseworker", "👧"), Is.EqualTo(new[] { family }));
        Assert.That(await IdsAsync("jw.caseworker", "👧华"), Is.EqualTo(new[] { family }));
    }

    [Test]
    public async Task A_renamed_person_is_found_by_the_new_name_and_no_longer_by_the_old()
    {
        Assert.That(await IdsAsync("jw.caseworker", "大文"), Is.EqualTo(new[] { renamed }));
        Assert.That(await IdsAsync("jw.caseworker", "陈大文"), Is.EqualTo(new[] { renamed }));
        Assert.That(await IdsAsync("jw.caseworker", "小春"), Is.Empty);
        Assert.That(await IdsAsync("jw.caseworker", "春"), Does.Not.Contain(renamed));
        Assert.That(await IdsAsync("jw.caseworker", "陈"), Does.Contain(renamed), "the character both names share");
    }

    [Test]
    public async Task A_fragment_never_finds_a_case_outside_the_scope_or_of_an_avoided_person()
    {
        Assert.That(await IdsAsync("jw.caseworker", "😀"), Is.EqualTo(new[] { smiley }));
        Assert.That(await IdsAsync("jw.caseworker", "😀明"), Is.EqualTo(new[] { smiley }), "赵😀明 is avoided");
        Assert.That(await IdsAsync("zgc.caseworker", "😀"), Is.EqualTo(new[] { haidian }));
        Assert.That(await IdsAsync("cy.supervisor", "😀"), Is.EquivalentTo(new[] { smiley, avoided }), "the district sees its street office, not Haidian");
        Assert.That(await IdsAsync("bj.auditor", "😀"), Is.EquivalentTo(new[] { smiley, haidian, avoided }));
    }

    [Test]
    public async Task Every_persons_grams_are_those_of_the_name_it_has_now()
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var names = await db.Set<Person>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        var grams = (await db.Set<PersonNameGram>().AsNoTracking().ToListAsync()).ToLookup(g => g.PersonId, g => g.Gram);
        Assert.That(names, Is.Not.Empty);
        foreach (var (id, name) in names)
        {
            Assert.That(grams[id], Is.EquivalentTo(PersonNameGrams.Of(name)), name);
        }
    }

    private async Task<List<string>> IdsAsync(string user, string fragment)
    {
        var page = await OkAsync(await (await As(user)).GetAsync("/api/cases?pageSize=200&q=" + Uri.EscapeDataString(fragment)));
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    private static async Task<string> StartAsync(HttpClient client, string name, string registration = "北京市朝阳区建外街道", string region = "110105", string? idNumber = null)
    {
        idNumber ??= NewIdentityNumber(region);
        var started = await OkAsync(await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = name, ["idNumber"] = idNumber, ["householdRegistration"] = registration,
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        }));
        return started.GetProperty("id").GetString()!;
    }
}
