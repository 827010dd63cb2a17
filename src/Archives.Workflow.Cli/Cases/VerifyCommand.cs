using Spectre.Console;

namespace Archives.Workflow.Cli.Cases;

/// <summary>
/// <c>archives cases verify [--all | &lt;case-or-instance-id&gt;…]</c>: checks each case's hash chain and
/// replays it against its definition version; a summary table, and exit 1 naming every failing case
/// and its first bad sequence.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var all = new Option<bool>("--all") { Description = "Verify every case." };
        var ids = new Argument<string[]>("ids") { Description = "Case numbers or instance ids.", Arity = ArgumentArity.ZeroOrMore };
        var provider = DatabaseSettings.ProviderOption();
        var connection = DatabaseSettings.ConnectionOption();
        var bundle = new Option<string?>("--bundle") { Description = "Verify an audit bundle file offline (no database): its hash chain, then a replay on the bundled definitions and calendars." };
        var command = new Command("verify", "Verify cases: the journal's hash chain, then a replay of their history.") { ids, all, provider, connection, bundle };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(bundle) is { } bundleFile)
            {
                return await BundleVerification.RunAsync(bundleFile, output, error, cancellationToken);
            }

            var selected = result.GetValue(ids) ?? [];
            if (!result.GetValue(all) && selected.Length == 0)
            {
                error.WriteLine("Name the cases to verify, or use --all.");
                return 2;
            }

            try
            {
                var selection = await CaseSelection.LoadAsync(DatabaseSettings.Resolve(result.GetValue(provider), result.GetValue(connection)), selected, result.GetValue(all),
                    every => every, cancellationToken);
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
                var results = new List<Verification>();
                await console.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask("Verifying", maxValue: Math.Max(1, selection.Ids.Count));
                    foreach (var id in selection.Ids)
                    {
                        results.Add(await selection.Runtime.VerifyAsync(id, cancellationToken));
                        task.Increment(1);
                    }
                });

                var table = new Table().AddColumns("case", "instance", "entries", "rule", "result");
                foreach (var verification in results)
                {
                    table.AddRow(Markup.Escape(selection.Keys[verification.InstanceId] ?? "-"), verification.InstanceId, verification.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Rule(verification), verification.IsValid ? "ok" : Markup.Escape(Describe(verification)));
                }

                console.Write(table);
                foreach (var verification in results.Where(r => r.Rehashed is not null))
                {
                    var rehash = verification.Rehashed!;
                    output.WriteLine(
                        $"{selection.Name(verification.InstanceId)}: rehashed from rule {(int)rehash.FromRule} to rule {(int)rehash.ToRule} " +
                        $"on {rehash.RehashedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {rehash.RehashedBy}, head {rehash.OldHead[..12]}… → {rehash.NewHead[..12]}…");
                }

                var failed = results.Where(r => !r.IsValid).ToList();
                foreach (var verification in failed)
                {
                    error.WriteLine($"{selection.Name(verification.InstanceId)} ({verification.InstanceId}): {Describe(verification)}");
                }

                foreach (var id in selection.Missing)
                {
                    error.WriteLine($"{id}: no such case");
                }

                output.WriteLine($"{results.Count - failed.Count} of {results.Count} case(s) verified.");
                return failed.Count == 0 && selection.Missing.Count == 0 ? 0 : 1;
            }
            catch (Exception ex) when (ex is ArgumentException or System.Data.Common.DbException or InvalidOperationException)
            {
                error.WriteLine($"Cannot verify: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The rule a chain is written under: "2", "1", "2 (rehashed)".</summary>
    private static string Rule(Verification verification) =>
        ((int)verification.JournalRule).ToString(System.Globalization.CultureInfo.InvariantCulture) + (verification.Rehashed is null ? string.Empty : " (rehashed)");

    internal static string Describe(Verification verification) =>
        verification.FirstBrokenSequence is { } sequence
            ? $"first bad sequence {sequence}: {verification.ChainProblem}"
            : $"replay differs at {verification.ReplayDifference}";
}
