using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Archives.Workflow.Benchmarks.WorkflowCoreReference;

/// <summary>
/// WorkflowCore 3.22.0 driven through its in-process executor (<see cref="IWorkflowExecutor"/>), without
/// host, queue, lock or persistence.
/// </summary>
/// <remarks>
/// <para>
/// The service provider is the stock one (<c>services.AddLogging(); services.AddWorkflow();</c>, no options,
/// no logging provider). The definitions are registered in <see cref="IWorkflowRegistry"/>.
/// </para>
/// <para>
/// Each invocation does what <c>WorkflowController.StartWorkflow</c> does before it hands the instance to
/// persistence and the queue (look the definition up, build the <see cref="WorkflowInstance"/> with status
/// Runnable, <c>NextExecution = 0</c> and the genesis pointer from <see cref="IExecutionPointerFactory"/>, run
/// the pre-workflow middleware in a new scope, assign a GUID id as the memory persistence provider does),
/// then does what the <c>WorkflowConsumer</c> does with it: call <see cref="IWorkflowExecutor.Execute"/> as
/// long as the instance is Runnable and has a <c>NextExecution</c> (the consumer re-queues it immediately
/// when <c>NextExecution</c> is due; <c>null</c> means nothing is runnable, i.e. the workflow waits).
/// WorkflowCore's <c>Execute</c> only runs the pointers that were active when it was called, so a chain of
/// N sequential steps needs N <c>Execute</c> calls.
/// </para>
/// <para>
/// The event is delivered as <c>EventConsumer.SeedSubscription</c> does it: the pointer named by the
/// subscription that the suspending <c>Execute</c> returned gets <c>EventData</c>, <c>EventPublished = true</c>
/// and <c>Active = true</c> (its status stays <c>WaitingForEvent</c>; WorkflowCore sets it to Running when the
/// step runs again), and the instance gets <c>NextExecution = 0</c>.
/// </para>
/// <para>
/// The executor publishes lifecycle notifications (StepStarted, StepCompleted, WorkflowCompleted) into the
/// default <see cref="ILifeCycleEventPublisher"/>. Its background task is started in <see cref="GlobalSetup"/>,
/// as <c>WorkflowHost.Start</c> would, so that its outbox is drained instead of growing without bound; the
/// delivery happens on other threads, and because BenchmarkDotNet counts allocations process-wide, the
/// Allocated column includes what that delivery allocates.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[BenchmarkCategory("WorkflowCore")]
public class WorkflowCoreExecutorBenchmarks : IDisposable
{
    private WorkflowCoreExecutorRuntime? _runtime;

    private WorkflowCoreExecutorRuntime Runtime =>
        _runtime ?? throw new InvalidOperationException("GlobalSetup has not run.");

    [GlobalSetup]
    public void GlobalSetup()
    {
        _runtime = new WorkflowCoreExecutorRuntime();
        _runtime.Verify();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => Dispose();

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

    /// <summary>(a) Start the ten-step workflow and execute it to completion.</summary>
    [Benchmark]
    [BenchmarkCategory("a")]
    public async Task<WorkflowInstance> Sequential10_Literal()
    {
        var runtime = Runtime;
        var workflow = await runtime.StartWorkflowAsync(Sequential10Workflow.DefinitionId, new WorkflowCoreBenchmarkData());
        await runtime.ExecuteWhileRunnableAsync(workflow);
        return workflow;
    }

    /// <summary>(b) Start the signal-cycle workflow and execute it until it waits for the "Go" event.</summary>
    [Benchmark]
    [BenchmarkCategory("b")]
    public async Task<WorkflowInstance> SignalCycle_StartToSuspend()
    {
        var runtime = Runtime;
        var workflow = await runtime.StartWorkflowAsync(SignalCycleWorkflow.DefinitionId, new WorkflowCoreBenchmarkData { Key = "key" });
        await runtime.ExecuteWhileRunnableAsync(workflow);
        return workflow;
    }

    /// <summary>
    /// (b) Start the signal-cycle workflow, execute it until it waits, deliver the "Go" event and execute it
    /// to completion.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("b")]
    public async Task<WorkflowInstance> SignalCycle_Full()
    {
        var runtime = Runtime;
        var workflow = await runtime.StartWorkflowAsync(SignalCycleWorkflow.DefinitionId, new WorkflowCoreBenchmarkData { Key = "key" });
        var suspension = await runtime.ExecuteWhileRunnableAsync(workflow);
        WorkflowCoreExecutorRuntime.DeliverEvent(workflow, suspension.Subscriptions[0], WorkflowCoreExecutorRuntime.EventPayload);
        await runtime.ExecuteWhileRunnableAsync(workflow);
        return workflow;
    }
}

/// <summary>The stock WorkflowCore services, and the steps the host would take around <see cref="IWorkflowExecutor"/>.</summary>
internal sealed class WorkflowCoreExecutorRuntime : IDisposable
{
    /// <summary>Data carried by the "Go" event.</summary>
    public const string EventPayload = "payload";

