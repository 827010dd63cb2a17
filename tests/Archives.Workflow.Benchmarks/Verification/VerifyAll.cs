using System.Diagnostics;
using System.Globalization;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Forms;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Benchmarks.Verification;

/// <summary>
/// The rate of verifying every case: N complete unemployed-file receipts made through the runtime on a
/// throwaway PostgreSQL server (or <c>ARCHIVES_TEST_POSTGRES</c>), then the bulk verification timed in
/// journal entries per second, beside the loop of one <see cref="IWorkflowRuntime.VerifyAsync"/> per case.
/// </summary>
internal static class VerifyAll
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cases = int.Parse(Option(args, "--cases", "2000"), CultureInfo.InvariantCulture);
        var workers = int.Parse(Option(args, "--workers", Math.Clamp(Environment.ProcessorCount, 1, 4).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var batch = int.Parse(Option(args, "--batch", "500"), CultureInfo.InvariantCulture);
        await using var server = await PostgresServer.StartAsync();
        var database = new ArchivesDatabase(DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("verify"));
        await database.MigrateAsync();
        var runtime = new WorkflowRuntime(
            database.CreateContext,
            WorkingDayCalendar.LoadDirectory(RepositoryRoot.Combine("workflows", "calendars")),
            TimeProvider.System,
            JobNames.Select(name => new Issuing(name)));
        await runtime.ImportFolderAsync(RepositoryRoot.Combine("workflows"), "bench");

        var making = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < cases; i = Interlocked.Increment(ref next))
            {
                await ReceiptAsync(runtime, database, i);
            }
        })));
        long entries;
        await using (var db = database.CreateContext())
        {
            entries = await db.Set<JournalEntry>().LongCountAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases} complete unemployed-file receipts, {entries} journal entries ({entries / (double)cases:F1} per case), made in {making.Elapsed.TotalSeconds:F0} s; {Environment.ProcessorCount} cores; .NET {Environment.Version}"));
        Console.WriteLine($"load average before timing: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| run | cases | journal entries | seconds | entries/s | cases/s | CPU s (this process) | entries per CPU s | failures |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");

        var options = new BulkVerificationOptions { BatchSize = batch, Workers = workers, ProgressEvery = 1000 };
        for (var round = 1; round <= 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = await runtime.VerifyAllAsync(db => db.Set<WorkflowInstance>().Select(i => i.Id), null, options);
            Print($"bulk, round {round} ({workers} workers, batches of {batch})", result.CasesChecked, result.EventsChecked, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, result.Failures);
        }

        List<string> ids;
        await using (var db = database.CreateContext())
        {
            ids = await db.Set<WorkflowInstance>().Select(i => i.Id).ToListAsync();
        }

        var loopCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var loop = Stopwatch.StartNew();
        long loopEntries = 0, loopFailures = 0;
        foreach (var id in ids)
        {
            var verification = await runtime.VerifyAsync(id);
            loopEntries += verification.Entries;
            loopFailures += verification.IsValid ? 0 : 1;
        }

        Print("one VerifyAsync per case", ids.Count, loopEntries, loop.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - loopCpu, loopFailures);
        Console.WriteLine();
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static async Task ReceiptAsync(WorkflowRuntime runtime, ArchivesDatabase database, int n)
    {
        var first17 = $"11010519{80 + (n % 20)}{1 + (n / 28 % 12):D2}{1 + (n % 28):D2}{n % 1000:D3}";
        var instance = await runtime.StartAsync("unemployed-file-receipt", new Dictionary<string, object?>
        {
            ["personName"] = $"测试{n}", ["idNumber"] = first17 + IdentityNumber.CheckCharacter(first17), ["householdRegistration"] = "北京市朝阳区建外街道",
            ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = $"JC-2026-{n:D5}", ["terminationDate"] = "2026-02-27",
        }, "bench", $"UFR-BENCH-{n:D6}");
        await runtime.CompleteTaskAsync(await OpenTaskAsync(database, instance.Id, "check-application"), "Accept", new Dictionary<string, object?> { ["comment"] = "材料齐全" }, "bench");
        await RunJobsAsync(runtime, database, instance.Id);
        await runtime.SignalAsync(instance.Id, "FileArrived", new Dictionary<string, object?> { ["method"] = "ConfidentialPost", ["trackingNumber"] = $"JY-{n}" }, "bench");
        await runtime.CompleteTaskAsync(await OpenTaskAsync(database, instance.Id, "verify-file"), "Complete", null, "bench");
        await RunJobsAsync(runtime, database, instance.Id);
    }

    private static async Task<string> OpenTaskAsync(ArchivesDatabase database, string instanceId, string activityId)
    {
        await using var db = database.CreateContext();
        return await db.Set<Runtime.Tasks.WorkflowTask>()
            .Where(t => t.InstanceId == instanceId && t.ActivityId == activityId && t.Status == Runtime.Tasks.TaskStatus.Open).Select(t => t.Id).SingleAsync();
    }

    private static async Task RunJobsAsync(WorkflowRuntime runtime, ArchivesDatabase database, string instanceId)
    {
        while (true)
        {
            List<string> jobs;
            await using (var db = database.CreateContext())
            {
                jobs = await db.Set<BookmarkRecord>().Where(b => b.InstanceId == instanceId && b.Kind == "Job" && b.Status == BookmarkStatus.Pending).Select(b => b.Id).ToListAsync();
            }

            if (jobs.Count == 0)
            {
                return;
            }

            foreach (var job in jobs)
            {
                await runtime.RunJobAsync(job);
            }
        }
    }

    /// <summary>One row; the CPU time is this process's (reading, hashing, replaying), not the database server's.</summary>
    private static void Print(string run, long cases, long entries, TimeSpan elapsed, TimeSpan cpu, long failures) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run} | {cases} | {entries} | {elapsed.TotalSeconds:F2} | {entries / elapsed.TotalSeconds:F0} | {cases / elapsed.TotalSeconds:F0} | {cpu.TotalSeconds:F2} | {entries / cpu.TotalSeconds:F0} | {failures} |"));

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static readonly string[] JobNames =
    [
        "issue-supplement-notice", "issue-rejection-notice", "issue-transfer-request-letter", "chase-file-holder",
        "issue-missing-materials-form", "return-file-to-sender", "register-file", "send-receipt", "notify-person",
        "record-party-membership-transfer", "send-verification-request", "file-identification-conclusion",
        "issue-transfer-notice", "chase-receipt", "close-custody",
    ];

    /// <summary>Issues numbered documents, as the domain's handlers do, without the domain's tables.</summary>
    private sealed class Issuing(string name) : IJobHandler
    {
        private int issued;

        public string Name { get; } = name;

        public Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, object?>?>(new Dictionary<string, object?> { ["number"] = $"{Name}-{Interlocked.Increment(ref issued)}" });
    }
}
