// The namespaces most files of this project use, named once.
global using System.Globalization;
global using System.Text.Json;
global using System.Text.Json.Serialization;
global using Archives.Workflow.Engine.Activities;
global using Archives.Workflow.Engine.Calendar;
global using Archives.Workflow.Engine.Definitions;
global using Archives.Workflow.Engine.Elsa;
global using Archives.Workflow.Engine.Execution;
global using Archives.Workflow.Engine.Execution.Effects;
global using Archives.Workflow.Engine.Execution.Stimuli;
global using Archives.Workflow.Engine.Expressions;
global using Archives.Workflow.Engine.Validation;
