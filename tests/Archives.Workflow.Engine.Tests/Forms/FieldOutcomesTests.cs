using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Forms;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Forms;

public class FieldOutcomesTests
{
    private static ActivityDefinition Check() => Task("check", "Accept", "RequestSupplement", "Reject") with
    {
        Form =
        [
            new FormField { Name = "comment", Type = FormFieldTypes.Text, MaxLength = 50 },
            new FormField { Name = "reason", Type = FormFieldTypes.Text, Required = true, MaxLength = 200, Outcomes = ["Reject"] },
            new FormField { Name = "supplementItems", Type = FormFieldTypes.Text, Required = true, MaxLength = 200, Outcomes = ["RequestSupplement"] },
            new FormField { Name = "pages", Type = FormFieldTypes.Number, Min = 1, Outcomes = ["Accept", "RequestSupplement"] },
        ],
    };

    private static Case NewCase() => new(
        New().Then(Check()).Then(End("accepted"), "Accept")
            .At("check").Then(End("supplement"), "RequestSupplement")
            .At("check").Then(End("rejected"), "Reject").Compile());

    [Test]
    public void A_required_field_is_required_only_for_its_outcomes()
    {
        Assert.That(() => NewCase().Complete("check", "Accept", new() { ["comment"] = "材料齐全 ✅" }), Throws.Nothing);

        var refused = Assert.Throws<StimulusRejectedException>(() => NewCase().Complete("check", "Reject", new() { ["comment"] = "不符合条件" }));

        Assert.That(refused!.Errors.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { ("reason", "Required") }));
    }

    [Test]
    public void A_field_is_checked_only_for_its_outcomes()
    {
        var refused = Assert.Throws<StimulusRejectedException>(() =>
            NewCase().Complete("check", "RequestSupplement", new() { ["supplementItems"] = "户口簿复印件", ["pages"] = 0.0 }));

        Assert.That(refused!.Errors.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { ("pages", "BelowMin") }));
    }

    [Test]
    public void A_value_for_a_field_of_another_outcome_is_refused_and_nothing_changes()
    {
        var run = NewCase();

        var refused = Assert.Throws<StimulusRejectedException>(() =>
            run.Complete("check", "Accept", new() { ["reason"] = "驳回理由 typed before changing one's mind" }));

        var error = refused!.Errors.Single();
        Assert.That((error.Field, error.Code), Is.EqualTo(("reason", "FieldNotForOutcome")));
        Assert.That(error.Message.Get("zh-CN"), Does.Contain("结果"));
        Assert.That(error.Message.Get("en"), Does.Contain("outcome"));
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "check" }));
    }

    [Test]
    public void A_field_of_the_chosen_outcome_is_stored_with_the_task()
    {
        var run = NewCase();

        run.Complete("check", "Reject", new() { ["reason"] = "档案不属本区管辖 🗂️" });

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void The_validator_applies_the_same_outcome_filter_to_fields_and_rules()
    {
        var fields = Check().Form!;
        FormRule[] rules =
        [
            new FormRule
            {
                Assert = Js("form.supplementItems.length > 2"), Field = "supplementItems", Outcomes = ["RequestSupplement"], Code = "ItemsTooShort",
                Message = LocalizedText.Of("请列明缺少的材料。", "List the missing items."),
            },
        ];

        var forReject = FormValidator.Validate(fields, rules, new Dictionary<string, object?> { ["reason"] = "不符" }, "Reject", _ => throw new InvalidOperationException("no rule applies"));
        var forAccept = FormValidator.Validate(fields, rules, new Dictionary<string, object?>(), "Accept", _ => throw new InvalidOperationException("no rule applies"));
        var forSupplement = FormValidator.Validate(fields, rules, new Dictionary<string, object?> { ["supplementItems"] = "无" }, "RequestSupplement", _ => false);

        Assert.That(forReject, Is.Empty);
        Assert.That(forAccept, Is.Empty);
        Assert.That(forSupplement.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { ("supplementItems", "ItemsTooShort") }));
    }

    [Test]
    public void Outcomes_of_a_field_round_trip_through_json_and_are_left_out_when_absent()
    {
        var definition = New().Then(Check()).Then(End(), "Accept").Definition();

        var json = DefinitionSerializer.Serialize(definition);
        var read = DefinitionSerializer.Deserialize(json);

        var form = read.Root.Activities.Single(a => a.Id == "check").Form!;
        Assert.That(form.Single(f => f.Name == "reason").Outcomes, Is.EqualTo(new[] { "Reject" }));
        Assert.That(form.Single(f => f.Name == "pages").Outcomes, Is.EqualTo(new[] { "Accept", "RequestSupplement" }));
        Assert.That(form.Single(f => f.Name == "comment").Outcomes, Is.Null);
        Assert.That(form.Single(f => f.Name == "reason").Extra, Is.Null, "outcomes is a property, not an unknown extra");
        Assert.That(DefinitionSerializer.Serialize(read), Is.EqualTo(json));
    }

    [Test]
    public void The_definition_validator_refuses_an_outcome_the_task_does_not_have()
    {
        var definition = New().Then(Task("check", "Accept", "Reject") with
        {
            Form = [new FormField { Name = "reason", Type = FormFieldTypes.Text, Outcomes = ["Reject", "Close"] }],
        }).Then(End(), "Accept").At("check").Then(End("rejected"), "Reject").Definition();

        var problems = new WorkflowDefinitionValidator().Check(definition);

        var problem = problems.Single(p => p.Code == "OutcomeUnknown");
        Assert.That((problem.ActivityId, problem.Property), Is.EqualTo(("check", "form.reason.outcomes")));
        Assert.That(problem.Message, Does.Contain("Close"));
    }

    [Test]
    public void Only_task_form_fields_may_belong_to_outcomes()
    {
        var definition = New().Input(new FormField { Name = "note", Type = FormFieldTypes.Text, Outcomes = ["Accept"] }).Then(End()).Definition();

        var problems = new WorkflowDefinitionValidator().Check(definition);

        Assert.That(problems.Select(p => (p.Property, p.Code)), Does.Contain(("inputs.note.outcomes", "FieldOutcomesNotAllowed")));
    }
}
