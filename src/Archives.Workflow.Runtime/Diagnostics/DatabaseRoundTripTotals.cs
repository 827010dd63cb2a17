namespace Archives.Workflow.Runtime.Diagnostics;

/// <summary>Totals of <see cref="DatabaseRoundTrips"/>: round trips, explicit transactions, commands.</summary>
public sealed record DatabaseRoundTripTotals(long RoundTrips, long Transactions, long Commands);
