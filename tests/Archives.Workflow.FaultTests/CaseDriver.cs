using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// Drives cases of the four processes through the HTTP API the way the caseworkers of several
/// institutions would, writing every acknowledged change into the ledger. A case that cannot go on
/// (a step refused after the limit) is left where it is and noted; the invariants judge it later.
/// </summary>
public sealed class CaseDriver(ArchivesApi api, ClientLedger ledger, TimeSpan stepLimit)
{
    private static int identitySequence;
    private int retriedStarts;
    private int retriedCompletions;

    /// <summary>Where each case driven ended: "done", or the step it was left at and why.</summary>
    public ConcurrentDictionary<Guid, string> Progress { get; } = new();

    /// <summary>Files the receipts brought into custody, by institution, for the identification and departure cases.</summary>
    public ConcurrentQueue<HeldFile> HaidianFiles { get; } = new();

    public ConcurrentQueue<HeldFile> JianwaiFiles { get; } = new();

    public int Finished => Progress.Count;

    /// <summary>Case starts refused as concurrent (the same number taken at the same moment) and sent again.</summary>
    public int RetriedStarts => retriedStarts;

    /// <summary>Completions refused because the case changed at the same moment (nothing stored) and sent again.</summary>
    public int RetriedCompletions => retriedCompletions;

    public sealed record HeldFile(string PersonName, string IdNumber, string FileNumber);

    private sealed class StepFailed(string message) : Exception(message);

    /// <summary>Unemployed person's file received by the Jianwai street office (every fifth application rejected).</summary>
    public Task UnemployedReceiptAsync(int n, CancellationToken ct) => RunAsync(async () =>
    {
        const string worker = "jw.caseworker";
        var idNumber = NewIdentityNumber("110105");
        var name = "失业" + idNumber[^4..];
        var caseId = await StartAsync(worker, idNumber, new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = name, ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京星河科技有限公司 🚀", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        }, ct);
        if (n % 5 == 4)
        {
            await CompleteAsync(worker, caseId, "check-application", "Reject", new { reason = "户籍不在本街道（测试）" }, ct);
            await MilestoneAsync(worker, caseId, "Rejected", ct);
            return caseId;
        }

        await CompleteAsync(worker, caseId, "check-application", "Accept", new { comment = "材料齐全 ✅" }, ct);
        await MilestoneAsync(worker, caseId, "AwaitingFile", ct);
        await SignalAsync(worker, caseId, "arrival", "FileArrived", new { method = "Courier", trackingNumber = "ZR-" + idNumber[^8..], fromUnit = "北京星河科技有限公司" }, ct);
        await CompleteAsync(worker, caseId, "verify-file", "Complete", new { materialCount = 12 }, ct);
        var done = await MilestoneAsync(worker, caseId, "InCustody", ct, d => FileNumber(d) is not null);
        JianwaiFiles.Enqueue(new HeldFile(name, idNumber, FileNumber(done)!));
        return caseId;
    }, ct);

    /// <summary>A dismissed civil servant's file received by the Haidian centre, through pre-check and section approval.</summary>
    public Task DismissedReceiptAsync(int n, CancellationToken ct) => RunAsync(async () =>
    {
        const string worker = "hd.caseworker";
        const string supervisor = "hd.supervisor";
        var idNumber = NewIdentityNumber("110108");
        var name = "辞退" + idNumber[^4..];
        var caseId = await StartAsync(worker, idNumber, new
        {
            processId = "dismissed-civil-servant-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = name, ["idNumber"] = idNumber, ["householdRegistration"] = "北京市海淀区学院路街道",
                ["formerOrgan"] = "海淀区市场监督管理局", ["dismissalDecisionNumber"] = "海市监辞〔2026〕" + idNumber[^3..] + "号", ["dismissalDate"] = "2026-10-15",
                ["confidentialityReviewDate"] = "2026-10-30", ["partyMember"] = n % 2 == 0,
            },
        }, ct);
        await CompleteAsync(worker, caseId, "pre-check", "Accept", new { confidentialityReviewRecordPresent = true }, ct);
        await CompleteAsync(supervisor, caseId, "section-approval", "Approve", new { comment = "同意接收" }, ct);
        await MilestoneAsync(worker, caseId, "AwaitingFile", ct);
        await SignalAsync(worker, caseId, "arrival", "FileArrived", new { method = "ConfidentialPost", trackingNumber = "JY-" + idNumber[^8..], fromUnit = "海淀区市场监督管理局" }, ct);
        await CompleteAsync(worker, caseId, "verify-file", "Complete", new { materialCount = 40, dismissalDecisionPresent = true, sealIntact = true }, ct);
        var done = await MilestoneAsync(worker, caseId, "InCustody", ct, d => FileNumber(d) is not null);
        HaidianFiles.Enqueue(new HeldFile(name, idNumber, FileNumber(done)!));
        return caseId;
    }, ct);

