using System.Threading.Channels;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// Verifies every case in a scope at the rate of a bulk scan rather than one round trip per case: one
/// query reads the heads of the next batch of cases (keyset by instance id), one ordered query
/// (instance, sequence) their journals, while a few workers verify the previous batch with
/// <see cref="JournalVerifier"/>, each version of a definition compiled once.
/// </summary>
internal sealed class BulkVerifier(RuntimeServices services)
{
    public async Task<BulkVerificationProgress> VerifyAllAsync(
        Func<DbContext, IQueryable<string>> scope,
        Func<BulkVerificationProgress, CancellationToken, Task>? progress,
        BulkVerificationOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProgressEvery, 1);

        long totalCases, totalEvents;
        await using (var db = services.Contexts())
        {
            var ids = scope(db);
            var inScope = db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id));
            totalCases = await inScope.LongCountAsync(cancellationToken);
            totalEvents = totalCases == 0 ? 0 : await inScope.SumAsync(i => i.JournalLength, cancellationToken);
        }

        var calendarOf = await services.Calendars.HistoryAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Channel.CreateBounded<CaseJournal>(new BoundedChannelOptions(options.BatchSize * 2) { SingleWriter = true });
        var results = Channel.CreateUnbounded<CaseResult>(new UnboundedChannelOptions { SingleReader = true });
        var reading = Task.Run(() => ReadAsync(scope, options.BatchSize, work.Writer, stop.Token), stop.Token);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => Task.Run(() => VerifyAsync(work.Reader, results.Writer, calendarOf, stop.Token), stop.Token))
            .ToArray();
        var verifying = CompleteWhenDoneAsync(workers, results.Writer);

        long cases = 0, events = 0, failures = 0;
        var fresh = new List<CaseFailure>();
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
            {
                cases++;
                events += result.Entries;
                if (result.Failure is { } failure)
                {
                    failures++;
                    fresh.Add(failure);
                }

                if (progress is not null && cases % options.ProgressEvery == 0)
                {
                    await progress(new BulkVerificationProgress(totalCases, totalEvents, cases, events, failures, [.. fresh], false), cancellationToken);
                    fresh.Clear();
                }
            }

            await reading;
            await verifying;
        }
        catch
        {
            // Whatever failed, the reader and the workers stop with it rather than run on unobserved.
            await stop.CancelAsync();
            throw;
        }

        var final = new BulkVerificationProgress(Math.Max(totalCases, cases), Math.Max(totalEvents, events), cases, events, failures, [.. fresh], true);
        if (progress is not null)
        {
            await progress(final, cancellationToken);
        }

        return final;
    }

    private async Task ReadAsync(Func<DbContext, IQueryable<string>> scope, int batchSize, ChannelWriter<CaseJournal> writer, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await using var db = services.Contexts();
            var ids = scope(db);
            string? after = null;
            while (true)
            {
                var next = db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id));
                if (after is not null)
                {
                    var last = after;
                    next = next.Where(i => i.Id.CompareTo(last) > 0);
                }

                var heads = await next.OrderBy(i => i.Id).Take(batchSize)
                    .Select(i => new CaseHead(i.Id, i.DefinitionId, i.DefinitionVersion, i.JournalLength, i.JournalHead, i.JournalRule))
                    .ToListAsync(cancellationToken);
                if (heads.Count == 0)
                {
                    break;
                }

                // One ordered read of the whole batch's journals instead of a round trip per case.
                var batch = heads.Select(h => h.InstanceId).ToList();
                var journals = new Dictionary<string, List<JournalEntry>>(heads.Count, StringComparer.Ordinal);
                await foreach (var entry in db.Set<JournalEntry>().AsNoTracking().Where(j => batch.Contains(j.InstanceId))
                    .OrderBy(j => j.InstanceId).ThenBy(j => j.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    if (!journals.TryGetValue(entry.InstanceId, out var journal))
                    {
                        journals[entry.InstanceId] = journal = [];
                    }

                    journal.Add(entry);
                }

                foreach (var head in heads)
                {
                    await writer.WriteAsync(new CaseJournal(head, journals.GetValueOrDefault(head.InstanceId) ?? []), cancellationToken);
                }

                after = heads[^1].InstanceId;
            }
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    private async Task VerifyAsync(
        ChannelReader<CaseJournal> reader, ChannelWriter<CaseResult> writer, Func<int?, WorkingDayCalendar> calendarOf, CancellationToken cancellationToken)
    {
        // Each worker keeps the versions it compiled: the store's cache is shared, but a miss needs a context.
        var compiled = new Dictionary<(string, int), ExecutableWorkflow>();
        await foreach (var journal in reader.ReadAllAsync(cancellationToken))
        {
            var head = journal.Head;
            var verification = JournalVerifier.Verify(
                head,
                journal.Entries,
                version => Compiled(compiled, head.DefinitionId, version),
                r => services.Pipeline.Environment(r.At, calendarOf(r.Calendar)));
            await writer.WriteAsync(new CaseResult(journal.Entries.Count, CaseFailure.Of(verification, journal.Entries)), cancellationToken);
        }
    }

    private ExecutableWorkflow Compiled(Dictionary<(string, int), ExecutableWorkflow> compiled, string definitionId, int version)
    {
        if (!compiled.TryGetValue((definitionId, version), out var workflow))
        {
            using var db = services.Contexts();
            compiled[(definitionId, version)] = workflow = services.Definitions.Compiled(definitionId, version, db);
        }

        return workflow;
    }

    private static async Task CompleteWhenDoneAsync(Task[] workers, ChannelWriter<CaseResult> writer)
    {
        Exception? failure = null;
        try
        {
            await Task.WhenAll(workers);
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    private sealed record CaseJournal(CaseHead Head, List<JournalEntry> Entries);

    private sealed record CaseResult(int Entries, CaseFailure? Failure);
}
