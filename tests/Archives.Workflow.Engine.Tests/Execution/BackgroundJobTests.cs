using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class BackgroundJobTests
{
    private static ActivityDefinition Letter() => Job("letter", "issue-transfer-request-letter") with
    {
        Input = new Dictionary<string, WorkflowExpression> { ["person"] = Js("input.personName"), ["copies"] = Literal(2) },
        OutputVariable = "letter",
        Retry = new RetryPolicy { MaxAttempts = 3, Delay = "PT5M", BackoffFactor = 2 },
    };

    [Test]
    public void A_job_is_requested_with_its_evaluated_input_and_its_result_is_kept()
    {
        var flow = New().Variable("letter").Input(new FormField { Name = "personName", Type = FormFieldTypes.Text })
            .Then(Letter()).Then(Set("number", "letter", Js("vars.letter.number"))).Then(End()).Compile();
        var run = new Case(flow, input: new Dictionary<string, object?> { ["personName"] = "张伟" });

        var request = run.Last.Effects.OfType<RunJob>().Single();
        Assert.That(request.Job, Is.EqualTo("issue-transfer-request-letter"));
        Assert.That(request.Input["person"], Is.EqualTo("张伟"));
        Assert.That(request.Input["copies"], Is.EqualTo(2.0));
        Assert.That(request.Attempt, Is.EqualTo(1));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Running));

        run.SucceedJob("letter", new() { ["number"] = "调档函〔2026〕12号" });

        Assert.That(run.State.Variables["letter"], Is.EqualTo("调档函〔2026〕12号"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void A_failed_job_is_retried_with_growing_delays_until_its_attempts_run_out()
    {
        var flow = New().Variable("letter").Then(Letter() with { Input = null }).Then(End()).Compile();
        var run = new Case(flow);

        run.FailJob("letter", "printer offline");
        var second = run.Last.Effects.OfType<RunJob>().Single();
        Assert.That((second.Attempt, second.NotBefore), Is.EqualTo((2, (DateTimeOffset?)run.Now.AddMinutes(5))));

        run.FailJob("letter", "printer offline");
        var third = run.Last.Effects.OfType<RunJob>().Single();
        Assert.That((third.Attempt, third.NotBefore), Is.EqualTo((3, (DateTimeOffset?)run.Now.AddMinutes(10))));

        run.FailJob("letter", "printer still offline");
        var incident = run.State.Incidents.Single();
        Assert.That((incident.ActivityId, incident.Code, incident.Attempts), Is.EqualTo(("letter", "JobFailed", 3)));
        Assert.That(incident.Message, Does.Contain("printer still offline"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Faulted));
    }

    [Test]
    public void When_retries_run_out_the_Failed_port_is_taken_if_connected()
    {
        var flow = New().Variable("letter")
            .Then(Letter() with { Input = null, Retry = new RetryPolicy { MaxAttempts = 1 } })
            .Then(End("sent"))
            .At("letter").Then(Milestone("manual", "NeedsManualLetter"), Ports.Failed).Then(End("failed"))
            .Compile();
        var run = new Case(flow);

        run.FailJob("letter");

        Assert.That(run.State.Milestone, Is.EqualTo("NeedsManualLetter"));
        Assert.That(run.State.Incidents, Is.Empty);
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void An_administrator_can_retry_an_incident_and_the_case_goes_on()
    {
        var flow = New().Variable("letter").Then(Letter() with { Input = null, Retry = new RetryPolicy { MaxAttempts = 1 } }).Then(End()).Compile();
        var run = new Case(flow);
        run.FailJob("letter");

        run.Apply(new RetryIncident(run.State.Incidents.Single().Id) { Actor = "admin" });
        Assert.That(run.Last.Effects.OfType<RunJob>().Single().Attempt, Is.EqualTo(1));
        Assert.That(run.State.Incidents, Is.Empty);
        run.SucceedJob("letter");

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(run.Journal.Any(e => e.Type == JournalEventTypes.IncidentRetried && e.Actor == "admin"), Is.True);
    }

    [Test]
    public void A_job_result_for_a_job_no_longer_pending_is_refused()
    {
        var run = new Case(New().Variable("letter").Then(Letter() with { Input = null }).Then(End()).Compile());
        var job = run.Pending(BookmarkKind.Job, "letter");
        run.Apply(new JobSucceeded(job.Id));

        Assert.That(() => run.Apply(new JobSucceeded(job.Id)), Throws.TypeOf<StimulusRejectedException>());
    }
}
