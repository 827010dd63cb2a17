namespace Archives.Workflow.Server.Components;

/// <summary>The kinds of page that cannot be shown, as the error panel words them.</summary>
public static class ErrorKinds
{
    public const string NotFound = "NotFound";

    public const string Forbidden = "Forbidden";

    public const string Error = "Error";

    /// <summary>The kind an HTTP status reads as: 404 not found, 401/403 refused, anything else a failure.</summary>
    public static string Of(int status) => status switch
    {
        404 => NotFound,
        401 or 403 => Forbidden,
        _ => Error,
    };
}
