namespace Archives.Workflow.Benchmarks.Http;

/// <summary>A caseworker's institution: the demo user, the identity numbers' region and a household registration within its area.</summary>
internal sealed record Desk(string UserName, string Region, string HouseholdRegistration);
