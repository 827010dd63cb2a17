using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// The drain before a signalled stop. On SIGTERM or Ctrl+C the node first says it is not ready
/// (<c>/health/ready</c> answers 503, see <see cref="StoppingHealthCheck"/>) and keeps serving for
/// <see cref="ServerOptions.DrainDelay"/>, answering every request with <c>Connection: close</c>; only then does
/// Kestrel stop. A client's keep-alive connection is thus closed by an answer, which the client reads, and not
/// under a request it has just sent (which it could not tell from a lost one); a load balancer meanwhile sees the
/// node unready and sends its work elsewhere. A stop asked for in code (tests, the host disposed) does not wait.
/// </summary>
public sealed partial class SignalDrain(IOptions<ServerOptions> options, IHostApplicationLifetime lifetime, ILogger<SignalDrain> logger) : IHostedLifecycleService, IDisposable
{
    private readonly List<PosixSignalRegistration> registrations = [];
    private volatile bool signalled;

    /// <summary>True once the host is stopping: answers then close their connection.</summary>
    public bool Draining => lifetime.ApplicationStopping.IsCancellationRequested;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Beside the host's own handlers, which stop the application; this one only notes that a signal came.
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, _ => signalled = true));
        }

        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.DrainDelay;
        if (!signalled || delay <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(logger, delay);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown time ran out first: stop now.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: not ready, draining connections for {Delay} before the listener closes")]
    private static partial void LogDraining(ILogger logger, TimeSpan delay);

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }
}
