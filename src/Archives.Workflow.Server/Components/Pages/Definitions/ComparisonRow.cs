using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Server.Components.Pages.Definitions;

/// <summary>One line of the compare page's list: a change, and for a changed element one of its properties with the value before and after (compact JSON, cut when long).</summary>
public sealed record ComparisonRow(DefinitionChange Change, string? Property, string? Before, string? After);
