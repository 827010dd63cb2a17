using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Archives.Workflow.Benchmarks.WorkflowCoreReference;

/// <summary>
/// A started WorkflowCore host (stock services, in-memory persistence, single-node queue and lock) and the
/// client side of the two benchmark shapes: start a workflow, publish the event once it waits, and wait for
/// the host to report completion.
/// </summary>
/// <remarks>
/// Completion and progress are observed through WorkflowCore's own lifecycle notifications
/// (<see cref="IWorkflowHost.OnLifeCycleEvent"/>), matched to the run by the workflow reference, which is
/// unique per run.
/// </remarks>
internal sealed class WorkflowCoreHostRuntime : IDisposable
{
    /// <summary>Data carried by the "Go" event.</summary>
    public const string EventPayload = "payload";

    /// <summary>A run that makes no progress for this long is failed instead of hanging the benchmark.</summary>
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(15);

    private readonly ServiceProvider _provider;
    private readonly IWorkflowHost _host;
    private readonly ISubscriptionRepository _subscriptions;
    private readonly ConcurrentDictionary<string, PendingRun> _pending = new(StringComparer.Ordinal);
    private readonly int _waitForStepId;
    private readonly Timer _watchdog;
    private long _runs;
    private long _completed;
    private long _completedAtLastTick;
    private bool _started;

    /// <param name="configure">WorkflowCore options (poll interval, idle time), applied by <c>AddWorkflow</c>.</param>
    public WorkflowCoreHostRuntime(Action<WorkflowOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(configure);
        _provider = services.BuildServiceProvider();

        _host = _provider.GetRequiredService<IWorkflowHost>();
        _host.RegisterWorkflow<Sequential10Workflow, WorkflowCoreBenchmarkData>();
        _host.RegisterWorkflow<SignalCycleWorkflow, WorkflowCoreBenchmarkData>();
        _waitForStepId = WorkflowCoreSteps.WaitForStepId(_host.Registry.GetDefinition(SignalCycleWorkflow.DefinitionId));
        _subscriptions = _provider.GetRequiredService<ISubscriptionRepository>();
        _host.OnLifeCycleEvent += OnLifeCycleEvent;
        _watchdog = new Timer(OnWatchdog, null, WatchdogPeriod, WatchdogPeriod);
    }

    /// <summary>Number of runs the host has reported as completed.</summary>
    public long CompletedRuns => Interlocked.Read(ref _completed);

    /// <summary>Starts the host's background tasks (queue consumers, poller, lifecycle publisher).</summary>
    public async Task StartAsync()
    {
        await _host.StartAsync(CancellationToken.None);
        _started = true;
    }

    /// <summary>(a) Starts the ten-step workflow and waits until the host reports it complete.</summary>
    public async Task<string> RunSequentialAsync()
    {
        var reference = NextReference();
        var run = new PendingRun(waitForStepId: -1);
        _pending[reference] = run;
        try
        {
            var id = await _host.StartWorkflow(Sequential10Workflow.DefinitionId, new WorkflowCoreBenchmarkData(), reference);
            await run.Completed.Task;
            return id;
        }
        finally
        {
            _pending.TryRemove(reference, out _);
        }
    }

    /// <summary>
    /// (b) Starts the signal-cycle workflow, publishes the "Go" event once the workflow waits for it, and waits
    /// until the host reports the workflow complete.
    /// </summary>
    /// <remarks>
    /// "Waits" means: the <c>WorkflowConsumer</c> has persisted the event subscription that the <c>WaitFor</c>
    /// step returned. The client first awaits the StepStarted notification of the <c>WaitFor</c> step (so that
    /// it does not spin while the first three steps run), then polls the subscription store until the
    /// subscription is there. Publishing earlier would also work (WorkflowCore re-queues events that arrive
    /// before the subscription), but would measure a different sequence.
    /// </remarks>
    public async Task<string> RunSignalCycleAsync()
    {
        var reference = NextReference();
        var run = new PendingRun(_waitForStepId);
        _pending[reference] = run;
        try
        {
            var id = await _host.StartWorkflow(SignalCycleWorkflow.DefinitionId, new WorkflowCoreBenchmarkData { Key = reference }, reference);
            await run.WaitForStarted.Task;
            var spinner = default(SpinWait);
            while (await _subscriptions.GetFirstOpenSubscription(SignalCycleWorkflow.EventName, reference, DateTime.MaxValue) is null)
            {
                run.Completed.Task.ThrowIfFaulted();
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            await _host.PublishEvent(SignalCycleWorkflow.EventName, reference, EventPayload);
            await run.Completed.Task;
            return id;
        }
        finally
        {
            _pending.TryRemove(reference, out _);
        }
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        _host.OnLifeCycleEvent -= OnLifeCycleEvent;
        if (_started)
        {
            _host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            _started = false;
        }

        _provider.Dispose();
    }

    private string NextReference() =>
        "wfc-" + Interlocked.Increment(ref _runs).ToString(CultureInfo.InvariantCulture);

    private void OnLifeCycleEvent(LifeCycleEvent evt)
    {
        if (evt.Reference is null || !_pending.TryGetValue(evt.Reference, out var run))
        {
            return;
        }

        switch (evt)
        {
            case StepStarted started when started.StepId == run.WaitForStepId:
                run.WaitForStarted.TrySetResult();
                break;
            case WorkflowCompleted:
                Interlocked.Increment(ref _completed);
                run.Completed.TrySetResult();
                break;
            case WorkflowError error:
                run.Fail(new InvalidOperationException($"Workflow {error.WorkflowDefinitionId} raised an error on step {error.StepId}: {error.Message}"));
                break;
            case WorkflowTerminated:
                run.Fail(new InvalidOperationException($"Workflow {evt.WorkflowDefinitionId} was terminated."));
                break;
            default:
                break;
        }
    }

    private void OnWatchdog(object? state)
    {
        var completed = CompletedRuns;
        if (completed == Interlocked.Exchange(ref _completedAtLastTick, completed))
        {
            foreach (var run in _pending.Values)
            {
                run.Fail(new TimeoutException($"WorkflowCore made no progress for {WatchdogPeriod.TotalSeconds} s."));
            }
        }
    }

    private sealed class PendingRun(int waitForStepId)
    {
        public int WaitForStepId { get; } = waitForStepId;

        public TaskCompletionSource WaitForStarted { get; } = new();

        public TaskCompletionSource Completed { get; } = new();

        public void Fail(Exception exception)
        {
            WaitForStarted.TrySetException(exception);
            Completed.TrySetException(exception);
        }
    }
}

/// <summary>Small helpers for the host runtime.</summary>
internal static class WorkflowCoreTaskExtensions
{
    /// <summary>Rethrows the failure of a faulted task; does nothing otherwise.</summary>
    public static void ThrowIfFaulted(this Task task)
    {
        if (task.IsFaulted)
        {
            task.GetAwaiter().GetResult();
        }
    }
}
