using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Archives.Workflow.Server.Tests;

/// <summary>The persons already there when <c>person_name_grams</c> arrives get the same grams the domain gives new ones.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class NameGramMigrationTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero).AddTicks(7_654_321);

    [Test]
    public async Task The_migration_fills_the_grams_of_existing_names_as_the_domain_makes_them_and_a_later_rename_keeps_them_in_step()
    {
        var database = new ArchivesDatabase(provider, await Databases.CreateAsync(provider));
        string[] names = ["王", "欧阳娜娜", "王😀明", "李👨‍👩‍👧华", "Zoe\u0308 Chen", "阿依古丽·买买提", new string('长', 50)];
        var persons = names.Select((name, i) => PersonValidator.FromIdentityNumber(Number(i), name, "朝阳区", "建外街道", Now)).ToList();
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_NameGramsAndInboxIndexes", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            foreach (var person in persons)
            {
                await OldSchemaPersons.InsertAsync(db, provider, person);
            }
        }

        await database.MigrateAsync();

        await using (var db = database.CreateContext())
        {
            var grams = (await db.Set<PersonNameGram>().AsNoTracking().ToListAsync()).ToLookup(g => g.PersonId, g => g.Gram);
            foreach (var person in persons)
            {
                Assert.That(grams[person.Id], Is.EquivalentTo(PersonNameGrams.Of(person.Name)), person.Name);
            }

            var renamed = await db.Set<Person>().SingleAsync(p => p.Id == persons[2].Id);
            renamed.Name = "王😀红";
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var grams = await db.Set<PersonNameGram>().AsNoTracking().Where(g => g.PersonId == persons[2].Id).Select(g => g.Gram).ToListAsync();
            Assert.That(grams, Is.EquivalentTo(new[] { "王", "😀", "红", "王😀", "😀红" }));
        }
    }

    private static string Number(int i)
    {
        var first17 = $"110105198503{10 + i:D2}{300 + i:D3}";
        return first17 + Engine.Forms.IdentityNumber.CheckCharacter(first17);
    }
}
