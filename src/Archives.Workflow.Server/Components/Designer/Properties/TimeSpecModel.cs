using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>
/// A time: exactly one of <c>{ "workingDays": N }</c>, <c>{ "duration": "P30D" }</c> or
/// <c>{ "at": expression }</c>. Switching the mode drops the other two; other members stay.
/// </summary>
public sealed class TimeSpecModel : PropertyModel
{
    private TimeSpecModel(JsonNode? original)
        : base(original)
    {
    }

    public TimeSpecMode Mode { get; private set; }

    public int? WorkingDays { get; private set; }

    public string Duration { get; private set; } = string.Empty;

    public ExpressionModel At { get; private set; } = ExpressionModel.Read(null);

    public static TimeSpecModel Read(JsonNode? node)
    {
        var model = new TimeSpecModel(node);
        if (node is null)
        {
            return model;
        }

        if (node is not JsonObject o)
        {
            model.Unsupported = true;
            return model;
        }

        var given = (o.ContainsKey("workingDays") ? 1 : 0) + (o.ContainsKey("duration") ? 1 : 0) + (o.ContainsKey("at") ? 1 : 0);
        if (given > 1 || (o["workingDays"] is { } days && JsonEdit.Integer(days) is null) || (o["duration"] is { } d && !JsonEdit.IsString(d)))
        {
            model.Unsupported = true;
            return model;
        }

        if (o.ContainsKey("workingDays"))
        {
            model.Mode = TimeSpecMode.WorkingDays;
            model.WorkingDays = JsonEdit.Integer(o["workingDays"]);
        }
        else if (o.ContainsKey("duration"))
        {
            model.Mode = TimeSpecMode.Duration;
            model.Duration = JsonEdit.String(o["duration"]) ?? string.Empty;
        }
        else if (o.ContainsKey("at"))
        {
            model.Mode = TimeSpecMode.Expression;
            model.At = ExpressionModel.Read(o["at"]);
            model.Unsupported = model.At.Unsupported || o["at"] is null;
        }
        else
        {
            model.Unsupported = true;
        }

        return model;
    }

    public static TimeSpecModel OfWorkingDays(int days)
    {
        var model = new TimeSpecModel(null);
        model.SetWorkingDays(days);
        return model;
    }

    public void SetMode(TimeSpecMode mode)
    {
        Mode = mode;
        Unsupported = false;
    }

    public void SetWorkingDays(int? days)
    {
        SetMode(TimeSpecMode.WorkingDays);
        WorkingDays = days;
    }

    public void SetDuration(string? duration)
    {
        SetMode(TimeSpecMode.Duration);
        Duration = duration?.Trim() ?? string.Empty;
    }

    public void SetScript(string? script)
    {
        SetMode(TimeSpecMode.Expression);
        At.SetScript(script);
    }

    protected override JsonNode? WriteModel()
    {
        if (Mode == TimeSpecMode.None)
        {
            return null;
        }

        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, "workingDays", Mode == TimeSpecMode.WorkingDays ? JsonEdit.NumberNode(Original?["workingDays"], WorkingDays) : null);
        JsonEdit.Set(o, "duration", Mode == TimeSpecMode.Duration && Duration.Length > 0 ? JsonValue.Create(Duration) : null);
        JsonEdit.Set(o, "at", Mode == TimeSpecMode.Expression ? At.Write() : null);
        return o.Count == 0 ? null : o;
    }
}
