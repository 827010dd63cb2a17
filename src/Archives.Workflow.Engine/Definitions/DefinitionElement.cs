namespace Archives.Workflow.Engine.Definitions;

public enum DefinitionElement
{
    Definition,
    Variable,
    Input,
    Activity,
    Connection,
}
