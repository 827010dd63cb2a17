using System.Data.Common;
using System.Net.Sockets;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Numbering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// PostgreSQL's execution strategy: what certainly took no effect is repeated; what may have taken effect
/// is not. (SQLite is a file in the process: it has no connection to lose, and waits out a lock itself.)
/// </summary>
public sealed class TransientFaultTests
{
    private ArchivesDatabase database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        database = new ArchivesDatabase(DatabaseProvider.PostgreSql, await Databases.CreateAsync(DatabaseProvider.PostgreSql));
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        db.Add(new Institution { Code = "CY-JW", NameZh = "建外街道社保所", NameEn = "Jianwai", Kind = InstitutionKind.StreetOffice, District = "朝阳区", Street = "建外街道" });
        await db.SaveChangesAsync();
    }

    [Test]
    public async Task A_query_whose_connection_is_refused_is_repeated_until_the_database_answers()
    {
        var refusals = new RefuseConnections(times: 2);
        await using var db = database.CreateContextWith(refusals);

        var count = await db.Set<Institution>().CountAsync(i => i.District == "朝阳区");

        Assert.That(count, Is.EqualTo(1));
        Assert.That(refusals.Attempts, Is.EqualTo(3), "two refusals, then the connection that served the query");
    }

    [Test]
    public async Task A_save_cut_off_while_under_way_is_not_repeated()
    {
        var cut = new CutCommands();
        await using var db = database.CreateContextWith(cut);
        db.Add(new Institution { Code = "CY-WJ-" + Guid.NewGuid().ToString("N")[..6], NameZh = "望京街道 🏙", NameEn = "Wangjing", Kind = InstitutionKind.StreetOffice, District = "朝阳区" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.That(cut.Attempts, Is.EqualTo(1), "whether it committed is unknown, so it is not sent again");
    }

    [Test]
    public async Task Inside_a_transaction_of_its_own_a_query_runs_once_without_the_strategy_objecting()
    {
        await using var db = database.CreateContext();
        var year = 2040 + Random.Shared.Next(1000);
        var first = await NumberCounters.NextAsync(db, "CY-JW", "document:Receipt", year, CancellationToken.None);
        var institutions = await db.Set<Institution>().CountAsync();
        await db.Database.CommitTransactionAsync();

        Assert.That((first, institutions), Is.EqualTo((1, 1)));
    }

    /// <summary>Refuses the first connections the way a stopped server does (ECONNREFUSED).</summary>
    private sealed class RefuseConnections(int times) : DbConnectionInterceptor
    {
        public int Attempts { get; private set; }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (++Attempts <= times)
            {
                throw new NpgsqlException("Failed to connect to 127.0.0.1", new SocketException((int)SocketError.ConnectionRefused));
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Breaks the connection once a command has been sent, the way a server crash does.</summary>
    private sealed class CutCommands : DbCommandInterceptor
    {
        public int Attempts { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset)));
        }
    }
}
