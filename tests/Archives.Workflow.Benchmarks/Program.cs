using Archives.Workflow.Benchmarks.Durable;
using BenchmarkDotNet.Running;

// `durable` runs the load driver against PostgreSQL and SQLite; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "durable")
{
    return await DurableLoad.RunAsync(args[1..]);
}

// `path` drives the real server over HTTP: case starts and task completions, with the database round trips per request.
if (args is ["path", ..]) return await PathLoad.RunAsync(args[1..]);

if (args is ["verify-all", ..]) { return await Archives.Workflow.Benchmarks.Verification.VerifyAll.RunAsync(args[1..]); }

// `designer` times the designer page's first render in the system Chromium (see DesignerFirstRender).
if (args.Length > 0 && args[0] == "designer")
{
    return await Archives.Workflow.Benchmarks.Designer.DesignerFirstRender.RunAsync(args[1..]);
}

// `http` drives the server's HTTP API as separate processes (see Http/HttpLoadMode).
if (args is ["http", ..]) return await Archives.Workflow.Benchmarks.Http.HttpLoadMode.RunAsync(args[1..]);

if (args is ["timers", ..]) return await Archives.Workflow.Benchmarks.Timers.TimerLoad.RunAsync(args[1..]);

if (args is ["cases", ..]) return await Archives.Workflow.Benchmarks.LargeDatabase.LargeDatabaseMode.RunAsync(args[1..]);

#if BASELINE_ENGINE
// `alternate` runs the baseline engine and this one in turns (see BaselineAlternation).
if (args.Length > 0 && args[0] == "alternate")
{
    return Archives.Workflow.Benchmarks.Engine.BaselineAlternation.Run(args[1..]);
}
#endif

BenchmarkSwitcher.FromAssembly(typeof(DurableLoad).Assembly).Run(args);
return 0;
