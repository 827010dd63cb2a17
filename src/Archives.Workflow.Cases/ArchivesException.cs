namespace Archives.Workflow.Cases;

/// <summary>
/// A refusal of the archives domain, with a stable code and, where one field is at fault, its name.
/// The HTTP edge maps <see cref="Kind"/> to 400, 403, 404 or 409.
/// </summary>
public sealed class ArchivesException : Exception
{
    public ArchivesException(RefusalKind kind, string code, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Field = field;
    }

    public ArchivesException()
        : this(RefusalKind.Invalid, "Refused", "The request was refused.")
    {
    }

    public ArchivesException(string message)
        : this(RefusalKind.Invalid, "Refused", message)
    {
    }

    public ArchivesException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "Refused";
    }

    public RefusalKind Kind { get; }

    /// <summary>OutsideArea, PersonDeceased, ExpressMailRefused, Avoidance, OutOfScope, Clearance, NotFound, FileNotHeld…</summary>
    public string Code { get; }

    public string? Field { get; }

    public static ArchivesException Invalid(string code, string field, string message) => new(RefusalKind.Invalid, code, message, field);

    public static ArchivesException Forbidden(string code, string message) => new(RefusalKind.Forbidden, code, message);

    public static ArchivesException NotFound(string what) => new(RefusalKind.NotFound, "NotFound", what);

    public static ArchivesException Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);
}

public enum RefusalKind
{
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}
