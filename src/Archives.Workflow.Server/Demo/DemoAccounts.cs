using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Demo;

/// <summary>One demo sign-in as the sign-in page lists it.</summary>
public sealed record DemoAccount(string UserName, string Institution, IReadOnlyList<string> Roles);

/// <summary>The demo sign-ins to offer and their shared password.</summary>
public sealed record DemoAccountList(string? Password, IReadOnlyList<DemoAccount> Accounts)
{
    public static readonly DemoAccountList None = new(null, []);
}

/// <summary>
/// The demo sign-ins of <c>samples/demo/staff.json</c>, for the sign-in page: listed only when the
/// server seeds demo data, and only the accounts the database actually has (a database that was not
/// seeded by this server lists none).
/// </summary>
public sealed class DemoAccounts(DemoFolder folder, IOptions<ServerOptions> options, Func<ArchivesDbContext> contexts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The demo accounts to offer, in the order of <c>staff.json</c>; empty when demo data is off.</summary>
    public async Task<DemoAccountList> ListAsync(CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(folder.Path, "staff.json");
        if (!options.Value.SeedDemoData || !File.Exists(file))
        {
            return DemoAccountList.None;
        }

        var staff = JsonSerializer.Deserialize<List<Entry>>(await File.ReadAllTextAsync(file, cancellationToken), Json) ?? [];
        var names = staff.Select(s => s.UserName).ToList();
        HashSet<string> present;
        await using (var db = contexts())
        {
            present = [.. await db.Set<StaffMember>().AsNoTracking().Where(s => names.Contains(s.UserName)).Select(s => s.UserName).ToListAsync(cancellationToken)];
        }

        List<DemoAccount> accounts = [.. staff.Where(s => present.Contains(s.UserName)).Select(s => new DemoAccount(s.UserName, s.Institution, s.Roles))];
        return accounts.Count == 0 ? DemoAccountList.None : new DemoAccountList(staff[0].Password, accounts);
    }

    private sealed record Entry(string UserName, string Password, string Institution, string[] Roles);
}
