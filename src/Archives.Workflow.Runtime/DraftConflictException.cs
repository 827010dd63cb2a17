using System.Globalization;
using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Runtime;

/// <summary>A draft was saved by someone else since the editor loaded it; nothing was stored. The editor may reload it.</summary>
public sealed class DraftConflictException : RefusalException
{
    public DraftConflictException(string definitionId, int version, int revision, string? savedBy, DateTimeOffset savedAt, Exception? inner = null)
        : base(RefusalKind.Conflict, ErrorCodes.DraftConflict, Describe(definitionId, version, savedBy, savedAt), inner: inner)
    {
        Revision = revision;
        SavedBy = savedBy;
        SavedAt = savedAt;
    }

    public DraftConflictException()
        : this(string.Empty, 0, 0, null, DateTimeOffset.MinValue)
    {
    }

    public DraftConflictException(string message)
        : base(RefusalKind.Conflict, ErrorCodes.DraftConflict, LocalizedText.Plain(message))
    {
    }

    public DraftConflictException(string message, Exception inner)
        : base(RefusalKind.Conflict, ErrorCodes.DraftConflict, LocalizedText.Plain(message), inner: inner)
    {
    }

    /// <summary>The revision now stored, the one to reload.</summary>
    public int Revision { get; }

    /// <summary>Who saved the draft last.</summary>
    public string? SavedBy { get; }

    /// <summary>When the draft was saved last.</summary>
    public DateTimeOffset SavedAt { get; }

    private static LocalizedText Describe(string definitionId, int version, string? savedBy, DateTimeOffset savedAt)
    {
        var at = savedAt.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var who = savedBy ?? "?";
        return LocalizedText.Of(
            $"{definitionId} 第 {version} 版草稿已由 {who} 于 {at} 保存，本次保存未覆盖它；请重新加载后再改。",
            $"The draft {definitionId} v{version} was saved by {who} at {at} (China time); your save did not overwrite it. Reload it and make your change again.");
    }
}