    /// <summary>Guard against a workflow that never stops being runnable.</summary>
    private const int MaxExecuteCalls = 1_000;

    private readonly ServiceProvider _provider;
    private readonly IWorkflowRegistry _registry;
    private readonly IWorkflowExecutor _executor;
    private readonly IExecutionPointerFactory _pointerFactory;
    private readonly IDateTimeProvider _dateTimeProvider;
    private readonly ILifeCycleEventPublisher _publisher;

    /// <param name="configure">WorkflowCore options; the benchmarks use none (the defaults).</param>
    public WorkflowCoreExecutorRuntime(Action<WorkflowOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(configure);
        _provider = services.BuildServiceProvider();

        _registry = _provider.GetRequiredService<IWorkflowRegistry>();
        _registry.RegisterWorkflow(new Sequential10Workflow());
        _registry.RegisterWorkflow(new SignalCycleWorkflow());

        // The WorkflowConsumer resolves one executor and keeps it; so do we.
        _executor = _provider.GetRequiredService<IWorkflowExecutor>();
        _pointerFactory = _provider.GetRequiredService<IExecutionPointerFactory>();
        _dateTimeProvider = _provider.GetRequiredService<IDateTimeProvider>();
        _publisher = _provider.GetRequiredService<ILifeCycleEventPublisher>();
        _publisher.Start();
    }

    /// <summary>Number of <see cref="IWorkflowExecutor.Execute"/> calls made so far.</summary>
    public long ExecuteCalls { get; private set; }

    /// <summary>
    /// Builds a Runnable instance the way <c>WorkflowController.StartWorkflow&lt;TData&gt;(id, version: null, data)</c>
    /// does, up to the point where it would be written to persistence (which assigns a GUID as id) and queued.
    /// </summary>
    public async Task<WorkflowInstance> StartWorkflowAsync(string workflowId, WorkflowCoreBenchmarkData data)
    {
        var definition = _registry.GetDefinition(workflowId)
            ?? throw new InvalidOperationException($"Workflow {workflowId} is not registered.");
        var workflow = new WorkflowInstance
        {
            WorkflowDefinitionId = workflowId,
            Version = definition.Version,
            Data = data,
            Description = definition.Description,
            NextExecution = 0,
            CreateTime = _dateTimeProvider.UtcNow,
            Status = WorkflowStatus.Runnable,
        };
        workflow.ExecutionPointers.Add(_pointerFactory.BuildGenesisPointer(definition));
        using (var scope = _provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IWorkflowMiddlewareRunner>().RunPreMiddleware(workflow, definition);
        }

        workflow.Id = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        return workflow;
    }

