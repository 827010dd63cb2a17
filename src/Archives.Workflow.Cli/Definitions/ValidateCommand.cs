using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Cli.Definitions;

/// <summary><c>archives definitions validate &lt;file-or-folder&gt;...</c>: one line per problem, exit 1 when any error.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Definition files, or folders holding <definition-id>/v<N>.json.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Validate definitions; prints <file>: <activityId>.<property>: <message> [<code>] per problem.") { paths };
        command.SetAction(result => Run(result.GetValue(paths)!, output, error));
        return command;
    }

    private static int Run(string[] paths, TextWriter output, TextWriter error)
    {
        var validator = new WorkflowDefinitionValidator();
        var files = 0;
        var errors = 0;
        foreach (var path in paths)
        {
            IEnumerable<string> expanded;
            try
            {
                expanded = DefinitionFiles.Expand(path).ToList();
            }
            catch (FileNotFoundException ex)
            {
                error.WriteLine(ex.Message);
                errors++;
                continue;
            }

            foreach (var file in expanded)
            {
                files++;
                Engine.Definitions.WorkflowDefinition definition;
                try
                {
                    definition = DefinitionFiles.Read(file);
                }
                catch (InvalidDataException ex)
                {
                    output.WriteLine($"{file}: definition: {ex.Message} [JsonInvalid]");
                    errors++;
                    continue;
                }

                var problems = validator.Check(definition).ToList();
                problems.AddRange(CheckFileName(file, definition));
                foreach (var problem in problems)
                {
                    var prefix = problem.Severity == ProblemSeverity.Warning ? "warning: " : string.Empty;
                    output.WriteLine($"{file}: {prefix}{problem}");
                    if (problem.Severity == ProblemSeverity.Error)
                    {
                        errors++;
                    }
                }
            }
        }

        if (files == 0 && errors == 0)
        {
            error.WriteLine("No definition files found.");
            return 1;
        }

        error.WriteLine(errors == 0 ? $"{files} definition(s) valid." : $"{errors} problem(s) in {files} definition(s).");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>In a folder layout the file must be named after the definition it holds.</summary>
    private static IEnumerable<DefinitionProblem> CheckFileName(string file, Engine.Definitions.WorkflowDefinition definition)
    {
        var match = DefinitionFiles.VersionFileName().Match(Path.GetFileName(file));
        if (!match.Success)
        {
            yield break;
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        if (!string.Equals(folder, definition.DefinitionId, StringComparison.Ordinal))
        {
            yield return new DefinitionProblem(null, "definitionId", "FileNameMismatch",
                $"The file lies in '{folder}/' but holds the definition '{definition.DefinitionId}'.");
        }

        if (match.Groups[1].Value != definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            yield return new DefinitionProblem(null, "version", "FileNameMismatch",
                $"The file is named {Path.GetFileName(file)} but holds version {definition.Version}.");
        }
    }
}
