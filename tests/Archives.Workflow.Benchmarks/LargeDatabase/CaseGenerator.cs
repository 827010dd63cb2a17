using System.Globalization;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using TaskStatus = Archives.Workflow.Runtime.Tasks.TaskStatus;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>An institution that opens cases, with the staff whose names its cases' histories carry.</summary>
internal sealed record Office(string Code, string District, string? Street, string Caseworker, string Supervisor, int Weight);

/// <summary>
/// Makes one case at a time, faithfully: the engine runs a sample path of the process burst by burst from the case's
/// own opening instant (random ticks cut to microseconds, as the runtime's clock cuts them), with the case's own
/// instance id, person and staff, and random pauses between the steps. It stops at today (or earlier, for cases still
/// open), and sometimes a supervisor cancels it. Each burst is recorded exactly as the runtime records it: every
/// stimulus and event is a journal entry hashed with
/// the runtime's <see cref="JournalHasher"/>, and tasks, bookmarks, incidents, the case row and the file follow the
/// runtime's projection and the domain's milestones. Verification of a generated case therefore replays it to the same events.
/// </summary>
internal sealed class CaseGenerator(CaseTemplates templates, IReadOnlyList<Office> offices, PeopleMaker people, DateTimeOffset now, int seed)
{
    /// <summary>Cases open between the first working Monday of the year and the day before <c>now</c>.</summary>
    private static readonly DateTimeOffset FirstOpening = new(2026, 1, 5, 0, 30, 0, TimeSpan.Zero);

    private readonly int officeWeight = offices.Sum(o => o.Weight);

    /// <summary>The process case <paramref name="index"/> runs, by the mix of <see cref="CaseTemplates.Mix"/>.</summary>
    public string ProcessOf(long index)
    {
        var roll = new Random(HashCode.Combine(seed, index, "process")).Next(1000);
        foreach (var (processId, perMille) in CaseTemplates.Mix)
        {
            if ((roll -= perMille) < 0)
            {
                return processId;
            }
        }

        return CaseTemplates.Mix[0].ProcessId;
    }

