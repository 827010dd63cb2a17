using System.Globalization;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>The jobs of a file consultation: the refusal notice, the loan record and the loan's chase, report, damage report and return.</summary>
public static class LoanJobs
{
    /// <summary>Every handler the consultation definition names.</summary>
    public static IReadOnlyList<CaseJob> Handlers() =>
    [
        new DocumentJob("issue-consultation-refusal", DocumentKind.ConsultationRefusal, "unitName", "noticeNumber", j =>
            $"不予查（借）阅通知：{Text(j, "unitName", "查阅单位")}：贵单位（介绍信 {Text(j, "letterNumber")}）查（借）阅{Text(j, "personName")}档案的申请不予办理，原因：{Text(j, "reason", "不符合查（借）阅条件")}。"),
        new IssueLoanRecordJob(),
        new DocumentJob("chase-borrower", DocumentKind.LoanChaseNotice, "unitName", "chaseNumber", j =>
            $"档案催还函：{Text(j, "unitName", "借阅单位")}：贵单位借阅的{Text(j, "personName")}档案（借阅登记单 {Text(j, "loanRecordNumber")}）已于{Day(Text(j, "dueAt"))}到期，请立即归还。"),
        new DocumentJob("report-to-unit-superior", DocumentKind.OverdueLoanReport, "unitName", "reportNumber", j =>
            $"逾期未还档案通报：{Text(j, "unitName", "借阅单位")}的上级主管部门：{Text(j, "unitName", "该单位")}借阅的{Text(j, "personName")}档案（借阅登记单 {Text(j, "loanRecordNumber")}）" +
            $"于{Day(Text(j, "dueAt"))}到期，经催还仍未归还，请督促其立即归还。{Remark(Text(j, "note"))}"),
        new DocumentJob("issue-damage-report", DocumentKind.DamageReport, "unitName", "reportNumber", j =>
            $"档案损坏报告：{Text(j, "unitName", "借阅单位")}归还的{Text(j, "personName")}档案（借阅登记单 {Text(j, "loanRecordNumber")}）经检查有损坏：{Text(j, "damage", "见检查记录")}。"),
        new CloseLoanJob(),
    ];

    /// <summary>An instant as its day in China (2026-12-16); the text as given when it is not an instant.</summary>
    internal static string Day(string instant) =>
        DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? ChinaTime.Date(at).ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : instant;

    private static string Remark(string note) => note.Length == 0 ? string.Empty : $"备注：{note}";

    private static string Text(CaseJobContext job, string name, string fallback = "") => CaseJob.InputText(job, name, fallback);
}

/// <summary>Lends the file: the loan record (a numbered document) and the open loan that keeps the file from being transferred or lent again.</summary>
public sealed class IssueLoanRecordJob : CaseJob
{
    public override string Name => "issue-loan-record";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var file = job.File ?? throw new InvalidOperationException("The case has no file to lend.");
        if (await FileLoans.OpenLoanAsync(job.Db, file.Id, cancellationToken) is { } open && open.CaseId != job.Case.Id)
        {
            throw FileLoans.OnLoan(open);
        }

        var unit = Text(job, "unitName", "借阅单位");
        // Instants are stored in UTC (PostgreSQL refuses another offset); the definition computes the due date in China time.
        var due = DateTimeOffset.TryParse(Text(job, "dueAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at.ToUniversalTime() : job.Now.AddDays(14);
        var record = await IssueAsync(job, DocumentKind.LoanRecord, unit,
            $"档案借阅登记单：{unit}（统一社会信用代码 {Text(job, "unitCreditCode")}）持介绍信 {Text(job, "letterNumber")} 借阅{job.Person.Name}（公民身份号码 {job.Person.IdentityNumber}）的人事档案" +
            $"{(file.FileNumber is null ? string.Empty : $"（档案编号 {file.FileNumber}）")}，借阅目的：{LetterWording.Purpose(Text(job, "purpose"))}，应于{LoanJobs.Day(Text(job, "dueAt"))}前归还。借阅期间不得转借、拆封、涂改或复制。", cancellationToken);
        job.Db.Add(new FileLoan
        {
            Id = Guid.CreateVersion7(job.Now), FileId = file.Id, CaseId = job.Case.Id, Unit = unit, UnitCreditCode = Text(job, "unitCreditCode") is { Length: > 0 and <= 18 } code ? code : null,
            RecordNumber = record.Number, LentAt = job.Now, DueAt = due,
        });
        return new Dictionary<string, object?> { ["documentNumber"] = record.Number, ["dueAt"] = Engine.Expressions.Values.FormatInstant(due), ["lentAt"] = Engine.Expressions.Values.FormatInstant(job.Now) };
    }
}

/// <summary>Records how the lent file came back (intact or damaged) and closes the loan, if its return was not recorded already.</summary>
public sealed class CloseLoanJob : CaseJob
{
    public override string Name => "close-loan";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var loan = await job.Db.Set<FileLoan>().Where(l => l.CaseId == job.Case.Id).OrderByDescending(l => l.LentAt).FirstOrDefaultAsync(cancellationToken);
        var condition = Enum.TryParse<LoanCondition>(Text(job, "condition"), ignoreCase: false, out var parsed) ? parsed : LoanCondition.Intact;
        if (loan is not null)
        {
            loan.ReturnedAt ??= job.Now;
            loan.Condition = condition;
        }

        return new Dictionary<string, object?> { ["condition"] = condition.ToString(), ["closedAt"] = Engine.Expressions.Values.FormatInstant(job.Now) };
    }
}
