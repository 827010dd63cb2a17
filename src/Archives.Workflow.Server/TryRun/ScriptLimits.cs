using System.Globalization;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Simulation;

namespace Archives.Workflow.Server.TryRun;

/// <summary>
/// How far a script sent to the server may move the virtual clock: counting working days walks the calendar
/// day by day, so a script asking for millions of them would hold a request for minutes, and a duration of
/// millennia leaves the range of instants altogether.
/// </summary>
public static class ScriptLimits
{
    /// <summary>The most working days the <c>advance</c> steps of a script may count together (about ten years).</summary>
    public const int MaxWorkingDays = 2500;

    /// <summary>The furthest the <c>advance</c> steps' durations may reach together from the start, in years.</summary>
    public const int MaxYears = 20;

    /// <summary>Why the script goes too far, or null.</summary>
    public static string? Problem(IReadOnlyList<SimulationStep> script, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(script);
        var limit = start.AddYears(MaxYears);
        var reached = start;
        var workingDays = 0L;
        for (var i = 0; i < script.Count; i++)
        {
            if (script[i] is not AdvanceStep advance)
            {
                continue;
            }

            var step = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (advance.By.WorkingDays is { } days && (days < 0 || (workingDays += days) > MaxWorkingDays))
            {
                return $"Step {step}: a script advances by at most {MaxWorkingDays} working days in all, never backwards.";
            }

            if (advance.By.Duration is { } text)
            {
                try
                {
                    var before = reached;
                    reached = IsoDuration.Parse(text).AddTo(reached);
                    if (reached > limit || reached < before)
                    {
                        return $"Step {step}: an advance reaches at most {MaxYears} years past the start.";
                    }
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
                {
                    return $"Step {step}: '{text}' is not an ISO 8601 duration of at most {MaxYears} years.";
                }
            }
        }

        return null;
    }
}
