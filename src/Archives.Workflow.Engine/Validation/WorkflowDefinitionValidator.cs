using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;

namespace Archives.Workflow.Engine.Validation;

/// <summary>
/// Validates a definition on import, save and publish: identity and names, then the flowchart
/// (ids, types, Start, connections and ports, reachability, ways out, joins after forks), then each
/// activity's properties as its descriptor lists them (expressions parse, times parse, roles known,
/// forms well formed). Every problem names the activity, the property and a stable code.
/// </summary>
public sealed partial class WorkflowDefinitionValidator : AbstractValidator<WorkflowDefinition>
{
    private readonly ValidationOptions options;

    internal ValidationOptions Options => options;

    public WorkflowDefinitionValidator(ValidationOptions? options = null)
    {
        this.options = options ?? ValidationOptions.Default;

        RuleFor(d => d.DefinitionId)
            .NotEmpty().WithErrorCode("DefinitionIdMissing").WithMessage("The definition needs a definitionId.")
            .Matches(IdPattern()).WithErrorCode("DefinitionIdInvalid")
            .WithMessage("definitionId uses lower-case letters, digits and dashes (e.g. unemployed-file-receipt).");
        RuleFor(d => d.Version).GreaterThan(0).WithErrorCode("VersionInvalid").WithMessage("version must be 1 or more.");
        RuleFor(d => d.Name)
            .Must(n => n is not null && n.HasLanguage(LocalizedText.Chinese) && n.HasLanguage(LocalizedText.English))
            .WithErrorCode("NameNotBilingual").WithMessage("name needs both zh-CN and en.");
        RuleFor(d => d.Root).NotNull().WithErrorCode("RootMissing").WithMessage("The definition needs a root Flowchart.");
        RuleFor(d => d).Custom(ValidateDefinition);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    /// <summary>Every problem of <paramref name="definition"/>, errors and warnings.</summary>
    public IReadOnlyList<DefinitionProblem> Check(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [.. Validate(definition).Errors.Select(ToProblem)];
    }

    private static DefinitionProblem ToProblem(ValidationFailure failure)
    {
        var activityId = failure.CustomState as string;
        var property = failure.PropertyName;
        if (activityId is not null && property.StartsWith(activityId + ".", StringComparison.Ordinal))
        {
            property = property[(activityId.Length + 1)..];
        }

        var severity = failure.Severity == Severity.Error ? ProblemSeverity.Error : ProblemSeverity.Warning;
        return new DefinitionProblem(activityId, string.IsNullOrEmpty(property) ? "definition" : char.ToLowerInvariant(property[0]) + property[1..], failure.ErrorCode, failure.ErrorMessage, severity);
    }

    private void ValidateDefinition(WorkflowDefinition definition, ValidationContext<WorkflowDefinition> context)
    {
        if (definition.Root is null)
        {
            return;
        }

        var report = new Reporter(context);
        var variables = ValidateVariables(definition, report);
        ValidateFields(null, "inputs", definition.Inputs, report);

        if (!string.Equals(definition.Root.Type, "Flowchart", StringComparison.Ordinal))
        {
            report.Add(null, "root.type", "RootNotFlowchart", $"The root must be a Flowchart, not '{definition.Root.Type}'.");
        }

        if ((definition.Root.Activities ?? []).Any(a => a is null))
        {
            report.Add(null, "root.activities", "ActivityMissing", "The activities list holds an empty entry (null).");
        }

        if ((definition.Root.Connections ?? []).Any(c => c is null))
        {
            report.Add(null, "root.connections", "ConnectionInvalid", "The connections list holds an empty entry (null).");
        }

        var activities = (definition.Root.Activities ?? []).Where(a => a is not null).ToList();
        var byId = new Dictionary<string, ActivityDefinition>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                report.Add(null, "root.activities", "ActivityIdMissing", $"An activity of type '{activity.Type}' has no id.");
                continue;
            }

            if (!byId.TryAdd(activity.Id, activity))
            {
                report.Add(activity.Id, "id", "ActivityIdDuplicate", $"The id '{activity.Id}' is used by more than one activity.");
            }
        }

