namespace Archives.Workflow.Engine.Journal;

/// <summary>Where two journals part: the first sequence whose canonical JSON differs, with both texts.</summary>
public sealed record JournalDifference(int Index, long? Sequence, string? Expected, string? Actual)
{
    public override string ToString() =>
        $"entry {Index + 1} (sequence {Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}): expected {Expected ?? "(nothing)"} but replay gave {Actual ?? "(nothing)"}";
}

public static class JournalComparison
{
    /// <summary>Null when both journals are byte-identical in canonical JSON; otherwise the first difference.</summary>
    public static JournalDifference? FirstDifference(IReadOnlyList<JournalEvent> expected, IReadOnlyList<JournalEvent> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var count = Math.Max(expected.Count, actual.Count);
        for (var i = 0; i < count; i++)
        {
            var e = i < expected.Count ? WorkflowJson.Serialize(expected[i]) : null;
            var a = i < actual.Count ? WorkflowJson.Serialize(actual[i]) : null;
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                return new JournalDifference(i, (i < expected.Count ? expected[i] : actual[i]).Sequence, e, a);
            }
        }

        return null;
    }
}
