namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>How a time is given: not at all, in working days, as an ISO 8601 duration, or as a computed instant.</summary>
public enum TimeSpecMode
{
    None,
    WorkingDays,
    Duration,
    Expression,
}
