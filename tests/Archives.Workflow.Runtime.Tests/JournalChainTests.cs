using Archives.Workflow.Runtime.Journal;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>The chain check is a pure function over the entries: no database, the same answer wherever the entries come from.</summary>
public class JournalChainTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 2, 9, 15, 42, TimeSpan.FromHours(8)).AddTicks(1234560);

    private static List<JournalEntry> Chain(int count, out string head)
    {
        var entries = new List<JournalEntry>();
        var previous = JournalHasher.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new JournalEntry
            {
                InstanceId = "0197a5d3c0de7f00a1b2c3d4e5f60718", Sequence = i, At = At.AddSeconds(i).ToUniversalTime(), Actor = "李娜",
                Kind = i % 2 == 1 ? JournalKinds.Stimulus : JournalKinds.Event, Type = "TaskCompleted",
                Payload = $$"""{"comment":"材料齐全 ✅ 第{{i}}步","note":"{{new string('档', 3000)}}"}""", Hash = string.Empty,
            };
            entry.Hash = JournalHasher.Next(previous, entry);
            previous = entry.Hash;
            entries.Add(entry);
        }

        head = previous;
        return entries;
    }

    [Test]
    public void An_untouched_chain_is_intact()
    {
        var entries = Chain(5, out var head);

        var check = JournalChain.Verify(entries, 5, head, JournalRule.Microseconds);

        Assert.That((check.IsIntact, check.Entries, check.FirstBrokenSequence, check.Problem), Is.EqualTo((true, 5L, (long?)null, (string?)null)));
    }

    [Test]
    public void An_edited_entry_is_named_by_its_sequence()
    {
        var entries = Chain(5, out var head);
        entries[2].Payload = entries[2].Payload.Replace("齐全", "不全", StringComparison.Ordinal);

        var check = JournalChain.Verify(entries, 5, head, JournalRule.Microseconds);

        Assert.That((check.IsIntact, check.FirstBrokenSequence), Is.EqualTo((false, (long?)3)));
        Assert.That(check.Problem, Does.Contain("entry 3 does not match its hash"));
    }

    [Test]
    public void A_deleted_entry_is_named_where_the_gap_begins()
    {
        var entries = Chain(5, out var head);
        entries.RemoveAt(1);

        var check = JournalChain.Verify(entries, 5, head, JournalRule.Microseconds);

        Assert.That(check.FirstBrokenSequence, Is.EqualTo(2));
        Assert.That(check.Problem, Does.Contain("entry 2 is missing or out of order (found sequence 3)"));
    }

    [Test]
    public void A_chain_cut_short_at_its_end_disagrees_with_the_recorded_length_and_head()
    {
        var entries = Chain(5, out var head);
        entries.RemoveAt(4);

        var check = JournalChain.Verify(entries, 5, head, JournalRule.Microseconds);

        Assert.That(check.FirstBrokenSequence, Is.EqualTo(5), "the entry the row claims and the journal lacks");
        Assert.That(check.Problem, Does.Contain("the case records 5 entries ending in " + head[..12]).And.Contain("the journal has 4"));
    }
}
