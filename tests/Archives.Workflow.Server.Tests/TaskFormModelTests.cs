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
}
