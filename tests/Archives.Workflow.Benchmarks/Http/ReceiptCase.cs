using System.Globalization;
using System.Text.Json;

namespace Archives.Workflow.Benchmarks.Http;

/// <summary>
/// One complete case of <c>unemployed-file-receipt</c> through the HTTP API, as a caseworker of the
/// client's institution works it: start, the application checked (claim, complete with the form), the
/// transfer-request letter's job awaited, the file's arrival, the file verified (claim, complete), and
/// the registration, receipt and notice jobs awaited until the case is in custody.
/// </summary>
internal sealed class ReceiptCase(LoadClient client, Desk desk, RequestLog log, TimeSpan stepLimit)
{
    public const string Start = "POST /api/cases";
    public const string Detail = "GET /api/cases/{id}";
    public const string Claim = "POST /api/tasks/{id}/claim";
    public const string Complete = "POST /api/tasks/{id}/complete";
    public const string Arrival = "POST /api/cases/{id}/arrival";

    public static readonly string[] EndpointOrder = [Start, Detail, Claim, Complete, Arrival];

    private static int identitySequence;

    /// <summary>Caseworkers of five institutions: two street offices and three district centres.</summary>
    public static readonly IReadOnlyList<Desk> Desks =
    [
        new("jw.caseworker", "110105", "北京市朝阳区建外街道"),
        new("zgc.caseworker", "110108", "北京市海淀区中关村街道"),
        new("cy.caseworker", "110105", "北京市朝阳区呼家楼街道"),
        new("hd.caseworker", "110108", "北京市海淀区学院路街道"),
        new("dc.caseworker", "110101", "北京市东城区东华门街道"),
    ];

    /// <summary>Why a case stopped before custody (for the run's notes); null when it got there or the window closed.</summary>
    public string? Failure { get; private set; }

    public async Task RunAsync(CancellationToken window, CancellationToken abort)
    {
        try
        {
            var idNumber = NewIdentityNumber(desk.Region);
            var caseId = await StartAsync(idNumber, window, abort);
            await WorkTaskAsync(caseId, "check-application", "Accept", CheckForm(), window, abort);
            await MilestoneAsync(caseId, "AwaitingFile", window, abort);
            Must(await client.SendAsync(HttpMethod.Post, Arrival, $"api/cases/{caseId}/arrival",
                new { method = "Courier", trackingNumber = "ZR-" + idNumber[^8..], fromUnit = "北京星河科技有限公司 🚀" }, abort), "arrival");
            await WorkTaskAsync(caseId, "verify-file", "Complete", new Dictionary<string, object>
            {
                ["comment"] = "密封完好，材料与目录相符", ["sealIntact"] = true, ["materialListMatches"] = true, ["essentialMaterialsPresent"] = true, ["materialCount"] = 12,
            }, window, abort);
            await MilestoneAsync(caseId, "InCustody", window, abort);
            log.CaseFinished();
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            // The window closed while the case waited: it stays where it is.
        }
        catch (StepFailed e)
        {
            Failure = e.Message;
        }
    }

    private async Task<Guid> StartAsync(string idNumber, CancellationToken window, CancellationToken abort)
    {
        var body = new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "负载" + idNumber[^5..], ["idNumber"] = idNumber, ["householdRegistration"] = desk.HouseholdRegistration,
                ["formerEmployer"] = "北京星河科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        };
        for (var attempt = 0; ; attempt++)
        {
            var answer = await client.SendAsync(HttpMethod.Post, Start, "api/cases", body, abort);
            if (answer.Ok)
            {
                log.Started();
                return answer.Body.GetProperty("id").GetGuid();
            }

            // Two starts took one case number: the refused one stored nothing and is sent again, as a client would.
            if (answer.Status == 409)
            {
                log.StartConflict();
                if (answer.Code is "Concurrent" or "Duplicate" && attempt < 20)
                {
                    await Task.Delay(Random.Shared.Next(20, 200), window);
                    continue;
                }
            }

            throw new StepFailed($"start: {answer.Status} {answer.Code} {Short(answer.Text)}");
        }
    }

    /// <summary>For the <c>starts</c> load: starts one case and nothing more; false when the start was refused (<see cref="Failure"/> says why).</summary>
    public async Task<bool> StartOnlyAsync(CancellationToken window, CancellationToken abort)
    {
        try
        {
            await StartAsync(NewIdentityNumber(desk.Region), window, abort);
            return true;
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            return true;
        }
        catch (StepFailed e)
        {
            Failure = e.Message;
            return false;
        }
    }

