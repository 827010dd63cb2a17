namespace Archives.Workflow.Engine;

/// <summary>
/// The one shape of every refusal, from the engine, the runtime and the archives domain: a stable
/// <see cref="Code"/> (see <see cref="ErrorCodes"/>), a <see cref="Kind"/> from which the HTTP edge and
/// the pages choose how to answer, the activity and the fields at fault, and a message in both
/// languages. A refusal changes nothing.
/// </summary>
public abstract class RefusalException : Exception
{
    /// <param name="kind">What kind of refusal this is; the edge maps it to a status.</param>
    /// <param name="code">The stable, machine-readable code.</param>
    /// <param name="text">The message in both languages (or one, when only one exists).</param>
    /// <param name="activityId">The activity at fault, if any.</param>
    /// <param name="errors">The fields at fault, each with its own code and message.</param>
    /// <param name="inner">The exception that caused this refusal, if any.</param>
    protected RefusalException(RefusalKind kind, string code, LocalizedText text, string? activityId = null, IReadOnlyList<FieldError>? errors = null, Exception? inner = null)
        : base(Render(text), inner)
    {
        ArgumentNullException.ThrowIfNull(code);
        Kind = kind;
        Code = code;
        Text = text;
        ActivityId = activityId;
        Errors = errors ?? [];
    }

    /// <summary>Invalid input, forbidden, not found, a conflict with the current state, or unavailable for now.</summary>
    public RefusalKind Kind { get; }

    /// <summary>The stable code a client or page switches on.</summary>
    public string Code { get; }

    /// <summary>The message per language; <see cref="Exception.Message"/> is both languages in one line.</summary>
    public LocalizedText Text { get; }

    /// <summary>The activity of the definition at fault, if any.</summary>
    public string? ActivityId { get; }

    /// <summary>The fields at fault, in order; empty when the refusal is not about fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>
    /// The message of the refusal for a reader of <paramref name="language"/>. By default both languages
    /// in one line ("中文。 English."), which is what API clients have always received.
    /// </summary>
    public virtual string Detail(string language) => Message;

    /// <summary>The message of <paramref name="field"/> for a reader of <paramref name="language"/>; by default both languages in one line.</summary>
    public virtual string Describe(FieldError field, string language)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Render(field.Message);
    }

    /// <summary>A text as one line: the Chinese then the English when both exist ("中文。 English."), else the one there is.</summary>
    public static string Render(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IsPlain)
        {
            return text.Get(LocalizedText.English);
        }

        var zh = text[LocalizedText.Chinese];
        var en = text[LocalizedText.English];
        return zh is { Length: > 0 } && en is { Length: > 0 } ? $"{zh} {en}" : text.Get(LocalizedText.Chinese);
    }
}
