using Archives.Workflow.Cli.Definitions;
using Archives.Workflow.Cli.Simulation;

namespace Archives.Workflow.Cli;

/// <summary>The <c>archives</c> command line: definitions, simulation, the database, cases and calendars.</summary>
public static class ArchivesCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("Archives.Workflow — personnel-file case management: definitions, simulation and audit.");
        var definitions = new Command("definitions", "Validate and import process definitions.");
        definitions.Subcommands.Add(ValidateCommand.Create(output, error));
        definitions.Subcommands.Add(ImportElsaCommand.Create(output, error));
        root.Subcommands.Add(definitions);
        root.Subcommands.Add(SimulateCommand.Create(output, error));
        var db = new Command("db", "The database: migrations.");
        db.Subcommands.Add(Database.MigrateCommand.Create(output, error));
        root.Subcommands.Add(db);
        var cases = new Command("cases", "Cases: verification of their histories, and rehashing journals written under the old hash rule.");
        cases.Subcommands.Add(Cases.VerifyCommand.Create(output, error));
        cases.Subcommands.Add(Cases.RehashCommand.Create(output, error));
        root.Subcommands.Add(cases);
        root.Subcommands.Add(Calendars.CalendarsCommand.Create(output, error));
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
