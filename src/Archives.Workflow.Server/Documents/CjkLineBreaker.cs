using System.Globalization;
using System.Text;

namespace Archives.Workflow.Server.Documents;

/// <summary>
/// Breaks a paragraph into lines the way Chinese print does: between any two Chinese characters, never inside a run of
/// Latin letters or digits (a document number, an identity number, an address on the web) unless it alone is wider than
/// the line; closing punctuation (，。）」…) never starts a line — it hangs in the margin instead — and opening
/// punctuation (（「“…) never ends one.
/// </summary>
public static class CjkLineBreaker
{
    private const string Closing = "，。、；：？！）」』》〉】〕”’…—%,.;:?!)]}·～";
    private const string Opening = "（「『《〈【〔“‘([{";

    /// <param name="paragraph">One paragraph, without line breaks.</param>
    /// <param name="measure">The printed width of a piece of text.</param>
    /// <param name="width">The line's width.</param>
    /// <param name="indent">The first line's indent.</param>
    public static IReadOnlyList<string> Wrap(string paragraph, Func<string, float> measure, float width, float indent = 0)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        ArgumentNullException.ThrowIfNull(measure);
        var lines = new List<string>();
        var line = new List<(string Text, float Width)>();
        var used = indent;
        foreach (var unit in Units(paragraph, measure, width - indent))
        {
            var w = measure(unit);
            var blank = string.IsNullOrWhiteSpace(unit);
            if (line.Count == 0 && blank && lines.Count > 0)
            {
                continue;
            }

            if (used + w <= width || line.Count == 0 || (unit.Length == 1 && Closing.Contains(unit[0], StringComparison.Ordinal)))
            {
                line.Add((unit, w));
                used += w;
                continue;
            }

            // An opening bracket or quote goes down with what it opens.
            var carried = new List<(string Text, float Width)>();
            while (line.Count > 1 && line[^1].Text.Length == 1 && Opening.Contains(line[^1].Text[0], StringComparison.Ordinal))
            {
                carried.Insert(0, line[^1]);
                line.RemoveAt(line.Count - 1);
            }

            lines.Add(string.Concat(line.Select(u => u.Text)).TrimEnd());
            line = carried;
            used = carried.Sum(u => u.Width);
            if (!blank)
            {
                line.Add((unit, w));
                used += w;
            }
        }

        if (line.Count > 0 || lines.Count == 0)
        {
            lines.Add(string.Concat(line.Select(u => u.Text)).TrimEnd());
        }

        return lines;
    }

    /// <summary>The pieces a line may break between; a run wider than a whole line is cut where it fills one.</summary>
    private static IEnumerable<string> Units(string paragraph, Func<string, float> measure, float firstWidth)
    {
        var run = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(paragraph);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (IsBreakable(element))
            {
                if (run.Length > 0)
                {
                    foreach (var piece in Cut(run.ToString(), measure, firstWidth))
                    {
                        yield return piece;
                    }

                    run.Clear();
                }

                yield return element;
            }
            else
            {
                run.Append(element);
            }
        }

        if (run.Length > 0)
        {
            foreach (var piece in Cut(run.ToString(), measure, firstWidth))
            {
                yield return piece;
            }
        }
    }

    private static IEnumerable<string> Cut(string run, Func<string, float> measure, float width)
    {
        if (measure(run) <= width)
        {
            yield return run;
            yield break;
        }

        var piece = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(run);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (piece.Length > 0 && measure(piece + element) > width)
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(element);
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>A space, or a character of the Chinese, Japanese or Korean scripts or their punctuation: a line may break on either side.</summary>
    private static bool IsBreakable(string element)
    {
        if (!Rune.TryGetRuneAt(element, 0, out var rune))
        {
            return true;
        }

        var c = rune.Value;
        return Rune.IsWhiteSpace(rune)
            || c is >= 0x2E80 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFFEF or >= 0x20000
            || c is 0x2014 or 0x2026 or 0x201C or 0x201D or 0x2018 or 0x2019 or 0xB7 or >= 0x1F000;
    }
}
