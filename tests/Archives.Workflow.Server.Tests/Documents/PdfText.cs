using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Archives.Workflow.Server.Tests.Documents;

/// <summary>
/// A PDF's text as a reader's viewer copies it: the letters of each page in drawing order, a line break where the
/// baseline moves, and where the PDF names the character an ambiguous glyph stands for (/ActualText: 人 rather than
/// the radical ⼈ that shares its glyph) that character.
/// </summary>
internal static class PdfText
{
    public static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(Text)];
    }

    private static string Text(Page page)
    {
        var actual = new Dictionary<(double, double, string), string>();
        foreach (var content in page.GetMarkedContents())
        {
            if (content.ActualText is { } text && content.Letters.Count > 0)
            {
                actual[Key(content.Letters[0])] = text;
                foreach (var other in content.Letters.Skip(1))
                {
                    actual[Key(other)] = string.Empty;
                }
            }
        }

        var builder = new StringBuilder();
        double? baseline = null;
        foreach (var letter in page.Letters)
        {
            if (baseline is { } y && Math.Abs(letter.StartBaseLine.Y - y) > 1)
            {
                builder.Append('\n');
            }

            baseline = letter.StartBaseLine.Y;
            builder.Append(actual.TryGetValue(Key(letter), out var replaced) ? replaced : letter.Value);
        }

        return builder.ToString();
    }

    private static (double, double, string) Key(Letter letter) => (Math.Round(letter.StartBaseLine.X, 2), Math.Round(letter.StartBaseLine.Y, 2), letter.Value);
}