    /// <summary>
    /// Identification of a Haidian file by joint review; the harness version of the definition gives the
    /// unit two seconds to reply, so the timer fires within the run and the conclusion follows it.
    /// </summary>
    public Task IdentificationAsync(HeldFile file, CancellationToken ct) => RunAsync(async () =>
    {
        const string worker = "hd.caseworker";
        var caseId = await StartAsync(worker, file.IdNumber, new
        {
            processId = "file-identification",
            input = new Dictionary<string, object>
            {
                ["personName"] = file.PersonName, ["idNumber"] = file.IdNumber, ["fileNumber"] = file.FileNumber,
                ["reasons"] = "参加工作时间前后记载不一致", ["itemsInQuestion"] = "参加工作时间",
            },
        }, ct);
        await CompleteAsync(worker, caseId, "preliminary-examination", "JointReview", new { comment = "需联合社保核实" }, ct);
        foreach (var check in new[] { "unemployment-insurance-check", "pension-insurance-check", "medical-security-check" })
        {
            await CompleteAsync("hd.liaison", caseId, check, "Confirmed", null, ct);
        }

        await CompleteAsync("hd.supervisor", caseId, "identification-conclusion", "Confirmed", null, ct);
        await MilestoneAsync(worker, caseId, "Identified", ct);
        return caseId;
    }, ct);

    /// <summary>A Jianwai file transferred out to the Haidian centre, through the confidentiality review, until the receipt comes back.</summary>
    public Task DepartureAsync(HeldFile file, CancellationToken ct) => RunAsync(async () =>
    {
        const string worker = "jw.caseworker";
        var caseId = await StartAsync(worker, file.IdNumber, new
        {
            processId = "departure-file-transfer",
            input = new Dictionary<string, object>
            {
                ["personName"] = file.PersonName, ["idNumber"] = file.IdNumber, ["reason"] = "Resignation", ["conclusionDocumentNumber"] = "京辞〔2026〕" + file.IdNumber[^3..] + "号",
                ["destinationInstitution"] = "海淀区公共人力资源服务中心", ["everCadre"] = false,
            },
        }, ct);
        await CompleteAsync(worker, caseId, "confirm-conclusion", "Confirmed", null, ct);
        await CompleteAsync("bj.supervisor", caseId, "confidentiality-review", "Cleared", null, ct);
        await CompleteAsync(worker, caseId, "prepare-file", "Dispatched", new { materialCount = 30, @sealed = true, method = "ConfidentialPost", trackingNumber = "JY-OUT-" + file.IdNumber[^6..] }, ct);
        await MilestoneAsync(worker, caseId, "InTransit", ct);
        await SignalAsync(worker, caseId, "receipt", "ReceiptReturned", new { receivedDate = "2026-11-25" }, ct);
        await MilestoneAsync(worker, caseId, "TransferredOut", ct);
        return caseId;
    }, ct);

