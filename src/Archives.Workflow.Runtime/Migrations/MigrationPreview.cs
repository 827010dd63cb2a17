using Archives.Workflow.Engine.Execution;

namespace Archives.Workflow.Runtime.Migrations;

/// <summary>
/// Whether one running case could move to a version, found by running the engine's migration on a copy
/// of its state: nothing is stored.
/// </summary>
/// <param name="InstanceId">The case's workflow instance.</param>
/// <param name="FromVersion">The version the case runs on now.</param>
/// <param name="Waiting">The activities the case waits in (open tasks, timers, signals, jobs, incidents), in ordinal order.</param>
/// <param name="Missing">Those of <paramref name="Waiting"/> that the target version has no activity for.</param>
/// <param name="Problems">Why the case cannot move, per activity at fault; empty when it can.</param>
public sealed record MigrationPreview(
    string InstanceId,
    int FromVersion,
    IReadOnlyList<string> Waiting,
    IReadOnlyList<string> Missing,
    IReadOnlyList<FieldError> Problems)
{
    public bool CanMove => Problems.Count == 0;
}
