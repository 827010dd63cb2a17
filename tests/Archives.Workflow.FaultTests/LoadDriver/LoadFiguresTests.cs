using System.Text.Json;
using Archives.Workflow.Benchmarks.Http.Figures;

namespace Archives.Workflow.FaultTests.LoadDriver;

/// <summary>The http load driver's arithmetic and parsing: what its tables and JSON say must follow from what it measured.</summary>
[TestFixture]
public sealed class LoadFiguresTests
{
    [Test]
    public void Percentiles_are_nearest_rank_so_p95_of_a_hundred_answers_is_the_ninety_fifth()
    {
        var sorted = Enumerable.Range(1, 100).Select(i => i * 1.5).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Percentiles.OfSorted(sorted, 0.50), Is.EqualTo(75.0));
            Assert.That(Percentiles.OfSorted(sorted, 0.95), Is.EqualTo(142.5));
            Assert.That(Percentiles.OfSorted(sorted, 0.99), Is.EqualTo(148.5));
            Assert.That(Percentiles.OfSorted(sorted, 1.0), Is.EqualTo(150.0));
        });
    }

    [Test]
    public void Percentiles_of_one_answer_are_that_answer_and_of_none_are_zero()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Percentiles.OfSorted([3.25], 0.99), Is.EqualTo(3.25));
            Assert.That(Percentiles.OfSorted([], 0.5), Is.Zero);
        });
    }

    [Test]
    public void Endpoint_figures_sort_the_latencies_and_keep_the_errors()
    {
        var figures = EndpointFigures.Of("POST /api/tasks/{id}/complete", [9.0, 1.0, 5.0, 3.0, 7.0], errors: 2);

        Assert.Multiple(() =>
        {
            Assert.That(figures.Count, Is.EqualTo(5));
            Assert.That(figures.Errors, Is.EqualTo(2));
            Assert.That(figures.P50Ms, Is.EqualTo(5.0));
            Assert.That(figures.P95Ms, Is.EqualTo(9.0));
        });
    }

    [Test]
    public void A_process_line_is_read_from_the_last_parenthesis_so_a_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        const string line = "4242 (dotnet (worker) 档案 🚀) S 17 4200 4200 0 -1 4194560 1200 0 3 0 250 50 7 3 20 0 31 0 99999 1000000 5000 18446744073709551615";

        var times = ProcStat.ParseProcess(line);

        Assert.Multiple(() =>
        {
            Assert.That(times.Pid, Is.EqualTo(4242));
            Assert.That(times.Name, Is.EqualTo("dotnet (worker) 档案 🚀"));
            Assert.That(times.ParentPid, Is.EqualTo(17));
            Assert.That(times.ProcessGroup, Is.EqualTo(4200));
            Assert.That(times.OwnTicks, Is.EqualTo(300));
            Assert.That(times.ReapedChildrenTicks, Is.EqualTo(10));
        });
    }

    [Test]
    public void This_process_own_stat_line_parses_with_its_own_pid()
    {
        Assume.That(File.Exists("/proc/self/stat"), "Linux only");

        var times = ProcStat.ParseProcess(File.ReadAllText("/proc/self/stat"));

        Assert.That(times.Pid, Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void A_truncated_process_line_is_refused()
    {
        Assert.That(() => ProcStat.ParseProcess("12 (sh) S 1 12"), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void The_machine_is_busy_for_everything_but_idle_and_io_wait_and_guest_time_is_not_counted_twice()
    {
        var machine = ProcStat.ParseMachine("cpu  100 5 50 1000 20 3 2 1 40 0");

        Assert.Multiple(() =>
        {
            Assert.That(machine.TotalTicks, Is.EqualTo(1181));
            Assert.That(machine.BusyTicks, Is.EqualTo(161));
        });
    }

    [Test]
    public void The_context_switches_come_from_the_ctxt_line_wherever_it_is_and_a_missing_line_is_not_a_zero()
    {
        string[] stat = ["cpu  100 5 50 1000 20 3 2 1 40 0", "cpu0 50 2 25 500 10 1 1 0 20 0", "intr 123456 0 9", "ctxt 987654321012", "btime 1764720000", "processes 4242"];

        Assert.Multiple(() =>
        {
            Assert.That(ProcStat.ParseContextSwitches(stat), Is.EqualTo(987654321012L));
            Assert.That(ProcStat.ParseContextSwitches(stat.Where(l => !l.StartsWith("ctxt", StringComparison.Ordinal))), Is.Null);
            Assert.That(() => ProcStat.ParseContextSwitches(["ctxt -5"]), Throws.TypeOf<FormatException>());
            Assert.That(() => ProcStat.ParseContextSwitches(["ctxt ４２"]), Throws.TypeOf<FormatException>(), "full-width digits are not a count");
        });
    }

    [Test]
    public void A_node_counts_every_process_of_its_group_and_postgres_counts_its_backends_and_those_it_reaped()
    {
        ProcStat.ProcessTimes[] processes =
        [
            new(100, "timeout", 1, 100, 1, 0),
            new(101, "dotnet", 100, 100, 500, 0),
            new(200, "dotnet", 1, 200, 300, 0),
            new(300, "postgres", 1, 300, 10, 90),
            new(301, "postgres", 300, 300, 200, 0),
            new(999, "postgres", 1, 999, 700, 0),
        ];

        Assert.Multiple(() =>
        {
            Assert.That(ProcStat.GroupSeconds(processes, new HashSet<int> { 100 }), Is.EqualTo(5.01));
            Assert.That(ProcStat.GroupSeconds(processes, new HashSet<int> { 100, 200 }), Is.EqualTo(8.01));
            Assert.That(ProcStat.TreeSeconds(processes, 300), Is.EqualTo(3.0));
        });
    }

    [Test]
    public void Options_default_to_one_eight_and_sixteen_clients_for_thirty_seconds_on_one_postgres_node()
    {
        var options = HttpLoadOptions.Parse([]);

        Assert.Multiple(() =>
        {
            Assert.That(options.Clients, Is.EqualTo(new[] { 1, 8, 16 }));
            Assert.That(options.Duration, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.Nodes, Is.EqualTo(new[] { 1 }));
            Assert.That(options.IsPostgres, Is.True);
            Assert.That(options.BareCases, Is.GreaterThan(0));
            Assert.That(options.IsTasksLoad, Is.False, "whole cases unless the tasks load is asked for");
        });
    }

    [Test]
    public void The_tasks_load_is_chosen_by_name_in_any_case_with_its_count_of_prepared_tasks()
    {
        var options = HttpLoadOptions.Parse(["--load", "Tasks", "--tasks-per-client", "250"]);

        Assert.Multiple(() =>
        {
            Assert.That(options.IsTasksLoad, Is.True);
            Assert.That(options.Load, Is.EqualTo("tasks"));
            Assert.That(options.TasksPerClient, Is.EqualTo(250));
        });
    }

    [Test]
    public void The_starts_load_is_chosen_by_name_in_any_case_and_is_neither_whole_cases_nor_tasks()
    {
        var options = HttpLoadOptions.Parse(["--load", "STARTS"]);

        Assert.Multiple(() =>
        {
            Assert.That(options.IsStartsLoad, Is.True);
            Assert.That(options.IsTasksLoad, Is.False);
            Assert.That(options.Load, Is.EqualTo("starts"));
            Assert.That(HttpLoadOptions.Parse([]).IsStartsLoad, Is.False, "whole cases unless the starts load is asked for");
            Assert.That(() => HttpLoadOptions.Parse(["--load", "start"]), Throws.TypeOf<FormatException>().With.Message.Contains("starts"));
        });
    }

    [Test]
    public void Options_read_lists_spans_providers_and_server_settings()
    {
        var options = HttpLoadOptions.Parse(["--clients", "4,32", "--duration", "2m", "--warmup", "500ms", "--nodes", "1,2,3", "--provider", "PostgreSQL",
            "--server", "Hangfire:PollInterval=00:00:01", "--server", "Server:HangfireWorkers=4", "--no-bare", "--output", "/tmp/档案 figures.json"]);

        Assert.Multiple(() =>
        {
            Assert.That(options.Clients, Is.EqualTo(new[] { 4, 32 }));
            Assert.That(options.Duration, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(options.Warmup, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(options.Nodes, Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(options.Provider, Is.EqualTo("postgres"));
            Assert.That(options.ServerSettings.Select(s => $"{s.Key}={s.Value}"), Is.EqualTo(new[] { "Hangfire:PollInterval=00:00:01", "Server:HangfireWorkers=4" }));
            Assert.That(options.BareCases, Is.Zero);
            Assert.That(options.Output, Is.EqualTo("/tmp/档案 figures.json"));
        });
    }

    [TestCase("--clients", "0")]
    [TestCase("--clients", "8,,16")]
    [TestCase("--duration", "-30s")]
    [TestCase("--duration", "soon")]
    [TestCase("--provider", "oracle")]
    [TestCase("--server", "=1")]
    [TestCase("--speed", "11")]
    [TestCase("--load", "steps")]
    [TestCase("--tasks-per-client", "0")]
    public void A_malformed_option_is_refused_naming_it(string name, string value)
    {
        Assert.That(() => HttpLoadOptions.Parse([name, value]), Throws.TypeOf<FormatException>().With.Message.Contains(name));
    }

    [Test]
    public void Several_nodes_on_sqlite_are_refused_because_each_would_keep_its_jobs_in_its_own_memory()
    {
        Assert.That(() => HttpLoadOptions.Parse(["--provider", "sqlite", "--nodes", "1,2"]), Throws.TypeOf<FormatException>().With.Message.Contains("PostgreSQL"));
    }

    [Test]
    public void The_bare_runtime_figure_is_read_from_the_durable_mode_table_for_the_same_database_and_clients()
    {
        const string output = """
            cases per run: 2000 (after warm-up rounds of 500 cases until the rate settles, at most 6); clients: 16; 2 cores; .NET 10.0.0

            | database | clients | phase | transitions | transitions/s | p50 ms | p95 ms | p99 ms | CPU ms/transition (.NET / machine) | pgbench tps (same writes) | ratio |
            |---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
            | PostgreSQL | 1 | complete task | 1999 | 900 | 1.00 | 2.00 | 3.00 | 0.50 / 1.00 |  |  |
            | PostgreSQL | 16 | start | 2000 | 2100 | 6.00 | 12.00 | 20.00 | 0.40 / 0.90 |  |  |
            | PostgreSQL | 16 | complete task | 1999 | 2600 | 5.50 | 11.25 | 18.00 | 0.40 / 0.90 |  |  |
            | SQLite | 16 | complete task | 1999 | 1800 | 7.00 | 14.00 | 22.00 | 0.60 / 0.70 |  |  |
            """;

        var bare = BareFigures.FromDurableTable(output, "PostgreSQL", 16);

        Assert.Multiple(() =>
        {
            Assert.That(bare.CompletionsPerSecond, Is.EqualTo(2600));
            Assert.That(bare.StartsPerSecond, Is.EqualTo(2100));
            Assert.That(bare.CompleteP95Ms, Is.EqualTo(11.25));
            Assert.That(bare.Note, Is.Null);
            Assert.That(BareFigures.FromDurableTable(output, "SQLite", 8).Note, Does.Contain("no SQLite row for 8 clients"));
        });
    }

    [Test]
    public void The_report_prints_the_rates_the_409s_the_ratio_to_the_bare_runtime_and_round_trips_as_not_available_when_a_server_does_not_count_them()
    {
        var run = Run([Level(1, 16, completions: 1600, serverCpu: 20, roundTrips: null)], new BareFigures(16, 2600, 2100, 11.25, null));

        var table = LoadReport.Table(run);

        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("| 1 | 16 | 80.0 | 25.0 | 7 |"));
            Assert.That(table, Does.Contain("| n/a |"));
            Assert.That(table, Does.Contain("| 5.00 / 2.00 / 9.75 / 0.50 | 19 | 60.00 55.00 40.00 |"), "76,000 context switches over 4,000 requests");
            Assert.That(table, Does.Contain("2600 task completions/s"));
            Assert.That(table, Does.Contain("3.1 % of it"));
            Assert.That(table, Does.Contain("| 1 | 16 | POST /api/tasks/{id}/complete | 1600 | 3 | 12.0 | 48.0 | 90.0 |"));
            Assert.That(table, Does.Not.Contain("against one node"));
            Assert.That(run.RatioToBare, Is.EqualTo(80.0 / 2600).Within(1e-9));
        });
    }

    [Test]
    public void The_report_of_a_tasks_load_says_the_tasks_were_prepared_before_and_not_measured()
    {
        var run = Run([Level(1, 16, completions: 1600, serverCpu: 20, roundTrips: 3)], null) with { Load = "tasks", TasksPerClient = 400 };

        var table = LoadReport.Table(run);

        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("tasks load: 400 cases started per client before the warm-up (not measured)"));
            Assert.That(table, Does.Not.Contain("cases under way per client"));
            Assert.That(LoadReport.ToJson(run), Does.Contain("\"load\": \"tasks\"").Or.Contain("\"load\":\"tasks\""));
        });
    }

    [Test]
    public void The_report_of_a_starts_load_compares_starts_with_the_bare_runtimes_starts_not_its_completions()
    {
        var run = Run([Level(1, 16, completions: 0, serverCpu: 20, roundTrips: 8)], new BareFigures(16, 2600, 1000, 11.25, null)) with { Load = "starts" };

        var table = LoadReport.Table(run);

        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("starts load: each client starts cases one after the other"));
            Assert.That(table, Does.Not.Contain("cases under way per client"));
            Assert.That(run.RatioToBare, Is.EqualTo(25.0 / 1000).Within(1e-9), "500 starts in 20 s against 1,000 bare starts/s");
            Assert.That(table, Does.Contain("2.5 % of its starts"));
        });
    }

    [Test]
    public void With_several_node_counts_the_report_compares_completions_per_server_cpu_second_with_one_node()
    {
        var run = Run([Level(1, 16, completions: 1600, serverCpu: 20, roundTrips: 2.5), Level(3, 16, completions: 1800, serverCpu: 30, roundTrips: 2.5)], null);

        var table = LoadReport.Table(run);

        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("against one node"));
            Assert.That(table, Does.Contain("| 1 | 16 | 80.0 | 1.00 | 80.0 | 100 % |"));
            Assert.That(table, Does.Contain("| 3 | 16 | 90.0 | 1.50 | 60.0 | 75 % |"));
            Assert.That(table, Does.Contain("| 2.50 ("));
        });
    }

    [Test]
    public void The_json_carries_the_derived_rates_and_reads_back()
    {
        var run = Run([Level(1, 8, completions: 400, serverCpu: 10, roundTrips: 3)], null);

        using var json = JsonDocument.Parse(LoadReport.ToJson(run));
        var level = json.RootElement.GetProperty("levels")[0];

        Assert.Multiple(() =>
        {
            Assert.That(level.GetProperty("completionsPerSecond").GetDouble(), Is.EqualTo(20.0));
            Assert.That(level.GetProperty("completionsPerServerCpuSecond").GetDouble(), Is.EqualTo(40.0));
            Assert.That(level.GetProperty("roundTripsPerRequest").GetDouble(), Is.EqualTo(3.0));
            Assert.That(level.GetProperty("endpoints")[0].GetProperty("endpoint").GetString(), Is.EqualTo("POST /api/tasks/{id}/complete"));
            Assert.That(json.RootElement.GetProperty("bare").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    private static RunFigures Run(IReadOnlyList<LevelFigures> levels, BareFigures? bare) => new()
    {
        Provider = "PostgreSQL", Cores = 2, StartedAt = new DateTimeOffset(2026, 12, 2, 4, 0, 0, 123, TimeSpan.Zero).AddTicks(4567),
        DurationSeconds = 20, WarmupSeconds = 10, CasesPerClient = 24, ServerSettings = [], LoadAverageBefore = "63.19 57.49 38.69",
        Levels = levels, Bare = bare,
    };

    private static LevelFigures Level(int nodes, int clients, int completions, double serverCpu, double? roundTrips) => new()
    {
        Nodes = nodes, Clients = clients, Seconds = 20, Requests = 4000, Completions = completions, Starts = 500, StartConflicts = 7, CasesFinished = 240,
        JournalEntries = 16000, Bursts = 3000, Endpoints = [new EndpointFigures("POST /api/tasks/{id}/complete", completions, 3, 12, 48, 90)],
        RoundTripsPerRequest = roundTrips, TransactionsPerRequest = roundTrips is null ? null : 1, CommandsPerRequest = roundTrips is null ? null : 2,
        ServerCpuSeconds = serverCpu, DatabaseCpuSeconds = 8, MachineCpuSeconds = 39, ClientCpuSeconds = 2, LoadAverage = "60.00 55.00 40.00", ContextSwitches = 76_000,
    };
}
