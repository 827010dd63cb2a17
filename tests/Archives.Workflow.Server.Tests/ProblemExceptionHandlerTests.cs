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
        var services = new ServiceCollection().AddLogging(l => l.ClearProviders()).AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<ProblemExceptionHandler>(services);

        Assert.That(await handler.TryHandleAsync(context, exception, CancellationToken.None), Is.True);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
