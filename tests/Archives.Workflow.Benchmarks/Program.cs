using Archives.Workflow.Benchmarks.Durable;
using BenchmarkDotNet.Running;

// `durable` runs the load driver against PostgreSQL and SQLite; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "durable")
{
    return await DurableLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DurableLoad).Assembly).Run(args);
return 0;
