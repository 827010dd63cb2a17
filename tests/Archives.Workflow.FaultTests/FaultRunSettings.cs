using System.Globalization;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// The size of a fault run, from the environment: the short version (the test suite's) by default,
/// the long one with <c>ARCHIVES_FAULT_CASES=400 ARCHIVES_FAULT_NODES=3</c>.
/// </summary>
public sealed record FaultRunSettings(int Cases, int Nodes, int Clients, int MeasuredCompletions, TimeSpan QuietLimit, TimeSpan StepLimit)
{
    public bool IsLong => Cases > 60;

    public static FaultRunSettings FromEnvironment()
    {
        var cases = Number("ARCHIVES_FAULT_CASES", 20);
        var nodes = Math.Clamp(Number("ARCHIVES_FAULT_NODES", 2), 1, 8);
        var clients = Number("ARCHIVES_FAULT_CLIENTS", cases > 60 ? 12 : 6);
        var measured = Number("ARCHIVES_FAULT_MEASURED", cases > 60 ? 200 : 20);
        // A job stranded by a killed node waits for the sweep: its grace period (1 min) plus the sweep's minute.
        return new FaultRunSettings(Math.Max(cases, 8), nodes, Math.Max(clients, 1), Math.Max(measured, 4), TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(170));
    }

    private static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
