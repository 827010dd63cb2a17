using System.Globalization;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Server.Components.Forms;

/// <summary>
/// One field as a form shows it, in the reader's language, with the outcomes it is shown for
/// (null: all), as the definition says or as its form rules imply.
/// </summary>
public sealed record FieldView(
    string Name, string Type, string Label, bool Required, int? MaxLength, double? Min, double? Max,
    IReadOnlyList<KeyValuePair<string, string>> Choices, bool Multiline, IReadOnlyList<string>? Outcomes = null);

/// <summary>
/// A form generated from a UserTask's (or a start form's) field definitions. Each change is checked
/// at once with the engine's own field rules, in the reader's language; what the engine reports on
/// submit (form-level rules included) is shown against the same fields. So the page, the API and
/// the CLI refuse the same data with the same messages.
/// </summary>
/// <remarks>
/// A task form shows the fields of the chosen outcome only. A field's outcomes are its definition's
/// <c>outcomes</c>; a definition published without them (its file is immutable) has them inferred from
/// its form rules: a field that is not required and is named only by rules that all carry outcomes
/// is shown only for those outcomes (a <c>reason</c> checked for Reject appears for Reject). Values
/// typed into a field that the chosen outcome hides are kept (choosing the outcome again shows them)
/// but never submitted.
/// </remarks>
public sealed class TaskFormModel
{
    private readonly IReadOnlyList<FormField> fields;
    private readonly IReadOnlyList<FormRule> rules;
    private readonly string language;
    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    public TaskFormModel(IReadOnlyList<FormField>? fields, string language)
        : this(fields, null, language)
    {
    }

    /// <param name="fields">The form's fields.</param>
    /// <param name="rules">The form rules: checked before submitting, and read to infer the outcomes of fields that name none.</param>
    /// <param name="language">The reader's language.</param>
    public TaskFormModel(IReadOnlyList<FormField>? fields, IReadOnlyList<FormRule>? rules, string language)
    {
        this.rules = rules ?? [];
        this.fields = [.. (fields ?? []).Select(f => f.Outcomes is { Count: > 0 } || f.Required ? f : f with { Outcomes = InferredOutcomes(f.Name, this.rules) })];
        this.language = language;
        Fields = [.. this.fields.Select(f => new FieldView(
            f.Name, f.Type, f.Label?.Get(language) ?? f.Name, f.Required, f.MaxLength, f.Min, f.Max,
            [.. (f.Choices ?? []).Select(c => new KeyValuePair<string, string>(c.Value, c.Label?.Get(language) ?? c.Value))],
            f.Type == FormFieldTypes.Text && (f.MaxLength is null or > 100), f.Outcomes))];
        foreach (var field in this.fields.Where(f => f.Type == FormFieldTypes.Boolean))
        {
            values[field.Name] = false;
        }
    }

    public IReadOnlyList<FieldView> Fields { get; }

    /// <summary>The outcome the reader chose; null until one is chosen (then only the fields of every outcome show).</summary>
    public string? Outcome { get; private set; }

    /// <summary>The fields shown for the chosen outcome.</summary>
    public IEnumerable<FieldView> VisibleFields => Fields.Where(f => Shows(f.Outcomes, Outcome));

    /// <summary>True when some field shows only for some outcomes (the page then asks for the outcome first).</summary>
    public bool DependsOnOutcome => Fields.Any(f => f.Outcomes is { Count: > 0 });

    /// <summary>Chooses the outcome: its fields show, and errors of fields it hides are dropped.</summary>
    public void Choose(string? outcome)
    {
        Outcome = outcome;
        foreach (var hidden in Fields.Where(f => !Shows(f.Outcomes, outcome)))
        {
            errors.Remove(hidden.Name);
        }

        FormError = null;
    }

    /// <summary>Everything typed, hidden fields included: what a draft keeps.</summary>
    public IReadOnlyDictionary<string, object?> AllValues => values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>Puts back values kept in a draft (fields the form no longer has, and values of the wrong kind, are left out).</summary>
    public void Restore(IReadOnlyDictionary<string, object?> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        foreach (var field in fields)
        {
            if (kept.TryGetValue(field.Name, out var value) && Fits(field, value))
            {
                values[field.Name] = value;
            }
        }
    }

