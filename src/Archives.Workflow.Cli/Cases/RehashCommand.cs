using Archives.Workflow.Runtime.Journal;
using Spectre.Console;

namespace Archives.Workflow.Cli.Cases;

/// <summary>
/// <c>archives cases rehash [--all | &lt;case-or-instance-id&gt;…] [--by &lt;name&gt;]</c>: recomputes the chains
/// written under the old rule (instants with 100-ns ticks) under the current one (microseconds), from
/// the stored entries. A chain that does not verify under its own rule is refused and left as it is;
/// each rehash is recorded with who, when, and the old and new heads. Exit 1 when a chain was refused.
/// A maintenance command, like <c>db migrate</c>: run it with the server nodes stopped.
/// </summary>
internal static class RehashCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var all = new Option<bool>("--all") { Description = "Rehash every case written under an old rule." };
        var by = new Option<string?>("--by") { Description = "Who rehashes, for the record (default: the signed-in user's name)." };
        var ids = new Argument<string[]>("ids") { Description = "Case numbers or instance ids.", Arity = ArgumentArity.ZeroOrMore };
        var provider = DatabaseSettings.ProviderOption();
        var connection = DatabaseSettings.ConnectionOption();
        var command = new Command("rehash", "Recompute journals written under the old hash rule (100-ns ticks) under the current one (microseconds); only intact chains, each rehash recorded. Run it with the servers stopped.")
        {
            ids, all, by, provider, connection,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var selected = result.GetValue(ids) ?? [];
            if (!result.GetValue(all) && selected.Length == 0)
            {
                error.WriteLine("Name the cases to rehash, or use --all.");
                return 2;
            }

            var actor = result.GetValue(by) is { Length: > 0 } name ? name : Environment.UserName;
            try
            {
                var selection = await CaseSelection.LoadAsync(DatabaseSettings.Resolve(result.GetValue(provider), result.GetValue(connection)), selected, result.GetValue(all),
                    every => every.Where(i => i.JournalRule != JournalRule.Microseconds), cancellationToken);
                var outcomes = new List<RehashOutcome>();
                foreach (var id in selection.Ids)
                {
                    outcomes.Add(await selection.Runtime.RehashAsync(id, actor, cancellationToken));
                }

                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
                var table = new Table().AddColumns("case", "instance", "entries", "result");
                foreach (var outcome in outcomes)
                {
                    table.AddRow(Markup.Escape(selection.Keys[outcome.InstanceId] ?? "-"), outcome.InstanceId,
                        outcome.Verification.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(Describe(outcome)));
                }

                console.Write(table);
                var refused = outcomes.Where(o => o.Result == RehashResult.Refused).ToList();
                foreach (var outcome in refused)
                {
                    error.WriteLine($"{selection.Name(outcome.InstanceId)} ({outcome.InstanceId}): {Describe(outcome)}");
                }

                foreach (var id in selection.Missing)
                {
                    error.WriteLine($"{id}: no such case");
                }

                output.WriteLine(
                    $"{outcomes.Count(o => o.Result == RehashResult.Rehashed)} rehashed by {actor}, " +
                    $"{outcomes.Count(o => o.Result == RehashResult.AlreadyCurrent)} already under the current rule, {refused.Count} refused.");
                return refused.Count == 0 && selection.Missing.Count == 0 ? 0 : 1;
            }
            catch (Exception ex) when (ex is ArgumentException or System.Data.Common.DbException or InvalidOperationException or WorkflowConflictException)
            {
                error.WriteLine($"Cannot rehash: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Describe(RehashOutcome outcome) => outcome.Result switch
    {
        RehashResult.Rehashed => $"rehashed from rule {(int)outcome.Rehash!.FromRule} to rule {(int)outcome.Rehash.ToRule}: head {outcome.Rehash.OldHead[..12]}… → {outcome.Rehash.NewHead[..12]}…",
        RehashResult.AlreadyCurrent => $"already rule {(int)JournalRule.Microseconds}, nothing to do",
        _ => $"refused, the chain does not verify under rule {(int)outcome.Verification.JournalRule}: " + VerifyCommand.Describe(outcome.Verification),
    };
}