    /// <summary>Case <paramref name="index"/> of <paramref name="processId"/>, numbered <paramref name="sequence"/>; with <paramref name="longCycles"/>, a long receipt.</summary>
    public GeneratedCase Generate(long index, string processId, int sequence, int longCycles = 0)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var template = longCycles > 0 ? templates.LongReceipt(longCycles) : templates.Paths[processId][random.Next(templates.Paths[processId].Count)];
        var office = PickOffice(random);
        var latest = longCycles > 0 ? new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) : now.AddDays(-1);
        var opened = WorkflowClock.Cut(FirstOpening.AddTicks((long)(random.NextDouble() * (latest - FirstOpening).Ticks)));
        var instanceId = Guid.CreateVersion7(opened).ToString("N");
        var receipt = ProcessIds.IsReceipt(processId);

        var name = PeopleMaker.Name(random);
        var identity = people.IdentityNumber(index);
        var person = PersonValidator.FromIdentityNumber(identity, name, office.District, office.Street, receipt ? opened : opened.AddDays(-200 - random.Next(2000)));
        person.Phone = string.Create(CultureInfo.InvariantCulture, $"1{random.Next(30, 90)}{random.Next(10_000_000, 99_999_999)}");
        var fileNumber = string.Create(CultureInfo.InvariantCulture, $"{office.Code}-G{index:D8}");
        var file = new PersonnelFile
        {
            Id = Guid.CreateVersion7(receipt ? opened : person.CreatedAt), PersonId = person.Id, InstitutionCode = office.Code,
            Status = receipt ? FileStatus.Expected : FileStatus.InCustody, FileNumber = receipt ? null : fileNumber,
            ReceivedOn = receipt ? null : DateOnly.FromDateTime(person.CreatedAt.UtcDateTime), UpdatedAt = receipt ? opened : person.CreatedAt,
            StorageLocation = receipt ? null : string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 9)}号库-{random.Next(1, 40):D2}架-{random.Next(1, 8)}层"),
        };

        var input = new Dictionary<string, object?>(template.Input, StringComparer.Ordinal) { ["personName"] = name, ["idNumber"] = identity };
        if (receipt)
        {
            input["householdRegistration"] = $"北京市{office.District}{office.Street}";
        }

        if (input.ContainsKey("fileNumber"))
        {
            input["fileNumber"] = fileNumber;
        }

        var serviceCase = new ServiceCase
        {
            Id = Guid.CreateVersion7(opened), ProcessId = processId, InstanceId = instanceId, PersonId = person.Id, FileId = file.Id,
            InstitutionCode = office.Code, Status = CaseStatus.Open, OpenedAt = opened, OpenedBy = office.Caseworker, Year = 2026, Sequence = sequence,
            Number = string.Create(CultureInfo.InvariantCulture, $"{templates.Prefixes[processId]}-2026-{sequence:D6}"),
        };
        var rows = new GeneratedCase
        {
            Person = person, File = file, Case = serviceCase,
            Instance = new WorkflowInstance
            {
                Id = instanceId, DefinitionId = processId, Status = string.Empty, State = string.Empty, JournalHead = JournalHasher.Genesis,
                CaseKey = serviceCase.Number, CreatedAt = opened,
            },
            Journal = [], Tasks = [], Bookmarks = [], Incidents = [], Waits = [],
        };

        var project = new Projection(rows, templates.Workflows[processId], templates.Calendar);
        var run = new Run(project, random, now, office)
        {
            Clock = opened,
            // Still open today: this one stopped somewhere along its way.
            Budget = longCycles == 0 && random.Next(100) < 30 ? 1 + random.Next(2 * template.Steps.Count) : int.MaxValue,
            FailJobs = longCycles == 0 && processId == ProcessIds.DepartureFileTransfer && random.Next(100) < 3,
        };
        run.Walk(instanceId, input, template.Steps, longCycles > 0);

        if (longCycles == 0 && project.State is { IsClosed: false } && !run.FailJobs && random.Next(100) < 12)
        {
            run.Resume();
            run.Pause(10, 3000);
            if (project.State is { IsClosed: false })
            {
                run.Apply(new CancelWorkflow("申请人撤回申请，经科长审批终止办理。") { Actor = office.Supervisor });
            }
        }

        // The case row keeps the state of its last burst only: serialized once, not after every burst.
        rows.Instance.State = WorkflowJson.Serialize(project.State);
        // What the cases list reads of that state: an open incident, and the activities the open case waits at.
        rows.Case.Faulted = project.State!.Incidents.Count > 0;
        rows.Waits.AddRange(CaseMilestones.WaitsOf(project.State).Select(activity => new CaseWait
        {
            CaseId = serviceCase.Id, ActivityId = activity, ProcessId = processId, InstitutionCode = office.Code, PersonId = person.Id, OpenedAt = serviceCase.OpenedAt,
        }));

        return rows;
    }

    private Office PickOffice(Random random)
    {
        var roll = random.Next(officeWeight);
        foreach (var office in offices)
        {
            if ((roll -= office.Weight) < 0)
            {
                return office;
            }
        }

        return offices[0];
    }

    // The sample scripts name their own staff; a generated case is worked by its institution's.
    private static string? Staff(Office office, string? actor) => actor switch
    {
        "system" => actor,
        { } a when a.StartsWith("supervisor", StringComparison.Ordinal) => office.Supervisor,
        _ => office.Caseworker,
    };

    /// <summary>
    /// Drives the interpreter through a path as a case lives it (the repository's simulator does the same on its virtual
    /// clock): tasks completed, signals sent, random pauses between the steps during which due timers fire, jobs succeeding
    /// at once (or, for a few cases, failing until they raise an incident); it stops at today, at its budget of stimuli, or
    /// where the engine refuses a step.
    /// </summary>
    private sealed class Run(Projection project, Random random, DateTimeOffset today, Office office)
    {
        private int applied;

        public DateTimeOffset Clock { get; set; }

        public int Budget { get; set; }

        public bool FailJobs { get; init; }

        private bool Stopped { get; set; }

        /// <summary>Lifts the budget: someone acts on a case that stopped along its way.</summary>
        public void Resume()
        {
            Budget = int.MaxValue;
            Stopped = false;
        }

        public void Walk(string instanceId, IReadOnlyDictionary<string, object?> input, IReadOnlyList<SimulationStep> steps, bool brisk)
        {
            try
            {
                Apply(new StartWorkflow(instanceId, input) { Actor = office.Caseworker });
                foreach (var step in steps)
                {
                    if (Stopped || project.State is not { IsClosed: false } state)
                    {
                        return;
                    }

                    // People do not answer in the same microsecond.
                    Pause(3, brisk ? 300 : 4 * 24 * 60);
                    switch (step)
                    {
                        case CompleteStep complete:
                            if (state.Bookmarks.Find(b => b.Kind == BookmarkKind.Task && b.ActivityId == complete.ActivityId) is not { } task)
                            {
                                return;
                            }

                            Apply(new TaskCompleted(task.Id, complete.Outcome, complete.Data) { Actor = Staff(office, complete.By) });
                            break;
                        case SignalStep signal:
                            Apply(new SignalReceived(signal.Signal, signal.Data) { Actor = Staff(office, signal.By) });
                            break;
                        case AdvanceStep advance:
                            AdvanceTo(advance.By.WorkingDays is { } days
                                ? project.Calendar.AddWorkingDays(Clock, days, out _)
                                : IsoDuration.Parse(advance.By.Duration!).AddTo(Clock));
                            break;
                        case CancelStep cancel:
                            Apply(new CancelWorkflow(cancel.Reason) { Actor = Staff(office, cancel.By) });
                            break;
                    }
                }
            }
            catch (StimulusRejectedException)
            {
                // A step the engine refuses leaves no trace: the case stands where it was.
            }
        }

        /// <summary>A pause of a random number of minutes (and ticks, cut to microseconds by the runtime's clock), firing the timers that fall due.</summary>
        public void Pause(int minMinutes, int maxMinutes) =>
            AdvanceTo(WorkflowClock.Cut(Clock.AddMinutes(random.Next(minMinutes, maxMinutes)).AddTicks(random.Next(600_000_000))));

        public void Apply(Stimulus stimulus, bool settleJobs = true)
        {
            if (Stopped || Clock > today || applied >= Budget)
            {
                Stopped = true;
                return;
            }

            applied++;
            project.Burst(new RecordedStimulus(Clock.ToUniversalTime(), stimulus));
            if (!settleJobs)
            {
                return;
            }

            var failures = 0;
            while (!Stopped && project.State is { IsClosed: false } state && state.Bookmarks.Find(b => b.Kind == BookmarkKind.Job) is { } job)
            {
                if (!FailJobs)
                {
                    Apply(new JobSucceeded(job.Id) { Actor = "system" }, settleJobs: false);
                    continue;
                }

                if (state.Incidents.Count > 0 || ++failures > 8)
                {
                    Stopped = true;
                    return;
                }

                Clock = WorkflowClock.Cut(Clock.AddSeconds(30 * failures).AddTicks(random.Next(10_000_000)));
                Apply(new JobFailed(job.Id, "档案转递登记接口超时：连接 gateway.archives.local:443 超过 30 秒未响应。") { Actor = "system" }, settleJobs: false);
            }
        }

        private void AdvanceTo(DateTimeOffset target)
        {
            while (!Stopped && project.State is { IsClosed: false } state)
            {
                Bookmark? next = null;
                foreach (var bookmark in state.Bookmarks)
                {
                    if (bookmark.Kind == BookmarkKind.Timer && bookmark.DueAt is { } due && due <= target && (next is null || due < next.DueAt))
                    {
                        next = bookmark;
                    }
                }

                if (next is null)
                {
                    break;
                }

                if (next.DueAt > Clock)
                {
                    Clock = next.DueAt!.Value;
                }

                Apply(new TimerFired(next.Id) { Actor = "system" });
            }

            if (target > Clock)
            {
                Clock = target;
            }
        }
    }

    /// <summary>The runtime's projection of one burst (see the runtime's BurstProjection and the domain's CaseMilestones), over in-memory rows.</summary>
    private sealed class Projection(GeneratedCase rows, ExecutableWorkflow workflow, WorkingDayCalendar calendar)
    {
        public WorkingDayCalendar Calendar => calendar;

        private readonly Dictionary<string, WorkflowTask> tasks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, BookmarkRecord> bookmarks = new(StringComparer.Ordinal);

        public WorkflowState? State { get; private set; }

        public void Burst(RecordedStimulus recorded)
        {
            // What the journal holds is what verification reads back: run the engine on exactly that.
            var payload = WorkflowJson.Serialize(new RecordedStimulus(recorded.At, recorded.Stimulus) { Calendar = calendar.Version });
            var stored = WorkflowJson.Deserialize<RecordedStimulus>(payload);
            var now = stored.At;
            var stimulus = stored.Stimulus;
            var before = State?.Bookmarks ?? [];
            var burst = WorkflowInterpreter.Apply(workflow, State, stimulus, new WorkflowEnvironment(now, calendar, JintExpressionEngine.Shared));
            var state = burst.State;
            State = state;

            var instance = rows.Instance;
            instance.Status = state.Status.ToString();
            instance.Milestone = state.Milestone;
            instance.DefinitionVersion = state.DefinitionVersion;
            instance.UpdatedAt = now;
            instance.CalendarVersion = calendar.Version;
            instance.Revision++;
            if (state.IsClosed)
            {
                instance.CompletedAt ??= now;
            }

            Journal(JournalKinds.Stimulus, stimulus.GetType().Name, stimulus.Actor, now, payload);
            foreach (var e in burst.Events)
            {
                Journal(JournalKinds.Event, e.Type, e.Actor, now, WorkflowJson.Serialize(e));
            }

            if (stimulus is TaskCompleted completed && tasks.TryGetValue(completed.TaskId, out var done))
            {
                done.Status = TaskStatus.Completed;
                done.Outcome = completed.Outcome;
                done.FormData = WorkflowJson.Serialize(Values.NormalizeMap(completed.Data));
                done.CompletedBy = completed.Actor;
                done.CompletedAt = now;
            }

            var cancelled = new HashSet<string>(StringComparer.Ordinal);
            var jobInputs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var effect in burst.Effects)
            {
                switch (effect)
                {
                    case CreateTask create:
                        var task = new WorkflowTask
                        {
                            Id = create.TaskId, InstanceId = instance.Id, ActivityId = create.ActivityId,
                            TitleZh = create.Title.Get(LocalizedText.Chinese), TitleEn = create.Title.Get(LocalizedText.English),
                            Role = create.Role, Assignee = create.Assignee, DueAt = create.DueAt?.ToUniversalTime(), Priority = create.Priority,
                            Outcomes = string.Join(",", create.Outcomes), Status = TaskStatus.Open, CreatedAt = now,
                        };
                        tasks[task.Id] = task;
                        rows.Tasks.Add(task);
                        break;
                    case CancelTask cancel:
                        cancelled.Add(cancel.TaskId);
                        if (tasks.TryGetValue(cancel.TaskId, out var gone))
                        {
                            gone.Status = TaskStatus.Cancelled;
                        }

                        break;
                    case CancelTimer timer:
                        cancelled.Add(timer.BookmarkId);
                        break;
                    case CancelJob job:
                        cancelled.Add(job.BookmarkId);
                        break;
                    case RunJob run:
                        jobInputs[run.BookmarkId] = WorkflowJson.Serialize(run.Input);
                        break;
                    case MoveDeadline move:
                        if (bookmarks.TryGetValue(move.BookmarkId, out var moved))
                        {
                            moved.DueAt = move.To.ToUniversalTime();
                        }

                        if (move.Kind == BookmarkKind.Task && tasks.TryGetValue(move.BookmarkId, out var movedTask))
                        {
                            movedTask.DueAt = move.To.ToUniversalTime();
                        }

                        break;
                    case Fault fault:
                        rows.Incidents.Add(new IncidentRecord
                        {
                            Id = fault.Incident.Id, InstanceId = instance.Id, ActivityId = fault.Incident.ActivityId, Code = fault.Incident.Code,
                            Message = fault.Incident.Message, Attempts = fault.Incident.Attempts, CreatedAt = now,
                        });
                        break;
                }
            }

            var after = state.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var old in before.Where(b => !after.Contains(b.Id)))
            {
                if (bookmarks.TryGetValue(old.Id, out var closed))
                {
                    closed.Status = cancelled.Contains(old.Id) ? BookmarkStatus.Cancelled : BookmarkStatus.Consumed;
                    closed.ClosedAt = now;
                }
            }

            foreach (var bookmark in state.Bookmarks.Where(b => !bookmarks.ContainsKey(b.Id)))
            {
                var record = new BookmarkRecord
                {
                    Id = bookmark.Id, InstanceId = instance.Id, Kind = bookmark.Kind.ToString(), ActivityId = bookmark.ActivityId,
                    Signal = bookmark.Signal, Job = bookmark.Job, Attempt = bookmark.Attempt, DueAt = bookmark.DueAt?.ToUniversalTime(),
                    Input = jobInputs.GetValueOrDefault(bookmark.Id), Status = BookmarkStatus.Pending, CreatedAt = now,
                };
                bookmarks[record.Id] = record;
                rows.Bookmarks.Add(record);
            }

            Milestones(state, now);
        }

        private void Journal(string kind, string type, string? actor, DateTimeOffset at, string payload)
        {
            var instance = rows.Instance;
            var entry = new JournalEntry
            {
                InstanceId = instance.Id, Sequence = ++instance.JournalLength, At = at, Actor = actor, Kind = kind, Type = type, Payload = payload, Hash = string.Empty,
            };
            entry.Hash = JournalHasher.Next(instance.JournalHead, entry, instance.JournalRule);
            instance.JournalHead = entry.Hash;
            rows.Journal.Add(entry);
        }

        // As CaseMilestones keeps the case and its file in step with the workflow.
        private void Milestones(WorkflowState state, DateTimeOffset now)
        {
            var serviceCase = rows.Case;
            var milestoneChanged = !string.Equals(serviceCase.Milestone, state.Milestone, StringComparison.Ordinal);
            serviceCase.Milestone = state.Milestone;
            serviceCase.DefinitionVersion = state.DefinitionVersion;
            serviceCase.DeadlineAt = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task && b.DueAt is not null).Select(b => b.DueAt!.Value.ToUniversalTime())
                .DefaultIfEmpty().Min() is { } due && due != default ? due : null;
            if (state.IsClosed && serviceCase.Status == CaseStatus.Open)
            {
                serviceCase.Status = state.Status == WorkflowStatus.Cancelled ? CaseStatus.Cancelled : CaseStatus.Closed;
                serviceCase.ClosedAt = now;
            }

            if (!milestoneChanged && !state.IsClosed)
            {
                return;
            }

            var file = rows.File;
            var status = CaseMilestones.FileStatusFor(serviceCase.ProcessId, state.Milestone, state.IsClosed, file.Status);
            if (status != file.Status)
            {
                if (status == FileStatus.InCustody && file.FileNumber is null)
                {
                    file.FileNumber = string.Create(CultureInfo.InvariantCulture, $"{file.InstitutionCode}-R{serviceCase.Sequence:D7}-{serviceCase.ProcessId[..3]}");
                    file.ReceivedOn = DateOnly.FromDateTime(now.UtcDateTime);
                }

                file.Status = status;
                file.UpdatedAt = now;
            }
        }
    }
}
