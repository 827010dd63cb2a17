using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Notifications;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Runtime.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Every list and search × every demo staff member × what they must not see: persons on their
/// avoidance list (one with a receipt under way: a case, an expected file, a claimed task, a
/// transfer, an incident, a message; one with a file in custody under identification), the same
/// of another district, and a secret material. What is hidden leaves no trace in any answer (ids,
/// identity numbers, names, case and file numbers, storage locations) and is not counted in totals,
/// whatever the filter; the twin items of the same shapes are listed to those who may see them; and
/// every list agrees with the direct read of the same item.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ListAndSearchMatrixTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private static readonly string[] Staff =
    [
        "jw.caseworker", "jw.supervisor", "cy.caseworker", "cy.supervisor", "cy.confidentiality", "cy.liaison", "bj.admin", "bj.auditor", "bj.supervisor",
        "zgc.caseworker", "zgc.supervisor", "hd.caseworker", "hd.supervisor", "hd.liaison", "hd.confidentiality", "hd.auditor", "dc.caseworker", "dc.supervisor",
    ];

    /// <summary>The one colleague in scope who does not avoid the avoided persons: what is hidden from the others is shown to them.</summary>
    private const string Witness = "cy.caseworker";

    private static readonly string[] Readers = [.. Staff.Where(u => u != "bj.admin")];

    private static readonly string[] Casework = [.. Staff.Where(u => u is not ("bj.admin" or "bj.auditor" or "hd.auditor"))];

    private static readonly string[] IncidentReaders = ["bj.admin", "bj.auditor", "hd.auditor"];

    private static readonly string[] AccessLogReaders = [.. Staff.Where(u => u.EndsWith(".supervisor", StringComparison.Ordinal) || u.EndsWith(".auditor", StringComparison.Ordinal) || u.EndsWith(".confidentiality", StringComparison.Ordinal))];

    /// <summary>Cleared for confidential and secret materials: the confidentiality officers (bj.supervisor is one too).</summary>
    private static readonly string[] Cleared = ["cy.confidentiality", "hd.confidentiality", "bj.supervisor"];

    private enum Area
    {
        Jianwai,
        Zhongguancun,
    }

    private sealed record Subject(
        string Label, Area Area, bool Avoided, string PersonId, string IdentityNumber, string Name, string CaseId, string CaseNumber, string InstanceId,
        string ProcessId, string FileId, string? FileNumber, string? StorageLocation, string TaskId, string? Claimer, string? TransferId)
    {
        public string FileStatus { get; set; } = string.Empty;

        public string? IncidentId { get; set; }

        public string? MessageBody { get; set; }

        /// <summary>Every value that would betray the subject in an answer.</summary>
        public IEnumerable<string> Markers =>
            new[] { PersonId, IdentityNumber, Name, CaseId, CaseNumber, InstanceId, FileId, FileNumber, StorageLocation, TaskId, TransferId, IncidentId }.OfType<string>();
    }

    private List<Subject> subjects = null!;

    private Subject Secret { get; set; } = null!;

    private string secretMaterialId = string.Empty;

    [OneTimeSetUp]
    public async Task PrepareAsync()
    {
        // Jianwai: an avoided person and a twin nobody avoids, each with a receipt under way and with a file in custody;
        // Zhongguancun (Haidian): the same shapes in another district.
        subjects =
        [
            await ReceiptAsync("avoided receipt", Area.Jianwai, avoided: true, "jw.caseworker", "回避甲"),
            await ReceiptAsync("twin receipt", Area.Jianwai, avoided: false, "jw.caseworker", "对照乙"),
            await ReceiptAsync("Haidian receipt", Area.Zhongguancun, avoided: false, "zgc.caseworker", "海淀丙"),
            await IdentificationAsync("avoided file in custody", Area.Jianwai, avoided: true, "jw.caseworker", "CYJW-2016-0003"),
            await IdentificationAsync("twin file in custody", Area.Jianwai, avoided: false, "jw.caseworker", "CYJW-2019-0007"),
            await IdentificationAsync("Haidian file in custody", Area.Zhongguancun, avoided: false, "zgc.caseworker", "HDZGC-2018-0005"),
        ];

        // A secret material filed in the twin's file, read by a cleared officer (so the access log names it).
        Secret = subjects[4];
        var added = await OkAsync(await (await As("jw.caseworker")).PostAsJsonAsync($"/api/files/{Secret.FileId}/materials", new
        {
            category = 8, title = "保密审查意见（绝密）🔒", formedOn = "2026-10-08", formingUnit = "北京市朝阳区某机关", pages = 2, confidentiality = "Secret",
        }));
        secretMaterialId = added.GetProperty("id").GetString()!;
        await OkAsync(await (await As("cy.confidentiality")).GetAsync($"/api/materials/{secretMaterialId}?purpose=保密审查"));

        foreach (var subject in subjects)
        {
            subject.FileStatus = (await OkAsync(await (await As("bj.supervisor")).GetAsync($"/api/files/{subject.FileId}?purpose=核对"))).GetProperty("file").GetProperty("status").GetString()!;
        }

        // An incident on each receipt, as the runtime records a job that ran out of retries, and a message to every
        // staff member about each receipt, as the party-membership job sends to supervisors; then the avoidance lists.
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var now = Clock.GetUtcNow();
        foreach (var subject in subjects.Where(s => s.TransferId is not null))
        {
            subject.IncidentId = $"incident-{subject.InstanceId}";
            subject.MessageBody = $"{subject.Name} 的党组织关系随档案转入，请办理接转。 Party membership follows the file of {subject.Name}.";
            await IncidentRows.AddAsync(db, new IncidentRecord
            {
                Id = subject.IncidentId, InstanceId = subject.InstanceId, ActivityId = "register-file", Code = "JobFailed", Message = $"登记失败：{subject.Name}", Attempts = 3, CreatedAt = now,
            });
            foreach (var user in Staff)
            {
                db.Add(new OutboxMessage
                {
                    Id = Guid.CreateVersion7(now), RecipientKind = RecipientKind.Staff, Recipient = user, CaseId = Guid.Parse(subject.CaseId),
                    Subject = "PartyMembershipTransfer", Body = subject.MessageBody, CreatedAt = now,
                });
            }
        }

        var avoided = subjects.Where(s => s.Avoided).Select(s => s.IdentityNumber).ToList();
        foreach (var member in await db.Set<StaffMember>().Where(s => s.UserName != Witness).ToListAsync())
        {
            member.Avoidance = string.Join(",", member.AvoidanceList.Concat(avoided));
        }

        await db.SaveChangesAsync();
    }

    [Test]
    public async Task Cases_files_and_persons_never_list_an_avoided_person_or_another_districts_whatever_the_search()
    {
        var failures = new List<string>();
        foreach (var user in Readers)
        {
            await ListAsync(failures, user, "/api/cases?pageSize=200", subjects, s => s.CaseId);
            await ListAsync(failures, user, "/api/cases?status=Open&pageSize=200", subjects, s => s.CaseId);
            foreach (var process in subjects.Select(s => s.ProcessId).Distinct())
            {
                await ListAsync(failures, user, $"/api/cases?process={process}&pageSize=200", [.. subjects.Where(s => s.ProcessId == process)], s => s.CaseId);
            }

            await ListAsync(failures, user, "/api/files?pageSize=200", subjects, s => s.FileId);
            foreach (var status in subjects.Select(s => s.FileStatus).Distinct())
            {
                await ListAsync(failures, user, $"/api/files?status={status}&pageSize=200", [.. subjects.Where(s => s.FileStatus == status)], s => s.FileId);
            }

            await ListAsync(failures, user, "/api/persons?pageSize=200", subjects, s => s.PersonId);
            foreach (var subject in subjects)
            {
                foreach (var q in new[] { subject.IdentityNumber, subject.Name, subject.CaseNumber })
                {
                    await ListAsync(failures, user, $"/api/cases?q={Uri.EscapeDataString(q)}", [subject], s => s.CaseId);
                }

                foreach (var q in new[] { subject.IdentityNumber, subject.IdentityNumber.ToLowerInvariant(), subject.Name, subject.FileNumber }.OfType<string>())
                {
                    await ListAsync(failures, user, $"/api/files?q={Uri.EscapeDataString(q)}", [subject], s => s.FileId);
                }

                foreach (var q in new[] { subject.IdentityNumber, subject.Name, subject.Name[..2] })
                {
                    await ListAsync(failures, user, $"/api/persons?q={Uri.EscapeDataString(q)}", [subject], s => s.PersonId);
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Inboxes_transfers_incidents_and_messages_never_list_them_either()
    {
        var failures = new List<string>();
        foreach (var user in Casework)
        {
            var caseworker = user.EndsWith(".caseworker", StringComparison.Ordinal);
            await ListAsync(failures, user, "/api/tasks?view=institution&pageSize=200", subjects, s => s.TaskId);
            await ListAsync(failures, user, "/api/tasks?view=institution&process=file-identification&pageSize=200", [.. subjects.Where(s => s.ProcessId == "file-identification")], s => s.TaskId);
            await ListAsync(failures, user, "/api/tasks?view=institution&dueWithinDays=365&pageSize=200", subjects, s => s.TaskId);
            // A task claimed before its person was put on the list leaves the claimant's own inbox too.
            await ListAsync(failures, user, "/api/tasks?view=mine&pageSize=200", [.. subjects.Where(s => s.Claimer == user)], s => s.TaskId);
            await ListAsync(failures, user, "/api/tasks?view=roles&pageSize=200", caseworker ? [.. subjects.Where(s => s.Claimer is null)] : [], s => s.TaskId);
        }

        foreach (var user in Readers)
        {
            var moving = subjects.Where(s => s.TransferId is not null).ToList();
            await ListAsync(failures, user, "/api/transfers?pageSize=200", moving, s => s.TransferId!);
            await ListAsync(failures, user, "/api/transfers?direction=Incoming&pageSize=200", moving, s => s.TransferId!);
            foreach (var subject in moving)
            {
                await ListAsync(failures, user, $"/api/transfers?fileId={subject.FileId}", [subject], s => s.TransferId!);
            }
        }

        foreach (var user in IncidentReaders)
        {
            await ListAsync(failures, user, "/api/incidents", [.. subjects.Where(s => s.IncidentId is not null)], s => s.IncidentId!);
            await ListAsync(failures, user, "/api/incidents?open=true", [.. subjects.Where(s => s.IncidentId is not null)], s => s.IncidentId!);
        }

        foreach (var user in Staff)
        {
            await ListAsync(failures, user, "/api/messages", [.. subjects.Where(s => s.MessageBody is not null)], s => s.MessageBody!);
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Every_list_agrees_with_the_direct_read()
    {
        var failures = new List<string>();
        foreach (var user in Readers)
        {
            var client = await As(user);
            foreach (var subject in subjects)
            {
                var paths = new List<string> { $"/api/cases/{subject.CaseId}", $"/api/files/{subject.FileId}", $"/api/persons/{subject.PersonId}", $"/api/persons/{subject.PersonId}/messages" };
                if (Casework.Contains(user))
                {
                    paths.Add($"/api/tasks/{subject.TaskId}");
                }

                if (subject.TransferId is not null)
                {
                    paths.Add($"/api/transfers/{subject.TransferId}");
                }

                foreach (var path in paths)
                {
                    var response = await client.GetAsync(path);
                    var expected = Sees(user, subject) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                    var code = response.StatusCode == HttpStatusCode.Forbidden ? (await ReadAsync(response)).GetProperty("code").GetString() : null;
                    var expectedCode = Sees(user, subject) ? null : InScope(user, subject.Area) ? "Avoidance" : "OutOfScope";
                    if (response.StatusCode != expected || code != expectedCode)
                    {
                        failures.Add($"{user} {path} ({subject.Label}): {(int)response.StatusCode} {code}, expected {(int)expected} {expectedCode}");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task A_secret_material_is_neither_in_the_file_view_nor_in_the_access_log_without_clearance()
    {
        var failures = new List<string>();
        foreach (var user in Readers.Where(u => Sees(u, Secret)))
        {
            var client = await As(user);
            var cleared = Cleared.Contains(user);
            var view = await OkAsync(await client.GetAsync($"/api/files/{Secret.FileId}?purpose=核对"));
            var materials = view.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
            if (materials.Contains(secretMaterialId) != cleared || Strings(view).Any(s => s.Contains("绝密", StringComparison.Ordinal)) != cleared)
            {
                failures.Add($"{user} file view: the secret material {(cleared ? "is missing" : "is shown")}");
            }

            var read = await client.GetAsync($"/api/materials/{secretMaterialId}");
            if (read.StatusCode != (cleared ? HttpStatusCode.OK : HttpStatusCode.Forbidden))
            {
                failures.Add($"{user} reads the secret material: {(int)read.StatusCode}");
            }

            if (AccessLogReaders.Contains(user))
            {
                var log = await OkAsync(await client.GetAsync($"/api/files/{Secret.FileId}/access-log?pageSize=200"));
                var items = log.GetProperty("items").EnumerateArray().ToList();
                if (items.Any(e => e.GetProperty("materialId").ToString() == secretMaterialId) != cleared)
                {
                    failures.Add($"{user} access log: the secret material's views {(cleared ? "are missing" : "are shown")}");
                }

                if (log.GetProperty("total").GetInt32() != items.Count)
                {
                    failures.Add($"{user} access log: total {log.GetProperty("total").GetInt32()} for {items.Count} entries shown");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task An_avoidance_entry_hides_the_person_whatever_the_case_of_the_check_character()
    {
        // 高文博 of Dongcheng: his identity number ends in X; the avoidance list holds it with a small x.
        var colleague = await As("dc.caseworker");
        var found = await OkAsync(await colleague.GetAsync($"/api/persons?q={Uri.EscapeDataString("高文博")}"));
        var person = found.GetProperty("items").EnumerateArray().Single();
        var personId = person.GetProperty("id").GetString()!;
        var identityNumber = person.GetProperty("identityNumber").GetString()!;
        Assert.That(identityNumber, Does.EndWith("X"));
        await using (var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            var supervisor = await db.Set<StaffMember>().SingleAsync(s => s.UserName == "dc.supervisor");
            supervisor.Avoidance = identityNumber.ToLowerInvariant();
            await db.SaveChangesAsync();
        }

        var avoiding = await As("dc.supervisor");
        var persons = await OkAsync(await avoiding.GetAsync($"/api/persons?q={identityNumber}"));
        var files = await OkAsync(await avoiding.GetAsync("/api/files?q=DC-2018-0016"));
        var all = await OkAsync(await avoiding.GetAsync("/api/persons?pageSize=200"));
        var read = await avoiding.GetAsync($"/api/persons/{personId}");
        var refusal = await ReadAsync(read);
        var seen = await OkAsync(await colleague.GetAsync("/api/files?q=DC-2018-0016"));
        Assert.Multiple(() =>
        {
            Assert.That(persons.GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(files.GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(Strings(all), Does.Not.Contain(personId));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refusal.GetProperty("code").GetString(), Is.EqualTo("Avoidance"));
            Assert.That(seen.GetProperty("total").GetInt32(), Is.EqualTo(1), "a colleague sees the file");
        });
    }

    private static bool InScope(string user, Area area) => area switch
    {
        Area.Jianwai => user.StartsWith("jw.", StringComparison.Ordinal) || user.StartsWith("cy.", StringComparison.Ordinal) || user.StartsWith("bj.", StringComparison.Ordinal),
        _ => user.StartsWith("zgc.", StringComparison.Ordinal) || user.StartsWith("hd.", StringComparison.Ordinal) || user.StartsWith("bj.", StringComparison.Ordinal),
    };

    private static bool Sees(string user, Subject subject) => InScope(user, subject.Area) && !(subject.Avoided && user != Witness);

    /// <summary>
    /// One list or search as one user: a subject the user may not see leaves no trace in the answer; one they may see,
    /// among those the query selects, is in it; and the total counts exactly what is listed.
    /// </summary>
    private async Task ListAsync(List<string> failures, string user, string url, IReadOnlyCollection<Subject> selected, Func<Subject, string> key)
    {
        var response = await (await As(user)).GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"{user} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return;
        }

        var body = await ReadAsync(response);
        var strings = Strings(body).ToList();
        foreach (var subject in subjects)
        {
            if (!Sees(user, subject))
            {
                var traces = subject.Markers.Where(m => strings.Any(s => s.Contains(m, StringComparison.Ordinal))).ToList();
                if (traces.Count > 0)
                {
                    failures.Add($"{user} {url}: the {subject.Label} shows ({string.Join(", ", traces)})");
                }
            }
            else if (selected.Contains(subject) && !strings.Contains(key(subject)))
            {
                failures.Add($"{user} {url}: the {subject.Label} is missing");
            }
        }

        if (body.ValueKind == JsonValueKind.Object && body.GetProperty("total").GetInt32() != body.GetProperty("items").GetArrayLength())
        {
            failures.Add($"{user} {url}: total {body.GetProperty("total").GetInt32()} for {body.GetProperty("items").GetArrayLength()} items on the only page");
        }
    }

    /// <summary>Every string and number in an answer, however deep.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Number => [element.GetRawText()],
        _ => [],
    };

    /// <summary>A new person's unemployed-file receipt, accepted, the file arrived (an incoming transfer), its verification claimed by the worker.</summary>
    private async Task<Subject> ReceiptAsync(string label, Area area, bool avoided, string worker, string namePrefix)
    {
        var client = await As(worker);
        var (region, registration) = area == Area.Jianwai ? ("110105", "北京市朝阳区建外街道") : ("110108", "北京市海淀区中关村街道");
        var id = NewIdentityNumber(region);
        var name = namePrefix + id[^4..];
        var started = await OkAsync(await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = name, ["idNumber"] = id, ["householdRegistration"] = registration, ["formerEmployer"] = "北京某科技有限公司",
                ["terminationCertificateNumber"] = "JC-" + id[^6..], ["terminationDate"] = "2026-11-02",
            },
        }));
        var caseId = started.GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(client, await TaskAsync(client, caseId, "check-application"), "Accept", new { comment = "材料齐全" }));
        await MilestoneAsync(client, caseId, "AwaitingFile");
        await OkAsync(await client.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "SF" + id[^8..], fromUnit = "北京某科技有限公司" }));
        var taskId = await TaskAsync(client, caseId, "verify-file");
        await OkAsync(await client.PostAsync($"/api/tasks/{taskId}/claim", null));
        var detail = await CaseAsync(client, caseId);
        var serviceCase = detail.GetProperty("case");
        return new Subject(
            label, area, avoided, detail.GetProperty("person").GetProperty("id").GetString()!, id, name, caseId, serviceCase.GetProperty("number").GetString()!,
            serviceCase.GetProperty("instanceId").GetString()!, "unemployed-file-receipt", serviceCase.GetProperty("fileId").GetString()!, null, null, taskId, worker,
            detail.GetProperty("transfers")[0].GetProperty("id").GetString()!);
    }

    /// <summary>A demo person's file in custody, with an identification case whose first task waits, unclaimed, for a caseworker.</summary>
    private async Task<Subject> IdentificationAsync(string label, Area area, bool avoided, string worker, string fileNumber)
    {
        var client = await As(worker);
        var fileId = await FileIdAsync(client, fileNumber);
        var view = await OkAsync(await client.GetAsync($"/api/files/{fileId}?purpose=认定"));
        var person = view.GetProperty("person");
        var name = person.GetProperty("name").GetString()!;
        var id = person.GetProperty("identityNumber").GetString()!;
        var caseId = (await OkAsync(await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "file-identification",
            input = new Dictionary<string, object> { ["personName"] = name, ["idNumber"] = id, ["fileNumber"] = fileNumber, ["reasons"] = "出生日期前后记载不一致", ["itemsInQuestion"] = "出生日期" },
        }))).GetProperty("id").GetString()!;
        var taskId = await TaskAsync(client, caseId, "preliminary-examination");
        var serviceCase = (await CaseAsync(client, caseId)).GetProperty("case");
        return new Subject(
            label, area, avoided, person.GetProperty("id").GetString()!, id, name, caseId, serviceCase.GetProperty("number").GetString()!,
            serviceCase.GetProperty("instanceId").GetString()!, "file-identification", fileId, fileNumber, view.GetProperty("file").GetProperty("storageLocation").GetString(),
            taskId, null, null);
    }
}
