namespace Archives.Workflow.Cases.Loans;

/// <summary>The loan rules: one open loan per file, and what an open loan forbids.</summary>
public static class FileLoans
{
    /// <summary>The file's open loan (not yet returned), if any.</summary>
    public static Task<FileLoan?> OpenLoanAsync(DbContext db, Guid fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<FileLoan>().Where(l => l.FileId == fileId && l.ReturnedAt == null).OrderByDescending(l => l.LentAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Refuses with <see cref="ArchivesCodes.FileOnLoan"/> when the file is lent and not yet back.</summary>
    public static async Task EnsureNotOnLoanAsync(DbContext db, Guid fileId, CancellationToken cancellationToken)
    {
        if (await OpenLoanAsync(db, fileId, cancellationToken) is { } loan)
        {
            throw OnLoan(loan);
        }
    }

    public static ArchivesException OnLoan(FileLoan loan)
    {
        ArgumentNullException.ThrowIfNull(loan);
        return new ArchivesException(RefusalKind.Conflict, ArchivesCodes.FileOnLoan,
            LocalizedText.Of($"档案已借给{loan.Unit}，尚未归还。", $"The file is on loan to {loan.Unit} and has not come back."), "idNumber");
    }
}
