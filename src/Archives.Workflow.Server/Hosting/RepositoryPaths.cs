namespace Archives.Workflow.Server.Hosting;

/// <summary>Finds the folder that holds <c>workflows/</c> and <c>samples/</c> (a clone's root, or a published folder that carries them).</summary>
public static class RepositoryPaths
{
    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "workflows")) && Directory.Exists(Path.Combine(dir.FullName, "samples")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the folder holding workflows/ and samples/; set Server:RepositoryRoot.");
    }
}
