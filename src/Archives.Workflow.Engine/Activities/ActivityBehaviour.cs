namespace Archives.Workflow.Engine.Activities;

/// <summary>
/// Everything one activity type means to the engine: its descriptor, the checks of its properties,
/// its compilation and what it does when a path reaches it or when a stimulus meets a bookmark it
/// made. The burst, the validator and the importer ask the behaviour rather than switching on the type.
/// </summary>
internal abstract class ActivityBehaviour
{
    /// <summary>The actor of what the engine does by itself (timers, cancellations).</summary>
    protected const string SystemActor = "system";

    public abstract ActivityDescriptor Descriptor { get; }

    public string Type => Descriptor.Type;

    /// <summary>The type names an Elsa 3 export gives this type (<c>Elsa.FlowDecision</c>, say); none when Elsa has no counterpart.</summary>
    public virtual IReadOnlyList<string> ElsaTypes => [];

    /// <summary>
    /// An imported Elsa activity of one of <see cref="ElsaTypes"/>: <paramref name="activity"/> has its id, type,
    /// name and position; the behaviour adds what its own properties take from <paramref name="elsa"/>, which
    /// collects every problem met so that the import is refused as a whole.
    /// </summary>
    public virtual ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa) => activity;

    /// <summary>Checks the activity's own properties; the validator checks the graph around it.</summary>
    public virtual void Check(ActivityDefinition activity, ActivityChecks checks)
    {
    }

    /// <summary>The node the burst runs: the plain node, or the behaviour's own holding its compiled inputs.</summary>
    public virtual ActivityNode Compile(ActivityDefinition activity, int index, IExpressionEngine expressions) =>
        new(index, activity, this);

    /// <summary>A path reached the activity.</summary>
    public abstract void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames);

    /// <summary>
    /// Checks <paramref name="stimulus"/> against a bookmark the activity made before any bookmark it
    /// meets is resumed; a refusal throws <see cref="StimulusRejectedException"/>.
    /// </summary>
    public virtual void Accept(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context)
    {
    }

    /// <summary>
    /// A stimulus met a bookmark the activity made (a timer bookmark has already been removed; any
    /// other is still in the state).
    /// </summary>
    public virtual void Resume(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context) =>
        throw new InvalidOperationException($"A {Type} makes no bookmark that a {stimulus.GetType().Name} could meet ('{bookmark.Id}').");

    /// <summary>The time limit of the definition that gave <paramref name="bookmark"/> its instant, if any.</summary>
    public virtual CompiledTime? LimitOf(ActivityNode node, Bookmark bookmark, WorkflowState state) => null;

    /// <summary>
    /// Whether <paramref name="node"/> of a case's new version can take over <paramref name="bookmark"/>,
    /// made by an activity of the old one, when the case migrates: the wait goes on here unchanged.
    /// </summary>
    public virtual bool Holds(ActivityNode node, Bookmark bookmark) => false;

    /// <summary>
    /// After a migration that revises tasks, <paramref name="node"/> of the new version has taken over
    /// <paramref name="bookmark"/>: the activity brings the wait in line with its own definition and
    /// returns what the wait became, for the Migrated event, or null when nothing of it is revised.
    /// </summary>
    public virtual IReadOnlyDictionary<string, object?>? TakeOver(ActivityNode node, Bookmark bookmark, IActivityContext context) => null;

    /// <summary>Whether the activity can stand for the fork of a running fork scope after a migration.</summary>
    public virtual bool StartsBranches => false;

    /// <summary>Whether the activity can stand for the join that branches of a running fork scope reached, after a migration.</summary>
    public virtual bool JoinsBranches => false;

    /// <summary>A property the validator requires; only a validated definition is compiled, so it is there.</summary>
    protected static T Validated<T>(T? value, ActivityDefinition activity, string property)
        where T : class =>
        value ?? throw new InvalidOperationException($"The {activity.Type} '{activity.Id}' has no {property}; only a validated definition can be compiled.");
}

/// <summary>A behaviour whose activity has inputs, compiled once into a <typeparamref name="TCompiled"/> that its node holds.</summary>
internal abstract class ActivityBehaviour<TCompiled> : ActivityBehaviour
{
    public sealed override ActivityNode Compile(ActivityDefinition activity, int index, IExpressionEngine expressions) =>
        new ActivityNode<TCompiled>(index, activity, this, CompileInputs(activity, expressions));

    protected abstract TCompiled CompileInputs(ActivityDefinition activity, IExpressionEngine expressions);

    /// <summary>The compiled inputs of a node this behaviour compiled.</summary>
    protected static TCompiled Inputs(ActivityNode node) => ((ActivityNode<TCompiled>)node).Compiled;
}
