using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Archives.Workflow.Runtime.Instances;

/// <summary>How the runtime finds a case: by its id, or by the id of one of its bookmarks.</summary>
internal static class InstanceQueries
{
    // Every stimulus reads its case's row first. A compiled query (one per model: a compiled query serves
    // one model only) skips building the LINQ expression and looking its translation up each time.
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, CancellationToken, Task<WorkflowInstance?>>> Queries = new();

    public static Task<WorkflowInstance?> FindAsync(DbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var query = Queries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (DbContext context, string instanceId, CancellationToken token) =>
                context.Set<WorkflowInstance>().AsNoTracking().SingleOrDefault(i => i.Id == instanceId)));
        return query(db, instanceId, cancellationToken);
    }

    public static async Task<string> OfBookmarkAsync(Func<DbContext> contextFactory, string bookmarkId, CancellationToken cancellationToken)
    {
        // The engine derives bookmark ids from the instance id ("<instance>:task-3"): no query needed.
        var separator = bookmarkId.LastIndexOf(':');
        if (separator > 0)
        {
            return bookmarkId[..separator];
        }

        await using var db = contextFactory();
        return await db.Set<BookmarkRecord>().Where(b => b.Id == bookmarkId).Select(b => b.InstanceId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"No task, timer, signal or job {bookmarkId}.");
    }
}
