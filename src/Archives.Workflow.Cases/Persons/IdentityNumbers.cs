using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Cases.Persons;

/// <summary>
/// The identity-number rule (<see cref="IdentityNumber"/>, GB 11643) as every door of the archives
/// domain applies it: the number trimmed and upper-cased, the birth date judged by the clock's day in
/// China. Registering a person and starting a case both come here, and the engine applies the same
/// rule with the burst's day to start forms and task forms, so one number gets one answer.
/// </summary>
public static class IdentityNumbers
{
    /// <summary>The number as stored: trimmed, with an upper-case X.</summary>
    public static string Normalize(string? value) => value?.Trim().ToUpperInvariant() ?? string.Empty;

    /// <summary>Null when the number is valid today; otherwise the code of <see cref="IdentityNumber.Check"/>.</summary>
    public static string? Check(string? value, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return IdentityNumber.Check(Normalize(value), ChinaTime.Date(clock.GetUtcNow()));
    }

    /// <summary>The message of a code, per language.</summary>
    public static LocalizedText Text(string code) => IdentityNumber.Describe(code);

    /// <summary>The message of a code in one line, as the API shows it.</summary>
    public static string Message(string code) => Engine.RefusalException.Render(Text(code));
}
