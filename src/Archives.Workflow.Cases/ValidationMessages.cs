using System.Globalization;
using FluentValidation.Internal;
using FluentValidation.Resources;
using FluentValidation.Results;

namespace Archives.Workflow.Cases;

/// <summary>
/// FluentValidation's own rules (a length, a required value) speak as the domain's rules do: the
/// message in Chinese and English together ("中文。 English.", whatever the thread's culture), and a
/// stable code named after the rule (<c>MaximumLength</c>, <c>NotEmpty</c>) rather than the validator class.
/// A rule's own message is given as a <see cref="LocalizedText"/> (<see cref="WithMessage{T, TProperty}(IRuleBuilderOptions{T, TProperty}, LocalizedText)"/>),
/// which a page reads per language (<see cref="Text"/>) and an API client receives in one line.
/// </summary>
public static class ValidationMessages
{
    private static readonly LanguageManager Resources = new();

    /// <summary>The rule's message in both languages: the failure's message is the one-line form, its state the text itself.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, LocalizedText message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(message);
        return rule.WithMessage(RefusalException.Render(message)).WithState(_ => message);
    }

    /// <summary>The rule's message in both languages, computed from the instance validated.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Func<T, LocalizedText> message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(message);
        return rule.WithMessage(x => RefusalException.Render(message(x))).WithState(x => message(x));
    }

    /// <summary>
    /// A failure's message per language: the rule's own text, or FluentValidation's message for its rule
    /// formatted again in each language, or (for a message built elsewhere) the message as it is.
    /// </summary>
    public static LocalizedText Text(ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.CustomState is LocalizedText text)
        {
            return text;
        }

        var key = failure.ErrorCode + "Validator";
        var zh = Resources.GetString(key, Chinese);
        var en = Resources.GetString(key, English);
        if (string.IsNullOrEmpty(zh) || string.IsNullOrEmpty(en) || failure.FormattedMessagePlaceholderValues is null)
        {
            return LocalizedText.Plain(failure.ErrorMessage);
        }

        var formatter = new MessageFormatter();
        foreach (var (name, value) in failure.FormattedMessagePlaceholderValues)
        {
            formatter.AppendArgument(name, value);
        }

        return LocalizedText.Of(formatter.BuildMessage(zh), formatter.BuildMessage(en));
    }

    /// <summary>Sets FluentValidation's global language manager and error codes; idempotent.</summary>
    public static void Apply()
    {
        if (ValidatorOptions.Global.LanguageManager is not BilingualLanguageManager)
        {
            ValidatorOptions.Global.LanguageManager = new BilingualLanguageManager();
        }

        ValidatorOptions.Global.ErrorCodeResolver = static validator =>
            validator.Name.EndsWith("Validator", StringComparison.Ordinal) ? validator.Name[..^"Validator".Length] : validator.Name;
    }

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private sealed class BilingualLanguageManager : LanguageManager
    {

        public override string GetString(string key, CultureInfo? culture = null)
        {
            var zh = base.GetString(key, Chinese);
            var en = base.GetString(key, English);
            return string.Equals(zh, en, StringComparison.Ordinal) ? en : $"{zh} {en}";
        }
    }
}
