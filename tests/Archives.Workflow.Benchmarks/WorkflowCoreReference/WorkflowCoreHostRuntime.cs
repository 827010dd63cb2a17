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

    /// <summary>A run that has not completed after this long is failed instead of hanging the benchmark.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _provider;
    private readonly IWorkflowHost _host;
    private readonly ISubscriptionRepository _subscriptions;
    private readonly IDistributedLockProvider _locks;
    private readonly IWorkflowPurger _purger;
    private readonly ConcurrentDictionary<string, PendingRun> _pending = new(StringComparer.Ordinal);
    private readonly int _waitForStepId;
    private readonly Timer _watchdog;
    private long _runs;
    private DateTime _previousRunStartUtc = DateTime.MinValue;
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
        _locks = _provider.GetRequiredService<IDistributedLockProvider>();
        _purger = _provider.GetRequiredService<IWorkflowPurger>();
        _host.OnLifeCycleEvent += OnLifeCycleEvent;
        _watchdog = new Timer(OnWatchdog, null, WatchdogPeriod, WatchdogPeriod);
    }

    /// <summary>Starts the host's background tasks (queue consumers, poller, lifecycle publisher).</summary>
    public async Task StartAsync()
    {
        await _host.StartAsync(CancellationToken.None);
        _started = true;
    }

    /// <summary>(a) Starts the ten-step workflow and waits until the host reports it complete.</summary>
    public async Task<string> RunSequentialAsync()
    {
        await PurgeAsync();
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
        await PurgeAsync();
        var reference = NextReference();
        var run = new PendingRun(_waitForStepId);
        _pending[reference] = run;
        try
        {
            var id = await _host.StartWorkflow(SignalCycleWorkflow.DefinitionId, new WorkflowCoreBenchmarkData { Key = reference }, reference);
            await run.WaitForStarted.Task;
            var spinner = default(SpinWait);
            while (!await IsWaitingAtRestAsync(id, reference))
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

    /// <summary>
    /// True once the <c>WorkflowConsumer</c> has persisted the subscription of the <c>WaitFor</c> step and released
    /// the workflow's lock, i.e. once the suspension has been fully processed and the workflow is at rest.
    /// </summary>
    /// <remarks>
    /// Without the lock check the event would usually reach the <c>EventConsumer</c> while the
    /// <c>WorkflowConsumer</c> still holds the lock; WorkflowCore copes with that (the consumer re-queues the
    /// event after releasing the lock), but that is a race path, not the ordinary "event arrives while the
    /// workflow waits" path this shape is meant to measure. Taking the lock for an instant is harmless here:
    /// nothing else is queued for the workflow while it waits.
    /// </remarks>
    private async Task<bool> IsWaitingAtRestAsync(string workflowId, string eventKey)
    {
        if (await _subscriptions.GetFirstOpenSubscription(SignalCycleWorkflow.EventName, eventKey, DateTime.MaxValue) is null
            || !await _locks.AcquireLock(workflowId, CancellationToken.None))
        {
            return false;
        }

        await _locks.ReleaseLock(workflowId);
        return true;
    }

    /// <summary>
    /// Removes the completed instances of all runs but the previous one from the memory store, with
    /// WorkflowCore's own <see cref="IWorkflowPurger"/>, so that every run sees the same store size.
    /// </summary>
    /// <remarks>
    /// The memory persistence provider keeps every instance and finds one by a linear scan, several times per
    /// step; without purging, each stored instance adds about a microsecond to every later run. Runs older than
    /// the previous one are purged, not the previous one itself: its completion is reported before the
    /// <c>WorkflowConsumer</c> persists its final state, but the consumer processes items one at a time, so the
    /// instance of run k-2 is finished with once run k-1 has completed. The purge costs well under a microsecond.
    /// The "Go" events cannot be purged (WorkflowCore has no API for it); they are bounded by restarting the host
    /// for every benchmark iteration.
    /// </remarks>
    private Task PurgeAsync()
    {
        var purgeBefore = _previousRunStartUtc;
        _previousRunStartUtc = DateTime.UtcNow;
        return _purger.PurgeWorkflows(WorkflowStatus.Complete, purgeBefore);
    }

    /// <summary>Runs each shape once and checks the stored outcome (status Complete and the final counter).</summary>
    public async Task VerifyAsync()
    {
        await CheckAsync(await RunSequentialAsync(), Sequential10Workflow.StepCount);
        await CheckAsync(await RunSignalCycleAsync(), SignalCycleWorkflow.FinalCounter);

        async Task CheckAsync(string workflowId, int expectedCounter)
        {
            var workflow = await _host.PersistenceStore.GetWorkflowInstance(workflowId);
            if (workflow.Status != WorkflowStatus.Complete || ((WorkflowCoreBenchmarkData)workflow.Data).Counter != expectedCounter)
            {
                throw new InvalidOperationException($"Workflow {workflow.WorkflowDefinitionId} ended as {workflow.Status} with Counter {((WorkflowCoreBenchmarkData)workflow.Data).Counter}, expected Complete with {expectedCounter}.");
            }
        }
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
        var now = Environment.TickCount64;
        foreach (var run in _pending.Values)
        {
            if (now - run.StartedAtTicks > (long)RunTimeout.TotalMilliseconds)
            {
                run.Fail(new TimeoutException($"WorkflowCore did not complete a run within {RunTimeout.TotalSeconds} s."));
            }
        }
    }

    /// <summary>
    /// A run in flight. Its continuations run asynchronously: the lifecycle handler runs inside the event
    /// hub's delivery, which the lifecycle publisher awaits before it delivers the next notification, so
    /// the benchmark must not continue on that thread.
    /// </summary>
    private sealed class PendingRun(int waitForStepId)
    {
        public int WaitForStepId { get; } = waitForStepId;

        public long StartedAtTicks { get; } = Environment.TickCount64;

        public TaskCompletionSource WaitForStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
