namespace Archives.Workflow.TestSupport;

/// <summary>The folder holding <c>Archives.Workflow.sln</c> (and <c>workflows/</c>, <c>samples/</c>), found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() => TryFind(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"Archives.Workflow.sln not found above {AppContext.BaseDirectory}."));

    public static string Path => Found.Value;

    /// <summary>A path below the repository's root: <c>Combine("workflows", "calendars")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The repository's root above <paramref name="start"/>, or null when there is none (a copied benchmark build).</summary>
    public static string? TryFind(string start)
    {
        for (var folder = start; folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (File.Exists(System.IO.Path.Combine(folder, "Archives.Workflow.sln")))
            {
                return folder;
            }
        }

        return null;
    }
}
