namespace Archives.Workflow.Runtime.Definitions;

public enum DefinitionState
{
    Draft,
    Published,
    Retracted,
}
