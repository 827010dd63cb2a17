using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Observers;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class WorkflowRuntimeTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["personName"] = "李文博", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0012", ["terminationDate"] = "2026-02-27", ["channel"] = "Counter",
    };

    [Test]
    public async Task A_full_unemployed_file_receipt_on_the_published_version_runs_durably_to_custody_and_the_signed_agreement()
    {
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000001");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", new Dictionary<string, object?> { ["comment"] = "齐全" }, "li.na");
        await RunJobsAsync(instance.Id);
        Assert.That((await InstanceAsync(instance.Id)).Milestone, Is.EqualTo("AwaitingFile"));

        await Runtime.SignalAsync(instance.Id, "FileArrived", new Dictionary<string, object?> { ["method"] = "ConfidentialPost", ["trackingNumber"] = "JY-2026-7788" }, "wang.fang");
        Assert.That((await PendingAsync(instance.Id, "Timer")).Select(t => t.ActivityId), Has.None.StartsWith("chase"), "the chase timer was cancelled when the file arrived");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "verify-file"), "Complete", null, "wang.fang");
        await RunJobsAsync(instance.Id);

        var inCustody = await InstanceAsync(instance.Id);
        Assert.That((inCustody.DefinitionVersion, inCustody.Status, inCustody.Milestone), Is.EqualTo((2, "Suspended", "InCustody")), "in custody, waiting for the agreement");
        await Runtime.SignalAsync(instance.Id, "AgreementSigned", new Dictionary<string, object?> { ["signedAt"] = "2026-03-04", ["signedBy"] = "李文博", ["via"] = "Counter" }, "wang.fang");
        await RunJobsAsync(instance.Id);

        var done = await InstanceAsync(instance.Id);
        Assert.That((done.Status, done.Milestone), Is.EqualTo(("Completed", "InCustody")));
        Assert.That(done.CompletedAt, Is.Not.Null);
        Assert.That((await Runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    [Test]
    public async Task Invalid_form_data_is_refused_and_nothing_is_stored()
    {
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        var task = await OpenTaskAsync(instance.Id, "check-application");
        var before = await InstanceAsync(instance.Id);

        var refused = await Assert.ThrowsAsync<StimulusRejectedException>(() => Runtime.CompleteTaskAsync(task, "Reject", null, "li.na"));

        Assert.That(refused!.Errors.Single().Field, Is.EqualTo("reason"));
        var after = await InstanceAsync(instance.Id);
        Assert.That((after.Revision, after.JournalLength, after.State), Is.EqualTo((before.Revision, before.JournalLength, before.State)));
    }

    [Test]
    public async Task Of_fifty_parallel_completions_of_one_task_exactly_one_succeeds()
    {
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        var task = await OpenTaskAsync(instance.Id, "check-application");

        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            try
            {
                await Runtime.CompleteTaskAsync(task, "Accept", null, $"clerk-{i}");
                return "ok";
            }
            catch (WorkflowConflictException)
            {
                return "conflict";
            }
            catch (StimulusRejectedException)
            {
                // Loaded after the winner committed: the task is no longer open.
                return "conflict";
            }
        })).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.That(results.Count(r => r == "ok"), Is.EqualTo(1));
        Assert.That(results.Count(r => r == "conflict"), Is.EqualTo(49));
        var journal = await Runtime.GetJournalAsync(instance.Id);
        Assert.That(journal.Count(j => j.Kind == JournalKinds.Stimulus && j.Type == "TaskCompleted"), Is.EqualTo(1));
        Assert.That((await Runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    [Test]
    public async Task A_failure_between_the_burst_and_the_commit_stores_nothing_and_the_stimulus_can_be_sent_again()
    {
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        var task = await OpenTaskAsync(instance.Id, "check-application");
        var before = await InstanceAsync(instance.Id);
        var failure = new FailingCommitInterceptor();
        var failing = CreateRuntime(() => Database.CreateContextWith(failure));

        await Assert.ThrowsAsync<DbUpdateException>(() => failing.CompleteTaskAsync(task, "Accept", null, "li.na"), Provider.ToString());

        Assert.That(failure.Failed, Is.EqualTo(1), $"the burst's write was sent and failed at its end ({Provider})");
        var after = await InstanceAsync(instance.Id);
        Assert.That((after.Revision, after.JournalLength, after.State), Is.EqualTo((before.Revision, before.JournalLength, before.State)));
        Assert.That((await Runtime.GetJournalAsync(instance.Id)).Count, Is.EqualTo(before.JournalLength));
        Assert.That(await OpenTaskAsync(instance.Id, "check-application"), Is.EqualTo(task), "the task is still open");
        await using (var db = Database.CreateContext())
        {
            var rows = (await db.Set<WorkflowInstance>().CountAsync(), await db.Set<JournalEntry>().CountAsync(), await db.Set<Tasks.WorkflowTask>().CountAsync());
            await Assert.ThrowsAsync<DbUpdateException>(() => failing.StartAsync("unemployed-file-receipt", Applicant, "li.na"));
            Assert.That(
                (await db.Set<WorkflowInstance>().CountAsync(), await db.Set<JournalEntry>().CountAsync(), await db.Set<Tasks.WorkflowTask>().CountAsync()),
                Is.EqualTo(rows),
                "a new case that failed to commit leaves no case, journal entry or task behind");
        }

        await Runtime.CompleteTaskAsync(task, "Accept", null, "li.na");
        Assert.That((await InstanceAsync(instance.Id)).JournalLength, Is.GreaterThan(before.JournalLength));
    }

    [Test]
    public async Task Rows_added_alongside_a_burst_commit_with_it_or_not_at_all()
    {
        var other = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        var task = await OpenTaskAsync(instance.Id, "check-application");
        var before = await InstanceAsync(instance.Id);

        // The caller's own row repeats a journal key that exists: the burst's command has run in the
        // transaction by the time the caller's row fails, so both must be undone.
        AlongsideWork clash = (db, _, _) =>
        {
            db.Add(new JournalEntry { InstanceId = other.Id, Sequence = 1, Kind = JournalKinds.Event, Type = "Note", Payload = "{}", Hash = "x" });
            return Task.CompletedTask;
        };
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => Runtime.CompleteTaskAsync(task, "Accept", null, "li.na", clash));
        Assert.That(DatabaseErrors.IsUniqueViolation(refused!), Is.True);
        var after = await InstanceAsync(instance.Id);
        Assert.That((after.Revision, after.JournalLength, after.State), Is.EqualTo((before.Revision, before.JournalLength, before.State)));
        Assert.That(await OpenTaskAsync(instance.Id, "check-application"), Is.EqualTo(task));

        int cases;
        await using (var db = Database.CreateContext())
        {
            cases = await db.Set<WorkflowInstance>().CountAsync();
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", alongside: clash));
        await using (var db = Database.CreateContext())
        {
            Assert.That(await db.Set<WorkflowInstance>().CountAsync(), Is.EqualTo(cases), "the new case was not stored");
        }

        // A row that fits commits with the burst.
        AlongsideWork note = (db, burstInstance, _) =>
        {
            db.Add(new JournalEntry { InstanceId = other.Id, Sequence = 10_000, Kind = JournalKinds.Event, Type = "Note", Payload = "{}", Hash = burstInstance.Id });
            return Task.CompletedTask;
        };
        await Runtime.CompleteTaskAsync(task, "Accept", null, "li.na", note);
        Assert.That((await InstanceAsync(instance.Id)).Revision, Is.EqualTo(before.Revision + 1));
        await using (var db = Database.CreateContext())
        {
            Assert.That(await db.Set<JournalEntry>().AnyAsync(j => j.InstanceId == other.Id && j.Sequence == 10_000 && j.Hash == instance.Id), Is.True);
        }
    }

    [TestCase("edit")]
    [TestCase("delete")]
    [TestCase("reorder")]
    public async Task A_tampered_journal_is_caught_at_the_sequence_that_was_touched(string tampering)
    {
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", null, "li.na");
        await RunJobsAsync(instance.Id);
        Assert.That((await Runtime.VerifyAsync(instance.Id)).IsValid, Is.True);

        await using (var db = Database.CreateContext())
        {
            var entries = await db.Set<JournalEntry>().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).ToListAsync();
            switch (tampering)
            {
                case "edit":
                    entries[4].Payload = entries[4].Payload.Replace("Accept", "Reject", StringComparison.Ordinal);
                    entries[4].Actor = "someone-else";
                    break;
                case "delete":
                    db.Remove(entries[4]);
                    break;
                default:
                    // Swap entries 5 and 6 in place (the sequence is the key, so straight in SQL).
                    var id = instance.Id;
                    await db.Set<JournalEntry>().Where(j => j.InstanceId == id && j.Sequence == 5).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, -5));
                    await db.Set<JournalEntry>().Where(j => j.InstanceId == id && j.Sequence == 6).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, 5));
                    await db.Set<JournalEntry>().Where(j => j.InstanceId == id && j.Sequence == -5).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, 6));
                    break;
            }

            await db.SaveChangesAsync();
        }

        var verification = await Runtime.VerifyAsync(instance.Id);

        Assert.That(verification.IsValid, Is.False);
        Assert.That(verification.FirstBrokenSequence, Is.EqualTo(5));
    }

    [Test]
    public async Task New_cases_start_on_a_newly_published_version_while_running_cases_finish_on_theirs()
    {
        var old = await Runtime.StartAsync("file-identification", FileIdentificationInput(), "li.na");
        var definition = Engine.Definitions.DefinitionSerializer.Deserialize(File.ReadAllText(Repo("workflows", "file-identification", "v1.json"))) with { Version = 2 };
        await Runtime.SaveDraftAsync(definition, "admin");
        await Runtime.PublishAsync("file-identification", 2, "admin");

        var fresh = await Runtime.StartAsync("file-identification", FileIdentificationInput(), "li.na");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(old.Id, "preliminary-examination"), "NotApplicable", null, "li.na");
        await RunJobsAsync(old.Id);

        var finished = await InstanceAsync(old.Id);
        Assert.That((finished.DefinitionVersion, finished.Status, finished.Milestone), Is.EqualTo((1, "Completed", "NotApplicable")));
        Assert.That((await InstanceAsync(fresh.Id)).DefinitionVersion, Is.EqualTo(2));
    }

    [Test]
    public async Task The_starting_workflow_is_the_newest_published_version_never_a_draft_and_a_case_started_on_it_runs_that_version()
    {
        var v1 = Engine.Definitions.DefinitionSerializer.Deserialize(File.ReadAllText(Repo("workflows", "file-identification", "v1.json")));
        await Runtime.SaveDraftAsync(v1 with { Version = 2 }, "admin");
        await Runtime.PublishAsync("file-identification", 2, "admin");
        await Runtime.SaveDraftAsync(v1 with { Version = 3 }, "admin");

        var newest = await Runtime.StartingWorkflowAsync("file-identification");
        var first = await Runtime.StartingWorkflowAsync("file-identification", 1);
        var draft = await Runtime.StartingWorkflowAsync("file-identification", 3);
        var unknown = await Runtime.StartingWorkflowAsync("no-such-process");
        var started = await Runtime.StartAsync(first!, FileIdentificationInput(), "li.na");

        Assert.Multiple(() =>
        {
            Assert.That(newest?.Version, Is.EqualTo(2), "the draft v3 does not start cases");
            Assert.That(first?.Version, Is.EqualTo(1));
            Assert.That(draft, Is.Null, "a draft is no starting version even when named");
            Assert.That(unknown, Is.Null);
        });
        var instance = await InstanceAsync(started.Id);
        Assert.That((instance.DefinitionId, instance.DefinitionVersion), Is.EqualTo(("file-identification", 1)));
        Assert.That((await Runtime.VerifyAsync(started.Id)).IsValid, Is.True, "a case started on a version handed in replays on it");
    }

    [Test]
    public async Task Published_versions_are_immutable_and_an_old_one_can_be_reverted_into_a_new_draft()
    {
        var v1 = Engine.Definitions.DefinitionSerializer.Deserialize(File.ReadAllText(Repo("workflows", "file-identification", "v1.json")));
        await Runtime.SaveDraftAsync(v1 with { Version = 2, Description = Engine.Definitions.LocalizedText.Of("第二版", "Second version") }, "admin");
        await Runtime.PublishAsync("file-identification", 2, "admin");

        await Assert.ThatAsync(() => Runtime.SaveDraftAsync(v1, "admin"), Throws.TypeOf<DefinitionLockedException>().With.Message.Contains("Published"));
        var draft = await Runtime.RevertAsync("file-identification", 1, "admin");

        Assert.That((draft.Version, draft.State, draft.IsLatest), Is.EqualTo((3, Definitions.DefinitionState.Draft, true)));
        Assert.That(Engine.Definitions.DefinitionSerializer.Deserialize(draft.Content).Description, Is.EqualTo(v1.Description));
        var fresh = await Runtime.StartAsync("file-identification", FileIdentificationInput(), "li.na");
        Assert.That((await InstanceAsync(fresh.Id)).DefinitionVersion, Is.EqualTo(2), "a draft does not start cases");
    }

    [Test]
    public async Task A_running_case_moves_to_a_published_version_and_still_verifies()
    {
        var running = await Runtime.StartAsync("file-identification", FileIdentificationInput(), "li.na");
        var v1 = Engine.Definitions.DefinitionSerializer.Deserialize(File.ReadAllText(Repo("workflows", "file-identification", "v1.json")));
        var v2 = v1 with
        {
            Version = 2,
            Root = v1.Root with
            {
                Activities = [.. v1.Root.Activities.Select(a => a.Id == "preliminary-examination" ? a with { Priority = "High" } : a)],
            },
        };
        await Runtime.SaveDraftAsync(v2, "admin");
        await Assert.ThatAsync(() => Runtime.MigrateAsync(running.Id, 2, "admin"), Throws.TypeOf<DefinitionLockedException>(), "not to a draft");
        await Runtime.PublishAsync("file-identification", 2, "admin");

        await Runtime.MigrateAsync(running.Id, 2, "admin");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(running.Id, "preliminary-examination"), "NotApplicable", null, "li.na");
        await RunJobsAsync(running.Id);

        var moved = await InstanceAsync(running.Id);
        Assert.That((moved.DefinitionVersion, moved.Status, moved.Milestone), Is.EqualTo((2, "Completed", "NotApplicable")));
        var journal = await Runtime.GetJournalAsync(running.Id);
        Assert.That(journal.Select(j => j.Type), Does.Contain(JournalEventTypes.Migrated));
        Assert.That((await Runtime.VerifyAsync(running.Id)).IsValid, Is.True, "replay follows the migration");
    }

    [Test]
    public async Task A_case_waiting_on_an_activity_the_target_version_lacks_is_not_moved()
    {
        var running = await Runtime.StartAsync("file-identification", FileIdentificationInput(), "li.na");
        var v1 = Engine.Definitions.DefinitionSerializer.Deserialize(File.ReadAllText(Repo("workflows", "file-identification", "v1.json")));
        var renamed = Engine.Definitions.DefinitionSerializer.Deserialize(
            Engine.Definitions.DefinitionSerializer.Serialize(v1).Replace("\"preliminary-examination\"", "\"first-examination\"", StringComparison.Ordinal)) with { Version = 2 };
        await Runtime.SaveDraftAsync(renamed, "admin");
        await Runtime.PublishAsync("file-identification", 2, "admin");
        var before = await InstanceAsync(running.Id);

        var refused = await Assert.ThrowsAsync<StimulusRejectedException>(() => Runtime.MigrateAsync(running.Id, 2, "admin"));

        Assert.That((refused!.Code, refused.ActivityId), Is.EqualTo(("MigrationIncompatible", "preliminary-examination")));
        var after = await InstanceAsync(running.Id);
        Assert.That((after.DefinitionVersion, after.Revision, after.JournalLength), Is.EqualTo((1, before.Revision, before.JournalLength)));
    }

    [Test]
    public async Task Replay_steps_through_each_stimulus_with_the_state_after_it()
    {
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", new Dictionary<string, object?> { ["comment"] = "齐全" }, "li.na");
        await RunJobsAsync(instance.Id);

        var steps = await Runtime.ReplayAsync(instance.Id);
        var length = (await InstanceAsync(instance.Id)).JournalLength;

        Assert.Multiple(() =>
        {
            Assert.That(steps.Select(s => s.Stimulus).Take(2), Is.EqualTo(new[] { "StartWorkflow", "TaskCompleted" }));
            Assert.That(steps[0].WaitingOn, Does.Contain("check-application"));
            Assert.That(steps[1].Actor, Is.EqualTo("li.na"));
            Assert.That(steps[^1].Milestone, Is.EqualTo("AwaitingFile"));
            Assert.That(steps.Select(s => s.Sequence), Is.Ordered.Ascending);
            Assert.That(steps, Has.All.Property(nameof(ReplayedStep.MatchesRecord)).True);
            Assert.That(steps.Sum(s => s.Events.Count) + steps.Count, Is.EqualTo((int)length));
        });
    }

    [Test]
    public async Task A_changed_file_under_an_existing_version_is_refused_by_name()
    {
        var folder = Directory.CreateTempSubdirectory("archives-import-").FullName;
        try
        {
            var copy = Path.Combine(folder, "file-identification");
            Directory.CreateDirectory(copy);
            var changed = File.ReadAllText(Repo("workflows", "file-identification", "v1.json")).Replace("流动人员人事档案认定", "档案认定（改）", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(copy, "v1.json"), changed);

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Runtime.ImportFolderAsync(folder, "import"));

            Assert.That(failure!.Message, Does.Contain(Path.Combine(copy, "v1.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task A_definition_naming_a_job_without_a_handler_cannot_be_published()
    {
        var definition = Engine.Definitions.DefinitionSerializer.Deserialize(File.ReadAllText(Repo("workflows", "departure-file-transfer", "v1.json")));
        var renamed = definition with
        {
            Version = 2,
            Root = definition.Root with
            {
                Activities = [.. definition.Root.Activities.Select(a => a.Job == "close-custody" ? a with { Job = "close-custody-twice" } : a)],
            },
        };

        var failure = await Assert.ThrowsAsync<DefinitionInvalidException>(() => Runtime.SaveDraftAsync(renamed, "admin"));

        Assert.That(failure!.Problems.Single(), Has.Property(nameof(Engine.Validation.DefinitionProblem.Code)).EqualTo("JobUnknown")
            .And.Property(nameof(Engine.Validation.DefinitionProblem.Property)).EqualTo("job"));
    }

    private static Dictionary<string, object?> FileIdentificationInput()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo("samples", "simulations", "file-identification", "input.json")));
        return Engine.Expressions.Values.FromJsonObject(document.RootElement);
    }
}
