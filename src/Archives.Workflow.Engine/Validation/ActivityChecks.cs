namespace Archives.Workflow.Engine.Validation;

/// <summary>
/// What a behaviour's property checks may use: the validator's options and checks of expressions,
/// times, names, forms and rules, each problem reported against the activity being checked.
/// </summary>
internal sealed class ActivityChecks
{
    private readonly WorkflowDefinitionValidator validator;
    private readonly WorkflowDefinitionValidator.Reporter report;
    private readonly HashSet<string> variables;

    internal ActivityChecks(WorkflowDefinitionValidator validator, WorkflowDefinitionValidator.Reporter report, string activityId, HashSet<string> variables)
    {
        this.validator = validator;
        this.report = report;
        this.variables = variables;
        ActivityId = activityId;
    }

    public string ActivityId { get; }

    public ValidationOptions Options => validator.Options;

    public void Add(string property, string code, string message) => report.Add(ActivityId, property, code, message);

    /// <summary>Whether the definition declares the variable.</summary>
    public bool IsDeclared(string variable) => variables.Contains(variable);

    public void Required(string property, object? value) => WorkflowDefinitionValidator.Required(ActivityId, property, value, report);

    /// <summary>The expression (if given) compiles.</summary>
    public void Expression(string property, WorkflowExpression? expression) => validator.Expression(ActivityId, property, expression, report);

    /// <summary>The time (if given) names exactly one of working days, a duration or an instant, each well formed.</summary>
    public void Time(string property, TimeSpec? spec) => validator.Time(ActivityId, property, spec, report);

    /// <summary>No name is empty or given twice.</summary>
    public void Names(string property, IReadOnlyList<string> names, string duplicateCode) =>
        WorkflowDefinitionValidator.Names(ActivityId, property, names, duplicateCode, report);

    /// <summary>Fields are well formed; the outcomes a field belongs to are outcomes of the activity (null: the form has no outcomes, so no field may name any).</summary>
    public void Fields(string property, IReadOnlyList<FormField>? fields, IReadOnlyList<string>? outcomes = null) =>
        WorkflowDefinitionValidator.ValidateFields(ActivityId, property, fields, report, outcomes);

    /// <summary>Rules compile, speak both languages and name fields of the form and outcomes the activity has (null: any).</summary>
    public void Rules(IReadOnlyList<FormRule>? rules, IReadOnlyList<FormField>? fields, IReadOnlyList<string>? outcomes) =>
        validator.ValidateRules(ActivityId, rules, fields, outcomes, report);

    /// <summary>The activity's output variable, if it names one, is declared.</summary>
    public void OutputVariable(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.OutputVariable is { } name && !variables.Contains(name))
        {
            Add("outputVariable", "VariableUndeclared", $"The variable '{name}' is not declared in the definition's variables.");
        }
    }
}
