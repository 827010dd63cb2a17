using System.Threading.Channels;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// Verifies every case in a scope at the rate of a bulk scan rather than one round trip per case: one
/// query reads the heads of the next batch of cases (keyset by instance id), one query their journals (several
/// batches at once, each case's entries put in sequence order in memory), while a few workers verify the batches read
/// with <see cref="JournalVerifier"/>, each version of a definition compiled once.
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
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Readers, 1);
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
        var work = Channel.CreateBounded<CaseJournal>(new BoundedChannelOptions(options.BatchSize * 2) { SingleWriter = false });
        var results = Channel.CreateUnbounded<CaseResult>(new UnboundedChannelOptions { SingleReader = true });
        var reading = Task.Run(() => ReadAsync(scope, options.BatchSize, options.Readers, work.Writer, stop.Token), stop.Token);
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

    /// <summary>
    /// Reads the heads of the cases in scope batch by batch (keyset by instance id) and hands each batch to
    /// <paramref name="readers"/> journal readers at once: a journal that is not in memory is read page by page from the
    /// disk, and one query at a time waits for each page in turn (about 15,000 entries/s at a million cases here), while
    /// several keep the disk busy (55,000 with eight).
    /// </summary>
    private async Task ReadAsync(Func<DbContext, IQueryable<string>> scope, int batchSize, int readers, ChannelWriter<CaseJournal> writer, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<List<CaseHead>>(new BoundedChannelOptions(readers) { SingleWriter = true });

        // A reader that fails stops the others and the heads; its exception is the one reported.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var journalReaders = Enumerable.Range(0, readers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await ReadJournalsAsync(batches.Reader, writer, failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, cancellationToken)).ToArray();
        Exception? failure = null;
        try
        {
            try
            {
                await ReadHeadsAsync(scope, batchSize, batches.Writer, failed.Token);
            }
            catch (OperationCanceledException) when (failed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A journal reader failed: awaiting the readers below throws its exception.
            }
            catch
            {
                await failed.CancelAsync();
                await Task.WhenAll(journalReaders).ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }
            finally
            {
                batches.Writer.TryComplete();
            }

            await Task.WhenAll(journalReaders);
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

    private async Task ReadHeadsAsync(Func<DbContext, IQueryable<string>> scope, int batchSize, ChannelWriter<List<CaseHead>> batches, CancellationToken cancellationToken)
    {
        await using var db = services.Contexts();
        string? after = null;
        while (true)
        {
            var ids = scope(db);
            var next = db.Set<WorkflowInstance>().AsNoTracking();
            if (after is null)
            {
                next = next.Where(i => ids.Contains(i.Id));
            }
            else
            {
                // The bound goes into the scope's query too: PostgreSQL then starts its walk of the scope's ids there,
                // rather than from the first id in scope for every batch.
                var last = after;
                var rest = ids.Where(id => id.CompareTo(last) > 0);
                next = next.Where(i => i.Id.CompareTo(last) > 0 && rest.Contains(i.Id));
            }

            var heads = await next.OrderBy(i => i.Id).Take(batchSize)
                .Select(i => new CaseHead(i.Id, i.DefinitionId, i.DefinitionVersion, i.JournalLength, i.JournalHead, i.JournalRule))
                .ToListAsync(cancellationToken);
            if (heads.Count == 0)
            {
                return;
            }

            await batches.WriteAsync(heads, cancellationToken);
            after = heads[^1].InstanceId;
        }
    }

    private async Task ReadJournalsAsync(ChannelReader<List<CaseHead>> batches, ChannelWriter<CaseJournal> writer, CancellationToken cancellationToken)
    {
        await using var db = services.Contexts();
        var postgres = Persistence.BurstWrite.IsPostgreSql(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (postgres)
        {
            // Journal pages not in memory are read in the table's order (a bitmap heap scan), and asking the disk for the
            // next 128 ahead (PostgreSQL's default is 1) keeps it busy where one page at a time waits for each: about
            // 15,000 → 57,000 entries/s for one query on a cold million-case database here. Set for this connection's
            // reads only, reset before it goes back to the pool.
            await db.Database.ExecuteSqlRawAsync("SET effective_io_concurrency = 128", cancellationToken);
        }

        try
        {
            await foreach (var heads in batches.ReadAllAsync(cancellationToken))
            {
                // One read of the whole batch's journals instead of a round trip per case; each case's entries are put in
                // order here, so the database may read them in the order they lie on the disk.
                var batch = heads.Select(h => h.InstanceId).ToList();
                var journals = new Dictionary<string, List<JournalEntry>>(heads.Count, StringComparer.Ordinal);
                await foreach (var entry in db.Set<JournalEntry>().AsNoTracking().Where(j => batch.Contains(j.InstanceId))
                    .AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    if (!journals.TryGetValue(entry.InstanceId, out var journal))
                    {
                        journals[entry.InstanceId] = journal = [];
                    }

                    journal.Add(entry);
                }

                foreach (var head in heads)
                {
                    var journal = journals.GetValueOrDefault(head.InstanceId) ?? [];
                    journal.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
                    await writer.WriteAsync(new CaseJournal(head, journal), cancellationToken);
                }
            }
        }
        finally
        {
            if (postgres && db.Database.GetDbConnection().State == System.Data.ConnectionState.Open)
            {
                await db.Database.ExecuteSqlRawAsync("RESET effective_io_concurrency", CancellationToken.None);
            }
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