        var starts = activities.Where(a => a.Type == ActivityTypes.Start).ToList();
        if (starts.Count == 0)
        {
            report.Add(null, "root.activities", "StartMissing", "The flowchart needs exactly one Start; it has none.");
        }
        else if (starts.Count > 1)
        {
            foreach (var extra in starts.Skip(1))
            {
                report.Add(extra.Id, "type", "StartDuplicate", $"The flowchart needs exactly one Start; '{starts[0].Id}' is already one.");
            }
        }

        foreach (var activity in byId.Values)
        {
            var behaviour = options.Activities.Find(activity.Type);
            if (behaviour is null)
            {
                report.Add(activity.Id, "type", activity.Type is null ? "PropertyRequired" : "ActivityTypeUnknown",
                    $"Unknown activity type '{activity.Type}'. Known: {string.Join(", ", options.Activities.All.Select(b => b.Type))}.");
                continue;
            }

            behaviour.Check(activity, new ActivityChecks(this, report, activity.Id, variables));
        }

        var outgoing = ValidateConnections([.. (definition.Root.Connections ?? []).Where(c => c is not null)], byId, options.Activities, report);
        ValidateGraph(starts.Count > 0 ? starts[0] : null, byId, outgoing, options.Activities, report);
    }

    private static HashSet<string> ValidateVariables(WorkflowDefinition definition, Reporter report)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in definition.Variables ?? [])
        {
            if (string.IsNullOrWhiteSpace(variable.Name) || !IdentifierPattern().IsMatch(variable.Name))
            {
                report.Add(null, $"variables.{variable.Name}", "VariableNameInvalid", $"'{variable.Name}' is not a valid variable name (letters, digits, _).");
            }
            else if (!names.Add(variable.Name))
            {
                report.Add(null, $"variables.{variable.Name}", "VariableDuplicate", $"The variable '{variable.Name}' is declared twice.");
            }
        }

        return names;
    }

    private static Dictionary<string, Dictionary<string, string>> ValidateConnections(
        IReadOnlyList<ConnectionDefinition> connections,
        Dictionary<string, ActivityDefinition> byId,
        ActivityRegistry registry,
        Reporter report)
    {
        var outgoing = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var connection in connections)
        {
            var sourceId = connection.Source?.Activity ?? string.Empty;
            var targetId = connection.Target?.Activity ?? string.Empty;
            var port = connection.Source?.Port ?? Ports.Done;
            if (!byId.TryGetValue(sourceId, out var source))
            {
                report.Add(null, "root.connections", "ConnectionSourceUnknown", $"A connection starts at '{sourceId}', which is not an activity.");
                continue;
            }

            if (!byId.TryGetValue(targetId, out var target))
            {
                report.Add(sourceId, $"ports.{port}", "ConnectionTargetUnknown", $"The connection from port '{port}' goes to '{targetId}', which is not an activity.");
                continue;
            }

            if (connection.Target!.Port is { } targetPort && targetPort != Ports.In)
            {
                report.Add(targetId, "ports.In", "ConnectionTargetPortUnknown", $"Connections enter an activity at 'In', not '{targetPort}'.");
            }

            var targetDescriptor = registry.Find(target.Type)?.Descriptor;
            if (targetDescriptor is { IsEntry: true })
            {
                report.Add(targetId, "ports.In", "ConnectionIntoStart", $"Nothing may connect into the Start (from '{sourceId}').");
            }

            if (registry.Find(source.Type)?.Descriptor is { } sourceDescriptor)
            {
                var ports = sourceDescriptor.PortsOf(source);
                if (!ports.Contains(port, StringComparer.Ordinal))
                {
                    report.Add(sourceId, $"ports.{port}", "ConnectionPortUnknown",
                        ports.Count == 0
                            ? $"A {source.Type} has no outgoing ports, but a connection leaves it from '{port}'."
                            : $"'{port}' is not a port of this {source.Type}. Ports: {string.Join(", ", ports)}.");
                    continue;
                }
            }

            if (!outgoing.TryGetValue(sourceId, out var byPort))
            {
                outgoing[sourceId] = byPort = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            if (!byPort.TryAdd(port, targetId))
            {
                report.Add(sourceId, $"ports.{port}", "PortConnectedTwice",
                    $"The port '{port}' is connected to both '{byPort[port]}' and '{targetId}'; use a Fork to run paths in parallel.");
            }
        }

        return outgoing;
    }

    private static void ValidateGraph(
        ActivityDefinition? start,
        Dictionary<string, ActivityDefinition> byId,
        Dictionary<string, Dictionary<string, string>> outgoing,
        ActivityRegistry registry,
        Reporter report)
    {
        foreach (var activity in byId.Values)
        {
            if (registry.Find(activity.Type)?.Descriptor is not { } descriptor)
            {
                continue;
            }

            var connected = outgoing.GetValueOrDefault(activity.Id);
            if (!descriptor.IsTerminal && (connected is null || connected.Count == 0))
            {
                report.Add(activity.Id, "ports", "NoWayOut", $"The {activity.Type} '{activity.Id}' has no outgoing connection; end the path with End or Finish.");
                continue;
            }

            foreach (var port in descriptor.PortsOf(activity))
            {
                if (descriptor.OptionalPorts.Contains(port, StringComparer.Ordinal) || connected is null || connected.ContainsKey(port))
                {
                    continue;
                }

                report.Add(activity.Id, $"ports.{port}", "PortNotConnected", $"The port '{port}' is not connected; every outcome needs a way on.");
            }
        }

        if (start is null)
        {
            return;
        }

        var reachable = Reach([start.Id], outgoing);
        foreach (var activity in byId.Values.Where(a => !reachable.Contains(a.Id)))
        {
            report.Add(activity.Id, "id", "Unreachable", $"'{activity.Id}' cannot be reached from the Start.");
        }

        CheckNestedForksShareNoJoin(byId, outgoing, report);

        var afterForks = Reach([.. byId.Values.Where(a => a.Type == ActivityTypes.Fork).Select(a => a.Id)], outgoing, includeStarts: false);
        foreach (var join in byId.Values.Where(a => a.Type == ActivityTypes.Join && !afterForks.Contains(a.Id)))
        {
            report.Add(join.Id, "mode", "JoinWithoutFork", "A Join must come after a Fork: no Fork leads to it.");
        }
    }

    /// <summary>
    /// A fork inside a branch of another fork needs a join of its own: a join both lead to would not
    /// know which of them an arriving path completes.
    /// </summary>
    private static void CheckNestedForksShareNoJoin(
        Dictionary<string, ActivityDefinition> byId,
        Dictionary<string, Dictionary<string, string>> outgoing,
        Reporter report)
    {
        var forks = byId.Values.Where(a => a.Type == ActivityTypes.Fork).Select(a => a.Id).ToList();
        var joinsOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var nestedIn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var fork in forks)
        {
            var joins = new HashSet<string>(StringComparer.Ordinal);
            var nested = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal) { fork };
            var queue = new Queue<string>((IEnumerable<string>?)outgoing.GetValueOrDefault(fork)?.Values ?? []);
            while (queue.TryDequeue(out var id))
            {
                if (!seen.Add(id) || !byId.TryGetValue(id, out var activity))
                {
                    continue;
                }

                if (activity.Type == ActivityTypes.Join)
                {
                    joins.Add(id);
                    continue;
                }

                if (activity.Type == ActivityTypes.Fork)
                {
                    nested.Add(id);
                    continue;
                }

                foreach (var next in (IEnumerable<string>?)outgoing.GetValueOrDefault(id)?.Values ?? [])
                {
                    queue.Enqueue(next);
                }
            }

            joinsOf[fork] = joins;
            nestedIn[fork] = nested;
        }

        foreach (var outer in forks)
        {
            foreach (var inner in nestedIn[outer])
            {
                foreach (var join in joinsOf[outer].Intersect(joinsOf[inner]))
                {
                    report.Add(join, "mode", "JoinSharedByNestedForks",
                        $"The fork '{inner}' runs inside a branch of '{outer}' and both lead to this join; give '{inner}' a join of its own.");
                }
            }
        }
    }

    private static HashSet<string> Reach(IEnumerable<string> from, Dictionary<string, Dictionary<string, string>> outgoing, bool includeStarts = true)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var id in from)
        {
            if (includeStarts)
            {
                seen.Add(id);
            }

            queue.Enqueue(id);
        }

        while (queue.TryDequeue(out var id))
        {
            if (!outgoing.TryGetValue(id, out var ports))
            {
                continue;
            }

            foreach (var target in ports.Values)
            {
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return seen;
    }

    internal static void ValidateFields(string? activityId, string property, IReadOnlyList<FormField>? fields, Reporter report, IReadOnlyList<string>? outcomes = null) =>
        ValidateFields(activityId, property, fields, report, outcomes, inRow: false);

    private static void ValidateFields(string? activityId, string property, IReadOnlyList<FormField>? fields, Reporter report, IReadOnlyList<string>? outcomes, bool inRow)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields ?? [])
        {
            if (field is null)
            {
                report.Add(activityId, property, "FieldMissing", "The list holds an empty entry (null).");
                continue;
            }

            var at = $"{property}.{field.Name}";
            if (string.IsNullOrWhiteSpace(field.Name) || !IdentifierPattern().IsMatch(field.Name))
            {
                report.Add(activityId, at, "FieldNameInvalid", $"'{field.Name}' is not a valid field name.");
            }
            else if (!names.Add(field.Name))
            {
                report.Add(activityId, at, "FieldDuplicate", $"The field '{field.Name}' appears twice.");
            }

            if (inRow && field.Type == FormFieldTypes.List)
            {
                report.Add(activityId, $"{at}.type", "ListNested", "A list's rows cannot hold another list.");
            }
            else if (field.Type is null || !FormFieldTypes.All.Contains(field.Type, StringComparer.Ordinal))
            {
                report.Add(activityId, $"{at}.type", "FieldTypeUnknown", $"Unknown field type '{field.Type}'. Known: {string.Join(", ", FormFieldTypes.All)}.");
            }

            ValidateList(activityId, at, field, report);

            if (field.Type == FormFieldTypes.Choice && field.Choices is not { Count: > 0 })
            {
                report.Add(activityId, $"{at}.choices", "ChoicesMissing", "A Choice field needs its choices.");
            }

            if (field.Pattern is { } pattern)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
                {
                    report.Add(activityId, $"{at}.pattern", "PatternInvalid", $"The pattern does not parse: {ex.Message}");
                }
            }

            if (field is { Min: { } min, Max: { } max } && min > max)
            {
                report.Add(activityId, $"{at}.min", "RangeInvalid", "min is greater than max.");
            }

            if (field.MaxLength is < 1)
            {
                report.Add(activityId, $"{at}.maxLength", "RangeInvalid", "maxLength must be 1 or more.");
            }

            foreach (var outcome in field.Outcomes ?? [])
            {
                if (outcomes is null)
                {
                    report.Add(activityId, $"{at}.outcomes", "FieldOutcomesNotAllowed", "Only the fields of a user task's form belong to outcomes.");
                    break;
                }

                if (!outcomes.Contains(outcome, StringComparer.Ordinal))
                {
                    report.Add(activityId, $"{at}.outcomes", "OutcomeUnknown", $"The field names the outcome '{outcome}', which the task does not have.");
                }
            }
        }
    }

    private static void ValidateList(string? activityId, string at, FormField field, Reporter report)
    {
        if (field.Type != FormFieldTypes.List)
        {
            if (field.Fields is not null || field.MinItems is not null || field.MaxItems is not null)
            {
                report.Add(activityId, $"{at}.fields", "ListPropertiesNotAllowed", "Only a List field has fields, minItems and maxItems.");
            }

            return;
        }

        if (field.Fields is not { Count: > 0 })
        {
            report.Add(activityId, $"{at}.fields", "ListFieldsMissing", "A List field needs the fields of its rows.");
        }

        if (field.MinItems is < 0 || field.MaxItems is < 1)
        {
            report.Add(activityId, $"{at}.minItems", "RangeInvalid", "minItems must be 0 or more and maxItems 1 or more.");
        }
        else if (field is { MinItems: { } min, MaxItems: { } max } && min > max)
        {
            report.Add(activityId, $"{at}.minItems", "RangeInvalid", "minItems is greater than maxItems.");
        }

        // A row field belongs to the outcomes of its list, never to its own.
        ValidateFields(activityId, $"{at}.fields", field.Fields, report, outcomes: null, inRow: true);
    }

    internal void ValidateRules(string activityId, IReadOnlyList<FormRule>? rules, IReadOnlyList<FormField>? fields, IReadOnlyList<string>? outcomes, Reporter report)
    {
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            if (rule is null)
            {
                report.Add(activityId, $"rules[{i}]", "RuleMissing", "The rules list holds an empty entry (null).");
                continue;
            }

            Required(activityId, $"rules[{i}].assert", rule.Assert, report);
            Expression(activityId, $"rules[{i}].assert", rule.Assert, report);
            if (rule.Message is null || !rule.Message.HasLanguage(LocalizedText.Chinese) || !rule.Message.HasLanguage(LocalizedText.English))
            {
                report.Add(activityId, $"rules[{i}].message", "MessageNotBilingual", "A rule's message needs zh-CN and en.");
            }

            if (rule.Field is { } field && !(fields ?? []).Any(f => f.Name == field))
            {
                report.Add(activityId, $"rules[{i}].field", "FieldUnknown", $"The rule names the field '{field}', which the form does not have.");
            }

            foreach (var outcome in rule.Outcomes ?? [])
            {
                if (outcomes is not null && !outcomes.Contains(outcome, StringComparer.Ordinal))
                {
                    report.Add(activityId, $"rules[{i}].outcomes", "OutcomeUnknown", $"The rule names the outcome '{outcome}', which the task does not have.");
                }
            }
        }
    }

    internal static void Required(string activityId, string property, object? value, Reporter report)
    {
        if (value is null)
        {
            report.Add(activityId, property, "PropertyRequired", $"'{property}' is required.");
        }
    }

    internal static void Names(string activityId, string property, IReadOnlyList<string> names, string code, Reporter report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                report.Add(activityId, property, "NameEmpty", "A name is empty.");
            }
            else if (!seen.Add(name))
            {
                report.Add(activityId, property, code, $"'{name}' appears twice.");
            }
        }
    }

    internal void Expression(string activityId, string property, WorkflowExpression? expression, Reporter report)
    {
        if (expression is null)
        {
            return;
        }

        try
        {
            Execution.CompiledValue.Compile(expression, options.Expressions);
        }
        catch (ExpressionException ex)
        {
            report.Add(activityId, property, ex.Code, ex.Message);
        }
    }

    internal void Time(string activityId, string property, TimeSpec? spec, Reporter report)
    {
        if (spec is null)
        {
            return;
        }

        var given = (spec.WorkingDays is null ? 0 : 1) + (spec.Duration is null ? 0 : 1) + (spec.At is null ? 0 : 1);
        if (given != 1)
        {
            report.Add(activityId, property, "TimeSpecInvalid", "Give exactly one of workingDays, duration or at.");
            return;
        }

        if (spec.WorkingDays is < 0 or > Execution.CompiledTime.MaxWorkingDays)
        {
            report.Add(activityId, $"{property}.workingDays", "TimeSpecInvalid", $"workingDays must be between 0 and {Execution.CompiledTime.MaxWorkingDays}.");
        }

        if (spec.Duration is { } duration && !IsoDuration.TryParse(duration, out _))
        {
            report.Add(activityId, $"{property}.duration", "DurationInvalid", $"'{duration}' is not an ISO 8601 duration such as P30D, P1M or PT2H.");
        }

        Expression(activityId, $"{property}.at", spec.At, report);
    }

    internal sealed class Reporter(ValidationContext<WorkflowDefinition> context)
    {
        public void Add(string? activityId, string property, string code, string message, Severity severity = Severity.Error) =>
            context.AddFailure(new ValidationFailure(activityId is null ? property : $"{activityId}.{property}", message)
            {
                ErrorCode = code,
                CustomState = activityId,
                Severity = severity,
            });
    }
}
