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

    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, string, CancellationToken, Task<InstanceWithBookmark?>>> WithBookmarkQueries = new();

    /// <summary>
    /// A case's row and one of its bookmarks' (a job's input, a timer's status and due instant) in one query; null when
    /// there is no such case. The bookmark is null when the case has no such bookmark.
    /// </summary>
    public static Task<InstanceWithBookmark?> FindWithBookmarkAsync(DbContext db, string instanceId, string bookmarkId, CancellationToken cancellationToken)
    {
        var query = WithBookmarkQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (DbContext context, string instanceId, string bookmarkId, CancellationToken token) =>
                (from i in context.Set<WorkflowInstance>().AsNoTracking().Where(i => i.Id == instanceId)
                 from b in context.Set<BookmarkRecord>().AsNoTracking().Where(b => b.Id == bookmarkId && b.InstanceId == i.Id).DefaultIfEmpty()
                 select new InstanceWithBookmark(i, b)).SingleOrDefault()));
        return query(db, instanceId, bookmarkId, cancellationToken);
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

/// <summary>A case's row with one of its bookmarks' rows (null when it has no such bookmark).</summary>
internal sealed record InstanceWithBookmark(WorkflowInstance Instance, BookmarkRecord? Bookmark);
