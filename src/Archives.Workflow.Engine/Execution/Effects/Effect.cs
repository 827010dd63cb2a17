namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>What the host must do after it has stored a burst.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CreateTask), nameof(CreateTask))]
[JsonDerivedType(typeof(CancelTask), nameof(CancelTask))]
[JsonDerivedType(typeof(ScheduleTimer), nameof(ScheduleTimer))]
[JsonDerivedType(typeof(CancelTimer), nameof(CancelTimer))]
[JsonDerivedType(typeof(RunJob), nameof(RunJob))]
[JsonDerivedType(typeof(CancelJob), nameof(CancelJob))]
[JsonDerivedType(typeof(Notify), nameof(Notify))]
[JsonDerivedType(typeof(SetMilestone), nameof(SetMilestone))]
[JsonDerivedType(typeof(Complete), nameof(Complete))]
[JsonDerivedType(typeof(Fault), nameof(Fault))]
[JsonDerivedType(typeof(MoveDeadline), nameof(MoveDeadline))]
[JsonDerivedType(typeof(ReviseTask), nameof(ReviseTask))]
public abstract record Effect;
