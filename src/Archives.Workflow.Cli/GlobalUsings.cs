// The namespaces most files of this project use, named once.
global using System.CommandLine;
global using Microsoft.EntityFrameworkCore;
global using Archives.Workflow.Cli.Database;
global using Archives.Workflow.Runtime.Calendars;
