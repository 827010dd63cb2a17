using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Staff;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.People;

/// <summary>
/// Names for what the journal and the tables keep as codes: staff by login name, institutions by
/// code. Pages show "王芳（朝阳区人力资源公共服务中心）" instead of <c>cy.caseworker</c> and 系统 / System
/// instead of <c>system</c>. The staff and institution tables are small and change rarely, so one
/// snapshot is shared by every circuit and read again after <see cref="MaxAge"/> or when
/// <see cref="Invalidate"/> is called by whoever changes staff or institutions.
/// </summary>
public sealed class PeopleDirectory(Func<ArchivesDbContext> contexts, TimeProvider clock) : IDisposable
{
    /// <summary>The actor name the runtime and the domain write for work nobody signed in did.</summary>
    public const string SystemActor = "system";

    /// <summary>How long a snapshot is used before the tables are read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot? current;

    public void Dispose() => loading.Dispose();

    /// <summary>Forgets the snapshot, so the next reader sees a change to staff or institutions at once.</summary>
    public void Invalidate() => current = null;

    /// <summary>The current snapshot, read from the database when there is none or it is too old.</summary>
    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = current;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.ReadAt < MaxAge)
        {
            return snapshot;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            snapshot = current;
            if (snapshot is not null && clock.GetUtcNow() - snapshot.ReadAt < MaxAge)
            {
                return snapshot;
            }

            await using var db = contexts();
            var institutions = await db.Set<Institution>().AsNoTracking()
                .Select(i => new InstitutionName(i.Code, i.NameZh, i.NameEn))
                .ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, cancellationToken);
            var staff = await db.Set<StaffMember>().AsNoTracking()
                .Select(s => new StaffName(s.UserName, s.DisplayName, s.InstitutionCode))
                .ToDictionaryAsync(s => s.UserName, StringComparer.OrdinalIgnoreCase, cancellationToken);
            snapshot = new Snapshot(staff, institutions, clock.GetUtcNow());
            current = snapshot;
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>A staff member's name and institution.</summary>
    public sealed record StaffName(string UserName, string DisplayName, string InstitutionCode);

    /// <summary>An institution's names in both languages.</summary>
    public sealed record InstitutionName(string Code, string Chinese, string English)
    {
        public string In(string language) => language == Engine.Definitions.LocalizedText.English ? English : Chinese;
    }

    /// <summary>Staff and institutions as they were read at <see cref="ReadAt"/>.</summary>
    public sealed class Snapshot(
        IReadOnlyDictionary<string, StaffName> staff,
        IReadOnlyDictionary<string, InstitutionName> institutions,
        DateTimeOffset readAt)
    {
        public DateTimeOffset ReadAt { get; } = readAt;

        public StaffName? Staff(string? userName) =>
            userName is not null && staff.TryGetValue(userName, out var found) ? found : null;

        /// <summary>An institution's name in the language, or its code when it is not known.</summary>
        public string Institution(string? code, string language) =>
            code is null ? string.Empty : institutions.TryGetValue(code, out var found) ? found.In(language) : code;

        /// <summary>The person's name alone: 系统 / System for the system, the login name when nobody has it.</summary>
        public string Name(string? userName, string language)
        {
            if (string.IsNullOrEmpty(userName))
            {
                return string.Empty;
            }

            if (string.Equals(userName, SystemActor, StringComparison.OrdinalIgnoreCase))
            {
                return language == Engine.Definitions.LocalizedText.English ? "System" : "系统";
            }

            return Staff(userName)?.DisplayName ?? userName;
        }

        /// <summary>The person's name with the institution: 王芳（朝阳区…） or Wang Fang (Chaoyang …).</summary>
        public string NameWithInstitution(string? userName, string language)
        {
            var staffName = Staff(userName);
            if (staffName is null)
            {
                return Name(userName, language);
            }

            var institution = Institution(staffName.InstitutionCode, language);
            return language == Engine.Definitions.LocalizedText.English
                ? $"{staffName.DisplayName} ({institution})"
                : $"{staffName.DisplayName}（{institution}）";
        }
    }
}
