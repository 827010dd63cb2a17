using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class UserTaskTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static ActivityDefinition Review() => Task("review", "Accept", "Reject") with
    {
        DueIn = TimeSpec.OfWorkingDays(2),
        Priority = "High",
        OutputVariable = "review",
        Form =
        [
            new FormField { Name = "comment", Type = FormFieldTypes.Text, MaxLength = 20 },
            new FormField { Name = "reason", Type = FormFieldTypes.Text, MaxLength = 500 },
            new FormField { Name = "pages", Type = FormFieldTypes.Number, Min = 1, Max = 500 },
            new FormField { Name = "formedOn", Type = FormFieldTypes.Date },
            new FormField { Name = "sealed", Type = FormFieldTypes.Boolean },
            new FormField
            {
                Name = "method", Type = FormFieldTypes.Choice,
                Choices = [new FormChoice { Value = "ConfidentialPost" }, new FormChoice { Value = "Courier" }, new FormChoice { Value = "ExpressMail" }],
            },
            new FormField { Name = "idNumber", Type = FormFieldTypes.IdNumber },
            new FormField { Name = "fileNumber", Type = FormFieldTypes.Text, Pattern = "[A-Z]{2}-\\d{4}" },
        ],
        Rules =
        [
            new FormRule
            {
                Assert = Js("typeof form.reason === 'string' && form.reason.trim().length > 0"),
                Field = "reason", Outcomes = ["Reject"], Code = "ReasonRequired",
                Message = LocalizedText.Of("驳回必须填写理由。", "A rejection requires a reason."),
            },
            new FormRule
            {
                Assert = Js("!(input.everCadre && form.method === 'ExpressMail')"),
                Field = "method", Code = "ExpressMailRefused",
                Message = LocalizedText.Of("曾任干部人员的档案不得邮寄。", "Files of former cadres may not go by express mail."),
            },
        ],
    };

    private static Case NewCase(bool everCadre = false) => new(
        New().Variable("review").Input(new FormField { Name = "everCadre", Type = FormFieldTypes.Boolean })
            .Then(Review()).Then(End("accepted"), "Accept")
            .At("review").Then(End("rejected"), "Reject").Compile(),
        input: new Dictionary<string, object?> { ["everCadre"] = everCadre });

    [Test]
    public void A_task_is_created_with_its_role_priority_outcomes_and_working_day_due_date()
    {
        var run = NewCase();
        var created = run.Last.Effects.OfType<CreateTask>().Single();

        Assert.That(created.Role, Is.EqualTo(Roles.Caseworker));
        Assert.That(created.Priority, Is.EqualTo("High"));
        Assert.That(created.Outcomes, Is.EqualTo(new[] { "Accept", "Reject" }));
        Assert.That(created.DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 4, 23, 59, 59, China)));
        Assert.That(created.Title.Get("en"), Is.EqualTo("Task review"));
    }

    [TestCase("comment", "way too long for twenty characters", "TooLong")]
    [TestCase("pages", 0.0, "BelowMin")]
    [TestCase("pages", "12", "NotANumber")]
    [TestCase("formedOn", "2026/03/01", "NotADate")]
    [TestCase("sealed", "yes", "NotABoolean")]
    [TestCase("method", "Pigeon", "NotAChoice")]
    [TestCase("idNumber", "110105199001011234", "IdNumberChecksum")]
    [TestCase("idNumber", "11010519900101123", "IdNumberLength")]
    [TestCase("idNumber", "110105199013011232", "IdNumberBirthDate")]
    [TestCase("fileNumber", "ab-12", "PatternMismatch")]
    [TestCase("nonsense", "x", "UnknownField")]
    public void Invalid_form_data_is_refused_with_the_field_named(string field, object value, string code)
    {
        var run = NewCase();

        var refused = Assert.Throws<StimulusRejectedException>(() => run.Complete("review", "Accept", new() { [field] = value }));

        Assert.That(refused!.Code, Is.EqualTo("InvalidFormData"));
        Assert.That(refused.ActivityId, Is.EqualTo("review"));
        Assert.That(refused.Errors.Select(e => (e.Field, e.Code)), Does.Contain((field, code)));
        Assert.That(refused.Errors[0].Message.Get("zh-CN"), Is.Not.Empty);
        Assert.That(refused.Errors[0].Message.Get("en"), Is.Not.Empty);
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "review" }), "nothing changed");
    }

    [Test]
    public void A_rejection_without_a_reason_is_refused_in_both_languages()
    {
        var run = NewCase();

        var refused = Assert.Throws<StimulusRejectedException>(() => run.Complete("review", "Reject", new() { ["reason"] = "   " }));

        var error = refused!.Errors.Single();
        Assert.That((error.Field, error.Code), Is.EqualTo(("reason", "ReasonRequired")));
        Assert.That(error.Message.Get("zh-CN"), Is.EqualTo("驳回必须填写理由。"));
        Assert.That(error.Message.Get("en"), Is.EqualTo("A rejection requires a reason."));
        run.Complete("review", "Reject", new() { ["reason"] = "材料不全" });
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void A_form_rule_can_read_the_case_input()
    {
        Assert.That(() => NewCase(everCadre: false).Complete("review", "Accept", new() { ["method"] = "ExpressMail" }), Throws.Nothing);

        var refused = Assert.Throws<StimulusRejectedException>(() => NewCase(everCadre: true).Complete("review", "Accept", new() { ["method"] = "ExpressMail" }));
        Assert.That(refused!.Errors.Single().Code, Is.EqualTo("ExpressMailRefused"));
    }

    [Test]
    public void An_unknown_outcome_is_refused()
    {
        var refused = Assert.Throws<StimulusRejectedException>(() => NewCase().Complete("review", "Maybe"));

        Assert.That(refused!.Code, Is.EqualTo("UnknownOutcome"));
        Assert.That(refused.Errors.Single().Field, Is.EqualTo("outcome"));
    }

    [Test]
    public void Completing_a_task_records_outcome_actor_and_data_and_takes_the_outcome_port()
    {
        var run = NewCase();

        run.Complete("review", "Accept", new() { ["comment"] = "齐全", ["pages"] = 12.0 });

        var completed = run.Last.Events.First(e => e.Type == JournalEventTypes.TaskCompleted);
        Assert.That((completed.Port, completed.Actor), Is.EqualTo(("Accept", "caseworker")));
        Assert.That(completed.Data!["comment"], Is.EqualTo("齐全"));
        Assert.That(run.State.Variables["review"]!.ToString(), Does.Contain("\"outcome\":\"Accept\""));
        Assert.That(run.Last.Events.Any(e => e.ActivityId == "accepted"), Is.True);
    }

    [Test]
    public void A_task_can_be_completed_only_once()
    {
        var run = NewCase();
        var taskId = run.Task("review").Id;
        run.Complete("review", "Accept");

        Assert.That(() => run.Apply(new TaskCompleted(taskId, "Accept")), Throws.TypeOf<StimulusRejectedException>()
            .With.Property(nameof(StimulusRejectedException.Code)).EqualTo("InstanceClosed"));
    }

    [Test]
    public void Reminders_notify_but_leave_the_task_open()
    {
        var flow = New().Then(Task("verify") with { DueIn = TimeSpec.OfWorkingDays(5), Reminders = [TimeSpec.OfWorkingDays(4)] }).Then(End()).Compile();
        var run = new Case(flow);
        var reminder = run.State.Bookmarks.Single(b => b.Purpose == TimerPurpose.Reminder);

        run.FireTimer(reminder);

        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "verify" }));
        var notify = run.Last.Effects.OfType<Notify>().Single();
        Assert.That(notify.Role, Is.EqualTo(Roles.Caseworker));
        Assert.That(notify.Message.Get("en"), Does.Contain("Task verify"));
        Assert.That(run.Last.Events.Single().Type, Is.EqualTo(JournalEventTypes.ReminderSent));
    }

    [Test]
    public void Escalation_withdraws_the_task_and_takes_the_Timeout_port()
    {
        var flow = New()
            .Then(Task("approve", "Approve") with { EscalateAfter = TimeSpec.OfWorkingDays(3) })
            .Then(Milestone("approved", "Approved"), "Approve").Then(End("e1"))
            .At("approve").Then(Task("supervisor-decides"), Ports.Timeout).Then(End("e2"))
            .Compile();
        var run = new Case(flow);

        run.FireTimer(run.State.Bookmarks.Single(b => b.Purpose == TimerPurpose.Escalation));

        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "supervisor-decides" }));
        Assert.That(run.Last.Effects.OfType<CancelTask>().Single().Reason, Is.EqualTo("Escalated"));
        Assert.That(run.Journal.Any(e => e.Type == JournalEventTypes.TaskEscalated), Is.True);
    }

    [Test]
    public void Completing_a_task_cancels_its_pending_reminders_and_escalation()
    {
        var flow = New()
            .Then(Task("approve", "Approve") with { Reminders = [TimeSpec.OfWorkingDays(1)], EscalateAfter = TimeSpec.OfWorkingDays(3) })
            .Then(End("e1"), "Approve")
            .At("approve").Then(End("e2"), Ports.Timeout)
            .Compile();
        var run = new Case(flow);

        run.Complete("approve", "Approve");

        Assert.That(run.Last.Effects.OfType<CancelTimer>().Count(), Is.EqualTo(2));
        Assert.That(run.State.Bookmarks, Is.Empty);
    }

    [Test]
    public void An_assignee_expression_assigns_the_task_to_a_person()
    {
        var flow = New().Input(new FormField { Name = "handler", Type = FormFieldTypes.Text })
            .Then(Task("t") with { Role = null, Assignee = Js("input.handler") }).Then(End()).Compile();

        var run = new Case(flow, input: new Dictionary<string, object?> { ["handler"] = "wang.fang" });

        Assert.That(run.Last.Effects.OfType<CreateTask>().Single().Assignee, Is.EqualTo("wang.fang"));
        Assert.That(run.Task("t").Assignee, Is.EqualTo("wang.fang"));
    }

    [Test]
    public void A_computed_due_date_is_used_as_given()
    {
        var flow = New().Variable("deadline")
            .Then(Set("deadline-set", "deadline", Js("workingDays(15)")))
            .Then(Task("prepare") with { DueIn = new TimeSpec { At = Js("vars.deadline") } })
            .Then(End()).Compile();

        var run = new Case(flow);

        Assert.That(run.Task("prepare").DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 23, 23, 59, 59, China)));
    }
}
