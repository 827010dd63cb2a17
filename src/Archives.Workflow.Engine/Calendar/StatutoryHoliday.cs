namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// One statutory public holiday of a year (全国年节及纪念日放假办法): a stable <see cref="Key"/>
/// ("NewYear", "SpringFestival", "Qingming", "LabourDay", "DragonBoat", "MidAutumn", "NationalDay"),
/// its name in both languages and its days in order.
/// </summary>
public sealed record StatutoryHoliday(string Key, LocalizedText Name, IReadOnlyList<DateOnly> Days)
{
    public DateOnly First => Days[0];

    public DateOnly Last => Days[^1];
}
