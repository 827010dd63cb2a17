// The namespaces most files of this project use, named once.
global using Archives.Workflow.Cases.Casework;
global using Archives.Workflow.Cases.Data;
global using Archives.Workflow.Cases.Loans;
global using Archives.Workflow.Cases.Staff;
global using Archives.Workflow.Engine.Definitions;
global using Archives.Workflow.Server.Hosting;
