namespace Archives.Workflow.Server.Demo;

/// <summary>Which demo cases are played into an empty database (<c>Server:DemoCases</c>).</summary>
public enum DemoCaseSet
{
    /// <summary><c>samples/demo/cases.json</c>: five cases, quick to seed (the default, what the tests start from).</summary>
    Basic,

    /// <summary>
    /// <c>cases.json</c> and <c>cases-full.json</c>: about forty cases played over the past three months, so
    /// that every demo account has work, every milestone of the four processes has a case, and there is
    /// an overdue task, an incident and a case waiting for its file (what <c>dotnet run</c> seeds).
    /// </summary>
    Full,
}
