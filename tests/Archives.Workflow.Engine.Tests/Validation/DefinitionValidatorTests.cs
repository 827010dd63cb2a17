using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Validation;

public class DefinitionValidatorTests
{
    private static IReadOnlyList<DefinitionProblem> Check(WorkflowDefinition definition, ValidationOptions? options = null) =>
        new WorkflowDefinitionValidator(options).Check(definition);

    private static DefinitionProblem Single(WorkflowDefinition definition, string code) =>
        Check(definition).Single(p => p.Code == code);

    [Test]
    public void A_minimal_definition_is_valid()
    {
        Assert.That(Check(New().Then(End()).Definition()), Is.Empty);
    }

    [Test]
    public void Duplicate_ids_are_named()
    {
        var definition = New().Then(Task("review")).Add(Task("review")).Then(End()).Definition();

        Assert.That(Check(definition).Any(p => p is { Code: "ActivityIdDuplicate", ActivityId: "review", Property: "id" }), Is.True);
    }

    [Test]
    public void Exactly_one_Start_is_required()
    {
        var none = New().Definition() with { Root = new FlowchartDefinition { Activities = [End()] } };
        Assert.That(Check(none).Select(p => p.Code), Does.Contain("StartMissing"));

        var two = New().Then(End()).Add(new ActivityDefinition { Id = "start2", Type = ActivityTypes.Start }).Connect("start2", "Done", "end").Definition();
        Assert.That(Single(two, "StartDuplicate").ActivityId, Is.EqualTo("start2"));
    }

    [Test]
    public void Unknown_activity_types_are_named_with_the_known_ones()
    {
        var problem = Single(New().Then(new ActivityDefinition { Id = "mail", Type = "SendEmail" }).Then(End()).Definition(), "ActivityTypeUnknown");

        Assert.That((problem.ActivityId, problem.Property), Is.EqualTo(("mail", "type")));
        Assert.That(problem.Message, Does.Contain("SendEmail").And.Contain("UserTask"));
    }

