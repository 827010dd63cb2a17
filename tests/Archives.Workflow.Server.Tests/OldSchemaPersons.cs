using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Persons;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Writes a person into a database migrated only part of the way, before <c>person_name_grams</c> existed: saving
/// one through the context would also write its name grams, so the row goes in by SQL, in the columns and the
/// storage each provider's model gives it.
/// </summary>
internal static class OldSchemaPersons
{
    public static async Task InsertAsync(ArchivesDbContext db, DatabaseProvider provider, Person person)
    {
        const string Sql = """
            INSERT INTO persons ("Id", "IdentityNumber", "Name", "Gender", "BirthDate", "HouseholdDistrict", "HouseholdStreet", "Phone", "Address", "Status", "HeroOrModel", "EverCadre", "CreatedAt")
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12})
            """;
        object?[] values = provider == DatabaseProvider.Sqlite
            ? [person.Id.ToString().ToUpperInvariant(), person.IdentityNumber, person.Name, person.Gender.ToString(), person.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                person.HouseholdDistrict, person.HouseholdStreet, person.Phone, person.Address, person.Status.ToString(), person.HeroOrModel, person.EverCadre, person.CreatedAt.UtcTicks]
            : [person.Id, person.IdentityNumber, person.Name, person.Gender.ToString(), person.BirthDate,
                person.HouseholdDistrict, person.HouseholdStreet, person.Phone, person.Address, person.Status.ToString(), person.HeroOrModel, person.EverCadre, person.CreatedAt.ToUniversalTime()];
        await db.Database.ExecuteSqlRawAsync(Sql, values!);
    }
}
