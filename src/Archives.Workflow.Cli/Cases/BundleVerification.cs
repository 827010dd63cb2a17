using System.Globalization;
using Archives.Workflow.Runtime.Journal;

namespace Archives.Workflow.Cli.Cases;

/// <summary>
/// <c>archives cases verify --bundle &lt;file&gt;</c>: checks an audit bundle offline, with no database:
/// the hash chain recomputed, then the journal replayed on the bundled definitions and calendars.
/// Exit 0 when both hold, 1 naming the first bad sequence when not, 2 when the file is not a readable bundle.
/// </summary>
internal static class BundleVerification
{
    public static async Task<int> RunAsync(string path, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"Cannot read {path}: {ex.Message}");
            return 2;
        }

        Verification verification;
        AuditBundle bundle;
        try
        {
            bundle = AuditBundleVerifier.Read(text);
            verification = AuditBundleVerifier.Verify(bundle);
        }
        catch (AuditBundleInvalidException ex)
        {
            error.WriteLine($"Cannot verify {path}: {ex.Message}");
            return 2;
        }

        var identity = bundle.Case;
        output.WriteLine($"{identity.Number} · {identity.ProcessId} v{bundle.Instance.DefinitionVersion} · {identity.PersonName} · instance {bundle.Instance.Id}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verification.Entries} journal entries (rule {bundle.Instance.JournalRule}), {bundle.Definitions.Count} definition version(s), {bundle.Calendars.Count} calendar edition(s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verdict when exported ({bundle.ExportedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {bundle.ExportedBy}): {(bundle.Verdict.IsValid ? "verified" : "FAILED")}"));
        if (verification.IsValid)
        {
            output.WriteLine("verified: the hash chain is intact and the replay reproduces every recorded event.");
            return 0;
        }

        error.WriteLine($"FAILED: {Describe(verification)}");
        return 1;
    }

    /// <summary>The first bad sequence and what is wrong there: the chain's problem, or what the replay expected and what was recorded.</summary>
    internal static string Describe(Verification verification) =>
        verification.FirstBrokenSequence is { } sequence
            ? string.Create(CultureInfo.InvariantCulture, $"first bad sequence {sequence}: {verification.ChainProblem}")
            : verification.ReplayDifference is { } difference
                ? string.Create(CultureInfo.InvariantCulture,
                    $"first bad sequence {difference.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "-"}: the replay differs from the journal. recorded: {difference.Expected ?? "(nothing)"} replayed: {difference.Actual ?? "(nothing)"}")
                : "not verified";
}
