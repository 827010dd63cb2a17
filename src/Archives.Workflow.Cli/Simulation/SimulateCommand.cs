using Archives.Workflow.Cli.Definitions;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Simulation;

namespace Archives.Workflow.Cli.Simulation;

/// <summary><c>archives simulate &lt;definition.json&gt; [--input] [--script] [--start] [--calendar | --calendar-db] [--manual-jobs] [--json]</c>.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var definition = new Argument<FileInfo>("definition") { Description = "The definition file to run." };
        var input = new Option<FileInfo?>("--input") { Description = "The case's start input (a JSON object)." };
        var script = new Option<FileInfo?>("--script") { Description = "The steps to play (a JSON array)." };
        var start = new Option<string?>("--start") { Description = "The start instant, ISO 8601 (default 2026-03-02T09:00:00+08:00)." };
        var calendar = new Option<FileInfo[]>("--calendar") { Description = "Working-day calendar file(s); default: workflows/calendars found above the definition, else the statutory holidays only.", AllowMultipleArgumentsPerToken = true };
        var calendarDb = new Option<bool>("--calendar-db") { Description = "Count with the database's current calendar (as the server does), read with --provider/--connection." };
        var provider = DatabaseSettings.ProviderOption();
        var connection = DatabaseSettings.ConnectionOption();
        var manualJobs = new Option<bool>("--manual-jobs") { Description = "Jobs wait for job/failJob steps instead of succeeding at once." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (status, milestone, openTasks, variables, journal, incidents)." };
        var lang = new Option<string>("--lang") { Description = "Language of titles in the readable output: zh-CN or en.", DefaultValueFactory = _ => "zh-CN" };
        var command = new Command("simulate", "Run a case on a virtual clock and print its journal.")
        {
            definition, input, script, start, calendar, calendarDb, provider, connection, manualJobs, json, lang,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var files = result.GetValue(calendar) ?? [];
            (WorkingDayCalendar Calendar, string? Source)? fromDatabase = null;
            if (result.GetValue(calendarDb))
            {
                if (files.Length > 0)
                {
                    error.WriteLine("Give either --calendar files or --calendar-db, not both.");
                    return 2;
                }

                try
                {
                    var database = DatabaseSettings.Resolve(result.GetValue(provider), result.GetValue(connection));
                    var store = new CalendarStore(database.CreateContext, TimeProvider.System);
                    var current = await store.CurrentAsync(cancellationToken);
                    fromDatabase = (current, $"{database.Provider} database, calendar version {current.Version ?? 0}");
                }
                catch (Exception ex) when (ex is ArgumentException or System.Data.Common.DbException or InvalidOperationException)
                {
                    error.WriteLine($"Cannot read the database's calendar: {ex.Message}");
                    return 1;
                }
            }

            return Run(
                result.GetValue(definition)!,
                result.GetValue(input),
                result.GetValue(script),
                result.GetValue(start),
                files,
                fromDatabase,
                result.GetValue(manualJobs),
                result.GetValue(json),
                result.GetValue(lang) ?? "zh-CN",
                output,
                error);
        });
        return command;
    }

    private static int Run(
        FileInfo definitionFile,
        FileInfo? inputFile,
        FileInfo? scriptFile,
        string? start,
        FileInfo[] calendars,
        (WorkingDayCalendar Calendar, string? Source)? fromDatabase,
        bool manualJobs,
        bool json,
        string lang,
        TextWriter output,
        TextWriter error)
    {
        ExecutableWorkflow workflow;
        try
        {
            workflow = ExecutableWorkflow.Compile(DefinitionFiles.Read(definitionFile.FullName));
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"{definitionFile.Name}: {ex.Message}");
            return 2;
        }
        catch (DefinitionInvalidException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine($"{definitionFile.Name}: {problem}");
            }

            return 2;
        }

        Dictionary<string, object?>? input = null;
        IReadOnlyList<SimulationStep> steps = [];
        var options = new SimulationOptions { ManualJobs = manualJobs };
        try
        {
            if (inputFile is not null)
            {
                using var document = JsonDocument.Parse(File.ReadAllText(inputFile.FullName));
                input = Values.FromJsonObject(document.RootElement);
            }

            if (scriptFile is not null)
            {
                steps = SimulationStep.ParseScript(File.ReadAllText(scriptFile.FullName));
            }

            if (start is not null)
            {
                options = options with
                {
                    Start = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                };
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or IOException)
        {
            error.WriteLine($"Cannot read the simulation's files: {ex.Message}");
            return 2;
        }

        var (calendar, source) = fromDatabase ?? CalendarLocator.Locate(calendars, definitionFile.FullName);
        options = options with { Calendar = calendar };
        if (source is null)
        {
            error.WriteLine("warning: no working-day calendar found; the statutory holidays are skipped, the make-up working days (调休) are not known.");
        }

        var result = new Simulator(workflow, options).Run(input, steps);
        foreach (var warning in result.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(result, WorkflowJson.Indented));
        }
        else
        {
            JournalPrinter.Print(result, lang, output);
        }

        if (result.Failure is not null)
        {
            error.WriteLine(result.Failure);
            return 1;
        }

        return 0;
    }
}
