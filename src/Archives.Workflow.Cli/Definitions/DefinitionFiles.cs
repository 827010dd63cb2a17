using System.Text.RegularExpressions;

namespace Archives.Workflow.Cli.Definitions;

/// <summary>Finds and reads definition files: a folder holds <c>&lt;definition-id&gt;/v&lt;N&gt;.json</c>.</summary>
internal static partial class DefinitionFiles
{
    [GeneratedRegex(@"^v(\d+)\.json$", RegexOptions.CultureInvariant)]
    public static partial Regex VersionFileName();

    public static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path))
        {
            yield return path;
            yield break;
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No such file or folder: {path}", path);
        }

        foreach (var folder in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(folder, "v*.json").Order(StringComparer.Ordinal))
            {
                if (VersionFileName().IsMatch(Path.GetFileName(file)))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>Reads a definition; a JSON problem becomes an exception with its line.</summary>
    public static WorkflowDefinition Read(string file)
    {
        try
        {
            return DefinitionSerializer.Deserialize(File.ReadAllText(file));
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            throw new InvalidDataException($"not a valid definition{where}: {ex.Message}", ex);
        }
    }
}
