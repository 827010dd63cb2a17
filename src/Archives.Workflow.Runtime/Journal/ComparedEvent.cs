namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// One event of a replayed step beside the one recorded at the same place: equal when their canonical
/// JSON is byte-identical. Where they differ, <see cref="Recorded"/> and <see cref="Replayed"/> hold both
/// texts (null on the side that has no event there); where they are equal, both are null, the event being
/// in <see cref="ReplayedStep.Events"/>.
/// </summary>
public sealed record ComparedEvent(long? Sequence, string Type, string? ActivityId, bool Equal, string? Recorded, string? Replayed);
