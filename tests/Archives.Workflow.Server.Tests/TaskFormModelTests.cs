using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Server.Components.Forms;

namespace Archives.Workflow.Server.Tests;

/// <summary>The form a page generates from field definitions, checked with the engine's rules in the reader's language.</summary>
public sealed class TaskFormModelTests
{
    private static readonly FormField[] Fields =
    [
        new() { Name = "comment", Type = FormFieldTypes.Text, Label = LocalizedText.Of("意见", "Comment"), MaxLength = 500 },
        new() { Name = "method", Type = FormFieldTypes.Choice, Label = LocalizedText.Of("转递方式", "Method"), Required = true,
            Choices = [new FormChoice { Value = "Courier", Label = LocalizedText.Of("专人送取", "Courier") }, new FormChoice { Value = "ExpressMail" }] },
        new() { Name = "materialCount", Type = FormFieldTypes.Number, Label = LocalizedText.Of("材料份数", "Number of materials"), Min = 1, Required = true },
        new() { Name = "sealed", Type = FormFieldTypes.Boolean, Label = LocalizedText.Of("已密封", "Sealed") },
        new() { Name = "receivedOn", Type = FormFieldTypes.Date },
        new() { Name = "idNumber", Type = FormFieldTypes.IdNumber, Label = LocalizedText.Of("公民身份号码", "Identity number") },
    ];

    [Test]
    public void Each_field_becomes_a_control_labelled_in_the_readers_language()
    {
        var chinese = new TaskFormModel(Fields, LocalizedText.Chinese);
        var english = new TaskFormModel(Fields, LocalizedText.English);

        Assert.Multiple(() =>
        {
            Assert.That(chinese.Fields.Select(f => f.Label), Is.EqualTo(new[] { "意见", "转递方式", "材料份数", "已密封", "receivedOn", "公民身份号码" }));
            Assert.That(english.Fields.Select(f => f.Label).Take(3), Is.EqualTo(new[] { "Comment", "Method", "Number of materials" }));
            Assert.That(chinese.Fields.Single(f => f.Name == "method").Choices.Select(c => c.Value), Is.EqualTo(new[] { "专人送取", "ExpressMail" }), "a choice without a label shows its value");
            Assert.That(chinese.Fields.Single(f => f.Name == "comment").Multiline, Is.True);
            Assert.That(chinese.Data["sealed"], Is.EqualTo(false), "a box left unticked is sent as false");
        });
    }

    [Test]
    public void A_value_is_checked_as_it_is_typed_and_the_message_is_in_the_readers_language()
    {
        var form = new TaskFormModel(Fields, LocalizedText.English);

        const string first17 = "11010519880312123";
        var good = first17 + Engine.Forms.IdentityNumber.CheckCharacter(first17);
        var bad = first17 + (good[^1] == '0' ? '1' : '0');
        form.Set("materialCount", 0d);
        form.Set("idNumber", bad);
        Assert.That(form.Errors.Keys, Is.EquivalentTo(new[] { "materialCount", "idNumber" }));
        Assert.That(form.Errors["idNumber"], Does.Contain("check").IgnoreCase);

        form.Set("materialCount", 12d);
        form.Set("idNumber", good);
        Assert.That(form.Errors, Is.Empty);
    }

    [Test]
    public void Submitting_checks_every_field_and_the_engines_refusal_lands_on_the_field_it_names()
    {
        var form = new TaskFormModel(Fields, LocalizedText.Chinese);
        form.Set("comment", "  已核对  ");
        form.Set("receivedOn", new DateTime(2026, 11, 20));

        Assert.That(form.Validate(), Is.False, "method and materialCount are required");
        Assert.That(form.Errors.Keys, Is.SupersetOf(new[] { "method", "materialCount" }));
        form.Set("method", "ExpressMail");
        form.Set("materialCount", 3d);
        Assert.That(form.Validate(), Is.True);
        Assert.That(form.Data["comment"], Is.EqualTo("已核对"));
        Assert.That(form.Data["receivedOn"], Is.EqualTo("2026-11-20"));

        form.Show([new FieldError("method", "ExpressMailNotAllowed", LocalizedText.Of("不得使用挂号快递。", "Not by express mail.")), new FieldError("outcome", "UnknownOutcome", LocalizedText.Of("没有该结果。", "No such outcome."))]);
        Assert.That(form.Errors["method"], Is.EqualTo("不得使用挂号快递。"));
        Assert.That(form.FormError, Is.EqualTo("没有该结果。"));
    }

