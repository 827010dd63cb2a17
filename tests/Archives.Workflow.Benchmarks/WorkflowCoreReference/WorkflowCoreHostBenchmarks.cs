using BenchmarkDotNet.Attributes;
using WorkflowCore.Interface;

namespace Archives.Workflow.Benchmarks.WorkflowCoreReference;

/// <summary>
/// WorkflowCore 3.22.0 through its real host (<see cref="IWorkflowHost"/>): stock services, default in-memory
/// persistence, single-node queue, lock and lifecycle event hub, no logging provider.
/// </summary>
/// <remarks>
/// <para>
/// One invocation is one client round trip: <c>StartWorkflow</c> until the host reports the workflow complete
/// through its lifecycle notifications (<c>WorkflowCompleted</c>, matched by the per-run reference). The figure
/// therefore includes: writing the instance to the store and queueing it; for every step, one full trip
/// through the <c>WorkflowConsumer</c> (WorkflowCore executes one step per <c>Execute</c> call for a sequential
/// chain, so each step is dequeued, locked, loaded, executed, persisted, queued for indexing, unlocked and
/// re-queued); the index consumer and the lifecycle publisher working on other threads; and the latency of
/// the completion notification (publisher thread, then a thread-pool hop in the event hub, then the
/// asynchronous continuation of the benchmark). For (b) it also includes waiting until the suspension has
/// been processed, <c>PublishEvent</c> (store the event, queue it) and the <c>EventConsumer</c> matching it to
/// the subscription and re-queueing the workflow. Allocated is process-wide (BenchmarkDotNet counts all
/// threads), so it includes the host's background threads.
/// </para>
/// <para>
/// Intervals: nothing on the measured path sleeps. The single-node queue blocks on a
/// <c>BlockingCollection</c> and hands work over at once, and a workflow whose next step is due is re-queued
/// immediately. <c>IdleTime</c> is set to 1 ms (default 100 ms); it is only slept on in rare lock races, e.g.
/// when the <c>WorkflowConsumer</c> re-queues an event the <c>EventConsumer</c> holds. The poll interval stays at
/// its default (10 s): the runnable poller is only a safety net for work that was not queued, and shortening
/// it makes things slower, not faster (at 10 ms it re-queues running workflows and (a) took about a third
/// longer in a trial run).
/// </para>
/// <para>
/// Steady state: the host is built and started in <see cref="IterationSetup"/> and stopped in
/// <see cref="IterationCleanup"/>, with a fixed number of invocations per iteration, instead of once per
/// benchmark. The memory store keeps every event forever (WorkflowCore has no way to purge events) and finds
/// them by linear scans, so a host that lives for the whole benchmark would make every signal cycle slower
/// than the one before. Completed instances are purged as the runs go (see
/// <see cref="WorkflowCoreHostRuntime"/>). Each new host is warmed up with one run of each shape, which also
/// checks the outcome, before the iteration starts.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[BenchmarkCategory("WorkflowCore")]
[InvocationCount(InvocationsPerIteration)]
public class WorkflowCoreHostBenchmarks : IDisposable
{
    /// <summary>
    /// Runs per host, i.e. per iteration. Small enough that the events the store accumulates do not matter
    /// (over 512 signal cycles on one host the median did not move beyond noise), large enough that an
    /// iteration of (a) lasts well over 100 ms and that starting a host (a few milliseconds) is rare.
    /// </summary>
    public const int InvocationsPerIteration = 512;

    private WorkflowCoreHostRuntime? _runtime;

    private WorkflowCoreHostRuntime Runtime =>
        _runtime ?? throw new InvalidOperationException("IterationSetup has not run.");

    [IterationSetup]
    public void IterationSetup()
    {
        _runtime?.Dispose();
        _runtime = new WorkflowCoreHostRuntime(options => options.UseIdleTime(TimeSpan.FromMilliseconds(1)));
        _runtime.StartAsync().GetAwaiter().GetResult();
        _runtime.VerifyAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void IterationCleanup() => Dispose();

    /// <summary>(a) Start the ten-step workflow through the host and wait until the host reports it complete.</summary>
    [Benchmark]
    [BenchmarkCategory("a")]
    public Task<string> Sequential10_Literal() => Runtime.RunSequentialAsync();

    /// <summary>
    /// (b) Start the signal-cycle workflow through the host, publish the "Go" event once the workflow waits,
    /// and wait until the host reports it complete.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("b")]
    public Task<string> SignalCycle_Full() => Runtime.RunSignalCycleAsync();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _runtime?.Dispose();
            _runtime = null;
        }
    }
}
