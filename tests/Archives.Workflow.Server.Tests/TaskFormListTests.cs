using System.Text.Json;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Forms;
using Archives.Workflow.Server.Components.Forms;

namespace Archives.Workflow.Server.Tests;

/// <summary>A List field in the form a page generates: rows added and removed, each row field checked as typed, the data the engine receives.</summary>
public sealed class TaskFormListTests
{
    private const string Wang = "110105198804171235";
    private const string Li = "11010519491231002X";

    private static readonly FormField[] Fields =
    [
        new() { Name = "comment", Type = FormFieldTypes.Text },
        new()
        {
            Name = "requesters", Type = FormFieldTypes.List, MinItems = 2, MaxItems = 3, Label = LocalizedText.Of("查阅人", "Requesters"),
            Fields =
            [
                new FormField { Name = "name", Type = FormFieldTypes.Text, Required = true, Label = LocalizedText.Of("姓名", "Name") },
                new FormField { Name = "idNumber", Type = FormFieldTypes.IdNumber, Required = true },
                new FormField { Name = "partyMember", Type = FormFieldTypes.Boolean },
            ],
        },
    ];

    private static readonly DateOnly Today = new(2026, 11, 23);

    [Test]
    public void A_list_starts_with_the_rows_it_needs_and_stops_at_its_most()
    {
        var form = new TaskFormModel(Fields, LocalizedText.Chinese);
        var starting = form.RowCount("requesters");

        form.AddRow("requesters");
        form.AddRow("requesters");

        Assert.That((starting, form.RowCount("requesters")), Is.EqualTo((2, 3)));
        Assert.That(form.Fields[1].RowFields.Select(f => f.Label), Is.EqualTo(new[] { "姓名", "idNumber", "partyMember" }));
    }

    [Test]
    public void A_row_field_is_checked_as_typed_and_its_message_moves_up_with_its_row()
    {
        var form = new TaskFormModel(Fields, LocalizedText.Chinese);
        form.AddRow("requesters");
        form.SetCell("requesters", 2, "idNumber", "110105198804171236", Today);
        form.SetCell("requesters", 2, "name", "李文博 🙂", Today);

        Assert.That(form.Errors.Keys, Is.EqualTo(new[] { "requesters[2].idNumber" }));

        form.RemoveRow("requesters", 0, Today);

        Assert.That(form.Errors.Keys, Is.EqualTo(new[] { "requesters[1].idNumber" }));
        Assert.That(form.Cell("requesters", 1, "name"), Is.EqualTo("李文博 🙂"));
        Assert.That(form.FirstError, Is.EqualTo("requesters[1].idNumber"));
    }

    [Test]
    public void The_data_holds_the_rows_without_their_empty_fields_and_the_engine_accepts_them()
    {
        var form = new TaskFormModel(Fields, LocalizedText.Chinese);
        form.SetCell("requesters", 0, "name", "  王小明  ", Today);
        form.SetCell("requesters", 0, "idNumber", Wang, Today);
        form.SetCell("requesters", 0, "partyMember", true, Today);
        form.SetCell("requesters", 1, "name", "李文博", Today);
        form.SetCell("requesters", 1, "idNumber", Li, Today);

        var rows = (List<Dictionary<string, object?>>)form.Data["requesters"]!;

        Assert.That(rows.Select(r => string.Join(",", r.Select(c => $"{c.Key}={c.Value}"))),
            Is.EqualTo(new[] { "partyMember=True,name=王小明,idNumber=" + Wang, "partyMember=False,name=李文博,idNumber=" + Li }));
        Assert.That(FormValidator.ValidateFields(Fields, form.Data, Today), Is.Empty);
        Assert.That(form.Validate(Today), Is.True);
    }

    [Test]
    public void Submitting_too_few_rows_and_empty_row_fields_shows_each_message_where_it_belongs()
    {
        var form = new TaskFormModel(Fields, LocalizedText.English);
        form.RemoveRow("requesters", 1, Today);

        var valid = form.Validate(Today);

        Assert.That(valid, Is.False);
        Assert.That(form.Errors.Keys, Is.EquivalentTo(new[] { "requesters", "requesters[0].name", "requesters[0].idNumber" }));
        Assert.That(form.Errors["requesters"], Is.EqualTo("Needs at least 2 rows."));
        Assert.That(form.FormError, Is.Null);

        form.AddRow("requesters", Today);

        Assert.That(form.Errors.ContainsKey("requesters"), Is.False, "the count's message follows the new count");
    }

    [Test]
    public void A_draft_brings_the_rows_back_keeping_only_the_row_fields_the_list_has()
    {
        var form = new TaskFormModel(Fields, LocalizedText.Chinese);
        using var kept = JsonDocument.Parse($$"""[ { "name": "王小明", "idNumber": "{{Wang}}", "partyMember": true, "unit": "某街道" }, { "name": 3 } ]""");

        form.Restore(new Dictionary<string, object?> { ["requesters"] = kept.RootElement.Clone(), ["comment"] = "草稿" });

        Assert.That(form.RowCount("requesters"), Is.EqualTo(2));
        Assert.That((form.Cell("requesters", 0, "name"), form.Cell("requesters", 0, "partyMember"), form.Cell("requesters", 0, "unit")), Is.EqualTo(("王小明", (object)true, (object?)null)));
        Assert.That(form.Cell("requesters", 1, "name"), Is.Null, "a value of the wrong kind is left out");
        Assert.That(form.AllValues["comment"], Is.EqualTo("草稿"));
    }
}
