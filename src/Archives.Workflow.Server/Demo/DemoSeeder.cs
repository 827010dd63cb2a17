using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Persons;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Demo;

/// <summary>Where the demo data lives (<c>samples/demo/</c>).</summary>
public sealed record DemoFolder(string Path);

/// <summary>
/// Seeds <c>samples/demo/</c> into an empty database at start-up (after the migrations and the
/// definitions' import): institutions, staff with their sign-ins and roles, persons with files and
/// materials, and a few cases driven through the real use cases into different states.
/// </summary>
public sealed partial class DemoSeeder(
    IServiceProvider services, DemoFolder folder, IOptions<ServerOptions> options, Func<ArchivesDbContext> contexts, Archives.Workflow.Runtime.WorkflowClock clock, ILogger<DemoSeeder> logger) : IHostedService
{
    private const string BasicCasesFile = "cases.json";
    private const string FullCasesFile = "cases-full.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData)
        {
            return;
        }

        await using (var db = contexts())
        {
            if (await db.Set<Institution>().AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var institutions = Read<List<Institution>>("institutions.json");
        var staff = Read<List<StaffSeed>>("staff.json");
        var persons = Read<List<PersonSeed>>("persons.json");
        await using (var db = contexts())
        {
            // Parents before children.
            foreach (var institution in institutions.OrderBy(i => i.ParentCode is null ? 0 : 1))
            {
                db.Add(institution);
            }

            foreach (var member in staff)
            {
                db.Add(new StaffMember
                {
                    Id = Guid.CreateVersion7(now), UserName = member.UserName, DisplayName = member.DisplayName, InstitutionCode = member.Institution,
                    Roles = string.Join(",", member.Roles), Avoidance = string.Join(",", member.Avoidance ?? []),
                });
            }

            foreach (var seed in persons)
            {
                var person = PersonValidator.FromIdentityNumber(seed.IdNumber, seed.Name, seed.HouseholdDistrict, seed.HouseholdStreet, now);
                person.Phone = seed.Phone;
                person.Address = seed.Address;
                person.Status = seed.Status;
                person.HeroOrModel = seed.HeroOrModel;
                person.EverCadre = seed.EverCadre;
                db.Add(person);
                if (seed.File is not { } f)
                {
                    continue;
                }

                var file = new PersonnelFile
                {
                    Id = Guid.CreateVersion7(now), PersonId = person.Id, InstitutionCode = f.Institution, FileNumber = f.FileNumber, Status = f.Status,
                    StorageLocation = f.StorageLocation, EntrustmentAgreement = f.EntrustmentAgreement, ReceivedOn = f.ReceivedOn, UpdatedAt = now,
                };
                db.Add(file);
                foreach (var group in f.Materials.GroupBy(m => (m.Category, m.SubClass)))
                {
                    var sequence = 0;
                    foreach (var m in group.OrderBy(m => m.FormedOn))
                    {
                        sequence++;
                        db.Add(new Material
                        {
                            Id = Guid.CreateVersion7(now), FileId = file.Id, Category = m.Category, SubClass = m.SubClass, Sequence = sequence,
                            Number = Material.Format(m.Category, m.SubClass, sequence), Title = m.Title, FormedOn = m.FormedOn, FormingUnit = m.FormingUnit,
                            Pages = m.Pages, Original = m.Original, Confidentiality = m.Confidentiality, DigitalCopySha256 = m.DigitalCopySha256, AddedAt = now, AddedBy = "demo",
                        });
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in StaffRoles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var member in staff)
            {
                var user = new IdentityUser(member.UserName) { Email = member.Email, EmailConfirmed = true, LockoutEnabled = true };
                var created = await users.CreateAsync(user, member.Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Demo user {member.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }

                await users.AddToRolesAsync(user, member.Roles);
            }
        }

        var cases = await SeedCasesAsync(institutions, staff, now, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LogSeeded(logger, institutions.Count, staff.Count, persons.Count, cases, options.Value.DemoCases, seconds);
    }

    private async Task<int> SeedCasesAsync(List<Institution> institutions, List<StaffSeed> staff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seeds = new List<DemoCaseSeed>();
        foreach (var name in options.Value.DemoCases == DemoCaseSet.Full ? new[] { BasicCasesFile, FullCasesFile } : [BasicCasesFile])
        {
            if (File.Exists(System.IO.Path.Combine(folder.Path, name)))
            {
                seeds.AddRange(Read<List<DemoCaseSeed>>(name));
            }
        }

        var byCode = institutions.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var player = new DemoCasePlayer(services, contexts, ActorOf, now, logger);

        // Oldest first, so case and document numbers follow the order the cases were opened in; a case
        // that needs another to have ended (a file received, then sent on) opens after it.
        foreach (var seed in seeds.OrderByDescending(s => s.DaysAgo ?? 0))
        {
            await player.PlayAsync(seed, cancellationToken);
        }

        return seeds.Count;

        Actor ActorOf(string userName)
        {
            var member = staff.Single(s => s.UserName == userName);
            var record = new StaffMember { UserName = member.UserName, DisplayName = member.DisplayName, InstitutionCode = member.Institution, Roles = string.Join(",", member.Roles), Avoidance = string.Join(",", member.Avoidance ?? []) };
            return new Actor(record, byCode[member.Institution], member.Roles, byCode);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The demo sign-ins, for the console at start-up.</summary>
    public static string SignInsText(DemoFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var file = System.IO.Path.Combine(folder.Path, "staff.json");
        if (!File.Exists(file))
        {
            return string.Empty;
        }

        var staff = JsonSerializer.Deserialize<List<StaffSeed>>(File.ReadAllText(file), Json) ?? [];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Demo sign-ins (password {staff.FirstOrDefault()?.Password}):");
        foreach (var member in staff)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {member.UserName,-20} {member.Institution,-8} {string.Join(", ", member.Roles)}");
        }

        return text.ToString();
    }

    private T Read<T>(string name) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(System.IO.Path.Combine(folder.Path, name)), Json)
        ?? throw new InvalidOperationException($"{name} is empty.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo data: {Institutions} institutions, {Staff} staff, {Persons} persons, {Cases} cases ({CaseSet}) in {Seconds:0.0} s")]
    private static partial void LogSeeded(ILogger logger, int institutions, int staff, int persons, int cases, DemoCaseSet caseSet, double seconds);

    private sealed record StaffSeed(string UserName, string Password, string DisplayName, string Institution, string[] Roles, string Email, string[]? Avoidance);

    private sealed record PersonSeed(
        string IdNumber, string Name, string HouseholdDistrict, string? HouseholdStreet, string? Phone, string? Address, PersonStatus Status,
        bool HeroOrModel, bool EverCadre, FileSeed? File);

    private sealed record FileSeed(string FileNumber, string Institution, FileStatus Status, string? StorageLocation, string? EntrustmentAgreement, DateOnly? ReceivedOn, List<MaterialSeed> Materials);

    private sealed record MaterialSeed(int Category, int? SubClass, string Title, DateOnly FormedOn, string FormingUnit, int Pages, bool Original, Confidentiality Confidentiality, string? DigitalCopySha256);

}
