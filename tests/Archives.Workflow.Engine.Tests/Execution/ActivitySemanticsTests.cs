using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class ActivitySemanticsTests
{
    [Test]
    public void Start_to_End_completes_the_case_in_one_burst()
    {
        var run = new Case(New().Then(End()).Compile());

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(run.Last.Effects.OfType<Complete>().Count(), Is.EqualTo(1));
        Assert.That(run.Journal.Select(e => e.Type), Is.EqualTo(new[]
        {
            JournalEventTypes.WorkflowStarted, JournalEventTypes.ActivityExecuted, JournalEventTypes.ActivityExecuted, JournalEventTypes.WorkflowCompleted,
        }));
    }

    [Test]
    public void Set_variable_assigns_literals_and_script_results_and_journals_each_value()
    {
        var flow = New().Variable("days", 3).Variable("label")
            .Then(Set("double", "days", Js("vars.days * 2")))
            .Then(Set("name", "label", Literal("档案")))
            .Then(End()).Compile();

        var run = new Case(flow);

        Assert.That(run.State.Variables["days"], Is.EqualTo(6.0));
        Assert.That(run.State.Variables["label"], Is.EqualTo("档案"));
        var sets = run.Journal.Where(e => e.Type == JournalEventTypes.VariableSet).Select(e => (e.Name, e.Value)).ToList();
        Assert.That(sets, Is.EqualTo(new[] { ("days", (object?)6.0), ("label", (object?)"档案") }));
    }

    [Test]
    public void Decision_takes_True_or_False_by_its_condition()
    {
        var definition = New().Variable("days", 12)
            .Then(Decision("long", "vars.days > 10"))
            .Then(Milestone("m-long", "Long"), Ports.True).Then(End("e1"))
            .At("long").Then(Milestone("m-short", "Short"), Ports.False).Then(End("e2"));

        Assert.That(new Case(definition.Compile()).State.Milestone, Is.EqualTo("Long"));

        var shortCase = New().Variable("days", 2)
            .Then(Decision("long", "vars.days > 10"))
            .Then(Milestone("m-long", "Long"), Ports.True).Then(End("e1"))
            .At("long").Then(Milestone("m-short", "Short"), Ports.False).Then(End("e2"));
        Assert.That(new Case(shortCase.Compile()).State.Milestone, Is.EqualTo("Short"));
    }

    [TestCase("ConfidentialPost", "Secure")]
    [TestCase("Courier", "Secure")]
    [TestCase("ExpressMail", "Mail")]
    [TestCase("Pigeon", "Other")]
    public void Switch_takes_the_first_matching_case_or_Default(string method, string milestone)
    {
        var flow = New().Variable("method", method)
            .Then(new ActivityDefinition
            {
                Id = "how",
                Type = ActivityTypes.Switch,
                Cases =
                [
                    new SwitchCase { Name = "Secure", Condition = Js("vars.method === 'ConfidentialPost' || vars.method === 'Courier'") },
                    new SwitchCase { Name = "Mail", Condition = Js("vars.method === 'ExpressMail'") },
                    new SwitchCase { Name = "AlsoCourier", Condition = Js("vars.method === 'Courier'") },
                ],
            })
            .Then(Milestone("m1", "Secure"), "Secure").Then(End("e1"))
            .At("how").Then(Milestone("m2", "Mail"), "Mail").Then(End("e2"))
            .At("how").Then(Milestone("m3", "AlsoCourier"), "AlsoCourier").Then(End("e3"))
            .At("how").Then(Milestone("m4", "Other"), Ports.Default).Then(End("e4"))
            .Compile();

        Assert.That(new Case(flow).State.Milestone, Is.EqualTo(milestone));
    }

    [Test]
    public void Milestone_names_the_business_status_and_tells_the_host()
    {
        var run = new Case(New().Then(Milestone("m", "AwaitingFile")).Then(Task("t")).Then(End()).Compile());

        Assert.That(run.State.Milestone, Is.EqualTo("AwaitingFile"));
        Assert.That(run.Last.Effects.OfType<SetMilestone>().Single().Milestone, Is.EqualTo("AwaitingFile"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Suspended));
    }

    [Test]
    public void Finish_ends_the_case_and_cancels_everything_open()
    {
        var flow = New()
            .Then(Fork("fork", "A", "B"))
            .Then(Task("wait-here"), "A").Then(End("e1"))
            .At("fork").Then(Timer("soon", TimeSpec.OfWorkingDays(1)), "B").Then(Finish())
            .Compile();
        var run = new Case(flow);
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "wait-here" }));

        run.FireTimer(run.Pending(BookmarkKind.Timer, "soon"));

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(run.State.Bookmarks, Is.Empty);
        Assert.That(run.Last.Effects.OfType<CancelTask>().Single().ActivityId, Is.EqualTo("wait-here"));
    }

    [Test]
    public void End_ends_only_its_own_path()
    {
        var flow = New()
            .Then(Fork("fork", "A", "B"))
            .Then(End("quick"), "A")
            .At("fork").Then(Task("slow"), "B").Then(End("later"))
            .Compile();

        var run = new Case(flow);

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Suspended));
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "slow" }));
        run.Complete("slow", "Done");
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void Wait_for_signal_resumes_on_its_signal_and_keeps_the_payload()
    {
        var flow = New().Variable("arrival")
            .Then(Signal("wait", "FileArrived") with { OutputVariable = "arrival" })
            .Then(Milestone("m", "Arrived")).Then(End())
            .Compile();
        var run = new Case(flow);

        Assert.That(() => run.Signal("SomethingElse"), Throws.TypeOf<StimulusRejectedException>()
            .With.Property(nameof(StimulusRejectedException.Code)).EqualTo("NoWaitingSignal"));
        run.Signal("FileArrived", new() { ["method"] = "Courier", ["trackingNumber"] = "BJ-1" });

        Assert.That(run.State.Milestone, Is.EqualTo("Arrived"));
        Assert.That(run.State.Variables["arrival"]!.ToString(), Does.Contain("\"trackingNumber\":\"BJ-1\""));
    }

    [Test]
    public void Wait_for_signal_takes_Timeout_when_the_signal_does_not_come()
    {
        var flow = New()
            .Then(Signal("wait", "SupplementProvided", TimeSpec.OfWorkingDays(20)))
            .Then(Milestone("got", "Supplemented")).Then(End("e1"))
            .At("wait").Then(Milestone("withdrawn", "Withdrawn"), Ports.Timeout).Then(End("e2"))
            .Compile();
        var run = new Case(flow);
        var timeout = run.Pending(BookmarkKind.Timer, "wait");

        Assert.That(timeout.DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 30, 23, 59, 59, TimeSpan.FromHours(8))));
        run.FireTimer(timeout);

        Assert.That(run.State.Milestone, Is.EqualTo("Withdrawn"));
        Assert.That(() => run.Signal("SupplementProvided"), Throws.TypeOf<StimulusRejectedException>());
    }

    [Test]
    public void A_signal_that_arrives_in_time_cancels_its_timeout()
    {
        var flow = New()
            .Then(Signal("wait", "SupplementProvided", TimeSpec.OfWorkingDays(20)))
            .Then(End("e1"))
            .At("wait").Then(End("e2"), Ports.Timeout)
            .Compile();
        var run = new Case(flow);

        run.Signal("SupplementProvided");

        Assert.That(run.Last.Effects.OfType<CancelTimer>().Count(), Is.EqualTo(1));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void A_refused_stimulus_leaves_the_given_state_untouched()
    {
        var run = new Case(New().Then(Task("review", "Accept")).Then(End(), "Accept").Compile());
        var before = Journal.WorkflowJson.Serialize(run.State);

        Assert.That(() => run.Complete("review", "Accept", new() { ["comment"] = new string('x', 501) }),
            Throws.TypeOf<StimulusRejectedException>());

        Assert.That(Journal.WorkflowJson.Serialize(run.State), Is.EqualTo(before));
    }

    [Test]
    public void A_closed_case_accepts_nothing_more()
    {
        var run = new Case(New().Then(Task("review", "Accept")).Then(End(), "Accept").Compile());
        run.Apply(new CancelWorkflow("withdrawn by applicant") { Actor = "supervisor" });

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Cancelled));
        Assert.That(run.Last.Effects.OfType<CancelTask>().Count(), Is.EqualTo(1));
        Assert.That(() => run.Signal("Anything"), Throws.TypeOf<StimulusRejectedException>()
            .With.Property(nameof(StimulusRejectedException.Code)).EqualTo("InstanceClosed"));
    }

    [Test]
    public void Ids_derive_from_the_instance_id_and_a_sequence()
    {
        var run = new Case(New().Then(Task("a")).Then(Task("b")).Then(End()).Compile());
        var first = run.Task("a").Id;
        run.Complete("a", "Done");

        Assert.That(first, Does.StartWith("case-1:task-"));
        Assert.That(run.Task("b").Id, Does.StartWith("case-1:task-"));
        Assert.That(run.Journal.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, run.Journal.Count).Select(i => (long)i)));
    }

    [Test]
    public void Start_input_is_validated_against_the_definitions_inputs()
    {
        var flow = New().Input(new FormField { Name = "idNumber", Type = FormFieldTypes.IdNumber, Required = true }).Then(End()).Compile();

        var refused = Assert.Throws<StimulusRejectedException>(() =>
            WorkflowInterpreter.Start(flow, "c", new Dictionary<string, object?> { ["idNumber"] = "110105199001011234" }, new Case(New().Then(End()).Compile()).Environment()));

        Assert.That(refused!.Code, Is.EqualTo("InvalidInput"));
        Assert.That(refused.Errors.Single().Field, Is.EqualTo("idNumber"));
        Assert.That(refused.Errors.Single().Code, Is.EqualTo("IdNumberChecksum"));
    }
}
