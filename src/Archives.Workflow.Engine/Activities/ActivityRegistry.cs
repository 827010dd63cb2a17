using Archives.Workflow.Engine.Activities.BackgroundJob;
using Archives.Workflow.Engine.Activities.Decision;
using Archives.Workflow.Engine.Activities.End;
using Archives.Workflow.Engine.Activities.Finish;
using Archives.Workflow.Engine.Activities.Fork;
using Archives.Workflow.Engine.Activities.Join;
using Archives.Workflow.Engine.Activities.Milestone;
using Archives.Workflow.Engine.Activities.SetVariable;
using Archives.Workflow.Engine.Activities.Start;
using Archives.Workflow.Engine.Activities.Switch;
using Archives.Workflow.Engine.Activities.Timer;
using Archives.Workflow.Engine.Activities.UserTask;
using Archives.Workflow.Engine.Activities.WaitForSignal;

namespace Archives.Workflow.Engine.Activities;

/// <summary>The activity behaviours by type name. A new activity type is one folder under Activities/ and one line here.</summary>
internal sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityBehaviour> byType;

    public ActivityRegistry(IEnumerable<ActivityBehaviour> behaviours)
    {
        All = [.. behaviours];
        byType = All.ToDictionary(b => b.Type, StringComparer.Ordinal);
        Descriptors = [.. All.Select(b => b.Descriptor)];
    }

    /// <summary>The shipped activity types, in the order the designer's palette lists them.</summary>
    public static ActivityRegistry Default { get; } = new(
    [
        new StartActivity(),
        new EndActivity(),
        new FinishActivity(),
        new UserTaskActivity(),
        new DecisionActivity(),
        new SwitchActivity(),
        new ForkActivity(),
        new JoinActivity(),
        new TimerActivity(),
        new WaitForSignalActivity(),
        new BackgroundJobActivity(),
        new SetVariableActivity(),
        new MilestoneActivity(),
    ]);

    public IReadOnlyList<ActivityBehaviour> All { get; }

    public IReadOnlyList<ActivityDescriptor> Descriptors { get; }

    /// <summary>A registry with <paramref name="behaviour"/> added (or replacing the one of its type).</summary>
    public ActivityRegistry With(ActivityBehaviour behaviour) =>
        new([.. All.Where(b => b.Type != behaviour.Type), behaviour]);

    public ActivityBehaviour? Find(string? type) => type is null ? null : byType.GetValueOrDefault(type);

    public ActivityBehaviour Get(string type) =>
        Find(type) ?? throw new ArgumentException($"Unknown activity type '{type}'.", nameof(type));
}
