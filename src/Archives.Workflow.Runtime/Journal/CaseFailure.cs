namespace Archives.Workflow.Runtime.Journal;

/// <summary>A case that did not verify in a bulk run: where its journal first goes wrong and how.</summary>
/// <param name="InstanceId">The case's workflow instance.</param>
/// <param name="FirstBadSequence">The journal sequence to look at first (<see cref="JournalVerifier.FirstBadSequence"/>).</param>
/// <param name="Kind"><see cref="CaseFailureKinds.Chain"/> (an entry edited, missing, reordered, or a head that disagrees) or <see cref="CaseFailureKinds.Replay"/> (the chain holds but replay writes other events).</param>
/// <param name="Detail">What differs, in a few words (at most <see cref="CaseFailureKinds.DetailLength"/> characters).</param>
public sealed record CaseFailure(string InstanceId, long FirstBadSequence, string Kind, string Detail)
{
    /// <summary>The failure <paramref name="verification"/> describes; null when the case verifies.</summary>
    public static CaseFailure? Of(Verification verification, IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(verification);
        if (verification.IsValid)
        {
            return null;
        }

        var sequence = JournalVerifier.FirstBadSequence(verification, entries) ?? 0;
        var chain = verification.FirstBrokenSequence is not null || verification.ChainProblem is not null;
        var detail = chain
            ? verification.ChainProblem ?? "the chain is broken"
            : $"expected {verification.ReplayDifference?.Expected ?? "(nothing)"} but replay gave {verification.ReplayDifference?.Actual ?? "(nothing)"}";
        return new CaseFailure(verification.InstanceId, sequence, chain ? CaseFailureKinds.Chain : CaseFailureKinds.Replay, Shorten(detail));
    }

    private static string Shorten(string text)
    {
        if (text.Length <= CaseFailureKinds.DetailLength)
        {
            return text;
        }

        // Never cut between the halves of a surrogate pair (an emoji in a payload).
        var keep = CaseFailureKinds.DetailLength - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }
}

/// <summary>The kinds of <see cref="CaseFailure"/>.</summary>
public static class CaseFailureKinds
{
    /// <summary>The hash chain is broken: an entry was edited, deleted or moved, or the case row's length or head disagrees.</summary>
    public const string Chain = "chain";

    /// <summary>The chain holds, but replaying the stimuli does not reproduce the recorded events.</summary>
    public const string Replay = "replay";

    /// <summary>The longest <see cref="CaseFailure.Detail"/>.</summary>
    public const int DetailLength = 500;
}
