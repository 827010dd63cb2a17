using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Server.TryRun;

/// <summary>A stored version made ready for a dry run: compiled, or the problems that keep it from compiling.</summary>
public sealed record DryRunVersion(string DefinitionId, int Version, string State, WorkflowDefinition? Definition, ExecutableWorkflow? Workflow, IReadOnlyList<DefinitionProblem> Problems)
{
    public bool CanRun => Workflow is not null;
}
