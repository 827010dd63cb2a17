using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Elsa;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Engine.Tests.Elsa;

public class ElsaImportTests
{
    private static string SampleExport => File.ReadAllText(RepositoryRoot.Combine("samples", "elsa", "leave-request.elsa.json"));

    [Test]
    public void An_Elsa_3_export_becomes_a_valid_definition_with_every_activity_and_position()
    {
        var definition = ElsaImporter.Import(SampleExport);

        Assert.That(new WorkflowDefinitionValidator().Check(definition), Is.Empty);
        Assert.That(definition.Root.Activities.Select(a => a.Type).Distinct(), Is.SupersetOf(new[]
        {
            ActivityTypes.Start, ActivityTypes.SetVariable, ActivityTypes.Decision, ActivityTypes.Switch, ActivityTypes.Fork,
            ActivityTypes.Join, ActivityTypes.Timer, ActivityTypes.WaitForSignal, ActivityTypes.BackgroundJob, ActivityTypes.End, ActivityTypes.Finish,
        }));
        Assert.That(definition.Root.Activities.Where(a => !a.Id.EndsWith("-end", StringComparison.Ordinal)).Select(a => a.Metadata?.Designer?.Position), Has.None.Null);
    }

    [Test]
    public void Time_span_literals_become_iso_durations()
    {
        var timers = ElsaImporter.Import(SampleExport).Root.Activities.Where(a => a.Type == ActivityTypes.Timer).Select(a => a.Delay!.Duration);

        Assert.That(timers, Is.EquivalentTo(new[] { "P1DT2H30M", "PT5M" }));
    }

    [Test]
    public void The_imported_flow_runs_and_Elsa_script_idioms_work()
    {
        var workflow = ExecutableWorkflow.Compile(ElsaImporter.Import(SampleExport));
        var input = new Dictionary<string, object?> { ["RequestedDays"] = 7.0, ["RequestedLeaveType"] = "Annual" };
        var steps = SimulationStep.ParseScript("""[ { "signal": "ManagerApproved" }, { "expect": { "status": "Completed" } } ]""");

        var result = new Simulator(workflow, new SimulationOptions()).Run(input, steps);

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Variables["Days"], Is.EqualTo(7.0), "getRequestedDays() and setDays() were rewritten");
        Assert.That(result.Journal.Any(e => e.Type == JournalEventTypes.JobSucceeded && e.Name == "SendEmail"), Is.True);
    }

    [Test]
    public void An_unsupported_activity_is_refused_with_its_id_and_type_and_nothing_is_converted()
    {
        var export = SampleExport.Replace("\"type\": \"Elsa.RunTask\"", "\"type\": \"Elsa.SendHttpRequest\"", StringComparison.Ordinal);

        var failure = Assert.Throws<ElsaImportException>(() => ElsaImporter.Import(export));

        var problem = failure!.Problems.Single();
        Assert.That(problem.ActivityType, Is.EqualTo("Elsa.SendHttpRequest"));
        Assert.That(problem.ActivityId, Is.Not.Null.And.Not.Empty);
        Assert.That(failure.Message, Does.Contain(problem.ActivityId));
    }

    [Test]
    public void Every_unsupported_part_is_reported_at_once()
    {
        var export = SampleExport
            .Replace("\"type\": \"Elsa.RunTask\"", "\"type\": \"Elsa.WriteLine\"", StringComparison.Ordinal)
            .Replace("\"type\": \"Elsa.Event\"", "\"type\": \"Elsa.HttpEndpoint\"", StringComparison.Ordinal);

        var failure = Assert.Throws<ElsaImportException>(() => ElsaImporter.Import(export));

        Assert.That(failure!.Problems.Select(p => p.ActivityType), Is.EquivalentTo(new[] { "Elsa.WriteLine", "Elsa.HttpEndpoint" }));
    }

    [Test]
    public void A_file_that_is_not_an_Elsa_definition_is_refused()
    {
        Assert.That(() => ElsaImporter.Import("{ \"hello\": 1 }"), Throws.TypeOf<ElsaImportException>().With.Message.Contains("root"));
        Assert.That(() => ElsaImporter.Import("not json"), Throws.TypeOf<ElsaImportException>().With.Message.Contains("JSON"));
    }
}
