using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Simulation;

namespace Archives.Workflow.Server.TryRun;

/// <summary>What a simulated run came to, with each <c>expect</c> step of its script: passed, failed, or not reached.</summary>
public sealed record SimulationReport(
    string DefinitionId,
    int Version,
    bool Succeeded,
    string? Failure,
    int? FailedStep,
    string Status,
    string? Milestone,
    IReadOnlyList<OpenTask> OpenTasks,
    IReadOnlyDictionary<string, object?> Variables,
    IReadOnlyList<JournalEvent> Journal,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<StepRefusal> Refusals,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ExpectCheck> Checks)
{
    public static SimulationReport Of(SimulationResult result, IReadOnlyList<SimulationStep> script)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(script);
        return new SimulationReport(
            result.DefinitionId, result.Version, result.Succeeded, result.Failure, result.FailedStep, result.Status.ToString(), result.Milestone,
            result.OpenTasks, result.Variables, result.Journal, result.Incidents, result.Refusals, result.Warnings, ExpectCheck.Of(result, script));
    }
}

/// <summary>One <c>expect</c> step of a script; <see cref="Passed"/> is null when the run stopped before it.</summary>
public sealed record ExpectCheck(int Step, string Description, bool? Passed)
{
    public static IReadOnlyList<ExpectCheck> Of(SimulationResult result, IReadOnlyList<SimulationStep> script)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(script);
        var checks = new List<ExpectCheck>();
        for (var i = 0; i < script.Count; i++)
        {
            if (script[i] is not ExpectStep expect)
            {
                continue;
            }

            var number = i + 1;
            bool? passed = result.FailedStep switch
            {
                null => true,
                var failed when number < failed => true,
                var failed when number == failed => false,
                _ => null,
            };
            checks.Add(new ExpectCheck(number, expect.Describe(), passed));
        }

        return checks;
    }
}
