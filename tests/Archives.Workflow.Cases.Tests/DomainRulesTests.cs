using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Transfers;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Cases.Tests;

public sealed class DomainRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly Institution Municipal = new() { Code = "BJ", NameZh = "市中心", NameEn = "Municipal", Kind = InstitutionKind.MunicipalCentre };
    private static readonly Institution Chaoyang = new() { Code = "CY", NameZh = "朝阳", NameEn = "Chaoyang", Kind = InstitutionKind.DistrictCentre, District = "朝阳区", ParentCode = "BJ" };
    private static readonly Institution Jianwai = new() { Code = "CY-JW", NameZh = "建外", NameEn = "Jianwai", Kind = InstitutionKind.StreetOffice, District = "朝阳区", Street = "建外街道", ParentCode = "CY" };
    private static readonly Institution Haidian = new() { Code = "HD", NameZh = "海淀", NameEn = "Haidian", Kind = InstitutionKind.DistrictCentre, District = "海淀区", ParentCode = "BJ" };

    [Test]
    public void A_street_office_receives_files_of_its_own_street_only_a_district_centre_of_its_district()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Jianwai.Covers("朝阳区", "建外街道"), Is.True);
            Assert.That(Jianwai.Covers("朝阳区", "望京街道"), Is.False);
            Assert.That(Chaoyang.Covers("朝阳区", "望京街道"), Is.True);
            Assert.That(Chaoyang.Covers("海淀区", "中关村街道"), Is.False);
            Assert.That(Municipal.Covers("东城区", null), Is.True);
        });
    }

    [Test]
    public void The_municipal_centre_oversees_all_a_district_centre_its_district_a_street_office_itself()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Municipal.Oversees(Jianwai) && Municipal.Oversees(Haidian), Is.True);
            Assert.That(Chaoyang.Oversees(Jianwai), Is.True);
            Assert.That(Chaoyang.Oversees(Haidian), Is.False);
            Assert.That(Jianwai.Oversees(Chaoyang), Is.False);
            Assert.That(Jianwai.Oversees(Jianwai), Is.True);
        });
    }

    [TestCase("11010519491231002X", true)]
    [TestCase("110105194912310021", false)]
    [TestCase("110105194913310025", false)]
    public void A_person_record_needs_a_valid_identity_number(string idNumber, bool valid)
    {
        var person = new Person { IdentityNumber = idNumber, Name = "测试", HouseholdDistrict = "朝阳区", BirthDate = new DateOnly(1949, 12, 31), Gender = Gender.Female };
        var result = new PersonValidator().Validate(person);
        Assert.That(result.IsValid, Is.EqualTo(valid), string.Join("; ", result.Errors));
    }

    [Test]
    public void Gender_and_birth_date_follow_the_identity_number()
    {
        var person = PersonValidator.FromIdentityNumber("11010519491231002X", "测试", "朝阳区", null, Now);
        Assert.Multiple(() =>
        {
            Assert.That(person.Gender, Is.EqualTo(Gender.Female), "the 17th digit 2 is even");
            Assert.That(person.BirthDate, Is.EqualTo(new DateOnly(1949, 12, 31)));
        });
        person.Gender = Gender.Male;
        Assert.That(new PersonValidator().Validate(person).Errors.Select(e => e.ErrorCode), Does.Contain("GenderMismatch"));
    }

    [Test]
    public void Materials_have_sub_classes_only_in_categories_4_and_9_and_are_originals()
    {
        var validator = new MaterialValidator(new FakeClock(Now));
        Material Make(int category, int? sub, bool original = true, string? sha = null) => new()
        {
            Category = category, SubClass = sub, Number = "x", Title = "学历证明", FormedOn = new DateOnly(2010, 7, 1), FormingUnit = "某大学", Pages = 2,
            Original = original, DigitalCopySha256 = sha,
        };
        Assert.Multiple(() =>
        {
            Assert.That(validator.Validate(Make(4, 1)).IsValid, Is.True);
            Assert.That(validator.Validate(Make(4, null)).Errors.Select(e => e.ErrorCode), Does.Contain("SubClassRequired"));
            Assert.That(validator.Validate(Make(2, 1)).Errors.Select(e => e.ErrorCode), Does.Contain("NoSubClass"));
            Assert.That(validator.Validate(Make(11, null)).Errors.Select(e => e.ErrorCode), Does.Contain("InvalidCategory"));
            Assert.That(validator.Validate(Make(1, null, original: false)).Errors.Select(e => e.ErrorCode), Does.Contain("OriginalsOnly"));
            Assert.That(validator.Validate(Make(1, null, sha: "ABC")).Errors.Select(e => e.ErrorCode), Does.Contain("InvalidSha256"));
            Assert.That(validator.Validate(Make(1, null, sha: new string('a', 64))).IsValid, Is.True);
        });
        Assert.That(Material.Format(4, 2, 3), Is.EqualTo("4-2-3"));
        Assert.That(Material.Format(1, null, 5), Is.EqualTo("1-5"));
    }

    [Test]
    public void Former_cadres_files_never_go_by_express_mail_and_the_deceased_stay()
    {
        Assert.DoesNotThrow(() => TransferRules.EnsureMethodAllowed(TransferMethod.ExpressMail, everCadre: false));
        Assert.DoesNotThrow(() => TransferRules.EnsureMethodAllowed(TransferMethod.Courier, everCadre: true));
        var refused = Assert.Throws<ArchivesException>(() => TransferRules.EnsureMethodAllowed(TransferMethod.ExpressMail, everCadre: true));
        Assert.That((refused.Code, refused.Field), Is.EqualTo(("ExpressMailRefused", "method")));
        var deceased = PersonValidator.FromIdentityNumber("11010519491231002X", "测试", "朝阳区", null, Now);
        deceased.Status = PersonStatus.Deceased;
        Assert.That(Assert.Throws<ArchivesException>(() => TransferRules.EnsureTransferable(deceased)).Code, Is.EqualTo("PersonDeceased"));
    }

    [TestCase(ProcessIds.UnemployedFileReceipt, "InCustody", FileStatus.Expected, FileStatus.InCustody)]
    [TestCase(ProcessIds.DepartureFileTransfer, "InTransit", FileStatus.InCustody, FileStatus.InTransit)]
    [TestCase(ProcessIds.DepartureFileTransfer, "TransferredOut", FileStatus.InTransit, FileStatus.TransferredOut)]
    [TestCase(ProcessIds.FileIdentification, "JointReview", FileStatus.InCustody, FileStatus.UnderIdentification)]
    [TestCase(ProcessIds.FileIdentification, "Identified", FileStatus.UnderIdentification, FileStatus.InCustody)]
    [TestCase(ProcessIds.UnemployedFileReceipt, "AwaitingFile", FileStatus.Expected, FileStatus.Expected)]
    public void Each_milestone_sets_the_file_status_it_means(string process, string milestone, FileStatus before, FileStatus after) =>
        Assert.That(CaseMilestones.FileStatusFor(process, milestone, closed: false, before), Is.EqualTo(after));

    [TestCase(ProcessIds.UnemployedFileReceipt, "Rejected", FileStatus.NotReceived)]
    [TestCase(ProcessIds.DismissedCivilServantFileReceipt, "Withdrawn", FileStatus.NotReceived)]
    [TestCase(ProcessIds.UnemployedFileReceipt, "Closed", FileStatus.NotReceived)]
    [TestCase(ProcessIds.UnemployedFileReceipt, null, FileStatus.NotReceived)]
    [TestCase(ProcessIds.DepartureFileTransfer, "Withdrawn", FileStatus.Expected)]
    public void A_receipt_that_ends_before_the_file_comes_leaves_nothing_held(string process, string? milestone, FileStatus after) =>
        Assert.That(CaseMilestones.FileStatusFor(process, milestone, closed: true, FileStatus.Expected), Is.EqualTo(after));
}