    /// <summary>Called with the field's name after the reader changed it (to look something up, say).</summary>
    public Func<string, Task>? Changed { get; init; }

    public IReadOnlyDictionary<string, string> Errors => errors;

    /// <summary>A message not tied to one field (an unknown outcome, a rule without a field).</summary>
    public string? FormError { get; private set; }

    public object? Get(string name) => values.GetValueOrDefault(name);

    public string Text(string name) => values.GetValueOrDefault(name) as string ?? string.Empty;

    public double? Number(string name) => values.GetValueOrDefault(name) as double?;

    public bool Flag(string name) => values.GetValueOrDefault(name) is true;

    public DateTime? Date(string name) =>
        values.GetValueOrDefault(name) is string text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToDateTime(TimeOnly.MinValue)
            : null;

    /// <summary>Sets a field from what the control gives (text, number, flag, date) and checks it.</summary>
    public void Set(string name, object? value, DateOnly? today = null)
    {
        values[name] = value switch
        {
            string text when text.Trim().Length == 0 => null,
            string text => text.Trim(),
            DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            int number => (double)number,
            decimal number => (double)number,
            _ => value,
        };
        Check(name, today);
    }

    /// <summary>The data to submit: every field the chosen outcome shows that was given a value.</summary>
    public IReadOnlyDictionary<string, object?> Data => values
        .Where(v => v.Value is not null && fields.Any(f => f.Name == v.Key && Shows(f.Outcomes, Outcome)))
        .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>Checks every field shown; true when none is at fault.</summary>
    public bool Validate(DateOnly? today = null)
    {
        errors.Clear();
        FormError = null;
        Show(FormValidator.ValidateFields([.. fields.Where(f => Shows(f.Outcomes, Outcome))], Data, today));
        return errors.Count == 0;
    }

    /// <summary>
    /// Checks the form for the chosen outcome as the engine will on submit: the fields it shows, then the
    /// form rules that apply to it, evaluated in <paramref name="scope"/>. True when nothing is at fault.
    /// </summary>
    public bool Validate(FormRuleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        errors.Clear();
        FormError = null;
        Show(scope.Validate(fields, rules, Data, Outcome));
        return errors.Count == 0 && FormError is null;
    }

    /// <summary>Shows what the engine refused, against the fields it names.</summary>
    public void Show(IEnumerable<FieldError> refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        foreach (var error in refused)
        {
            var message = error.Message.Get(language) ?? error.Code;
            if (fields.Any(f => f.Name == error.Field))
            {
                errors[error.Field] = message;
            }
            else
            {
                FormError = message;
            }
        }
    }

    public void ClearErrors()
    {
        errors.Clear();
        FormError = null;
    }

    private static bool Shows(IReadOnlyList<string>? outcomes, string? outcome) =>
        outcomes is not { Count: > 0 } || (outcome is not null && outcomes.Contains(outcome, StringComparer.Ordinal));

    private static List<string>? InferredOutcomes(string name, IReadOnlyList<FormRule> rules)
    {
        var naming = rules.Where(r => r.Field == name).ToList();
        return naming.Count > 0 && naming.All(r => r.Outcomes is { Count: > 0 })
            ? [.. naming.SelectMany(r => r.Outcomes!).Distinct(StringComparer.Ordinal)]
            : null;
    }

    private static bool Fits(FormField field, object? value) => field.Type switch
    {
        FormFieldTypes.Number => value is double,
        FormFieldTypes.Boolean => value is bool,
        _ => value is string,
    };

    private void Check(string name, DateOnly? today)
    {
        errors.Remove(name);
        var field = fields.FirstOrDefault(f => f.Name == name);
        if (field is null)
        {
            return;
        }

        var single = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (values.GetValueOrDefault(name) is { } value)
        {
            single[name] = value;
        }

        Show(FormValidator.ValidateFields([field], single, today));
    }
}
