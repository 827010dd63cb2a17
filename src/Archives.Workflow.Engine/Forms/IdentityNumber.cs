namespace Archives.Workflow.Engine.Forms;

/// <summary>
/// The 18-character resident identity number of GB 11643: a 6-digit region code, the 8-digit birth
/// date, a 3-digit sequence (odd for men) and a check character by ISO 7064 MOD 11-2.
/// </summary>
/// <remarks>
/// This is the one rule for every door a number comes in by (registering a person, starting a case,
/// a task form's identity-number field): the region must be a province-level code of GB/T 2260, and
/// the birth date a real day, not after <c>today</c> and at most <see cref="MaxAgeYears"/> years before it.
/// </remarks>
public static class IdentityNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The oldest person a number may describe, in years before today.</summary>
    public const int MaxAgeYears = 130;

    // Province-level divisions of GB/T 2260 (the first two digits of every region code).
    private static readonly HashSet<int> Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ];

    /// <summary>Null when <paramref name="value"/> is valid; otherwise a stable code: IdNumberLength, IdNumberFormat, IdNumberRegion, IdNumberBirthDate or IdNumberChecksum.</summary>
    /// <param name="value">The number as entered (an <c>x</c> is taken as <c>X</c>).</param>
    /// <param name="today">The day by the caller's clock (China time); without it, only dates before 1900 are refused as too old and none as too late.</param>
    public static string? Check(string value, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != 18)
        {
            return "IdNumberLength";
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return "IdNumberFormat";
            }
        }

        if (!char.IsAsciiDigit(value[17]) && value[17] is not ('X' or 'x'))
        {
            return "IdNumberFormat";
        }

        if (!Provinces.Contains(((value[0] - '0') * 10) + (value[1] - '0')))
        {
            return "IdNumberRegion";
        }

        var tooOld = today is { } t ? t.AddYears(-MaxAgeYears) : new DateOnly(1900, 1, 1);
        if (BirthDate(value) is not { } birth || birth < tooOld || (today is { } day && birth > day))
        {
            return "IdNumberBirthDate";
        }

        return CheckCharacter(value.AsSpan(0, 17)) == char.ToUpperInvariant(value[17]) ? null : "IdNumberChecksum";
    }

    /// <summary>True when <see cref="Check"/> finds nothing wrong.</summary>
    public static bool IsValid(string value, DateOnly? today = null) => Check(value, today) is null;

    /// <summary>The message of a code <see cref="Check"/> returned, in Chinese and English.</summary>
    public static Definitions.LocalizedText Describe(string code) => FormMessages.For(code);

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static DateOnly? BirthDate(string value) =>
        value.Length >= 14 && DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>True for an odd sequence digit (the 17th character).</summary>
    public static bool IsMale(string value) => value.Length >= 17 && (value[16] - '0') % 2 == 1;
}
