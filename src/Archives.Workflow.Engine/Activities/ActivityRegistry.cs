namespace Archives.Workflow.Engine.Activities;

/// <summary>The activity behaviours by type name. A new activity type is one folder under Activities/ and one entry in <see cref="Default"/>.</summary>
internal sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityBehaviour> byType;
    private readonly Dictionary<string, ActivityBehaviour> byElsaType;

    public ActivityRegistry(IEnumerable<ActivityBehaviour> behaviours)
    {
        All = [.. behaviours];
        byType = All.ToDictionary(b => b.Type, StringComparer.Ordinal);
        byElsaType = All.SelectMany(b => b.ElsaTypes.Select(elsa => (elsa, b))).ToDictionary(p => p.elsa, p => p.b, StringComparer.Ordinal);
        Descriptors = [.. All.Select(b => b.Descriptor)];
    }

    /// <summary>The shipped activity types, in the order the designer's palette lists them.</summary>
    public static ActivityRegistry Default { get; } = new(
    [
        new Start.StartActivity(), new End.EndActivity(), new Finish.FinishActivity(),
        new UserTask.UserTaskActivity(), new Decision.DecisionActivity(), new Switch.SwitchActivity(),
        new Fork.ForkActivity(), new Join.JoinActivity(), new Timer.TimerActivity(),
        new WaitForSignal.WaitForSignalActivity(), new BackgroundJob.BackgroundJobActivity(),
        new SetVariable.SetVariableActivity(), new Milestone.MilestoneActivity(),
    ]);

    public IReadOnlyList<ActivityBehaviour> All { get; }

    public IReadOnlyList<ActivityDescriptor> Descriptors { get; }

    /// <summary>A registry with <paramref name="behaviour"/> added (or replacing the one of its type).</summary>
    public ActivityRegistry With(ActivityBehaviour behaviour) =>
        new([.. All.Where(b => b.Type != behaviour.Type), behaviour]);

    public ActivityBehaviour? Find(string? type) => type is null ? null : byType.GetValueOrDefault(type);

    /// <summary>The behaviour that imports the Elsa type <paramref name="elsaType"/>, if any.</summary>
    public ActivityBehaviour? FindElsa(string elsaType) => byElsaType.GetValueOrDefault(elsaType);

    /// <summary>Every Elsa type name some behaviour imports, in the registry's order.</summary>
    public IEnumerable<string> ElsaTypes => All.SelectMany(b => b.ElsaTypes);

    public ActivityBehaviour Get(string type) =>
        Find(type) ?? throw new ArgumentException($"Unknown activity type '{type}'.", nameof(type));
}
