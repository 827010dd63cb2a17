using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>Page numbers from 1, page sizes 1–200 (default 20).</summary>
public static class Paging
{
    public static async Task<(List<T> Items, int Total, int Page, int Size)> PageAsync<T>(IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, 200);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return (items, total, number, size);
    }
}
