using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Tasks;

namespace Archives.Workflow.Cases.Access;

/// <summary>A task an actor may see, with its case, its person and the workflow instance running the case, as read together.</summary>
public sealed record TaskAccess(WorkflowTask Task, ServiceCase Case, Person Person, WorkflowInstance Instance);
