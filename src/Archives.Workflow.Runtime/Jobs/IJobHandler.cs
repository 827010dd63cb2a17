namespace Archives.Workflow.Runtime.Jobs;

/// <summary>
/// Runs a named background job of a definition (issue a letter, register a file…). Its database
/// writes go through <see cref="JobContext.Db"/> without saving: they are committed together with
/// the case's resumption, or not at all.
/// </summary>
public interface IJobHandler
{
    string Name { get; }

    Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>What a job handler gets.</summary>
public sealed record JobContext(
    string InstanceId,
    string BookmarkId,
    string ActivityId,
    IReadOnlyDictionary<string, object?> Input,
    int Attempt,
    DateTimeOffset Now,
    DbContext Db);
