using System.Collections.Concurrent;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// The client's own record of the run: every acknowledged change, and every answer's status, counted
/// inside and outside the fault windows (a window lasts from a fault until every node answers again).
/// </summary>
public sealed class ClientLedger
{
    private readonly ConcurrentQueue<LedgerEntry> entries = new();
    private readonly ConcurrentDictionary<string, int> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> serverErrors = new();
    private int openWindows;

    /// <summary>The first 5xx answers: when, inside a fault window or not, the status and the request.</summary>
    public IReadOnlyCollection<string> ServerErrors => serverErrors;

    public IReadOnlyCollection<LedgerEntry> Entries => entries;

    public bool InFaultWindow => Volatile.Read(ref openWindows) > 0;

    public void Acknowledge(LedgerEntry entry) => entries.Enqueue(entry);

    /// <summary>Counts an answer: its status (0 for no answer at all: refused, reset or timed out) and whether a fault was under way.</summary>
    public void Count(int status, string? request = null)
    {
        if (status >= 500 && request is not null && serverErrors.Count < 200)
        {
            serverErrors.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.f} {(InFaultWindow ? "fault" : "calm")} {status} {request}");
        }

        var window = InFaultWindow ? "fault" : "calm";
        var kind = status switch { 0 => "none", >= 500 => "5xx", >= 400 => "4xx", _ => "2xx" };
        answers.AddOrUpdate($"{window}:{kind}", 1, (_, n) => n + 1);
        if (status >= 500)
        {
            answers.AddOrUpdate($"{window}:{status}", 1, (_, n) => n + 1);
        }
    }

    /// <summary>
    /// Counts a request without an answer: refused at connect (the node was not listening: nothing
    /// reached it) or cut off once sent (reset, closed or timed out: the node may have taken it).
    /// </summary>
    public void CountUnanswered(bool refused)
    {
        Count(0);
        if (!refused)
        {
            answers.AddOrUpdate($"{(InFaultWindow ? "fault" : "calm")}:cut", 1, (_, n) => n + 1);
        }
    }

    public int Answers(string window, string kind) => answers.GetValueOrDefault($"{window}:{kind}");

    public IReadOnlyDictionary<string, int> AllAnswers => answers;

    public void OpenWindow() => Interlocked.Increment(ref openWindows);

    public void CloseWindow() => Interlocked.Decrement(ref openWindows);
}
