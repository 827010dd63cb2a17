// The namespaces most files of this project use, named once.
global using System.CommandLine;
global using System.Globalization;
global using System.Text.Json;
global using Microsoft.EntityFrameworkCore;
global using Archives.Workflow.Cases.Data;
global using Archives.Workflow.Cli.Database;
global using Archives.Workflow.Engine.Definitions;
global using Archives.Workflow.Engine.Execution;
global using Archives.Workflow.Engine.Expressions;
global using Archives.Workflow.Runtime;
global using Archives.Workflow.Runtime.Calendars;
global using Archives.Workflow.Runtime.Instances;
