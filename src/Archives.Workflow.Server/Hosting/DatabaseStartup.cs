using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Hosting;

/// <summary>Applies the migrations before anything else starts (registered first).</summary>
public sealed class DatabaseStartup(Func<ArchivesDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
