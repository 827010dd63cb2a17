using Archives.Workflow.Engine.Execution;

namespace Archives.Workflow.Cases;

/// <summary>
/// A refusal of the archives domain, with a stable code (<see cref="ArchivesCodes"/>) and, where one
/// field is at fault, its name. The HTTP edge maps <see cref="RefusalException.Kind"/> to 400, 403,
/// 404 or 409.
/// </summary>
public sealed class ArchivesException : RefusalException
{
    public ArchivesException(RefusalKind kind, string code, LocalizedText message, string? field = null)
        : base(kind, code, message, errors: field is null ? null : [new FieldError(field, code, message)])
    {
        Field = field;
    }

    public ArchivesException(RefusalKind kind, string code, string message, string? field = null)
        : this(kind, code, LocalizedText.Plain(message), field)
    {
    }

    public ArchivesException()
        : this(RefusalKind.Invalid, ArchivesCodes.Refused, "The request was refused.")
    {
    }

    public ArchivesException(string message)
        : this(RefusalKind.Invalid, ArchivesCodes.Refused, message)
    {
    }

    public ArchivesException(string message, Exception innerException)
        : base(RefusalKind.Invalid, ArchivesCodes.Refused, LocalizedText.Plain(message), inner: innerException)
    {
    }

    /// <summary>The one field at fault, if any (also the only entry of <see cref="RefusalException.Errors"/>).</summary>
    public string? Field { get; }

    public static ArchivesException Invalid(string code, string field, string message) => new(RefusalKind.Invalid, code, message, field);

    public static ArchivesException Invalid(string code, string field, LocalizedText message) => new(RefusalKind.Invalid, code, message, field);

    public static ArchivesException Forbidden(string code, string message) => new(RefusalKind.Forbidden, code, message);

    public static ArchivesException NotFound(string what) => new(RefusalKind.NotFound, ArchivesCodes.NotFound, what);

    public static ArchivesException Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);

    public static ArchivesException Conflict(string code, LocalizedText message) => new(RefusalKind.Conflict, code, message);
}
