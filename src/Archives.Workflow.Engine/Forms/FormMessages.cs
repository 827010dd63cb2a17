namespace Archives.Workflow.Engine.Forms;

/// <summary>The standard messages of form validation, in both languages.</summary>
internal static class FormMessages
{
    public static LocalizedText For(string code, FormField? field = null) => code switch
    {
        "Required" => LocalizedText.Of("此项为必填项。", "This field is required."),
        "UnknownField" => LocalizedText.Of("表单中没有此字段。", "The form has no such field."),
        "FieldNotForOutcome" => LocalizedText.Of("此项不属于所选的结果，应留空。", "This field does not belong to the chosen outcome and must be left empty."),
        "NotText" => LocalizedText.Of("应为文本。", "Must be text."),
        "TooLong" => LocalizedText.Of(Invariant($"不能超过 {field?.MaxLength} 个字符。"), Invariant($"Must be at most {field?.MaxLength} characters.")),
        "PatternMismatch" => LocalizedText.Of("格式不正确。", "Has the wrong format."),
        "NotANumber" => LocalizedText.Of("应为数字。", "Must be a number."),
        "BelowMin" => LocalizedText.Of(Invariant($"不能小于 {field?.Min}。"), Invariant($"Must be at least {field?.Min}.")),
        "AboveMax" => LocalizedText.Of(Invariant($"不能大于 {field?.Max}。"), Invariant($"Must be at most {field?.Max}.")),
        "NotADate" => LocalizedText.Of("应为日期（yyyy-MM-dd）。", "Must be a date (yyyy-MM-dd)."),
        "NotABoolean" => LocalizedText.Of("应为是或否。", "Must be true or false."),
        "NotAChoice" => LocalizedText.Of(
            $"应为以下之一：{string.Join("、", field?.Choices?.Select(c => c.Value) ?? [])}。",
            $"Must be one of: {string.Join(", ", field?.Choices?.Select(c => c.Value) ?? [])}."),
        "IdNumberLength" => LocalizedText.Of("身份证号码应为18位。", "An identity number has 18 characters."),
        "IdNumberFormat" => LocalizedText.Of("身份证号码前17位应为数字，末位为数字或X。", "An identity number is 17 digits and a digit or X."),
        "IdNumberRegion" => LocalizedText.Of("身份证号码的地区码无效。", "The region code of the identity number is invalid."),
        "IdNumberBirthDate" => LocalizedText.Of("身份证号码中的出生日期无效（不存在、晚于今天或早于一百三十年前）。", "The birth date in the identity number is invalid (no such day, after today, or more than 130 years ago)."),
        "IdNumberChecksum" => LocalizedText.Of("身份证号码校验位不正确。", "The check character of the identity number is wrong."),
        "NotAList" => LocalizedText.Of("应为由若干行组成的列表。", "Must be a list of rows."),
        "NotARow" => LocalizedText.Of("列表的每一行应为一组字段。", "Each row of the list must be an object of fields."),
        "TooFewItems" => LocalizedText.Of(Invariant($"至少需要 {field?.MinItems} 行。"), Invariant($"Needs at least {field?.MinItems} rows.")),
        "TooManyItems" => LocalizedText.Of(Invariant($"最多 {field?.MaxItems} 行。"), Invariant($"Takes at most {field?.MaxItems} rows.")),
        "RuleFailed" => LocalizedText.Of("校验规则无法执行。", "A validation rule could not be evaluated."),
        _ => LocalizedText.Of("数据无效。", "The value is invalid."),
    };

    /// <summary>Numbers in messages are written the same way on every machine.</summary>
    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
