namespace Archives.Workflow.Server.Components.Diagrams;

/// <summary>What the process view writes on an activity: the open cases waiting there and its open incidents, and where choosing it leads.</summary>
public sealed record ActivityCount(int Waiting, int Incidents, string Href);
