using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Persons;
using FluentValidation.TestHelper;

namespace Archives.Workflow.Cases.Tests;

/// <summary>The domain's own check of text handed in by its pages (no request body, so no request decoding in front of it).</summary>
public sealed class StorableTextTests
{
    [Test]
    public void A_nul_deep_inside_form_values_is_refused_naming_its_path()
    {
        var values = new Dictionary<string, object?>
        {
            ["personName"] = "周晓梅 😀",
            ["children"] = new List<object?> { "甲", new Dictionary<string, object?> { ["name"] = "乙\0" } },
        };

        var refusal = Assert.Throws<ArchivesException>(() => StorableText.EnsureStorable(values, "data"));

        Assert.That((refusal!.Code, refusal.Field), Is.EqualTo(("ControlCharacter", "data.children[1].name")));
    }

    [Test]
    public void A_nul_in_a_row_of_a_list_read_from_JSON_is_refused_naming_its_row_and_field()
    {
        using var rows = System.Text.Json.JsonDocument.Parse("""
            [ { "name": "赵六 📁", "idNumber": "110105198804171235" }, { "name": "王\u0000小明", "idNumber": "11010519491231002X" } ]
            """);
        var values = new Dictionary<string, object?> { ["requesters"] = rows.RootElement.Clone() };

        var refusal = Assert.Throws<ArchivesException>(() => StorableText.EnsureStorable(values, "input"));

        Assert.That((refusal!.Code, refusal.Field), Is.EqualTo(("ControlCharacter", "input.requesters[1].name")));
    }

    [Test]
    public void A_lone_surrogate_in_a_row_a_page_built_is_refused_naming_its_row_and_field()
    {
        var values = new Dictionary<string, object?>
        {
            ["requesters"] = new List<Dictionary<string, object?>>
            {
                new() { ["name"] = "赵六 📁", ["idNumber"] = "110105198804171235" },
                new() { ["name"] = "李\ud800文博", ["idNumber"] = "11010519491231002X" },
            },
        };

        var refusal = Assert.Throws<ArchivesException>(() => StorableText.EnsureStorable(values, "input"));

        Assert.That((refusal!.Code, refusal.Field), Is.EqualTo(("MalformedRequest", "input.requesters[1].name")));
    }

    [Test]
    public void Line_breaks_tabs_chinese_and_emoji_are_text_a_lone_surrogate_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StorableText.Problem("第一行\r\n\t第二行 👨‍👩‍👧"), Is.Null);
            Assert.That(StorableText.Problem("周\ud800"), Is.EqualTo("MalformedRequest"));
            Assert.That(StorableText.Problem("\udc00周"), Is.EqualTo("MalformedRequest"));
            Assert.That(StorableText.Problem("\u001b[31m"), Is.EqualTo("ControlCharacter"));
        });
    }

    [Test]
    public void A_person_typed_with_a_control_character_in_the_address_is_refused_on_that_field()
    {
        var request = new UpdatePersonRequest("周晓梅", "朝阳区", "建外街道", null, "建国门外大街\u00072号", PersonStatus.Active, false, false);

        var result = new UpdatePersonRequestValidator().TestValidate(request);

        result.ShouldHaveValidationErrorFor(r => r.Address).WithErrorCode("ControlCharacter");
        result.ShouldNotHaveValidationErrorFor(r => r.Name);
    }
}
