using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Documents;

/// <summary>Loads the documents' font at start-up, so that a missing one is said at once in the log rather than at the first printing.</summary>
public sealed partial class DocumentFontCheck(DocumentFont font, IOptions<DocumentOptions> options, ILogger<DocumentFontCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (font.Problem is { } problem)
        {
            LogFontMissing(logger, problem);
        }
        else
        {
            LogFontLoaded(logger, font.Typeface.FamilyName, options.Value.FontPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Documents cannot be printed as PDF: {Problem} Everything else works; printing answers 503 DocumentFontMissing until the font is there and the server restarted.")]
    private static partial void LogFontMissing(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Documents are printed in {Family} from {Path}")]
    private static partial void LogFontLoaded(ILogger logger, string family, string path);
}
