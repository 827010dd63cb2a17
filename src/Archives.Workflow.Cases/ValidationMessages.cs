using System.Globalization;
using FluentValidation;
using FluentValidation.Resources;

namespace Archives.Workflow.Cases;

/// <summary>
/// FluentValidation's own rules (a length, a required value) speak as the domain's rules do: the
/// message in Chinese and English together ("中文。 English.", whatever the thread's culture), and a
/// stable code named after the rule (<c>MaximumLength</c>, <c>NotEmpty</c>) rather than the validator class.
/// </summary>
public static class ValidationMessages
{
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

    private sealed class BilingualLanguageManager : LanguageManager
    {
        private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
        private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

        public override string GetString(string key, CultureInfo? culture = null)
        {
            var zh = base.GetString(key, Chinese);
            var en = base.GetString(key, English);
            return string.Equals(zh, en, StringComparison.Ordinal) ? en : $"{zh} {en}";
        }
    }
}
