using System.Globalization;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Server.Components.Forms;

/// <summary>One field as a form shows it, in the reader's language.</summary>
public sealed record FieldView(
    string Name, string Type, string Label, bool Required, int? MaxLength, double? Min, double? Max,
    IReadOnlyList<KeyValuePair<string, string>> Choices, bool Multiline);

/// <summary>
/// A form generated from a UserTask's (or a start form's) field definitions. Each change is checked
/// at once with the engine's own field rules, in the reader's language; what the engine reports on
/// submit (form-level rules included) is shown against the same fields. So the page, the API and
/// the CLI refuse the same data with the same messages.
/// </summary>
public sealed class TaskFormModel
{
    private readonly IReadOnlyList<FormField> fields;
    private readonly string language;
    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    public TaskFormModel(IReadOnlyList<FormField>? fields, string language)
    {
        this.fields = fields ?? [];
        this.language = language;
        Fields = [.. this.fields.Select(f => new FieldView(
            f.Name, f.Type, f.Label?.Get(language) ?? f.Name, f.Required, f.MaxLength, f.Min, f.Max,
            [.. (f.Choices ?? []).Select(c => new KeyValuePair<string, string>(c.Value, c.Label?.Get(language) ?? c.Value))],
            f.Type == FormFieldTypes.Text && (f.MaxLength is null or > 100)))];
        foreach (var field in this.fields.Where(f => f.Type == FormFieldTypes.Boolean))
        {
            values[field.Name] = false;
        }
    }

    public IReadOnlyList<FieldView> Fields { get; }

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

    /// <summary>The data to submit: every field given a value.</summary>
    public IReadOnlyDictionary<string, object?> Data => values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>Checks every field; true when none is at fault.</summary>
    public bool Validate(DateOnly? today = null)
    {
        errors.Clear();
        FormError = null;
        Show(FormValidator.ValidateFields(fields, Data, today));
        return errors.Count == 0;
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
