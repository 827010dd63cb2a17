using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// The demo users over HTTP, spread over the nodes. A user signs in on each node it talks to, so the
/// load does not depend on the shared key ring (which the run checks on its own). A request without an
/// answer (node down, connection reset, time-out) or with a 5xx is tried again on the next node, within a bound.
/// </summary>
public sealed class ArchivesApi : IDisposable
{
    public const string Password = "Demo#2026";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IReadOnlyList<ServerNode> nodes;
    private readonly ClientLedger ledger;
    private readonly HttpClient http;
    private readonly ConcurrentDictionary<(string User, int Node), string> tokens = new();
    private int next;

    public ArchivesApi(IReadOnlyList<ServerNode> nodes, ClientLedger ledger)
    {
        this.nodes = nodes;
        this.ledger = ledger;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(3), MaxConnectionsPerServer = 64 })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The nodes requests go to (all by default; one node while measuring a single node).</summary>
    public IReadOnlyList<int> Targets { get; set; } = [];

    public HttpClient Http => http;

    /// <summary>Signs in on one node and returns the bearer token (null when refused).</summary>
    public async Task<string?> SignInAsync(string user, int node, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(nodes[node].BaseAddress, "api/auth/login"), new { userName = user, password = Password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("accessToken").GetString();
    }

    /// <summary>One request to one node, once; counted in the ledger.</summary>
    public async Task<Reply> SendOnceAsync(string user, HttpMethod method, string path, object? body, int node, CancellationToken cancellationToken, string? token = null)
    {
        try
        {
            token ??= await TokenAsync(user, node, cancellationToken);
            if (token is null)
            {
                ledger.Count(0);
                return new Reply(0, default, node, "no sign-in");
            }

            using var request = new HttpRequestMessage(method, new Uri(nodes[node].BaseAddress, path.TrimStart('/')));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            ledger.Count(status, $"{method} /{path} on node {node}: {(text.Length > 160 ? text[..160] : text)}");
            if (status == 401)
            {
                tokens.TryRemove((user, node), out _);
            }

            JsonElement parsed = default;
            if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
            {
                try
                {
                    parsed = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    parsed = default;
                }
            }

            return new Reply(status, parsed, node, text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ledger.CountUnanswered(e is HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } });
            return new Reply(0, default, node, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>
    /// A request tried on the nodes in turn until it gets an answer below 500 (a 401 after a node's
    /// restart signs in again), or the limit passes; returns the last reply and whether an earlier try
    /// may have been applied without an answer (no answer, or a 5xx).
    /// </summary>
    public async Task<(Reply Reply, bool Ambiguous)> SendAsync(string user, HttpMethod method, string path, object? body, TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + limit;
        var ambiguous = false;
        var authRetries = 0;
        while (true)
        {
            var reply = await SendOnceAsync(user, method, path, body, PickNode(), cancellationToken);
            var retry = reply.Status == 0 || reply.Status >= 500 || (reply.Status == 401 && authRetries++ < 3);
            if (!retry || DateTimeOffset.UtcNow >= until)
            {
                return (reply, ambiguous);
            }

            ambiguous |= method != HttpMethod.Get && reply.Status != 401 && reply.Text != "no sign-in";
            await Task.Delay(300, cancellationToken);
        }
    }

    public async Task<JsonElement?> GetAsync(string user, string path, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var (reply, _) = await SendAsync(user, HttpMethod.Get, path, null, limit ?? TimeSpan.FromSeconds(60), cancellationToken);
        return reply.Ok ? reply.Body : null;
    }

    public void Dispose() => http.Dispose();

    private int PickNode()
    {
        var targets = Targets.Count > 0 ? Targets : Enumerable.Range(0, nodes.Count).ToList();
        return targets[(int)((uint)Interlocked.Increment(ref next) % (uint)targets.Count)];
    }

    private async Task<string?> TokenAsync(string user, int node, CancellationToken cancellationToken)
    {
        if (tokens.TryGetValue((user, node), out var token))
        {
            return token;
        }

        token = await SignInAsync(user, node, cancellationToken);
        if (token is not null)
        {
            tokens[(user, node)] = token;
        }

        return token;
    }
}
