using System.Text;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Documents;
using QRCoder;
using SkiaSharp;

namespace Archives.Workflow.Server.Documents;

/// <summary>
/// Prints a document as an A4 PDF in Chinese, from the row's own fields whatever its kind: the issuing institution, the
/// kind, the number and date (China time), the recipient, the text (wrapped as Chinese print wraps, on as many pages as
/// it needs) and on every page the verification code, as a QR code of the public check's address and as the short code
/// to type. The font is embedded as a subset with a map back to Unicode, so the text can be searched and copied.
/// The same row always prints the same bytes: the PDF's dates are the issue date and it carries no random ids.
/// </summary>
public sealed class DocumentPdf(DocumentFont font)
{
    private const float PageWidth = 595.28f;
    private const float PageHeight = 841.89f;
    private const float Margin = 64f;
    private const float FooterTop = PageHeight - 128f;
    private const float BodySize = 12f;
    private const float BodyLeading = 22f;
    private const float QrSize = 72f;

    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);

    /// <summary>The address printed for a code: <c>{base}/verify/7K3M-Q9XW-2HRT</c>.</summary>
    public static Uri VerifyAddress(Uri publicBase, string code)
    {
        ArgumentNullException.ThrowIfNull(publicBase);
        return new Uri(publicBase, "/verify/" + VerificationCodes.Display(code));
    }

    public byte[] Render(Document document, string institutionName, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(institutionName);
        var typeface = font.Typeface;
        using var title = new SKFont(typeface, 22f);
        using var heading = new SKFont(typeface, 15f);
        using var body = new SKFont(typeface, BodySize);
        using var small = new SKFont(typeface, 9f);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var rule = new SKPaint { Color = Ink, StrokeWidth = 0.8f, Style = SKPaintStyle.Stroke };

        var kind = LetterWording.Kind(document.Kind);
        var issued = ChinaTime.Date(document.IssuedAt);
        var verify = VerifyAddress(publicBase, document.VerificationCode);
        var lineWidth = PageWidth - (2 * Margin);
        var bodyLines = BodyLines(document, body, lineWidth);

        // Where each page's lines begin: the first page under the heading, the next ones at the top margin.
        const float firstBodyTop = Margin + 150f;
        const float nextBodyTop = Margin + 28f;
        var pages = new List<List<string>> { new() };
        var y = firstBodyTop;
        foreach (var line in bodyLines)
        {
            if (y + BodyLeading > FooterTop - 12f)
            {
                pages.Add([]);
                y = nextBodyTop;
            }

            pages[^1].Add(line);
            y += BodyLeading;
        }

        // Skia writes these as the PDF's dates; the issue instant (not the printing) keeps a reprint identical.
        var when = document.IssuedAt.UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{kind} {document.Number}", Author = institutionName, Subject = kind, Creator = "Archives.Workflow", Producer = "Archives.Workflow",
            Creation = when, Modified = when, RasterDpi = 300, EncodingQuality = 101, PdfA = false,
        };
        using var output = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(output, metadata))
        {
            for (var p = 0; p < pages.Count; p++)
            {
                var canvas = pdf.BeginPage(PageWidth, PageHeight);
                if (p == 0)
                {
                    Centered(canvas, institutionName, Margin + 18f, heading, ink);
                    canvas.DrawLine(Margin, Margin + 32f, PageWidth - Margin, Margin + 32f, rule);
                    Centered(canvas, kind, Margin + 72f, title, ink);
                    Text(canvas, "编号：" + document.Number, Margin, Margin + 104f, body, ink);
                    var date = $"{issued.Year}年{issued.Month}月{issued.Day}日";
                    Text(canvas, date, PageWidth - Margin - body.MeasureText(date), Margin + 104f, body, ink);
                    Text(canvas, "致：" + document.Recipient, Margin, Margin + 132f, body, ink);
                    y = firstBodyTop;
                }
                else
                {
                    Text(canvas, $"{kind}（续）  {document.Number}", Margin, Margin, small, ink);
                    y = nextBodyTop;
                }

                foreach (var line in pages[p])
                {
                    y += BodyLeading;
                    Text(canvas, line, Margin, y - 6f, body, ink);
                }

                Footer(canvas, document.VerificationCode, verify, publicBase, p + 1, pages.Count, small, body, ink, rule);
                pdf.EndPage();
            }

            pdf.Close();
        }

        return output.ToArray();
    }

    private static List<string> BodyLines(Document document, SKFont body, float width)
    {
        var lines = new List<string>();
        var indent = body.MeasureText("　　");
        foreach (var paragraph in document.Content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var text = paragraph.Trim();
            if (text.Length == 0)
            {
                lines.Add(string.Empty);
                continue;
            }

            var wrapped = CjkLineBreaker.Wrap(text, t => body.MeasureText(t), width, indent);
            lines.Add("　　" + wrapped[0]);
            lines.AddRange(wrapped.Skip(1));
        }

        return lines;
    }

    private static void Footer(SKCanvas canvas, string code, Uri verify, Uri publicBase, int page, int pageCount, SKFont small, SKFont body, SKPaint ink, SKPaint rule)
    {
        canvas.DrawLine(Margin, FooterTop, PageWidth - Margin, FooterTop, rule);
        var qrTop = FooterTop + 12f;
        DrawQr(canvas, verify.AbsoluteUri, Margin, qrTop, QrSize);
        var x = Margin + QrSize + 14f;
        Text(canvas, "验证码：" + VerificationCodes.Display(code), x, qrTop + 18f, body, ink);
        var hint = $"扫描二维码，或访问 {new Uri(publicBase, "/verify").AbsoluteUri} 输入验证码，核验本文书的真伪。";
        var lineY = qrTop + 38f;
        foreach (var line in CjkLineBreaker.Wrap(hint, t => small.MeasureText(t), PageWidth - Margin - x))
        {
            Text(canvas, line, x, lineY, small, ink);
            lineY += 14f;
        }

        var pageText = $"第 {page} 页　共 {pageCount} 页";
        Text(canvas, pageText, PageWidth - Margin - small.MeasureText(pageText), PageHeight - 28f, small, ink);
    }

    /// <summary>The QR code as filled squares (vector, sharp at any zoom), one rectangle per horizontal run of dark modules.</summary>
    private static void DrawQr(SKCanvas canvas, string text, float left, float top, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        using var dark = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
        for (var row = 0; row < matrix.Count; row++)
        {
            var bits = matrix[row];
            var col = 0;
            while (col < bits.Length)
            {
                if (!bits[col])
                {
                    col++;
                    continue;
                }

                var start = col;
                while (col < bits.Length && bits[col])
                {
                    col++;
                }

                canvas.DrawRect(left + (start * module), top + (row * module), (col - start) * module, module, dark);
            }
        }
    }

    private static void Centered(SKCanvas canvas, string text, float baseline, SKFont font, SKPaint paint) =>
        Text(canvas, text, (PageWidth - font.MeasureText(text)) / 2f, baseline, font, paint);

    /// <summary>
    /// Draws one line as a glyph run that carries its text: where the font's map from glyphs back to characters is
    /// ambiguous (人 and the radical ⼈ share one glyph), the PDF then says which character was meant (/ActualText).
    /// </summary>
    private static void Text(SKCanvas canvas, string text, float x, float baseline, SKFont font, SKPaint paint)
    {
        if (text.Length == 0)
        {
            return;
        }

        var glyphs = font.GetGlyphs(text);
        var widths = font.GetGlyphWidths(glyphs, paint);
        var utf8 = Encoding.UTF8.GetBytes(text);
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateHorizontalTextRun(font, glyphs.Length, baseline, utf8.Length);
        glyphs.CopyTo(run.Glyphs);
        var clusters = new uint[glyphs.Length];
        var position = x;
        var offset = 0;
        var index = 0;
        // One glyph per code point (GetGlyphs maps code points, it does not shape), so each cluster starts at its code point's UTF-8 offset.
        foreach (var rune in text.EnumerateRunes())
        {
            if (index == glyphs.Length)
            {
                break;
            }

            run.Positions[index] = position;
            position += widths[index];
            clusters[index] = (uint)offset;
            offset += rune.Utf8SequenceLength;
            index++;
        }

        run.SetClusters(clusters);
        run.SetText(utf8);
        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, 0, 0, paint);
        }
    }
}
