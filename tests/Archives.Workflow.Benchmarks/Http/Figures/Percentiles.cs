namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>Nearest-rank percentiles (the same rule as the <c>durable</c> mode, so the two tables compare).</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0 &lt; p ≤ 1) of values already sorted ascending; 0 for none.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
