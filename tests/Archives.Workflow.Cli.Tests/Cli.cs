using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Cli.Tests;

/// <summary>Runs the <c>archives</c> command in-process and captures what it prints.</summary>
internal static class Cli
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = ArchivesCli.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    public static string Repo(params string[] parts) => RepositoryRoot.Combine(parts);

    /// <summary>A temporary folder, deleted when disposed.</summary>
    public sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("archives-cli-").FullName;

        public string Write(string relative, string content)
        {
            var file = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
