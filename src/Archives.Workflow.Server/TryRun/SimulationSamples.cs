namespace Archives.Workflow.Server.TryRun;

/// <summary>
/// The sample scripts of <c>samples/simulations/&lt;definition-id&gt;/</c>: <c>input.json</c> (the start input
/// a dry run is pre-filled with) and every other <c>*.json</c> that does not start with <c>input</c> (a script).
/// Only names this class listed are read, so a request can never reach outside the folder.
/// </summary>
public sealed class SimulationSamples(string folder)
{
    public string Folder => folder;

    /// <summary>The script names of a definition, in ordinal order; none when it has no folder.</summary>
    public IReadOnlyList<string> ScriptNames(string definitionId)
    {
        var directory = DirectoryOf(definitionId);
        return directory is null
            ? []
            : [.. Directory.GetFiles(directory, "*.json").Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith("input", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The text of <c>input.json</c>, when there is one.</summary>
    public string? ReadInput(string definitionId) =>
        DirectoryOf(definitionId) is { } directory && File.Exists(Path.Combine(directory, "input.json"))
            ? File.ReadAllText(Path.Combine(directory, "input.json"))
            : null;

    /// <summary>The text of a script <see cref="ScriptNames"/> lists, or null.</summary>
    public string? ReadScript(string definitionId, string name) =>
        ScriptNames(definitionId).Contains(name, StringComparer.Ordinal) ? File.ReadAllText(Path.Combine(DirectoryOf(definitionId)!, name)) : null;

    private string? DirectoryOf(string definitionId)
    {
        if (string.IsNullOrWhiteSpace(definitionId) || definitionId.IndexOfAny(['/', '\\', '\0']) >= 0 || definitionId.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var directory = Path.Combine(folder, definitionId);
        return Directory.Exists(directory) ? directory : null;
    }
}