    /// <summary>
    /// Calls <see cref="IWorkflowExecutor.Execute"/> for as long as the <c>WorkflowConsumer</c> would re-queue the
    /// instance for immediate execution: while it is Runnable and has a <c>NextExecution</c>.
    /// </summary>
    /// <returns>The result of the last call; its subscriptions are the ones the consumer would persist.</returns>
    public async Task<WorkflowExecutorResult> ExecuteWhileRunnableAsync(WorkflowInstance workflow)
    {
        WorkflowExecutorResult? result = null;
        var calls = 0;
        while (workflow.Status == WorkflowStatus.Runnable && workflow.NextExecution.HasValue)
        {
            if (++calls > MaxExecuteCalls)
            {
                throw new InvalidOperationException($"Workflow {workflow.WorkflowDefinitionId} is still runnable after {MaxExecuteCalls} Execute calls.");
            }

            result = await _executor.Execute(workflow);
            if (result.Errors.Count > 0)
            {
                throw new InvalidOperationException($"Workflow {workflow.WorkflowDefinitionId} failed: {result.Errors[0].Message}");
            }
        }

        ExecuteCalls += calls;
        return result ?? throw new InvalidOperationException($"Workflow {workflow.WorkflowDefinitionId} was not runnable.");
    }

    /// <summary>
    /// What <c>EventConsumer.SeedSubscription</c> does to the instance when an event matches
    /// <paramref name="subscription"/>.
    /// </summary>
    public static void DeliverEvent(WorkflowInstance workflow, EventSubscription subscription, object eventData)
    {
        var pointers = string.IsNullOrEmpty(subscription.ExecutionPointerId)
            ? workflow.ExecutionPointers.Where(p => p.EventName == subscription.EventName && p.EventKey == subscription.EventKey && !p.EventPublished && !p.EndTime.HasValue)
            : workflow.ExecutionPointers.Where(p => p.Id == subscription.ExecutionPointerId && !p.EventPublished && !p.EndTime.HasValue);
        foreach (var pointer in pointers)
        {
            pointer.EventData = eventData;
            pointer.EventPublished = true;
            pointer.Active = true;
        }

        workflow.NextExecution = 0;
    }

    /// <summary>Runs each shape once, checks the outcome and reports how many Execute calls it took.</summary>
    public void Verify()
    {
        var before = ExecuteCalls;
        var sequential = StartWorkflowAsync(Sequential10Workflow.DefinitionId, new WorkflowCoreBenchmarkData()).GetAwaiter().GetResult();
        ExecuteWhileRunnableAsync(sequential).GetAwaiter().GetResult();
        Check(sequential.Status == WorkflowStatus.Complete && ((WorkflowCoreBenchmarkData)sequential.Data).Counter == Sequential10Workflow.StepCount, "Sequential10 did not complete with Counter == 10.");
        var sequentialCalls = ExecuteCalls - before;

        before = ExecuteCalls;
        var signal = StartWorkflowAsync(SignalCycleWorkflow.DefinitionId, new WorkflowCoreBenchmarkData { Key = "key" }).GetAwaiter().GetResult();
        var suspension = ExecuteWhileRunnableAsync(signal).GetAwaiter().GetResult();
        var toSuspendCalls = ExecuteCalls - before;
        Check(signal.Status == WorkflowStatus.Runnable && ((WorkflowCoreBenchmarkData)signal.Data).Counter == SignalCycleWorkflow.CounterWhileWaiting, "SignalCycle did not stop after three steps.");
        Check(suspension.Subscriptions.Count == 1 && suspension.Subscriptions[0].EventName == SignalCycleWorkflow.EventName && suspension.Subscriptions[0].EventKey == "key", "SignalCycle did not subscribe to the Go event.");
        Check(signal.ExecutionPointers.Count(p => p.Status == PointerStatus.WaitingForEvent) == 1, "SignalCycle has no pointer waiting for the event.");
        DeliverEvent(signal, suspension.Subscriptions[0], EventPayload);
        ExecuteWhileRunnableAsync(signal).GetAwaiter().GetResult();
        Check(signal.Status == WorkflowStatus.Complete && ((WorkflowCoreBenchmarkData)signal.Data).Counter == SignalCycleWorkflow.FinalCounter, "SignalCycle did not complete with Counter == 6.");
        var fullCalls = ExecuteCalls - before;

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// WorkflowCore executor: Sequential10 = {sequentialCalls} Execute calls; SignalCycle = {toSuspendCalls} to suspension, {fullCalls} in all; pointers at the end: {sequential.ExecutionPointers.Count} and {signal.ExecutionPointers.Count}."));
    }

    public void Dispose()
    {
        _publisher.Stop();
        _provider.Dispose();
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
