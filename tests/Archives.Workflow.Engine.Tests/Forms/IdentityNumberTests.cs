using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Engine.Tests.Forms;

public sealed class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [TestCase("110105", "19850101", null)]
    [TestCase("820000", "19850101", null)]
    [TestCase("990105", "19850101", "IdNumberRegion")]
    [TestCase("100105", "19850101", "IdNumberRegion")]
    [TestCase("010105", "19850101", "IdNumberRegion")]
    [TestCase("110105", "20261123", null)]
    [TestCase("110105", "20261124", "IdNumberBirthDate")]
    [TestCase("110105", "20991231", "IdNumberBirthDate")]
    [TestCase("110105", "18961123", null)]
    [TestCase("110105", "18961122", "IdNumberBirthDate")]
    [TestCase("110105", "19850229", "IdNumberBirthDate")]
    public void A_number_with_a_right_check_character_is_judged_by_its_region_and_by_its_birth_date_against_today(string region, string birth, string? expected)
    {
        var first17 = region + birth + "123";

        Assert.That(IdentityNumber.Check(first17 + IdentityNumber.CheckCharacter(first17), Today), Is.EqualTo(expected));
    }

    [Test]
    public void A_lower_case_x_is_the_check_character_x()
    {
        var first17 = Enumerable.Range(0, 1000).Select(n => $"11010519850101{n:D3}").First(f => IdentityNumber.CheckCharacter(f) == 'X');

        Assert.That(IdentityNumber.Check(first17 + "x", Today), Is.Null);
    }
}
