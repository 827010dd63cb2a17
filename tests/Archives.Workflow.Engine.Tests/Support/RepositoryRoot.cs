namespace Archives.Workflow.Engine.Tests.Support;

/// <summary>The folder holding Archives.Workflow.sln, found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = TestContext.CurrentContext.TestDirectory; folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (File.Exists(System.IO.Path.Combine(folder, "Archives.Workflow.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("Archives.Workflow.sln not found above the test directory.");
    }
}
