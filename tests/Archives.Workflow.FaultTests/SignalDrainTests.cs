using System.Diagnostics;
using System.Net;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// A node stopped as a service manager stops it (SIGTERM) first drains: it goes on answering for a moment,
/// reports itself unready and closes each connection after its answer, so that a client's keep-alive connection
/// is never closed under a request it has just sent; then it exits by itself with 0.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SignalDrainTests
{
    private PostgresServer? postgres;
    private ServerNode? node;
    private string folder = null!;

    [Test]
    public async Task A_node_told_to_stop_keeps_answering_unready_with_connection_close_then_exits_cleanly()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = overall.Token;
        folder = Path.Combine(Path.GetTempPath(), "archives-drain-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync("drain");
        var root = RepositoryRoot.Path;
        node = new ServerNode(0, FaultRunTests.ServerDll(root), root, connection, folder) { Lifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        node.Start(seedDemoData: false);
        Assert.That(await node.WaitHealthyAsync(http, TimeSpan.FromSeconds(150), ct), Is.True, $"the node answers /health (log {node.LogPath})");

        using (var before = await http.GetAsync(new Uri(node.BaseAddress, "health/ready"), ct))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "ready before the signal");
            Assert.That(before.Headers.ConnectionClose, Is.Not.True, "a running node keeps its connections open");
        }

        var watch = Stopwatch.StartNew();
        await node.SignalTerminateAsync();
        // The kept-alive connection is used again right after the signal, and then new ones: the node answers on each
        // (it does not close a connection under a request) until it has said it is unready, and for a moment after.
        var answers = new List<HttpResponseMessage>();
        try
        {
            while (answers.Count == 0 || answers[^1].StatusCode == HttpStatusCode.OK)
            {
                Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "the node says it is unready soon after the signal");
                answers.Add(await http.GetAsync(new Uri(node.BaseAddress, "health/ready"), ct));
                await Task.Delay(50, ct);
            }

            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(200, ct);
                answers.Add(await http.GetAsync(new Uri(node.BaseAddress, "health/ready"), ct));
            }

            var unready = answers.SkipWhile(a => a.StatusCode == HttpStatusCode.OK).ToList();
            var (exitCode, _) = await node.WaitExitAsync(TimeSpan.FromSeconds(45), watch);
            Assert.Multiple(() =>
            {
                Assert.That(unready.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable), "a draining node says it is not ready, so a load balancer sends its work elsewhere");
                Assert.That(unready.Select(a => a.Headers.ConnectionClose), Is.All.True, "a draining node closes each connection after its answer");
                Assert.That(exitCode, Is.EqualTo(0), $"the node exits by itself, cleanly (log {node.LogPath})");
            });
        }
        finally
        {
            answers.ForEach(a => a.Dispose());
        }
    }

    [TearDown]
    public async Task StopEverythingAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        if (folder is not null && Directory.Exists(folder) && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
