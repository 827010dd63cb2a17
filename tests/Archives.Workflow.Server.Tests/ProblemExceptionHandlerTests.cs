using System.Data.Common;
using System.Text.Json;
using Archives.Workflow.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archives.Workflow.Server.Tests;

public class ProblemExceptionHandlerTests
{
    [Test]
    public async Task A_row_the_database_refuses_as_a_duplicate_is_a_409_not_a_500()
    {
        var (status, body) = await HandleAsync(new DbUpdateException("Saving failed.", await DuplicateKeyErrorAsync()));

        Assert.That(status, Is.EqualTo(StatusCodes.Status409Conflict));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("Duplicate"));
    }

    [Test]
    public async Task Any_other_database_failure_is_logged_and_answered_500_without_details()
    {
        var (status, body) = await HandleAsync(new DbUpdateException("Saving failed.", new InvalidOperationException("disk full")));

        Assert.That(status, Is.EqualTo(StatusCodes.Status500InternalServerError));
        Assert.That(body.GetRawText(), Does.Not.Contain("disk full"));
    }

    [Test]
    public async Task A_database_that_cannot_be_reached_is_a_503_with_a_retry_hint()
    {
        // A real refusal: nothing listens on the port.
        var port = FreePort();
        await using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=archives;Timeout=5;Pooling=false");
        var refused = await Assert.CatchAsync<Npgsql.NpgsqlException>(() => connection.OpenAsync());

        var (status, body, retryAfter) = await HandleWithHeadersAsync(new InvalidOperationException("A query failed.", refused));

        Assert.That(status, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("DatabaseUnavailable"));
        Assert.That(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_sqlite_database_locked_by_another_writer_is_a_503_with_a_retry_hint()
    {
        var file = Path.Combine(Path.GetTempPath(), $"archives-locked-{Guid.NewGuid():N}.db");
        await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        await using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);";
            await create.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
        await using var other = new SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=1");
        await other.OpenAsync();
        await using var write = other.CreateCommand();
        write.CommandText = "INSERT INTO t (name) VALUES ('张三 🗂');";
        var locked = await Assert.CatchAsync<SqliteException>(() => write.ExecuteNonQueryAsync());

        var (status, body, retryAfter) = await HandleWithHeadersAsync(new DbUpdateException("Saving failed.", locked));

        Assert.That(status, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("DatabaseUnavailable"));
        Assert.That(retryAfter, Is.Not.Empty);
    }

    /// <summary>A real SQLite refusal: the same key inserted twice.</summary>
    private static async Task<DbException> DuplicateKeyErrorAsync()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);";
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (SqliteException ex)
        {
            return ex;
        }

        throw new AssertionException("SQLite accepted a duplicate key.");
    }

    private static async Task<(int Status, JsonElement Body)> HandleAsync(Exception exception)
    {
        var (status, body, _) = await HandleWithHeadersAsync(exception);
        return (status, body);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task<(int Status, JsonElement Body, string RetryAfter)> HandleWithHeadersAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging(l => l.ClearProviders()).AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<ProblemExceptionHandler>(services);

        Assert.That(await handler.TryHandleAsync(context, exception, CancellationToken.None), Is.True);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone(), context.Response.Headers.RetryAfter.ToString());
    }
}
