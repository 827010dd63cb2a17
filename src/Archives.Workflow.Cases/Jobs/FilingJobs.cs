using System.Globalization;
using System.Text.Json;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>The jobs of materials filing: the correction request, the return to the unit, and the filing itself.</summary>
public static class FilingJobs
{
    /// <summary>Every handler the materials-filing definition names (it notifies the person with <see cref="NotifyPersonJob"/>).</summary>
    public static IReadOnlyList<CaseJob> Handlers() =>
    [
        new DocumentJob("issue-correction-request", DocumentKind.CorrectionRequest, "formingUnit", "noticeNumber", j =>
            $"材料更正通知：{Text(j, "formingUnit", "报送单位")}：贵单位报送的{Text(j, "personName")}档案材料须更正：{Text(j, "corrections", "见审核意见")}。" +
            $"请于{Text(j, "replyWithinWorkingDays", "20")}个工作日内更正后重新报送，逾期退回。"),
        new DocumentJob("return-materials-to-unit", DocumentKind.MaterialsReturnNotice, "formingUnit", "noticeNumber", j =>
            $"材料退回通知：{Text(j, "formingUnit", "报送单位")}：贵单位报送的{Text(j, "personName")}档案材料 {Text(j, "materialCount")} 份不予归档，现予退回，原因：{Text(j, "reason", "不符合归档要求")}。"),
        new FileMaterialsJob(),
    ];

    private static string Text(CaseJobContext job, string name, string fallback = "") => CaseJob.InputText(job, name, fallback);
}

/// <summary>
/// Files the accepted materials in the person's file, each numbered <c>category[-subclass]-sequence</c> after those
/// already there; one received more than a month after it was formed is flagged late.
/// </summary>
public sealed class FileMaterialsJob : CaseJob
{
    public override string Name => "file-materials";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var file = job.File ?? throw new InvalidOperationException("The case has no file to file materials in.");
        var receivedOn = Date(job.Input.GetValueOrDefault("receivedOn")) ?? ChinaTime.Date(job.Now);
        var formingUnit = Text(job, "formingUnit", job.Case.InstitutionCode);
        var rows = ConsultationAndFilingRules.Rows(job.Input.GetValueOrDefault("materials"));
        var existing = await job.Db.Set<Material>().Where(m => m.FileId == file.Id).Select(m => new { m.Category, m.SubClass, m.Sequence }).ToListAsync(cancellationToken);
        var next = existing.GroupBy(m => (m.Category, m.SubClass)).ToDictionary(g => g.Key, g => g.Max(m => m.Sequence));
        var numbers = new List<string>();
        var late = 0;
        foreach (var row in rows)
        {
            var category = (int)row.GetProperty("category").GetDouble();
            int? subClass = row.TryGetProperty("subClass", out var sub) && sub.ValueKind == JsonValueKind.Number ? (int)sub.GetDouble() : null;
            var sequence = next.GetValueOrDefault((category, subClass)) + 1;
            next[(category, subClass)] = sequence;
            var formedOn = Date(String(row, "formedOn")) ?? receivedOn;
            var material = new Material
            {
                Id = Guid.CreateVersion7(job.Now), FileId = file.Id, Category = category, SubClass = subClass, Sequence = sequence,
                Number = Material.Format(category, subClass, sequence), Title = String(row, "title") ?? "未命名材料", FormedOn = formedOn, FormingUnit = formingUnit,
                Pages = row.TryGetProperty("pages", out var pages) && pages.ValueKind == JsonValueKind.Number ? (int)pages.GetDouble() : 1,
                Original = !(row.TryGetProperty("original", out var original) && original.ValueKind == JsonValueKind.False),
                DigitalCopySha256 = String(row, "sha256") is { Length: 64 } hash ? hash.ToLowerInvariant() : null,
                Late = receivedOn > formedOn.AddMonths(1), AddedAt = job.Now, AddedBy = job.Case.OpenedBy,
            };
            late += material.Late ? 1 : 0;
            numbers.Add(material.Number);
            job.Db.Add(material);
        }

        file.UpdatedAt = job.Now;
        return new Dictionary<string, object?> { ["materialNumbers"] = string.Join("、", numbers), ["filed"] = numbers.Count, ["late"] = late };
    }

    private static string? String(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateOnly? Date(object? value) =>
        value is string text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