    /// <summary>Starts an unemployed receipt and waits for its first task; the task's id, for a measured completion.</summary>
    public async Task<(Guid CaseId, string TaskId)?> StartForMeasureAsync(CancellationToken ct)
    {
        try
        {
            const string worker = "jw.caseworker";
            var idNumber = NewIdentityNumber("110105");
            var caseId = await StartAsync(worker, idNumber, new
            {
                processId = "unemployed-file-receipt",
                input = new Dictionary<string, object>
                {
                    ["personName"] = "计量" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                    ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
                },
            }, ct);
            return (caseId, await TaskAsync(worker, caseId, "check-application", ct));
        }
        catch (StepFailed)
        {
            return null;
        }
    }

    /// <summary>One measured completion through the current target nodes; true when acknowledged.</summary>
    public async Task<bool> CompleteMeasuredAsync(Guid caseId, string taskId, CancellationToken ct)
    {
        var (reply, _) = await api.SendAsync("jw.caseworker", HttpMethod.Post, $"api/tasks/{taskId}/complete", new { outcome = "Accept", data = new { comment = "计量" } }, stepLimit, ct);
        Acknowledge(reply, LedgerKind.CompleteTask, $"api/tasks/{taskId}/complete", caseId, taskId, "Accept", null);
        return reply.Ok;
    }

    private async Task RunAsync(Func<Task<Guid>> scenario, CancellationToken ct)
    {
        var started = Guid.Empty;
        try
        {
            started = await scenario();
            Progress[started] = "done";
        }
        catch (StepFailed e)
        {
            Progress[started == Guid.Empty ? Guid.NewGuid() : started] = "left: " + e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Progress[Guid.NewGuid()] = "left: a request was cancelled";
        }
    }

    private async Task<Guid> StartAsync(string user, string idNumber, object body, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + stepLimit;
        var (reply, ambiguous) = await api.SendAsync(user, HttpMethod.Post, "api/cases", body, stepLimit, ct);
        // Two starts that took the same number at the same moment: one is refused with "try again", and a client does.
        while (reply.Code is "Concurrent" or "Duplicate" && !ambiguous && DateTimeOffset.UtcNow < until)
        {
            Interlocked.Increment(ref retriedStarts);
            await Task.Delay(Random.Shared.Next(50, 300), ct);
            (reply, ambiguous) = await api.SendAsync(user, HttpMethod.Post, "api/cases", body, stepLimit, ct);
        }

        if (reply.Ok)
        {
            var id = reply.Body.GetProperty("id").GetGuid();
            Acknowledge(reply, LedgerKind.StartCase, "api/cases", id, null, null, null);
            return id;
        }

        // An earlier try may have started the case without an answer reaching us: the person's case is then found by the number.
        if (ambiguous && reply.Status == 409)
        {
            var page = await api.GetAsync(user, $"api/cases?q={idNumber}", ct);
            var items = page?.GetProperty("items").EnumerateArray().ToList() ?? [];
            if (items.Count == 1)
            {
                return items[0].GetProperty("id").GetGuid();
            }
        }

        throw new StepFailed($"start {reply.Status} {reply.Code} {Short(reply.Text)}");
    }

    private async Task CompleteAsync(string user, Guid caseId, string activityId, string outcome, object? data, CancellationToken ct)
    {
        var taskId = await TaskAsync(user, caseId, activityId, ct);
        var path = $"api/tasks/{taskId}/complete";
        var until = DateTimeOffset.UtcNow + stepLimit;
        var (reply, ambiguous) = await api.SendAsync(user, HttpMethod.Post, path, new { outcome, data = data ?? new { } }, stepLimit, ct);
        // A timer or a job of the same case committed first ("changed by someone else at the same time; nothing was stored"): send it again.
        while (reply.Code == "Conflict" && !ambiguous && DateTimeOffset.UtcNow < until)
        {
            Interlocked.Increment(ref retriedCompletions);
            await Task.Delay(Random.Shared.Next(50, 300), ct);
            (reply, ambiguous) = await api.SendAsync(user, HttpMethod.Post, path, new { outcome, data = data ?? new { } }, stepLimit, ct);
        }

        Acknowledge(reply, LedgerKind.CompleteTask, path, caseId, taskId, outcome, null);
        if (!reply.Ok && !(ambiguous && reply.Status == 409))
        {
            throw new StepFailed($"{activityId} {outcome}: {reply.Status} {reply.Code} {Short(reply.Text)}");
        }
    }

