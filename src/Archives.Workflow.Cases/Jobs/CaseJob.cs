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
        // The case, its person and its file in one query (tracked: a handler changes them and the burst saves them).
        var found = await (from c in db.Set<ServiceCase>().Where(c => c.InstanceId == context.InstanceId)
                           join p in db.Set<Person>() on c.PersonId equals p.Id
                           from f in db.Set<PersonnelFile>().Where(f => f.Id == c.FileId).DefaultIfEmpty()
                           select new { Case = c, Person = p, File = f }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"No case runs the instance {context.InstanceId}.");
        return await RunAsync(new CaseJobContext(context, found.Case, found.Person, found.File), cancellationToken);
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
