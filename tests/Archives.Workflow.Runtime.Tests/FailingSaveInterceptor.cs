using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>Fails every save after the burst has run: a crash between the engine and the commit.</summary>
internal sealed class FailingSaveInterceptor : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("Injected failure before the commit.");
}