    /// <summary>
    /// For the <c>tasks</c> load: starts a case and gives its waiting first task (<c>check-application</c>), or null
    /// when a step was refused (<see cref="Failure"/> says why).
    /// </summary>
    public async Task<string?> PrepareAsync(CancellationToken abort)
    {
        try
        {
            var caseId = await StartAsync(NewIdentityNumber(desk.Region), abort, abort);
            return await WaitAsync(caseId, d => OpenTask(d, "check-application"), "open check-application task", abort, abort);
        }
        catch (StepFailed e)
        {
            Failure = e.Message;
            return null;
        }
    }

    /// <summary>For the <c>tasks</c> load: claims and completes a prepared <c>check-application</c> task (Accept).</summary>
    public async Task CompletePreparedAsync(string taskId, CancellationToken window, CancellationToken abort)
    {
        try
        {
            await ClaimAndCompleteAsync(taskId, "check-application", "Accept", CheckForm(), window, abort);
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            // The window closed during a retry's pause.
        }
        catch (StepFailed e)
        {
            Failure = e.Message;
        }
    }

    private static Dictionary<string, object> CheckForm() => new()
    {
        ["comment"] = "材料齐全 ✅", ["terminationCertificatePresent"] = true, ["unemployedPersonFormPresent"] = true,
        ["materialListPresent"] = true, ["householdRegistrationInArea"] = true,
    };

    private async Task WorkTaskAsync(Guid caseId, string activityId, string outcome, Dictionary<string, object> data, CancellationToken window, CancellationToken abort)
    {
        var taskId = await WaitAsync(caseId, d => OpenTask(d, activityId), $"open {activityId} task", window, abort);
        await ClaimAndCompleteAsync(taskId, activityId, outcome, data, window, abort);
    }

    private async Task ClaimAndCompleteAsync(string taskId, string activityId, string outcome, Dictionary<string, object> data, CancellationToken window, CancellationToken abort)
    {
        Must(await client.SendAsync(HttpMethod.Post, Claim, $"api/tasks/{taskId}/claim", null, abort), $"claim {activityId}");
        for (var attempt = 0; ; attempt++)
        {
            var answer = await client.SendAsync(HttpMethod.Post, Complete, $"api/tasks/{taskId}/complete", new { outcome, data }, abort);
            if (answer.Ok)
            {
                log.Completed();
                return;
            }

            // A job or timer of the same case committed first and nothing was stored: sent again.
            if (answer.Code == "Conflict" && attempt < 10)
            {
                await Task.Delay(Random.Shared.Next(20, 200), window);
                continue;
            }

            throw Failed(answer, $"complete {activityId} {outcome}");
        }
    }

    private Task<string> MilestoneAsync(Guid caseId, string milestone, CancellationToken window, CancellationToken abort) =>
        WaitAsync(caseId, d => d.GetProperty("case").GetProperty("milestone").GetString() == milestone ? milestone : null, $"milestone {milestone}", window, abort);

    /// <summary>Reads the case until <paramref name="found"/> gives a value: at once, then after 100 ms, doubling to a second between reads.</summary>
    private async Task<string> WaitAsync(Guid caseId, Func<JsonElement, string?> found, string what, CancellationToken window, CancellationToken abort)
    {
        var delay = 100;
        var until = DateTimeOffset.UtcNow + stepLimit;
        while (true)
        {
            var answer = await client.SendAsync(HttpMethod.Get, Detail, $"api/cases/{caseId}", null, abort);
            Must(answer, $"read case for {what}");
            if (found(answer.Body) is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= until)
            {
                throw new StepFailed($"no {what} within {stepLimit.TotalSeconds:0} s");
            }

            await Task.Delay(delay, window);
            delay = Math.Min(delay * 2, 1000);
        }
    }

    private static string? OpenTask(JsonElement detail, string activityId)
    {
        foreach (var task in detail.GetProperty("openTasks").EnumerateArray())
        {
            if (task.GetProperty("activityId").GetString() == activityId)
            {
                return task.GetProperty("id").GetString();
            }
        }

        return null;
    }

    private static void Must(LoadClient.Answer answer, string step)
    {
        if (!answer.Ok)
        {
            throw Failed(answer, step);
        }
    }

    private static StepFailed Failed(LoadClient.Answer answer, string step) => new($"{step}: {answer.Status} {answer.Code} {Short(answer.Text)}");

    private static string Short(string text) => text.Length <= 200 ? text : text[..200];

    /// <summary>A valid GB 11643 identity number, new in this run: 900 a birth date, born from 1960 on.</summary>
    private static string NewIdentityNumber(string region)
    {
        var n = Interlocked.Increment(ref identitySequence);
        var birth = new DateOnly(1960, 1, 1).AddDays(n / 900);
        var first17 = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (100 + (n % 900)).ToString("D3", CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    private sealed class StepFailed(string message) : Exception(message);
}
