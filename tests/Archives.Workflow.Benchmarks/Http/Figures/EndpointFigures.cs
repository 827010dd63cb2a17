namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>One endpoint's answers in a measured window: how many, how many not 2xx, and the latency percentiles.</summary>
internal sealed record EndpointFigures(string Endpoint, int Count, int Errors, double P50Ms, double P95Ms, double P99Ms)
{
    /// <summary>The figures of one endpoint's latencies (any order) and error count.</summary>
    public static EndpointFigures Of(string endpoint, IEnumerable<double> latenciesMs, int errors)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new EndpointFigures(endpoint, sorted.Length, errors, Percentiles.OfSorted(sorted, 0.50), Percentiles.OfSorted(sorted, 0.95), Percentiles.OfSorted(sorted, 0.99));
    }
}
