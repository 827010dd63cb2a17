using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Documents;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Numbering;
using Archives.Workflow.Cases.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Archives.Workflow.Server.Tests;

/// <summary>A database numbered the old way ("highest stored plus one") goes on from its highest numbers after the migration.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class NumberCounterMigrationTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero).AddTicks(4_321);

    [Test]
    public async Task Every_series_continues_from_the_highest_number_stored_before_the_counters()
    {
        var database = new ArchivesDatabase(provider, await Databases.CreateAsync(provider));
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_NumberCountersAndKeyRing", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);

            var person = PersonValidator.FromIdentityNumber("11010519491231002X", "王小明", "朝阳区", "建外街道", Now);
            await OldSchemaRows.InsertAsync(db, provider, new Institution { Code = "CY-JW", NameZh = "建外街道", NameEn = "Jianwai", Kind = InstitutionKind.StreetOffice, District = "朝阳区", Street = "建外街道" });
            await OldSchemaPersons.InsertAsync(db, provider, person);
            // Rows of the schema as it was then: later migrations add columns the model now names.
            foreach (var number in new[] { "CYJW-2026-0041", "CYJW-2026-0009", "CYJW-2025-0007", "档案-甲-0100", "CY-JW-2026-0999" })
            {
                await OldSchemaRows.InsertAsync(db, provider, File(person, number));
            }

            await OldSchemaRows.InsertAsync(db, provider, new ServiceCase
            {
                Id = Guid.CreateVersion7(Now), Number = "UFR-2026-000122", ProcessId = "unemployed-file-receipt", InstanceId = "old-instance", PersonId = person.Id,
                InstitutionCode = "CY-JW", Status = CaseStatus.Open, OpenedAt = Now, OpenedBy = "jw.caseworker", Year = 2026, Sequence = 122,
            });
            await OldSchemaRows.InsertAsync(db, provider, Document(9));
            await OldSchemaRows.InsertAsync(db, provider, Document(12));
        }

        await database.MigrateAsync();

        await using var after = database.CreateContext();
        var next = new[]
        {
            await NumberCounters.NextAsync(after, NumberCounters.AllInstitutions, NumberCounters.CaseKind("unemployed-file-receipt"), 2026, CancellationToken.None),
            await NumberCounters.NextAsync(after, "CY-JW", NumberCounters.DocumentKind(DocumentKind.TransferRequestLetter), 2026, CancellationToken.None),
            await NumberCounters.NextAsync(after, "CY-JW", NumberCounters.FileKind, 2026, CancellationToken.None),
            await NumberCounters.NextAsync(after, "CY-JW", NumberCounters.FileKind, 2025, CancellationToken.None),
            await NumberCounters.NextAsync(after, "CY-JW", NumberCounters.DocumentKind(DocumentKind.Receipt), 2026, CancellationToken.None),
        };
        await after.Database.CommitTransactionAsync();

        // Numbers not of the series ("档案-甲-0100", another institution's spelling) do not count.
        Assert.That(next, Is.EqualTo(new[] { 123, 13, 42, 8, 1 }));
    }

    private static PersonnelFile File(Person person, string number) => new()
    {
        Id = Guid.NewGuid(), PersonId = person.Id, InstitutionCode = "CY-JW", FileNumber = number, Status = FileStatus.InCustody, UpdatedAt = Now,
    };

    private static Document Document(int sequence) => new()
    {
        Id = Guid.NewGuid(), InstitutionCode = "CY-JW", Kind = DocumentKind.TransferRequestLetter, Year = 2026, Sequence = sequence,
        Number = $"CY-JW-TRL-2026-{sequence:D6}", Recipient = "北京某科技有限公司", Content = "调档函", IssuedAt = Now,
    };
}
