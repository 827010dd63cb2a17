using System.Security.Cryptography;

namespace Archives.Workflow.Cases.Documents;

/// <summary>
/// The short codes printed on documents: 12 symbols of Crockford's base 32 (digits and letters without I, L, O and U,
/// so nothing reads as another symbol), 60 random bits from the system's cryptographic generator — unguessable, and
/// unique in practice (the column's unique index guards the rest). Shown in groups of four; typed in any case, with or
/// without spaces and dashes, and with O for 0 or I and L for 1.
/// </summary>
public static class VerificationCodes
{
    /// <summary>The symbols, in the order their values are drawn.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const int Length = 12;

    /// <summary>Longest input worth reading: anything longer is not a code, whatever it holds.</summary>
    private const int MaxInput = 64;

    public static string NewCode()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            // 32 symbols: the low five bits of each byte pick one without bias.
            code[i] = Alphabet[random[i] & 31];
        }

        return new string(code);
    }

    /// <summary><c>7K3MQ9XW2HRT</c> as <c>7K3M-Q9XW-2HRT</c>.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
    }

    /// <summary>
    /// The stored form of a typed code, or null when the input cannot be one (wrong length, a symbol outside the
    /// alphabet, a control character, an unpaired surrogate, anything very long): callers answer every such input
    /// exactly as they answer a well-formed code that matches nothing.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > MaxInput)
        {
            return null;
        }

        Span<char> code = stackalloc char[Length];
        var length = 0;
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\u3000' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' or '\uFF0D')
            {
                continue;
            }

            var symbol = Symbol(c);
            if (symbol == '\0' || length == Length)
            {
                return null;
            }

            code[length++] = symbol;
        }

        return length == Length ? new string(code) : null;
    }

    private static char Symbol(char c)
    {
        // Full-width forms (typed with a Chinese input method) count as their ASCII counterparts.
        if (c is >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A')
        {
            c = (char)(c - 0xFEE0);
        }

        c = char.ToUpperInvariant(c) switch
        {
            'O' => '0',
            'I' or 'L' => '1',
            var upper => upper,
        };
        return c < 128 && Alphabet.Contains(c, StringComparison.Ordinal) ? c : '\0';
    }
}
