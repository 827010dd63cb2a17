// The namespaces most files of this project use, named once.
global using Microsoft.EntityFrameworkCore;
global using FluentValidation;
global using Archives.Workflow.Engine;
global using Archives.Workflow.Engine.Definitions;
global using Archives.Workflow.Cases.Access;
global using Archives.Workflow.Cases.Casework;
global using Archives.Workflow.Cases.Data;
global using Archives.Workflow.Cases.Documents;
global using Archives.Workflow.Cases.Files;
global using Archives.Workflow.Cases.Institutions;
global using Archives.Workflow.Cases.Loans;
global using Archives.Workflow.Cases.Notifications;
global using Archives.Workflow.Cases.Numbering;
global using Archives.Workflow.Cases.Persons;
global using Archives.Workflow.Cases.Staff;
global using Archives.Workflow.Cases.Transfers;
