using System.Text;
using System.Text.RegularExpressions;

namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// An ISO 8601 duration (<c>P1Y2M10DT2H30M</c>, <c>P2W</c>). Years, months and days are calendar
/// units added in China Standard Time, so <c>P1M</c> from 31 January is the last day of February.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Weeks, int Days, TimeSpan Time)
{
    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeSpanPattern();

    private const int MaxComponent = 10_000_000;
    private const int MaxYears = 1000;
    private static readonly DateTimeOffset Reference = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Adds with doubles so that overly long durations compare instead of overflowing.</summary>
    private DateTimeOffset Total(DateTimeOffset start)
    {
        var days = (Years * 366.0) + (Months * 31.0) + (Weeks * 7.0) + Days + Time.TotalDays;
        return days > MaxYears * 366.0 ? DateTimeOffset.MaxValue : start.AddDays(days);
    }

    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0 && Time == TimeSpan.Zero;

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim().ToUpperInvariant());
        if (!match.Success || text.Trim() is "P" or "PT" || text.TrimEnd().EndsWith('T'))
        {
            return false;
        }

        // Components are bounded so that every duration can be added to any date of this millennium.
        static int Int(Group g) => !g.Success ? 0
            : int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxComponent ? n : -1;
        int[] parts = [Int(match.Groups[1]), Int(match.Groups[2]), Int(match.Groups[3]), Int(match.Groups[4]), Int(match.Groups[5]), Int(match.Groups[6])];
        var seconds = match.Groups[7].Success
            ? double.Parse(match.Groups[7].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture)
            : 0;
        if (parts.Any(p => p < 0) || seconds > MaxComponent)
        {
            return false;
        }

        var candidate = new IsoDuration(parts[0], parts[1], parts[2], parts[3],
            TimeSpan.FromHours(parts[4]) + TimeSpan.FromMinutes(parts[5]) + TimeSpan.FromSeconds(seconds));
        if (candidate.Total(Reference) > Reference.AddYears(MaxYears))
        {
            return false;
        }

        duration = candidate;
        return true;
    }

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not an ISO 8601 duration such as P30D, P1M or PT2H.");

    /// <summary>Reads a .NET TimeSpan literal as Elsa writes it (<c>d.hh:mm:ss[.fffffff]</c>).</summary>
    public static bool TryParseTimeSpanLiteral(string? text, out IsoDuration duration)
    {
        duration = default;
        if (text is null)
        {
            return false;
        }

        var match = TimeSpanPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        static int Int(Group g) => g.Success ? int.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var hours = Int(match.Groups[2]);
        var minutes = Int(match.Groups[3]);
        var seconds = Int(match.Groups[4]);
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        var fraction = match.Groups[5].Success
            ? TimeSpan.FromTicks(long.Parse(match.Groups[5].Value.PadRight(7, '0'), CultureInfo.InvariantCulture))
            : TimeSpan.Zero;
        duration = new IsoDuration(0, 0, 0, Int(match.Groups[1]), new TimeSpan(hours, minutes, seconds) + fraction);
        return true;
    }

    /// <summary>The instant this long after <paramref name="start"/>, calendar units counted in China Standard Time.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start)
    {
        var local = start.ToOffset(ChinaTime.Offset);
        return local.AddYears(Years).AddMonths(Months).AddDays((Weeks * 7) + Days).Add(Time);
    }

    public override string ToString()
    {
        var builder = new StringBuilder("P");
        if (Years != 0) builder.Append(CultureInfo.InvariantCulture, $"{Years}Y");
        if (Months != 0) builder.Append(CultureInfo.InvariantCulture, $"{Months}M");
        if (Weeks != 0) builder.Append(CultureInfo.InvariantCulture, $"{Weeks}W");
        if (Days != 0) builder.Append(CultureInfo.InvariantCulture, $"{Days}D");
        if (Time != TimeSpan.Zero)
        {
            builder.Append('T');
            if (Time.Hours != 0) builder.Append(CultureInfo.InvariantCulture, $"{Time.Hours}H");
            if (Time.Minutes != 0) builder.Append(CultureInfo.InvariantCulture, $"{Time.Minutes}M");
            var seconds = Time.Seconds + (Time.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
            if (seconds != 0) builder.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        }

        return builder.Length == 1 ? "PT0S" : builder.ToString();
    }
}