    private async Task SignalAsync(string user, Guid caseId, string action, string signal, object body, CancellationToken ct)
    {
        var path = $"api/cases/{caseId}/{action}";
        var until = DateTimeOffset.UtcNow + stepLimit;
        while (true)
        {
            var (reply, ambiguous) = await api.SendAsync(user, HttpMethod.Post, path, body, stepLimit, ct);
            Acknowledge(reply, LedgerKind.Signal, path, caseId, null, null, signal);
            if (reply.Ok || (ambiguous && reply.Status == 409))
            {
                return;
            }

            // The case may not wait for the signal yet (its job is still running): 409 until it does.
            if (reply.Status != 409 || DateTimeOffset.UtcNow >= until)
            {
                throw new StepFailed($"{action}: {reply.Status} {reply.Code} {Short(reply.Text)}");
            }

            await Task.Delay(500, ct);
        }
    }

    private async Task<string> TaskAsync(string user, Guid caseId, string activityId, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + stepLimit;
        while (DateTimeOffset.UtcNow < until)
        {
            var detail = await api.GetAsync(user, $"api/cases/{caseId}", ct, stepLimit);
            if (detail is { } d)
            {
                foreach (var task in d.GetProperty("openTasks").EnumerateArray())
                {
                    if (task.GetProperty("activityId").GetString() == activityId)
                    {
                        return task.GetProperty("id").GetString()!;
                    }
                }
            }

            await Task.Delay(400, ct);
        }

        throw new StepFailed($"no open {activityId} task within {stepLimit.TotalSeconds:0} s");
    }

    private async Task<JsonElement> MilestoneAsync(string user, Guid caseId, string milestone, CancellationToken ct, Func<JsonElement, bool>? also = null)
    {
        var until = DateTimeOffset.UtcNow + stepLimit;
        string? last = null;
        while (DateTimeOffset.UtcNow < until)
        {
            if (await api.GetAsync(user, $"api/cases/{caseId}", ct, stepLimit) is { } d)
            {
                last = d.GetProperty("case").GetProperty("milestone").GetString();
                if (last == milestone && (also is null || also(d)))
                {
                    return d;
                }
            }

            await Task.Delay(400, ct);
        }

        throw new StepFailed($"milestone {milestone} not reached within {stepLimit.TotalSeconds:0} s (at {last})");
    }

    private void Acknowledge(Reply reply, LedgerKind kind, string path, Guid caseId, string? taskId, string? outcome, string? signal)
    {
        if (reply.Ok)
        {
            ledger.Acknowledge(new LedgerEntry(kind, reply.Node, path, caseId, taskId, outcome, signal, reply.Status, Short(reply.Text), DateTimeOffset.UtcNow));
        }
    }

    private static string? FileNumber(JsonElement detail) =>
        detail.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.Object && file.GetProperty("fileNumber").ValueKind == JsonValueKind.String
            ? file.GetProperty("fileNumber").GetString()
            : null;

    private static string Short(string text) => text.Length <= 300 ? text : text[..300];

    /// <summary>A valid GB 11643 identity number, new in this run, of a person born in the district.</summary>
    private static string NewIdentityNumber(string region)
    {
        var n = Interlocked.Increment(ref identitySequence);
        var birth = new DateOnly(1979, 1, 1).AddDays(n / 500 * 7 + 3);
        var first17 = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (100 + (n % 500)).ToString("D3", CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
