using Archives.Workflow.Runtime.Jobs;

namespace Archives.Workflow.Server.Demo;

/// <summary>
/// A job handler as the demo cases see it: the real one, except for the cases whose story says an
/// outside service was down, where the named job fails every attempt until its case raises an
/// incident. The journal records the failures as any failure is recorded, so the case verifies; an
/// administrator's retry later runs the real handler, which succeeds.
/// </summary>
internal sealed class DemoJobOutage(IJobHandler inner, IReadOnlyDictionary<string, string> outages) : IJobHandler
{
    public const string Message = "转递通知未送达机要交换平台：30 秒内无应答。";

    public string Name => inner.Name;

    public Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return outages.TryGetValue(context.InstanceId, out var job) && string.Equals(job, inner.Name, StringComparison.Ordinal)
            ? throw new TimeoutException(Message)
            : inner.RunAsync(context, cancellationToken);
    }
}
