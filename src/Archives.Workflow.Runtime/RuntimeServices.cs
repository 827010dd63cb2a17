namespace Archives.Workflow.Runtime;

/// <summary>What the runtime's duties share: the database, the calendars, the clock, the definitions, the burst pipeline and the log.</summary>
internal sealed record RuntimeServices(
    Func<DbContext> Contexts, ICalendarSource Calendars, WorkflowClock Clock, DefinitionStore Definitions, BurstPipeline Pipeline, ILogger Log);
