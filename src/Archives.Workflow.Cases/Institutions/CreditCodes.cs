namespace Archives.Workflow.Cases.Institutions;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015) that names a unit: 18 characters from
/// the code's alphabet (digits and capitals without I, O, S, V and Z), the last a check character computed
/// from the other seventeen, so a mistyped code is caught at the counter rather than in the unit's reply.
/// </summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The code as stored: trimmed, upper-cased.</summary>
    public static string Normalize(string? value) => value?.Trim().ToUpperInvariant() ?? string.Empty;

    /// <summary>True when <paramref name="code"/> (already normalized) has 18 characters of the alphabet and the right check character.</summary>
    public static bool IsValid(string? code)
    {
        if (code is not { Length: 18 })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            sum += value * Weights[i];
        }

        var check = (31 - (sum % 31)) % 31;
        return code[17] == Alphabet[check];
    }
}
