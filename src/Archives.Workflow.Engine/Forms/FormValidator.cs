using System.Text.RegularExpressions;

namespace Archives.Workflow.Engine.Forms;

/// <summary>
/// Checks submitted data against form fields (types, required, limits, patterns, choices, identity
/// numbers) and form-level rules. The same code serves task forms, signal payloads and start inputs,
/// so the API, the CLI and the UI report the same errors.
/// </summary>
public static class FormValidator
{
    /// <summary>Field checks only (no rules): every problem, in field order.</summary>
    public static List<FieldError> ValidateFields(
        IReadOnlyList<FormField> fields,
        IReadOnlyDictionary<string, object?> data,
        DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(data);
        var errors = new List<FieldError>();
        foreach (var key in data.Keys)
        {
            if (!fields.Any(f => string.Equals(f.Name, key, StringComparison.Ordinal)))
            {
                errors.Add(new FieldError(key, "UnknownField", FormMessages.For("UnknownField")));
            }
        }

        foreach (var field in fields)
        {
            data.TryGetValue(field.Name, out var value);
            if (field.Type == FormFieldTypes.List)
            {
                CheckList(field, value, today, errors);
                continue;
            }

            if (value is null || value is string { Length: 0 })
            {
                if (field.Required)
                {
                    errors.Add(Error(field, "Required"));
                }

                continue;
            }

            if (CheckValue(field, value, today) is { } code)
            {
                errors.Add(Error(field, code));
            }
        }

        return errors;
    }

    /// <summary>
    /// A List field: the count of rows against minItems and maxItems, then every row with the checks of its own
    /// fields, each problem named by its path (<c>requesters[1].idNumber</c>, the index counted from 0).
    /// </summary>
    private static void CheckList(FormField field, object? value, DateOnly? today, List<FieldError> errors)
    {
        var rows = Values.Normalize(value) switch
        {
            null or string { Length: 0 } => [],
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().ToList(),
            _ => null,
        };
        if (rows is null)
        {
            errors.Add(Error(field, "NotAList"));
            return;
        }

        if (rows.Count == 0 && field.Required)
        {
            errors.Add(Error(field, "Required"));
        }
        else if (field.MinItems is { } min && rows.Count < min)
        {
            errors.Add(Error(field, "TooFewItems"));
        }
        else if (field.MaxItems is { } max && rows.Count > max)
        {
            errors.Add(Error(field, "TooManyItems"));
        }

        var rowFields = field.Fields ?? [];
        for (var i = 0; i < rows.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{field.Name}[{i}]");
            if (rows[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(at, "NotARow", FormMessages.For("NotARow")));
                continue;
            }

            foreach (var error in ValidateFields(rowFields, Values.FromJsonObject(rows[i]), today))
            {
                errors.Add(error with { Field = $"{at}.{error.Field}" });
            }
        }
    }

    /// <summary>
    /// The fields that belong to <paramref name="outcome"/>, then (when they are fine) the rules that apply to it.
    /// A value given for a field of another outcome is refused (<c>FieldNotForOutcome</c>): a form never keeps what its outcome hides.
    /// </summary>
    public static List<FieldError> Validate(
        IReadOnlyList<FormField> fields,
        IReadOnlyList<FormRule> rules,
        IReadOnlyDictionary<string, object?> data,
        string? outcome,
        Func<WorkflowExpression, object?> evaluateRule,
        DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(evaluateRule);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(data);
        var errors = new List<FieldError>();
        var hidden = fields.Where(f => !f.AppliesTo(outcome)).ToList();
        foreach (var field in hidden)
        {
            if (data.TryGetValue(field.Name, out var value) && value is not null && value is not string { Length: 0 })
            {
                errors.Add(new FieldError(field.Name, "FieldNotForOutcome", FormMessages.For("FieldNotForOutcome")));
            }
        }

        var shown = hidden.Count == 0 ? fields : [.. fields.Where(f => f.AppliesTo(outcome))];
        var shownData = hidden.Count == 0
            ? data
            : data.Where(d => !hidden.Any(h => string.Equals(h.Name, d.Key, StringComparison.Ordinal)))
                .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        errors.AddRange(ValidateFields(shown, shownData, today));
        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var rule in rules)
        {
            if (rule.Outcomes is { Count: > 0 } outcomes && (outcome is null || !outcomes.Contains(outcome, StringComparer.Ordinal)))
            {
                continue;
            }

            bool holds;
            try
            {
                holds = Values.IsTruthy(evaluateRule(rule.Assert));
            }
            catch (ExpressionException ex)
            {
                errors.Add(new FieldError(rule.Field ?? string.Empty, "RuleFailed",
                    LocalizedText.Of($"校验规则无法执行：{ex.Message}", $"A validation rule could not be evaluated: {ex.Message}")));
                continue;
            }

            if (!holds)
            {
                errors.Add(new FieldError(rule.Field ?? string.Empty, rule.Code ?? "RuleViolated", rule.Message));
            }
        }

        return errors;
    }

    private static FieldError Error(FormField field, string code) => new(field.Name, code, FormMessages.For(code, field));

    private static string? CheckValue(FormField field, object value, DateOnly? today)
    {
        switch (field.Type)
        {
            case FormFieldTypes.Text:
                if (value is not string text)
                {
                    return "NotText";
                }

                if (field.MaxLength is { } max && text.Length > max)
                {
                    return "TooLong";
                }

                // Non-backtracking: linear time, so a pattern can neither hang nor time out differently on another machine.
                if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking))
                {
                    return "PatternMismatch";
                }

                return null;
            case FormFieldTypes.Number:
                if (value is not double number || double.IsNaN(number) || double.IsInfinity(number))
                {
                    return "NotANumber";
                }

                if (field.Min is { } min && number < min)
                {
                    return "BelowMin";
                }

                return field.Max is { } maxNumber && number > maxNumber ? "AboveMax" : null;
            case FormFieldTypes.Date:
                if (value is not string dateText ||
                    !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return "NotADate";
                }

                return null;
            case FormFieldTypes.Boolean:
                return value is bool ? null : "NotABoolean";
            case FormFieldTypes.Choice:
                return value is string choice && (field.Choices ?? []).Any(c => string.Equals(c.Value, choice, StringComparison.Ordinal))
                    ? null
                    : "NotAChoice";
            case FormFieldTypes.IdNumber:
                return value is string id ? IdentityNumber.Check(id, today) : "IdNumberFormat";
            default:
                return null;
        }
    }
}
