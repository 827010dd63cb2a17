using System.Text.Json;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Engine.Tests.Support;

namespace Archives.Workflow.Engine.Tests.Processes;

public class SampleSimulationTests
{
    private static IEnumerable<TestCaseData> Scripts() => Samples.Scripts();

    [TestCaseSource(nameof(Scripts))]
    public void Every_sample_script_reaches_its_expected_end(string definitionId, string script)
    {
        var result = Samples.Run(definitionId, script);

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Status, Is.EqualTo(WorkflowStatus.Completed).Or.EqualTo(WorkflowStatus.Suspended));
        Assert.That(result.Milestone, Is.Not.Null);
    }

    [TestCaseSource(nameof(Scripts))]
    public void Replaying_the_history_of_every_sample_reproduces_its_journal_exactly(string definitionId, string script)
    {
        var original = Samples.Run(definitionId, script);

        var difference = WorkflowReplayer.Verify(
            Samples.WorkflowOf(definitionId, script),
            original.History,
            original.Journal,
            r => new WorkflowEnvironment(r.At, Samples.Calendar, JintExpressionEngine.Shared));

        Assert.That(difference, Is.Null);
    }

    [TestCaseSource(nameof(Scripts))]
    public void The_same_script_twice_gives_byte_identical_output(string definitionId, string script)
    {
        var first = JsonSerializer.Serialize(Samples.Run(definitionId, script), WorkflowJson.Indented);
        var second = JsonSerializer.Serialize(Samples.Run(definitionId, script), WorkflowJson.Indented);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Resuming_from_a_stored_and_reloaded_state_gives_the_same_journal()
    {
        // The durable runtime stores the state as JSON between bursts; that must not change what happens next.
        var original = Samples.Run("unemployed-file-receipt", "overdue-keep-waiting-then-arrives.json");
        var workflow = Samples.Workflow("unemployed-file-receipt");
        WorkflowState? state = null;
        var journal = new List<JournalEvent>();
        foreach (var recorded in original.History)
        {
            var burst = WorkflowInterpreter.Apply(workflow, state, recorded.Stimulus, new WorkflowEnvironment(recorded.At, Samples.Calendar, JintExpressionEngine.Shared));
            journal.AddRange(burst.Events);
            state = WorkflowJson.Deserialize<WorkflowState>(WorkflowJson.Serialize(burst.State));
        }

        Assert.That(JournalComparison.FirstDifference(original.Journal, journal), Is.Null);
        Assert.That(WorkflowJson.Serialize(state), Is.EqualTo(WorkflowJson.Serialize(original.State)));
    }

    [Test]
    public void A_tampered_history_is_caught_at_the_first_entry_that_differs()
    {
        var original = Samples.Run("unemployed-file-receipt", "accept-and-receive.json");
        var tampered = original.History.ToList();
        var index = tampered.FindIndex(r => r.Stimulus is Engine.Execution.Stimuli.TaskCompleted);
        tampered[index] = tampered[index] with { At = tampered[index].At.AddDays(1) };

        var difference = WorkflowReplayer.Verify(
            Samples.Workflow("unemployed-file-receipt"), tampered, original.Journal,
            r => new WorkflowEnvironment(r.At, Samples.Calendar, JintExpressionEngine.Shared));

        Assert.That(difference, Is.Not.Null);
        var firstCompletion = original.Journal.First(e => e.Type == JournalEventTypes.TaskCompleted);
        Assert.That(difference!.Sequence, Is.EqualTo(firstCompletion.Sequence));
    }

    [Test]
    public void A_journal_with_an_entry_removed_is_caught()
    {
        var original = Samples.Run("departure-file-transfer", "receipt-returned.json");
        var recorded = original.Journal.Where((_, i) => i != 10).ToList();

        var difference = WorkflowReplayer.Verify(
            Samples.Workflow("departure-file-transfer"), original.History, recorded,
            r => new WorkflowEnvironment(r.At, Samples.Calendar, JintExpressionEngine.Shared));

        Assert.That(difference?.Index, Is.EqualTo(10));
    }

    [Test]
    public void Manual_jobs_wait_for_their_results_and_pass_them_on()
    {
        var workflow = Samples.Workflow("unemployed-file-receipt");
        var steps = SimulationStep.ParseScript("""
            [
              { "complete": "check-application", "outcome": "Accept", "by": "li.na" },
              { "expect": { "status": "Running", "openTasks": [] } },
              { "job": "issue-transfer-request-letter", "result": { "number": "京人档调〔2026〕0001号" } },
              { "expect": { "status": "Suspended", "milestone": "AwaitingFile" } }
            ]
            """);

        var result = new Simulator(workflow, new SimulationOptions { Calendar = Samples.Calendar, ManualJobs = true })
            .Run(Samples.Input("unemployed-file-receipt"), steps);

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Journal.Any(e => e.Type == JournalEventTypes.JobSucceeded && e.Data!["number"] is "京人档调〔2026〕0001号"), Is.True);
    }
}
