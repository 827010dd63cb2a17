using System.Collections.Concurrent;

namespace Archives.Workflow.Cases.Staff;

/// <summary>
/// The signed-in actor of every request, kept in memory: a staff member with their institution, roles,
/// scope and avoidance list, and the institution tree, are read once and then served without a database
/// round trip. What this process saves (<see cref="StaffChanges"/>) forgets them at once; what another
/// node or the command line changes shows within <see cref="TimeToLive"/>.
/// </summary>
public sealed class StaffDirectory(Func<ArchivesDbContext> contexts, StaffChanges changes)
{
    /// <summary>How long an actor read from the database is served before it is read again, whatever this process saw.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> actors = new(StringComparer.Ordinal);

    /// <summary>
    /// The actor signed in as <paramref name="userName"/> with <paramref name="roles"/> (the roles come from
    /// the sign-in, not the staff row); null when no staff member has that user name.
    /// </summary>
    public async ValueTask<Actor?> FindAsync(string userName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(roles);
        var key = userName + "\n" + string.Join(",", roles.Order(StringComparer.Ordinal));
        var version = changes.Version;
        var now = Environment.TickCount64;
        if (actors.TryGetValue(key, out var known) && known.Version == version && now - known.ReadAt < TimeToLive.TotalMilliseconds)
        {
            return known.Actor;
        }

        Actor? actor;
        await using (var db = contexts())
        {
            var staff = await db.Set<StaffMember>().AsNoTracking().SingleOrDefaultAsync(s => s.UserName == userName, cancellationToken);
            if (staff is null)
            {
                actors.TryRemove(key, out _);
                return null;
            }

            var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, cancellationToken);
            actor = new Actor(staff, institutions[staff.InstitutionCode], roles, institutions);
        }

        // Kept only when nothing changed while it was read; a reader after the change reads again.
        if (changes.Version == version)
        {
            actors[key] = new Entry(actor, version, now);
        }

        return actor;
    }

    private sealed record Entry(Actor Actor, long Version, long ReadAt);
}
