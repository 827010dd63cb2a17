using System.Globalization;
using Archives.Workflow.Runtime.Jobs;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>
/// A background job of a process, run for its case: the handler adds its rows (documents, file
/// changes, messages) to the job's unit of work, which commits them with the case's resumption.
/// </summary>
public abstract class CaseJob : IJobHandler
{
    public abstract string Name { get; }

    public async Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        var serviceCase = await db.Set<ServiceCase>().SingleOrDefaultAsync(c => c.InstanceId == context.InstanceId, cancellationToken)
            ?? throw new InvalidOperationException($"No case runs the instance {context.InstanceId}.");
        var person = await db.Set<Person>().SingleAsync(p => p.Id == serviceCase.PersonId, cancellationToken);
        var file = serviceCase.FileId is { } fileId ? await db.Set<PersonnelFile>().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken) : null;
        return await RunAsync(new CaseJobContext(context, serviceCase, person, file), cancellationToken);
    }

    protected abstract Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken);

    protected static async Task<Document> IssueAsync(CaseJobContext job, DocumentKind kind, string recipient, string content, CancellationToken cancellationToken) =>
        await DocumentNumbers.IssueAsync(job.Db, job.Case.InstitutionCode, kind, job.Now, job.Case.Id, job.File?.Id, recipient, content, cancellationToken);

    protected static void Notify(CaseJobContext job, RecipientKind kind, string recipient, string subject, string body) =>
        job.Db.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(job.Now), RecipientKind = kind, Recipient = recipient, CaseId = job.Case.Id, Subject = subject, Body = body, CreatedAt = job.Now,
        });

    protected static string Text(CaseJobContext job, string name, string fallback = "") => InputText(job, name, fallback);

    /// <summary>An input of the job as text (a list joined with 、), <paramref name="fallback"/> when it is missing.</summary>
    internal static string InputText(CaseJobContext job, string name, string fallback = "") =>
        job.Input.GetValueOrDefault(name) switch
        {
            null => fallback,
            string s => s,
            double d => d.ToString(CultureInfo.InvariantCulture),
            IEnumerable<object?> list => string.Join("、", list),
            var other => other.ToString() ?? fallback,
        };
}

/// <summary>What a case job sees.</summary>
public sealed record CaseJobContext(JobContext Job, ServiceCase Case, Person Person, PersonnelFile? File)
{
    public DbContext Db => Job.Db;

    public DateTimeOffset Now => Job.Now;

    public IReadOnlyDictionary<string, object?> Input => Job.Input;
}
