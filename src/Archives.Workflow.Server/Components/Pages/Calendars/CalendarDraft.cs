using System.Globalization;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Server.Components.Pages.Calendars;

/// <summary>
/// A year's schedule as an administrator edits it on the calendars page: text fields, in the order of the
/// calendar file, so that a problem's field (<c>holidays[2].to</c>) names the row and field on screen.
/// </summary>
public sealed class CalendarDraft
{
    public int Year { get; set; }

    public string Region { get; set; } = "cn";

    public string Source { get; set; } = string.Empty;

    public List<HolidayRow> Holidays { get; } = [];

    public List<MakeUpRow> WorkingWeekends { get; } = [];

    public static CalendarDraft From(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var draft = new CalendarDraft { Year = year.Year, Region = year.Region, Source = year.Source ?? string.Empty };
        draft.Holidays.AddRange(year.Holidays.Select(h => new HolidayRow
        {
            NameZh = h.Name?[LocalizedText.Chinese] ?? string.Empty,
            NameEn = h.Name?[LocalizedText.English] ?? string.Empty,
            From = Iso(h.From),
            To = Iso(h.To),
        }));
        draft.WorkingWeekends.AddRange(year.WorkingWeekends.Select(d => new MakeUpRow { Date = Iso(d) }));
        return draft;
    }

    /// <summary>The schedule the fields describe, or the fields that are not dates (<c>yyyy-MM-dd</c>).</summary>
    public (CalendarYear? Year, IReadOnlyList<string> BadDates) Build()
    {
        var bad = new List<string>();
        var holidays = new List<HolidayPeriod>();
        for (var i = 0; i < Holidays.Count; i++)
        {
            var row = Holidays[i];
            var from = Parse(row.From, $"holidays[{i}].from", bad);
            var to = Parse(row.To, $"holidays[{i}].to", bad);
            if (from is { } f && to is { } t)
            {
                holidays.Add(new HolidayPeriod { Name = Name(row), From = f, To = t });
            }
        }

        var days = new List<DateOnly>();
        for (var i = 0; i < WorkingWeekends.Count; i++)
        {
            if (Parse(WorkingWeekends[i].Date, $"workingWeekends[{i}]", bad) is { } day)
            {
                days.Add(day);
            }
        }

        if (bad.Count > 0)
        {
            return (null, bad);
        }

        return (new CalendarYear
        {
            Region = Region,
            Year = Year,
            Source = string.IsNullOrWhiteSpace(Source) ? null : Source.Trim(),
            Holidays = holidays,
            WorkingWeekends = days,
        }, bad);
    }

    private static LocalizedText? Name(HolidayRow row)
    {
        var entries = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(row.NameZh))
        {
            entries.Add(new(LocalizedText.Chinese, row.NameZh.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(row.NameEn))
        {
            entries.Add(new(LocalizedText.English, row.NameEn.Trim()));
        }

        return entries.Count == 0 ? null : new LocalizedText(entries);
    }

    private static DateOnly? Parse(string? text, string field, List<string> bad)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        bad.Add(field);
        return null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