    [Test]
    public void Connections_must_join_existing_activities_and_ports()
    {
        var definition = New().Then(Task("review", "Accept")).Then(End(), "Accept")
            .Connect("review", "Maybe", "end")
            .Connect("review", "Accept", "nowhere")
            .Connect("ghost", "Done", "end")
            .Definition();

        var problems = Check(definition);

        Assert.That(problems.Any(p => p is { Code: "ConnectionPortUnknown", ActivityId: "review", Property: "ports.Maybe" }), Is.True);
        Assert.That(problems.Any(p => p is { Code: "ConnectionTargetUnknown", ActivityId: "review" }), Is.True);
        Assert.That(problems.Any(p => p.Code == "ConnectionSourceUnknown" && p.Message.Contains("ghost", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void A_port_connected_twice_is_refused_in_favour_of_a_fork()
    {
        var definition = New().Then(Task("a")).Then(End("e1")).Add(End("e2")).Connect("a", "Done", "e2").Definition();

        Assert.That(Single(definition, "PortConnectedTwice").Property, Is.EqualTo("ports.Done"));
    }

    [Test]
    public void Every_activity_must_be_reachable_from_the_Start()
    {
        var definition = New().Then(End()).Add(Task("orphan")).Then(End("e2")).Definition();

        Assert.That(Check(definition).Where(p => p.Code == "Unreachable").Select(p => p.ActivityId), Is.EquivalentTo(new[] { "orphan", "e2" }));
    }

    [Test]
    public void Every_non_terminal_activity_needs_a_way_out_and_every_outcome_a_connection()
    {
        var definition = New().Then(Task("review", "Accept", "Reject")).Then(Milestone("m", "Accepted"), "Accept").Definition();

        var problems = Check(definition);

        Assert.That(problems.Any(p => p is { Code: "NoWayOut", ActivityId: "m" }), Is.True);
        Assert.That(problems.Any(p => p is { Code: "PortNotConnected", ActivityId: "review", Property: "ports.Reject" }), Is.True);
    }

    [Test]
    public void A_join_must_come_after_a_fork()
    {
        var definition = New().Then(Join("join", JoinModes.WaitAll)).Then(End()).Definition();

        Assert.That(Single(definition, "JoinWithoutFork").ActivityId, Is.EqualTo("join"));
    }

    [Test]
    public void Expressions_must_parse()
    {
        var problem = Single(New().Variable("x").Then(Set("broken", "x", Js("vars.x +* 2"))).Then(End()).Definition(), "ExpressionSyntax");

        Assert.That((problem.ActivityId, problem.Property), Is.EqualTo(("broken", "value")));
    }

    [Test]
    public void Durations_must_parse_and_a_time_needs_exactly_one_form()
    {
        var definition = New()
            .Then(Timer("bad-duration", TimeSpec.OfDuration("30 days")))
            .Then(Timer("two-forms", new TimeSpec { WorkingDays = 2, Duration = "P2D" }))
            .Then(End()).Definition();

        var problems = Check(definition);

        Assert.That(problems.Any(p => p is { Code: "DurationInvalid", ActivityId: "bad-duration", Property: "delay.duration" }), Is.True);
        Assert.That(problems.Any(p => p is { Code: "TimeSpecInvalid", ActivityId: "two-forms", Property: "delay" }), Is.True);
    }

    [Test]
    public void Roles_must_be_known()
    {
        var problem = Single(New().Then(Task("t") with { Role = "Janitor" }).Then(End()).Definition(), "RoleUnknown");

        Assert.That((problem.ActivityId, problem.Property), Is.EqualTo(("t", "role")));
        Assert.That(problem.Message, Does.Contain("Supervisor"));
    }

    [Test]
    public void Job_names_are_checked_when_the_host_knows_its_handlers()
    {
        var definition = New().Then(Job("letter", "issue-letter")).Then(End()).Definition();

        Assert.That(Check(definition), Is.Empty);
        Assert.That(Check(definition, new ValidationOptions { KnownJobs = ["register-file"] }).Single().Code, Is.EqualTo("JobUnknown"));
    }

    [Test]
    public void Variables_written_must_be_declared()
    {
        var problem = Single(New().Then(Set("s", "undeclared", Literal(1))).Then(End()).Definition(), "VariableUndeclared");

        Assert.That((problem.ActivityId, problem.Property), Is.EqualTo(("s", "variable")));
    }

    [Test]
    public void Required_properties_of_each_type_are_checked()
    {
        var definition = New()
            .Then(new ActivityDefinition { Id = "decide", Type = ActivityTypes.Decision })
            .Then(new ActivityDefinition { Id = "wait", Type = ActivityTypes.WaitForSignal }, Ports.True)
            .Then(new ActivityDefinition { Id = "job", Type = ActivityTypes.BackgroundJob })
            .Then(new ActivityDefinition { Id = "mark", Type = ActivityTypes.Milestone })
            .Then(new ActivityDefinition { Id = "join", Type = ActivityTypes.Join, Mode = "WaitSome" })
            .Then(End()).At("decide").Then(End("e2"), Ports.False)
            .Definition();

        var problems = Check(definition).Select(p => (p.ActivityId, p.Property, p.Code)).ToList();

        Assert.That(problems, Does.Contain(("decide", "condition", "PropertyRequired")));
        Assert.That(problems, Does.Contain(("wait", "signal", "PropertyRequired")));
        Assert.That(problems, Does.Contain(("job", "job", "PropertyRequired")));
        Assert.That(problems, Does.Contain(("mark", "milestone", "PropertyRequired")));
        Assert.That(problems, Does.Contain(("join", "mode", "JoinModeInvalid")));
    }

    [Test]
    public void Form_fields_and_rules_are_checked()
    {
        var definition = New().Then(Task("t") with
        {
            Form =
            [
                new FormField { Name = "kind", Type = FormFieldTypes.Choice },
                new FormField { Name = "code", Type = "Colour" },
                new FormField { Name = "number", Type = FormFieldTypes.Text, Pattern = "([" },
            ],
            Rules = [new FormRule { Assert = Js("true"), Field = "missing", Message = LocalizedText.Of("错", "Wrong") }],
        }).Then(End()).Definition();

        var problems = Check(definition).Select(p => (p.Property, p.Code)).ToList();

        Assert.That(problems, Does.Contain(("form.kind.choices", "ChoicesMissing")));
        Assert.That(problems, Does.Contain(("form.code.type", "FieldTypeUnknown")));
        Assert.That(problems, Does.Contain(("form.number.pattern", "PatternInvalid")));
        Assert.That(problems, Does.Contain(("rules[0].field", "FieldUnknown")));
    }

    [Test]
    public void Compiling_an_invalid_definition_lists_every_error()
    {
        var definition = New().Then(Task("t") with { Role = "Janitor" }).Then(new ActivityDefinition { Id = "x", Type = "Nope" }).Definition();

        var failure = Assert.Throws<DefinitionInvalidException>(() => ExecutableWorkflow.Compile(definition));

        Assert.That(failure!.Problems.Select(p => p.Code), Is.SupersetOf(new[] { "RoleUnknown", "ActivityTypeUnknown" }));
        Assert.That(failure.Message, Does.Contain("t.role"));
    }
}