    private static readonly FormField[] CheckFields =
    [
        new() { Name = "comment", Type = FormFieldTypes.Text, MaxLength = 500 },
        new() { Name = "reason", Type = FormFieldTypes.Text, MaxLength = 500 },
        new() { Name = "supplementItems", Type = FormFieldTypes.Text, Required = true, Outcomes = ["RequestSupplement"] },
    ];

    private static readonly FormRule[] CheckRules =
    [
        new()
        {
            Assert = WorkflowExpression.JavaScript("typeof form.reason === 'string' && form.reason.trim().length > 0"), Field = "reason", Outcomes = ["Reject"],
            Code = "ReasonRequired", Message = LocalizedText.Of("不予接收必须填写理由。", "Rejecting the application requires a reason."),
        },
    ];

    [Test]
    public void Only_the_fields_of_the_chosen_outcome_show_and_a_field_named_only_by_outcome_rules_takes_their_outcomes()
    {
        var form = new TaskFormModel(CheckFields, CheckRules, LocalizedText.Chinese);

        Assert.That(form.VisibleFields.Select(f => f.Name), Is.EqualTo(new[] { "comment" }), "before an outcome is chosen, only the fields of every outcome");
        form.Choose("Reject");
        Assert.That(form.VisibleFields.Select(f => f.Name), Is.EqualTo(new[] { "comment", "reason" }), "reason is inferred from its rule");
        form.Choose("RequestSupplement");
        Assert.That(form.VisibleFields.Select(f => f.Name), Is.EqualTo(new[] { "comment", "supplementItems" }), "supplementItems says so itself");
        Assert.That(form.DependsOnOutcome, Is.True);
    }

    [Test]
    public void A_value_typed_into_a_field_the_outcome_hides_is_kept_but_not_submitted()
    {
        var form = new TaskFormModel(CheckFields, CheckRules, LocalizedText.Chinese);
        form.Choose("Reject");
        form.Set("reason", "户籍不在本区 😀");
        form.Set("comment", "已核对");

        form.Choose("Accept");

        Assert.That(form.Data.Keys, Is.EqualTo(new[] { "comment" }));
        Assert.That(form.AllValues["reason"], Is.EqualTo("户籍不在本区 😀"), "the draft keeps it");
        form.Choose("Reject");
        Assert.That(form.Data["reason"], Is.EqualTo("户籍不在本区 😀"));
    }

    [Test]
    public void The_whole_form_is_checked_with_the_engines_rules_for_the_chosen_outcome()
    {
        var form = new TaskFormModel(CheckFields, CheckRules, LocalizedText.English);
        var scope = new Engine.Forms.FormRuleScope(
            new Dictionary<string, object?>(), new Dictionary<string, object?>(), new DateTimeOffset(2026, 11, 23, 9, 0, 0, 123, TimeSpan.FromHours(8)).AddTicks(4567),
            Engine.Calendar.WorkingDayCalendar.WeekdaysOnly, Engine.Expressions.JintExpressionEngine.Shared);

        form.Choose("Reject");
        Assert.That(form.Validate(scope), Is.False);
        Assert.That(form.Errors["reason"], Is.EqualTo("Rejecting the application requires a reason."));

        form.Choose("RequestSupplement");
        Assert.That(form.Validate(scope), Is.False);
        Assert.That(form.Errors.Keys, Is.EqualTo(new[] { "supplementItems" }));

        form.Choose("Accept");
        Assert.That(form.Validate(scope), Is.True);
    }

    [Test]
    public void A_draft_restores_only_fields_the_form_has_with_values_of_their_kind()
    {
        var form = new TaskFormModel(Fields, LocalizedText.Chinese);

        form.Restore(new Dictionary<string, object?> { ["comment"] = "草稿 ✍️", ["materialCount"] = "twelve", ["sealed"] = true, ["ghost"] = "x", ["@outcome"] = "Accept" });

        Assert.That(form.AllValues.Keys, Is.EquivalentTo(new[] { "comment", "sealed" }));
        Assert.That(form.Text("comment"), Is.EqualTo("草稿 ✍️"));
    }
}
