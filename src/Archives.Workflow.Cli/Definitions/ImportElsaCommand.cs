using Archives.Workflow.Engine.Elsa;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Cli.Definitions;

/// <summary><c>archives definitions import-elsa &lt;elsa.json&gt; [-o out.json]</c>.</summary>
internal static class ImportElsaCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("elsa-file") { Description = "An Elsa 3 exported workflow definition (JSON)." };
        var outFile = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the converted definition (default: standard output)." };
        var command = new Command("import-elsa", "Convert an Elsa 3 export into an Archives.Workflow definition.") { file, outFile };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(outFile), output, error));
        return command;
    }

    private static int Run(FileInfo file, FileInfo? outFile, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"No such file: {file.FullName}");
            return 1;
        }

        WorkflowDefinition definition;
        try
        {
            definition = ElsaImporter.Import(File.ReadAllText(file.FullName));
        }
        catch (ElsaImportException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine($"{file.Name}: {problem}");
            }

            error.WriteLine("Nothing was written.");
            return 1;
        }

        var problems = new WorkflowDefinitionValidator().Check(definition);
        foreach (var problem in problems)
        {
            error.WriteLine($"{file.Name}: converted definition: {problem}");
        }

        if (problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            error.WriteLine("The converted definition is invalid; nothing was written.");
            return 1;
        }

        var json = DefinitionSerializer.Serialize(definition) + Environment.NewLine;
        if (outFile is null)
        {
            output.Write(json);
        }
        else
        {
            File.WriteAllText(outFile.FullName, json);
            error.WriteLine($"Wrote {definition.DefinitionId} v{definition.Version} ({definition.Root.Activities.Count} activities) to {outFile.FullName}.");
        }

        return 0;
    }
}
