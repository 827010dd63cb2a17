using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Archives.Workflow.Benchmarks.WorkflowCoreReference;

/// <summary>
/// Shape (a): ten sequential steps, step <c>i</c> (1..10) sets <see cref="WorkflowCoreBenchmarkData.Counter"/>
/// to the literal <c>i</c>.
/// </summary>
/// <remarks>
/// The steps are WorkflowCore inline steps (<c>StartWith</c>/<c>Then</c> with a
/// <c>Func&lt;IStepExecutionContext, ExecutionResult&gt;</c>), the cheapest way WorkflowCore offers to set a
/// data property. The declarative alternative (a step body with <c>.Output(data =&gt; data.Counter, step =&gt; i)</c>)
/// goes through <c>MemberMapParameter</c>, which compiles an expression tree on every assignment, and
/// would make WorkflowCore look far slower than it has to be.
/// </remarks>
public sealed class Sequential10Workflow : IWorkflow<WorkflowCoreBenchmarkData>
{
    /// <summary>Definition id under which the workflow is registered.</summary>
    public const string DefinitionId = "wfc-sequential-10";

    /// <summary>Number of steps; the last one leaves <c>Counter == StepCount</c>.</summary>
    public const int StepCount = 10;

    public string Id => DefinitionId;

    public int Version => 1;

    public void Build(IWorkflowBuilder<WorkflowCoreBenchmarkData> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var step = builder.StartWith(WorkflowCoreSteps.SetCounter(1));
        for (var i = 2; i <= StepCount; i++)
        {
            step = step.Then(WorkflowCoreSteps.SetCounter(i));
        }
    }
}

/// <summary>
/// Shape (b): three steps, <c>WaitFor("Go", data.Key)</c>, three steps. The steps set
/// <see cref="WorkflowCoreBenchmarkData.Counter"/> to 1, 2, 3 and, after the event, 4, 5, 6.
/// </summary>
public sealed class SignalCycleWorkflow : IWorkflow<WorkflowCoreBenchmarkData>
{
    /// <summary>Definition id under which the workflow is registered.</summary>
    public const string DefinitionId = "wfc-signal-cycle";

    /// <summary>Name of the event the workflow waits for.</summary>
    public const string EventName = "Go";

    /// <summary>Value of <see cref="WorkflowCoreBenchmarkData.Counter"/> once the workflow has completed.</summary>
    public const int FinalCounter = 6;

    /// <summary>Value of <see cref="WorkflowCoreBenchmarkData.Counter"/> while the workflow waits for the event.</summary>
    public const int CounterWhileWaiting = 3;

    public string Id => DefinitionId;

    public int Version => 1;

    public void Build(IWorkflowBuilder<WorkflowCoreBenchmarkData> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .StartWith(WorkflowCoreSteps.SetCounter(1))
            .Then(WorkflowCoreSteps.SetCounter(2))
            .Then(WorkflowCoreSteps.SetCounter(3))
            .WaitFor(EventName, data => data.Key)
            .Then(WorkflowCoreSteps.SetCounter(4))
            .Then(WorkflowCoreSteps.SetCounter(5))
            .Then(WorkflowCoreSteps.SetCounter(6));
    }
}

/// <summary>Step bodies shared by the reference workflows.</summary>
internal static class WorkflowCoreSteps
{
    /// <summary>An inline step that sets <see cref="WorkflowCoreBenchmarkData.Counter"/> to <paramref name="value"/>.</summary>
    public static Func<IStepExecutionContext, ExecutionResult> SetCounter(int value) => context =>
    {
        ((WorkflowCoreBenchmarkData)context.Workflow.Data).Counter = value;
        return ExecutionResult.Next();
    };

    /// <summary>Id of the <c>WaitFor</c> step in a definition (WorkflowCore numbers steps in build order).</summary>
    public static int WaitForStepId(WorkflowDefinition definition) =>
        definition.Steps.Single(step => step.BodyType == typeof(WorkflowCore.Primitives.WaitFor)).Id;
}
