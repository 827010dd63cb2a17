using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Numbering;

namespace Archives.Workflow.Cases.Tests.Numbering;

/// <summary>
/// Case numbers are taken by <see cref="NumberCounters.NextUniqueAsync"/> in a statement of their own: the counter
/// row is not held until the case is stored, so a second start never waits for the first, and a start that is given
/// up after taking its number does not give it back (the next start takes the one after).
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class UniqueNumberTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_case_number_is_committed_at_once_so_a_second_start_neither_waits_for_the_first_nor_reuses_its_number()
    {
        var database = await Databases.CreateAsync(provider);
        var kind = NumberCounters.CaseKind("unemployed-file-receipt");
        // Bounded: a counter row still held by the first context would make the second wait, and fail here, not hang.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var first = database.CreateContext();
        var taken = await NumberCounters.NextUniqueAsync(first, NumberCounters.AllInstitutions, kind, 2026, bound.Token);
        Assert.That(first.Database.CurrentTransaction, Is.Null, "no transaction was begun for the number");

        await using (var second = database.CreateContext())
        {
            // Another start, in a transaction, while the first context stays open: it does not wait for the first.
            await using var transaction = await second.Database.BeginTransactionAsync(bound.Token);
            Assert.That(await NumberCounters.NextUniqueAsync(second, NumberCounters.AllInstitutions, kind, 2026, bound.Token), Is.EqualTo(taken + 1));
            await transaction.RollbackAsync(bound.Token);
        }

        // The first start is given up: its number stays taken. The second's was taken inside a transaction that
        // rolled back, so it went back with it.
        await first.DisposeAsync();
        await using var third = database.CreateContext();
        Assert.That(await NumberCounters.NextUniqueAsync(third, NumberCounters.AllInstitutions, kind, 2026, bound.Token), Is.EqualTo(taken + 1));
        Assert.That(await NumberCounters.NextUniqueAsync(third, NumberCounters.AllInstitutions, kind, 2026, bound.Token), Is.EqualTo(taken + 2),
            "numbers in the order they were taken");
    }
}
