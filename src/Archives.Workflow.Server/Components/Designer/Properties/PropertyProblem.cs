namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>What an editor refuses: the property (and the part of it, e.g. <c>dueIn.duration</c>), a stable code and the engine's message.</summary>
/// <param name="Property">The property path as the validator names it.</param>
/// <param name="Code">The engine's stable code (or the panel's own for text that is not a number).</param>
/// <param name="Message">The engine's message, in English; the panel shows its own text for known codes.</param>
public sealed record PropertyProblem(string Property, string Code, string Message);
