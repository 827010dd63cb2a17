namespace Archives.Workflow.Server.TryRun;

/// <summary>
/// The sample scripts of <c>samples/simulations/&lt;definition-id&gt;/</c>: <c>input.json</c> (the start input
/// a dry run is pre-filled with) and every other <c>*.json</c> that does not start with <c>input</c> (a script).
/// The folder's own files are v1's; those of a later version are in <c>v&lt;N&gt;/</c>, which that version is offered
/// (any other version the folder's own). Only names this class listed are read, so a request can never reach
/// outside the folder.
/// </summary>
public sealed class SimulationSamples(string folder)
{
    public string Folder => folder;

    /// <summary>The script names of a definition, in ordinal order; none when it has no folder.</summary>
    public IReadOnlyList<string> ScriptNames(string definitionId, int? version = null)
    {
        var directory = DirectoryOf(definitionId, version);
        return directory is null
            ? []
            : [.. Directory.GetFiles(directory, "*.json").Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith("input", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The start input a script runs with: <c>input-&lt;script&gt;.json</c> beside a listed script when there is one
    /// (a loan's, a classified request's), otherwise <c>input.json</c>, when there is one.
    /// </summary>
    public string? ReadInput(string definitionId, string? script = null, int? version = null)
    {
        if (DirectoryOf(definitionId, version) is not { } directory)
        {
            return null;
        }

        if (script is not null && ScriptNames(definitionId, version).Contains(script, StringComparer.Ordinal) && File.Exists(Path.Combine(directory, "input-" + script)))
        {
            return File.ReadAllText(Path.Combine(directory, "input-" + script));
        }

        return File.Exists(Path.Combine(directory, "input.json")) ? File.ReadAllText(Path.Combine(directory, "input.json")) : null;
    }

    /// <summary>The text of a script <see cref="ScriptNames"/> lists, or null.</summary>
    public string? ReadScript(string definitionId, string name, int? version = null) =>
        ScriptNames(definitionId, version).Contains(name, StringComparer.Ordinal) ? File.ReadAllText(Path.Combine(DirectoryOf(definitionId, version)!, name)) : null;

    /// <summary>
    /// The samples of <paramref name="version"/>: its own <c>v&lt;N&gt;</c> folder when there is one, else the definition's
    /// folder (v1's). A draft keeps the folder's own: it does not record the version it was made from, and v1's
    /// scripts are the ones every shipped process has.
    /// </summary>
    private string? DirectoryOf(string definitionId, int? version)
    {
        if (DirectoryOf(definitionId) is not { } directory)
        {
            return null;
        }

        if (version is >= 2)
        {
            var versionFolder = Path.Combine(directory, "v" + version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Directory.Exists(versionFolder))
            {
                return versionFolder;
            }
        }

        return directory;
    }

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
