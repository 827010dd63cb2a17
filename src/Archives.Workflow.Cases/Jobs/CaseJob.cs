using System.Globalization;
using System.Runtime.CompilerServices;
using Archives.Workflow.Runtime.Jobs;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>
/// A background job of a process, run for its case: the handler adds its rows (documents, file
/// changes, messages) to the job's unit of work, which commits them with the case's resumption.
/// </summary>
public abstract class CaseJob : IJobHandler
{
    // Every job of a case reads these rows first: compiled once per model (a compiled query serves one model only).
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, CancellationToken, Task<CaseRow?>>> Queries = new();

    public abstract string Name { get; }

    public async Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        // The case, its person and its file in one compiled query (tracked: a handler changes them and the burst saves them).
        var query = Queries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (DbContext context, string instanceId, CancellationToken token) =>
                (from c in context.Set<ServiceCase>().Where(c => c.InstanceId == instanceId)
                 join p in context.Set<Person>() on c.PersonId equals p.Id
                 from f in context.Set<PersonnelFile>().Where(f => f.Id == c.FileId).DefaultIfEmpty()
                 select new CaseRow { Case = c, Person = p, File = f }).SingleOrDefault()));
        var found = await query(db, context.InstanceId, cancellationToken)
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

    private sealed class CaseRow
    {
        public required ServiceCase Case { get; init; }

        public required Person Person { get; init; }

        public PersonnelFile? File { get; init; }
    }
}

/// <summary>What a case job sees.</summary>
public sealed record CaseJobContext(JobContext Job, ServiceCase Case, Person Person, PersonnelFile? File)
{
    public DbContext Db => Job.Db;

    public DateTimeOffset Now => Job.Now;

    public IReadOnlyDictionary<string, object?> Input => Job.Input;
}
