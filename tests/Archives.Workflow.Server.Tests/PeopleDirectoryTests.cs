using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Server.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>The names pages show where the data keeps login names and institution codes.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class PeopleDirectoryTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private PeopleDirectory Directory => Factory.Services.GetRequiredService<PeopleDirectory>();

    [Test]
    public async Task A_staff_member_is_shown_by_name_and_institution_in_the_readers_language()
    {
        var people = await Directory.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(people.NameWithInstitution("jw.caseworker", "zh-CN"), Is.EqualTo("刘敏（朝阳区建外街道办事处）"));
            Assert.That(people.NameWithInstitution("jw.caseworker", "en"), Is.EqualTo("刘敏 (Jianwai Subdistrict Office, Chaoyang)"));
            Assert.That(people.Name("JW.CASEWORKER", "zh-CN"), Is.EqualTo("刘敏"), "login names are case-insensitive");
            Assert.That(people.Institution("CY-JW", "en"), Is.EqualTo("Jianwai Subdistrict Office, Chaoyang"));
        });
    }

    [Test]
    public async Task The_system_is_named_in_the_readers_language_and_an_unknown_login_is_shown_as_it_is()
    {
        var people = await Directory.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(people.Name("system", "zh-CN"), Is.EqualTo("系统"));
            Assert.That(people.NameWithInstitution("system", "en"), Is.EqualTo("System"));
            Assert.That(people.NameWithInstitution("former.clerk\u00e9", "en"), Is.EqualTo("former.clerk\u00e9"));
            Assert.That(people.Institution("XX-GONE", "zh-CN"), Is.EqualTo("XX-GONE"));
            Assert.That(people.Name(null, "zh-CN"), Is.Empty);
        });
    }

    [Test]
    public async Task A_renamed_staff_member_shows_the_new_name_once_the_directory_is_invalidated()
    {
        var before = await Directory.GetAsync();
        Assert.That(before.Name("zgc.caseworker", "zh-CN"), Is.Not.EqualTo("赵😀新名"));

        await using (var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            var staff = await db.Set<StaffMember>().SingleAsync(s => s.UserName == "zgc.caseworker");
            var oldName = staff.DisplayName;
            staff.DisplayName = "赵😀新名";
            await db.SaveChangesAsync();
            Assert.That((await Directory.GetAsync()).Name("zgc.caseworker", "zh-CN"), Is.EqualTo(oldName), "a snapshot is kept for a minute");

            Directory.Invalidate();
            Assert.That((await Directory.GetAsync()).Name("zgc.caseworker", "zh-CN"), Is.EqualTo("赵😀新名"));

            staff.DisplayName = oldName;
            await db.SaveChangesAsync();
            Directory.Invalidate();
        }
    }
}
