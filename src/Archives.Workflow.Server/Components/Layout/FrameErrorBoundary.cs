using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Archives.Workflow.Server.Components.Layout;

/// <summary>
/// The layout's error boundary: a page that fails unexpectedly is replaced by a friendly panel that shows
/// nothing of the exception, only a reference under which the failure was logged (with its trace id),
/// so that an operator can find it from what the reader quotes.
/// </summary>
public sealed partial class FrameErrorBoundary : ErrorBoundary
{
    [Inject]
    private ILogger<FrameErrorBoundary> Logger { get; set; } = default!;

    /// <summary>The reference of the last failure, shown to the reader.</summary>
    public string? Reference { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        // The trace id ties the reference to the request log when the failure happens within a request;
        // in a live page (no request) a fresh id is logged with the exception instead.
        Reference = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        LogPageFailed(Logger, Reference, exception);
        return Task.CompletedTask;
    }

    /// <summary>Shows the page again (after "Try again") and forgets the reference.</summary>
    public new void Recover()
    {
        Reference = null;
        base.Recover();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A page failed unexpectedly; reference {Reference}")]
    private static partial void LogPageFailed(ILogger logger, string reference, Exception exception);
}
