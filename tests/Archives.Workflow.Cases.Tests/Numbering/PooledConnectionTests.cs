using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Numbering;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archives.Workflow.Cases.Tests.Numbering;

/// <summary>
/// PostgreSQL's pooled connections are handed on without Npgsql's reset (<see cref="PostgreSqlTuning"/>): what a
/// context leaves behind must then still be nothing, even when it is thrown away in the middle of a transaction.
/// </summary>
public sealed class PooledConnectionTests
{
    [Test]
    public void Pooled_connections_go_unreset_and_prepare_statements_unless_the_connection_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgreSqlTuning.Tuned("Host=db.example;Username=archives;Database=archives"));
        Assert.That((tuned.NoResetOnClose, tuned.MaxAutoPrepare, tuned.Host), Is.EqualTo((true, 64, "db.example")));

        var explicitly = new NpgsqlConnectionStringBuilder(PostgreSqlTuning.Tuned("Host=db.example;No Reset On Close=false;Max Auto Prepare=0"));
        Assert.That((explicitly.NoResetOnClose, explicitly.MaxAutoPrepare), Is.EqualTo((false, 0)), "what the connection string sets wins");
    }

    [Test]
    public async Task A_context_thrown_away_with_a_number_taken_gives_the_number_back_and_its_connection_carries_no_transaction_on()
    {
        var database = await Databases.CreateAsync(DatabaseProvider.PostgreSql);
        await using (var abandoned = database.CreateContext())
        {
            Assert.That(await NumberCounters.NextAsync(abandoned, "CY-JW", "document:TransferRequestLetter", 2026, CancellationToken.None), Is.EqualTo(1));
        }

        // Every connection of the pool is used again: none may still hold the counter row or an open transaction.
        var contexts = Enumerable.Range(0, 4).Select(_ => database.CreateContext()).ToList();
        try
        {
            foreach (var db in contexts)
            {
                await db.Database.OpenConnectionAsync();
            }

            var states = await contexts[0].Database.SqlQueryRaw<string>(
                "SELECT coalesce(state, '') AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").ToListAsync();
            Assert.That(states, Has.None.StartsWith("idle in transaction"));

            await using var tx = await contexts[1].Database.BeginTransactionAsync();
            Assert.That(await NumberCounters.NextAsync(contexts[1], "CY-JW", "document:TransferRequestLetter", 2026, CancellationToken.None), Is.EqualTo(1),
                "the abandoned context's number went back to the counter");
            await tx.CommitAsync();
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }
}
