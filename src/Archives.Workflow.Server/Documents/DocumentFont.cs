using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Archives.Workflow.Server.Documents;

/// <summary>
/// The CJK font documents are printed in, loaded once from <see cref="DocumentOptions.FontPath"/>. A server without it
/// still starts (everything but printing works) and says so in its log at start-up; printing then answers 503
/// <c>DocumentFontMissing</c> with what to install.
/// </summary>
public sealed class DocumentFont : IDisposable
{
    private readonly Lazy<(SKTypeface? Typeface, string? Problem)> loaded;

    public DocumentFont(IOptions<DocumentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.FontPath;
        var family = options.Value.FontFamily;
        loaded = new Lazy<(SKTypeface?, string?)>(() => Load(path, family));
    }

    /// <summary>Why documents cannot be printed, or null when they can.</summary>
    public string? Problem => loaded.Value.Problem;

    /// <summary>The face to print with; only when <see cref="Problem"/> is null.</summary>
    public SKTypeface Typeface => loaded.Value.Typeface ?? throw new InvalidOperationException(Problem);

    public void Dispose()
    {
        if (loaded.IsValueCreated)
        {
            loaded.Value.Typeface?.Dispose();
        }
    }

    private static (SKTypeface?, string?) Load(string path, string family)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return (null, $"The CJK font for printed documents is missing: no file at {path}. Install the Debian package fonts-noto-cjk "
                + "(apt-get install fonts-noto-cjk) or name another font in Documents:FontPath.");
        }

        var found = new List<string>();
        // A collection holds several faces (Japanese, Korean, simplified and traditional Chinese); take the one asked for.
        for (var index = 0; index < 32; index++)
        {
            var face = SKTypeface.FromFile(path, index);
            if (face is null)
            {
                break;
            }

            if (string.IsNullOrEmpty(family) || string.Equals(face.FamilyName, family, StringComparison.OrdinalIgnoreCase))
            {
                using var probe = new SKFont(face);
                if (probe.ContainsGlyph('档'))
                {
                    return (face, null);
                }

                face.Dispose();
                return (null, $"The font {path} has no Chinese characters; name a CJK font in Documents:FontPath.");
            }

            found.Add(face.FamilyName);
            face.Dispose();
        }

        return (null, found.Count == 0
            ? $"The file {path} is not a font the printer can read; name a CJK font in Documents:FontPath."
            : $"The font file {path} has no face {family} (it has {string.Join(", ", found)}); set Documents:FontFamily.");
    }
}
