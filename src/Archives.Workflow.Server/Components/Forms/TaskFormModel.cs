using System.Globalization;
using System.Text.Json;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Server.Components.Forms;

/// <summary>
/// One field as a form shows it, in the reader's language, with the outcomes it is shown for
/// (null: all), as the definition says or as its form rules imply.
/// </summary>
public sealed record FieldView(
    string Name, string Type, string Label, bool Required, int? MaxLength, double? Min, double? Max,
    IReadOnlyList<KeyValuePair<string, string>> Choices, bool Multiline, IReadOnlyList<string>? Outcomes = null)
{
    /// <summary>The fields of each row of a List field (none for other types).</summary>
    public IReadOnlyList<FieldView> RowFields { get; init; } = [];

    /// <summary>The fewest rows of a List field.</summary>
    public int? MinItems { get; init; }

    /// <summary>The most rows of a List field.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The view of <paramref name="field"/> in <paramref name="language"/>.</summary>
    public static FieldView Of(FormField field, string language)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new FieldView(
            field.Name, field.Type, field.Label?.Get(language) ?? field.Name, field.Required, field.MaxLength, field.Min, field.Max,
            [.. (field.Choices ?? []).Select(c => new KeyValuePair<string, string>(c.Value, c.Label?.Get(language) ?? c.Value))],
            field.Type == FormFieldTypes.Text && (field.MaxLength is null or > 100), field.Outcomes)
        {
            RowFields = [.. (field.Fields ?? []).Select(f => Of(f, language))],
            MinItems = field.MinItems,
            MaxItems = field.MaxItems,
        };
    }
}

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
        Fields = [.. this.fields.Select(f => FieldView.Of(f, language))];
        foreach (var field in this.fields.Where(f => f.Type == FormFieldTypes.Boolean))
        {
            values[field.Name] = false;
        }

        // A list starts with the rows it needs at least, so the reader sees at once what to fill in.
        foreach (var field in this.fields.Where(f => f.Type == FormFieldTypes.List))
        {
            var rows = new List<Dictionary<string, object?>>();
            for (var i = 0; i < Math.Max(field.MinItems ?? 0, field.Required ? 1 : 0); i++)
            {
                rows.Add(NewRow(field));
            }

            values[field.Name] = rows;
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
            RemoveErrors(hidden.Name);
        }

        FormError = null;
    }

    /// <summary>Everything typed, hidden fields included: what a draft keeps.</summary>
    public IReadOnlyDictionary<string, object?> AllValues => values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => Copy(v.Value), StringComparer.Ordinal);

    /// <summary>Puts back values kept in a draft (fields the form no longer has, and values of the wrong kind, are left out).</summary>
    public void Restore(IReadOnlyDictionary<string, object?> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        foreach (var field in fields)
        {
            if (field.Type == FormFieldTypes.List)
            {
                if (kept.TryGetValue(field.Name, out var rows) && RowsOf(field, rows) is { } restored)
                {
                    values[field.Name] = restored;
                }
            }
            else if (kept.TryGetValue(field.Name, out var value) && Fits(field, value))
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

    /// <summary>How many rows the List field <paramref name="name"/> has.</summary>
    public int RowCount(string name) => Rows(name)?.Count ?? 0;

    /// <summary>The value of one field of one row of a List field.</summary>
    public object? Cell(string name, int row, string cell) =>
        Rows(name) is { } rows && row >= 0 && row < rows.Count ? rows[row].GetValueOrDefault(cell) : null;

    /// <summary>The key of a row field's error, as the engine names it: <c>requesters[1].idNumber</c>.</summary>
    public static string CellKey(string name, int row, string cell) => string.Create(CultureInfo.InvariantCulture, $"{name}[{row}].{cell}");

    /// <summary>Adds an empty row at the end of a List field (when it may take one more).</summary>
    public void AddRow(string name, DateOnly? today = null)
    {
        if (fields.FirstOrDefault(f => f.Name == name && f.Type == FormFieldTypes.List) is not { } field || Rows(name) is not { } rows ||
            (field.MaxItems is { } max && rows.Count >= max))
        {
            return;
        }

        rows.Add(NewRow(field));
        RecheckCount(field, today);
    }

    /// <summary>Removes one row of a List field; the errors of the rows after it move up with them.</summary>
    public void RemoveRow(string name, int row, DateOnly? today = null)
    {
        if (fields.FirstOrDefault(f => f.Name == name && f.Type == FormFieldTypes.List) is not { } field || Rows(name) is not { } rows ||
            row < 0 || row >= rows.Count)
        {
            return;
        }

        rows.RemoveAt(row);
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, message) in errors.Where(e => e.Key.StartsWith(name + "[", StringComparison.Ordinal)).ToList())
        {
            errors.Remove(key);
            var close = key.IndexOf(']', name.Length);
            if (close > 0 && int.TryParse(key.AsSpan(name.Length + 1, close - name.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index != row)
            {
                moved[string.Create(CultureInfo.InvariantCulture, $"{name}[{(index > row ? index - 1 : index)}]") + key[(close + 1)..]] = message;
            }
        }

        foreach (var (key, message) in moved)
        {
            errors[key] = message;
        }

        RecheckCount(field, today);
    }

    /// <summary>Sets one field of one row from what the control gives, and checks it as the engine will.</summary>
    public void SetCell(string name, int row, string cell, object? value, DateOnly? today = null)
    {
        if (fields.FirstOrDefault(f => f.Name == name && f.Type == FormFieldTypes.List) is not { } field || Rows(name) is not { } rows ||
            row < 0 || row >= rows.Count || field.Fields?.FirstOrDefault(f => f.Name == cell) is not { } rowField)
        {
            return;
        }

        rows[row][cell] = Clean(value);
        var key = CellKey(name, row, cell);
        errors.Remove(key);
        var single = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (rows[row][cell] is { } kept)
        {
            single[cell] = kept;
        }

        foreach (var error in FormValidator.ValidateFields([rowField], single, today))
        {
            errors[key] = error.Message.Get(language) ?? error.Code;
        }
    }

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
        values[name] = Clean(value);
        Check(name, today);
    }

    /// <summary>
    /// The data to submit: every field the chosen outcome shows that was given a value. A List field is given
    /// as its rows (each without its empty fields), and not at all when it has none.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Data => values
        .Where(v => v.Value is not null and not List<Dictionary<string, object?>> { Count: 0 } && fields.Any(f => f.Name == v.Key && Shows(f.Outcomes, Outcome)))
        .ToDictionary(v => v.Key, v => Copy(v.Value), StringComparer.Ordinal);

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
            if (fields.Any(f => f.Name == error.Field || (f.Type == FormFieldTypes.List && error.Field.StartsWith(f.Name + "[", StringComparison.Ordinal))))
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

    /// <summary>The first field at fault, in the order the form shows them (rows in order, each row's fields in order), for the page to move the focus to.</summary>
    public string? FirstError
    {
        get
        {
            foreach (var shown in fields.Where(f => Shows(f.Outcomes, Outcome)))
            {
                if (errors.ContainsKey(shown.Name))
                {
                    return shown.Name;
                }

                for (var row = 0; shown.Type == FormFieldTypes.List && row < RowCount(shown.Name); row++)
                {
                    foreach (var cell in shown.Fields ?? [])
                    {
                        if (errors.ContainsKey(CellKey(shown.Name, row, cell.Name)))
                        {
                            return CellKey(shown.Name, row, cell.Name);
                        }
                    }
                }
            }

            return null;
        }
    }

    private static object? Clean(object? value) => value switch
    {
        string text when text.Trim().Length == 0 => null,
        string text => text.Trim(),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int number => (double)number,
        decimal number => (double)number,
        _ => value,
    };

    private static Dictionary<string, object?> NewRow(FormField list) =>
        (list.Fields ?? []).Where(f => f.Type == FormFieldTypes.Boolean).ToDictionary(f => f.Name, object? (_) => false, StringComparer.Ordinal);

    /// <summary>Rows handed out are copies without their empty fields: what is submitted or kept never changes with later typing.</summary>
    private static object? Copy(object? value) => value is List<Dictionary<string, object?>> rows
        ? rows.Select(r => r.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal)).ToList()
        : value;

    /// <summary>The rows of a draft (JSON, or rows built in code), keeping only the row fields the list has and values of their kind.</summary>
    private static List<Dictionary<string, object?>>? RowsOf(FormField list, object? kept)
    {
        if (Values.Normalize(kept) is not JsonElement { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var rows = new List<Dictionary<string, object?>>();
        foreach (var item in array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var cells = Values.FromJsonObject(item);
            var row = NewRow(list);
            foreach (var field in list.Fields ?? [])
            {
                if (cells.TryGetValue(field.Name, out var value) && Fits(field, value))
                {
                    row[field.Name] = value;
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    private List<Dictionary<string, object?>>? Rows(string name) => values.GetValueOrDefault(name) as List<Dictionary<string, object?>>;

    /// <summary>After a row is added or removed, the list's own message (too few, too many) follows the new count.</summary>
    private void RecheckCount(FormField field, DateOnly? today)
    {
        if (!errors.Remove(field.Name))
        {
            return;
        }

        var count = new Dictionary<string, object?>(StringComparer.Ordinal) { [field.Name] = Copy(values.GetValueOrDefault(field.Name)) };
        foreach (var error in FormValidator.ValidateFields([field with { Fields = [] }], count, today).Where(e => e.Field == field.Name))
        {
            errors[field.Name] = error.Message.Get(language) ?? error.Code;
        }
    }

    /// <summary>Drops the errors of a field, and of its rows when it is a list.</summary>
    private void RemoveErrors(string name)
    {
        errors.Remove(name);
        foreach (var key in errors.Keys.Where(k => k.StartsWith(name + "[", StringComparison.Ordinal)).ToList())
        {
            errors.Remove(key);
        }
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
