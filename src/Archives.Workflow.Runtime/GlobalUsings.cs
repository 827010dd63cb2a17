// The namespaces most files of this project use, named once.
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Logging;
global using Archives.Workflow.Engine;
global using Archives.Workflow.Engine.Calendar;
global using Archives.Workflow.Engine.Definitions;
global using Archives.Workflow.Engine.Execution;
global using Archives.Workflow.Engine.Execution.Stimuli;
global using Archives.Workflow.Engine.Expressions;
global using Archives.Workflow.Engine.Journal;
global using Archives.Workflow.Runtime.Bursts;
global using Archives.Workflow.Runtime.Calendars;
global using Archives.Workflow.Runtime.Definitions;
global using Archives.Workflow.Runtime.Instances;
global using Archives.Workflow.Runtime.Journal;
