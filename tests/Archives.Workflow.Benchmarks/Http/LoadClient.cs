using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Archives.Workflow.Benchmarks.Http;

/// <summary>
/// One client: one signed-in demo user with one <see cref="HttpClient"/> (its connections kept open and
/// reused), sending one request at a time — however many cases it has under way — to the nodes in turn.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    public const string Password = "Demo#2026";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly IReadOnlyList<Uri> nodes;
    private readonly RequestLog log;
    private string? token;
    private int next;
    private int pending;

    public LoadClient(int index, string userName, IReadOnlyList<Uri> nodes, RequestLog log)
    {
        Index = index;
        UserName = userName;
        this.nodes = nodes;
        this.log = log;
        next = index;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public int Index { get; }

    public string UserName { get; }

    /// <summary>Requests this client is sending or has waiting to be sent: zero when it has nothing to do.</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>Signs in on the first node for a bearer token (every node of one database accepts it); false when refused.</summary>
    public async Task<bool> SignInAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(nodes[0], "api/auth/login"), new { userName = UserName, password = Password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        token = body.GetProperty("accessToken").GetString();
        return token is not null;
    }

    /// <summary>
    /// One request, timed from the moment this client may send it (not while it waits for its own previous one);
    /// status 0 when no answer came. Not cancelled by the end of a window: an answer under way is awaited.
    /// </summary>
    public async Task<Answer> SendAsync(HttpMethod method, string endpoint, string path, object? body, CancellationToken abort)
    {
        Interlocked.Increment(ref pending);
        try
        {
            await gate.WaitAsync(abort);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref pending);
            throw;
        }

        try
        {
            var node = nodes[(int)((uint)next++ % (uint)nodes.Count)];
            using var request = new HttpRequestMessage(method, new Uri(node, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
            }

            var began = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, abort);
                var text = await response.Content.ReadAsStringAsync(abort);
                var elapsed = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
                var status = (int)response.StatusCode;
                log.Answer(endpoint, elapsed, status is >= 200 and < 300);
                return new Answer(status, Parse(text), text);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !abort.IsCancellationRequested)
            {
                log.Answer(endpoint, Stopwatch.GetElapsedTime(began).TotalMilliseconds, success: false);
                return new Answer(0, default, e.GetType().Name + ": " + e.Message);
            }
        }
        finally
        {
            gate.Release();
            Interlocked.Decrement(ref pending);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        gate.Dispose();
    }

    private static JsonElement Parse(string text)
    {
        if (text.Length == 0 || (text[0] != '{' && text[0] != '['))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>An answer: its status (0 when none came), body and text.</summary>
    public sealed record Answer(int Status, JsonElement Body, string Text)
    {
        public bool Ok => Status is >= 200 and < 300;

        public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
    }
}
