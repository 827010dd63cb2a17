using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Archives.Workflow.Cases.Staff;

/// <summary>
/// Tells <see cref="StaffDirectory"/> that staff members (their institution, roles or avoidance list) or
/// institutions changed: an interceptor on every context of this process that sees such a row saved moves
/// <see cref="Version"/> on, before the save and again after it, so no reader keeps what it read meanwhile.
/// Changes made by another process (another node, the command line, SQL by hand) are not seen here; the
/// directory's time-to-live bounds how long they take to show.
/// </summary>
public sealed class StaffChanges : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> saving = [];
    private long version;

    /// <summary>Moves on whenever staff or institutions change in this process.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>Forgets everything read so far (after a change this interceptor cannot see, such as a bulk update).</summary>
    public void Changed() => Interlocked.Increment(ref version);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData);
        return Task.CompletedTask;
    }

    private void Saving(DbContextEventData eventData)
    {
        if (eventData.Context is not { } context)
        {
            return;
        }

        var tracker = context.ChangeTracker;
        if (!tracker.HasChanges() || !tracker.Entries().Any(e => e.Entity is StaffMember or Institution && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            return;
        }

        Changed();
        saving.AddOrUpdate(context, this);
    }

    private void Saved(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && saving.Remove(context))
        {
            Changed();
        }
    }
}
