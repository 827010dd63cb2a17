using System.Collections.Concurrent;
using Archives.Workflow.Benchmarks.Http.Figures;

namespace Archives.Workflow.Benchmarks.Http;

/// <summary>
/// What the clients saw while <see cref="Recording"/> is on: every answer's latency by endpoint, and the
/// counts the figures are made of. Answers outside the window (warm-up, drain) are not kept.
/// </summary>
internal sealed class RequestLog
{
    private readonly ConcurrentDictionary<string, Endpoint> endpoints = new(StringComparer.Ordinal);
    private volatile bool recording;
    private int completions;
    private int starts;
    private int startConflicts;
    private int finished;

    public bool Recording
    {
        get => recording;
        set => recording = value;
    }

    public int Requests => endpoints.Values.Sum(e => e.Count);

    public int Completions => completions;

    public int Starts => starts;

    public int StartConflicts => startConflicts;

    public int Finished => finished;

    public void Answer(string endpoint, double milliseconds, bool success)
    {
        if (recording)
        {
            endpoints.GetOrAdd(endpoint, _ => new Endpoint()).Add(milliseconds, success);
        }
    }

    public void Completed() => CountIfRecording(ref completions);

    public void Started() => CountIfRecording(ref starts);

    public void StartConflict() => CountIfRecording(ref startConflicts);

    public void CaseFinished() => CountIfRecording(ref finished);

    /// <summary>The endpoints' figures, in a fixed order (the case's own order of steps first).</summary>
    public IReadOnlyList<EndpointFigures> Figures() =>
    [
        .. endpoints.OrderBy(e => Array.IndexOf(ReceiptCase.EndpointOrder, e.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => e.Value.Figures(e.Key)),
    ];

    private void CountIfRecording(ref int counter)
    {
        if (recording)
        {
            Interlocked.Increment(ref counter);
        }
    }

    private sealed class Endpoint
    {
        private readonly List<double> latencies = [];
        private int errors;

        public int Count
        {
            get
            {
                lock (latencies)
                {
                    return latencies.Count;
                }
            }
        }

        public void Add(double milliseconds, bool success)
        {
            lock (latencies)
            {
                latencies.Add(milliseconds);
                errors += success ? 0 : 1;
            }
        }

        public EndpointFigures Figures(string name)
        {
            lock (latencies)
            {
                return EndpointFigures.Of(name, latencies, errors);
            }
        }
    }
}
