using Archives.Workflow.Cases;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// Page numbers from 1, page sizes 1–200 (default 20); anything else is refused naming the parameter.
/// A page past the end is empty and still carries the true total; the offset is computed in 64 bits,
/// so no page number makes it wrap round to the first page or overflow in the database.
/// </summary>
public static class Paging
{
    public const int DefaultSize = 20;

    public const int MaxSize = 200;

    public static async Task<(List<T> Items, int Total, int Page, int Size)> PageAsync<T>(IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Check(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var offset = (long)(number - 1) * size;
        var items = offset >= total ? [] : await query.Skip((int)offset).Take(size).ToListAsync(cancellationToken);
        return (items, total, number, size);
    }

    /// <summary>The page and its size, or a refusal naming the parameter out of range.</summary>
    public static (int Page, int Size) Check(int? page, int? pageSize)
    {
        var size = pageSize ?? DefaultSize;
        if (size is < 1 or > MaxSize)
        {
            throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "pageSize", LocalizedText.Of($"每页 1 至 {MaxSize} 条。", $"A page holds 1 to {MaxSize} items."));
        }

        var number = page ?? 1;
        if (number < 1)
        {
            throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "page", LocalizedText.Of("页码从 1 开始。", "Pages are numbered from 1."));
        }

        return (number, size);
    }
}
