using Archives.Workflow.Cases.Institutions;

namespace Archives.Workflow.Cases.Tests;

/// <summary>A unit's unified social credit code (GB 32100): the length, the alphabet and the check character.</summary>
public class CreditCodeTests
{
    [TestCase("91110000600037341L", TestName = "A_company_code_published_by_its_holder_is_valid")]
    [TestCase("12110105MB1234567X", TestName = "A_public_institution_code_with_its_check_character_is_valid")]
    public void Valid(string code) => Assert.That(CreditCodes.IsValid(code), Is.True);

    [TestCase("12110105MB1234568X", TestName = "One_digit_changed_breaks_the_check_character")]
    [TestCase("12110105MB123456", TestName = "Sixteen_characters_are_too_few")]
    [TestCase("12110105MB1234567X0", TestName = "Nineteen_characters_are_too_many")]
    [TestCase("12110105MI1234567X", TestName = "A_letter_outside_the_alphabet_is_refused")]
    [TestCase("１２110105MB1234567X", TestName = "Full_width_digits_are_refused")]
    [TestCase("", TestName = "An_empty_code_is_refused")]
    public void Invalid(string code) => Assert.That(CreditCodes.IsValid(code), Is.False);

    [Test]
    public void A_code_typed_in_lower_case_with_spaces_around_is_normalized_to_the_valid_code() =>
        Assert.That(CreditCodes.IsValid(CreditCodes.Normalize("  12110105mb1234567x ")), Is.True);
}
