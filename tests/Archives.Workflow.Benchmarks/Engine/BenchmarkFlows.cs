using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Benchmarks.Engine;

/// <summary>The shapes measured, built in code so that they match the WorkflowCore reference step for step.</summary>
internal static class BenchmarkFlows
{
    /// <summary>(a) Start → 10 SetVariable steps (step i sets <c>counter = i</c>, or with <paramref name="javaScript"/> <c>counter = vars.counter + 1</c>) → End.</summary>
    public static ExecutableWorkflow Sequential(int steps, bool javaScript)
    {
        var activities = new List<ActivityDefinition> { new() { Id = "start", Type = ActivityTypes.Start } };
        for (var i = 1; i <= steps; i++)
        {
            activities.Add(new ActivityDefinition
            {
                Id = $"step-{i}",
                Type = ActivityTypes.SetVariable,
                Variable = "counter",
                Value = javaScript ? WorkflowExpression.JavaScript("vars.counter + 1") : WorkflowExpression.Literal(i),
            });
        }

        activities.Add(new ActivityDefinition { Id = "end", Type = ActivityTypes.End });
        return Compile("sequential", activities, ["counter"]);
    }

    /// <summary>(b) Start → 3 steps → wait for the signal <c>Go</c> → 3 steps → End.</summary>
    public static ExecutableWorkflow SignalCycle()
    {
        var activities = new List<ActivityDefinition> { new() { Id = "start", Type = ActivityTypes.Start } };
        for (var i = 1; i <= 3; i++)
        {
            activities.Add(new ActivityDefinition { Id = $"before-{i}", Type = ActivityTypes.SetVariable, Variable = "counter", Value = WorkflowExpression.Literal(i) });
        }

        activities.Add(new ActivityDefinition { Id = "wait", Type = ActivityTypes.WaitForSignal, Signal = "Go" });
        for (var i = 4; i <= 6; i++)
        {
            activities.Add(new ActivityDefinition { Id = $"after-{i}", Type = ActivityTypes.SetVariable, Variable = "counter", Value = WorkflowExpression.Literal(i) });
        }

        activities.Add(new ActivityDefinition { Id = "end", Type = ActivityTypes.End });
        return Compile("signal-cycle", activities, ["counter"]);
    }

    private static ExecutableWorkflow Compile(string id, List<ActivityDefinition> activities, string[] variables)
    {
        var connections = new List<ConnectionDefinition>();
        for (var i = 0; i < activities.Count - 1; i++)
        {
            connections.Add(new ConnectionDefinition
            {
                Source = new ConnectionEndpoint { Activity = activities[i].Id, Port = Ports.Done },
                Target = new ConnectionEndpoint { Activity = activities[i + 1].Id, Port = Ports.In },
            });
        }

        return ExecutableWorkflow.Compile(new WorkflowDefinition
        {
            DefinitionId = id,
            Name = LocalizedText.Of(id, id),
            Variables = [.. variables.Select(v => new VariableDefinition { Name = v, TypeName = "Number", Value = System.Text.Json.JsonSerializer.SerializeToElement(0) })],
            Root = new FlowchartDefinition { Activities = activities, Connections = connections },
        });
    }

    public static string RepositoryFile(params string[] parts)
    {
        if (RepositoryRoot.TryFind(AppContext.BaseDirectory) is { } root)
        {
            return Path.Combine([root, .. parts]);
        }

        // BenchmarkDotNet runs the benchmarks from a generated project below bin/; fall back to the working folder.
        return Path.Combine([Directory.GetCurrentDirectory(), .. parts]);
    }
}
