using Archives.Workflow.Runtime.Bursts;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Archives.Workflow.Runtime;

/// <summary>What the runtime's duties share: the database, the calendars, the clock, the definitions, the burst pipeline and the log.</summary>
internal sealed record RuntimeServices(
    Func<DbContext> Contexts, ICalendarSource Calendars, WorkflowClock Clock, DefinitionStore Definitions, BurstPipeline Pipeline, ILogger Log);
