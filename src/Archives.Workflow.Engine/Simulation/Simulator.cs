namespace Archives.Workflow.Engine.Simulation;

/// <summary>Settings of a simulated run.</summary>
public sealed record SimulationOptions
{
    /// <summary>The instant the case starts. Default Monday 2 March 2026, 09:00 China Standard Time.</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    /// <summary>The working-day calendar. Default: no published schedule, the statutory holidays of every supported year.</summary>
    public WorkingDayCalendar Calendar { get; init; } = WorkingDayCalendar.StatutoryOnly;

    public IExpressionEngine Expressions { get; init; } = JintExpressionEngine.Shared;

    /// <summary>When false, every job succeeds at once with an empty result.</summary>
    public bool ManualJobs { get; init; }

    public string InstanceId { get; init; } = "sim";

    public string DefaultActor { get; init; } = "simulator";

    public static DateTimeOffset DefaultStart { get; } = new(2026, 3, 2, 9, 0, 0, ChinaTime.Offset);
}

/// <summary>
/// Runs a case on a virtual clock from a script: completes tasks, sends signals, advances time
/// (firing due timers in order) and settles jobs, checking expectations along the way. The same
/// definition, input, options and script always give the same result.
/// </summary>
public sealed class Simulator(ExecutableWorkflow workflow, SimulationOptions options)
{
    private readonly List<JournalEvent> journal = [];
    private readonly List<RecordedStimulus> history = [];
    private readonly List<StepRefusal> refusals = [];
    private readonly List<string> warnings = [];
    private WorkflowState state = null!;
    private DateTimeOffset now;

    public SimulationResult Run(IReadOnlyDictionary<string, object?>? input, IReadOnlyList<SimulationStep> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        now = options.Start;
        try
        {
            Apply(new StartWorkflow(options.InstanceId, input) { Actor = options.DefaultActor });
        }
        catch (StimulusRejectedException ex)
        {
            return Result($"The start input was refused: {ex.Message}", 0);
        }

        for (var i = 0; i < script.Count; i++)
        {
            var step = script[i];
            var number = i + 1;
            string? failure;
            try
            {
                failure = Execute(step);
                if (failure is null && step.ExpectRefusal)
                {
                    failure = "was accepted, but the script expected a refusal";
                }
            }
            catch (StimulusRejectedException ex)
            {
                if (step.ExpectRefusal)
                {
                    refusals.Add(new StepRefusal(number, ex.Code, ex.Message, ex.Errors));
                    failure = null;
                }
                else
                {
                    failure = $"was refused: {ex.Message} [{ex.Code}]";
                }
            }

            if (failure is not null)
            {
                return Result($"Step {number.ToString(CultureInfo.InvariantCulture)} ({step.Describe()}) {failure}", number);
            }
        }

        return Result(null, null);
    }

    private string? Execute(SimulationStep step)
    {
        switch (step)
        {
            case CompleteStep complete:
                var task = state.Bookmarks.Find(b => b.Kind == BookmarkKind.Task && b.ActivityId == complete.ActivityId);
                if (task is null)
                {
                    return step.ExpectRefusal
                        ? throw new StimulusRejectedException("TaskNotOpen", $"No task of '{complete.ActivityId}' is open.", complete.ActivityId)
                        : $"found no open task of '{complete.ActivityId}' (open: {string.Join(", ", OpenTaskIds())})";
                }

                Apply(new TaskCompleted(task.Id, complete.Outcome, complete.Data) { Actor = complete.By ?? options.DefaultActor });
                return null;
            case SignalStep signal:
                Apply(new SignalReceived(signal.Signal, signal.Data) { Actor = signal.By ?? options.DefaultActor });
                return null;
            case AdvanceStep advance:
                Advance(advance);
                return null;
            case JobStep job:
                return SettleJob(job.ActivityId, bookmark => new JobSucceeded(bookmark.Id, job.Result) { Actor = "system" });
            case FailJobStep failJob:
                return SettleJob(failJob.ActivityId, bookmark => new JobFailed(bookmark.Id, failJob.Error) { Actor = "system" });
            case CancelStep cancel:
                Apply(new CancelWorkflow(cancel.Reason) { Actor = cancel.By ?? options.DefaultActor });
                return null;
            case RetryStep retry:
                var incident = state.Incidents.Find(i => i.ActivityId == retry.ActivityId);
                if (incident is null)
                {
                    return $"found no open incident on '{retry.ActivityId}'";
                }

                Apply(new RetryIncident(incident.Id) { Actor = retry.By ?? options.DefaultActor });
                return null;
            case ExpectStep expect:
                return Check(expect);
            default:
                return $"is not a known step ({step.GetType().Name})";
        }
    }

    private string? SettleJob(string activityId, Func<Bookmark, Stimulus> stimulus)
    {
        if (!options.ManualJobs)
        {
            return "settles a job, but jobs are automatic; run with manual jobs";
        }

        var job = state.Bookmarks.Find(b => b.Kind == BookmarkKind.Job && b.ActivityId == activityId);
        if (job is null)
        {
            return $"found no pending job of '{activityId}'";
        }

        Apply(stimulus(job));
        return null;
    }

    private void Advance(AdvanceStep advance)
    {
        DateTimeOffset target;
        if (advance.By.WorkingDays is { } days)
        {
            target = options.Calendar.AddWorkingDays(now, days, out var uncovered);
            NoteUncovered(uncovered);
        }
        else if (advance.By.Duration is { } duration)
        {
            target = IsoDuration.Parse(duration).AddTo(now);
        }
        else
        {
            throw new FormatException("'advance' takes a duration or working days.");
        }

        while (true)
        {
            Bookmark? next = null;
            foreach (var bookmark in state.Bookmarks)
            {
                if (bookmark.Kind == BookmarkKind.Timer && bookmark.DueAt is { } due && due <= target && (next is null || due < next.DueAt))
                {
                    next = bookmark;
                }
            }

            if (next is null || state.IsClosed)
            {
                break;
            }

            if (next.DueAt > now)
            {
                now = next.DueAt!.Value;
            }

            Apply(new TimerFired(next.Id) { Actor = "system" });
        }

        if (target > now)
        {
            now = target;
        }
    }

    private void Apply(Stimulus stimulus)
    {
        var environment = new WorkflowEnvironment(now, options.Calendar, options.Expressions);
        var burst = WorkflowInterpreter.Apply(workflow, stimulus is StartWorkflow ? null : state, stimulus, environment);
        state = burst.State;
        journal.AddRange(burst.Events);
        history.Add(new RecordedStimulus(now, stimulus) { Calendar = options.Calendar.Version });
        foreach (var warning in burst.Warnings)
        {
            if (!warnings.Contains(warning))
            {
                warnings.Add(warning);
            }
        }

        if (!options.ManualJobs)
        {
            // Jobs succeed at once, in the order they were requested.
            while (!state.IsClosed && state.Bookmarks.Find(b => b.Kind == BookmarkKind.Job) is { } job)
            {
                Apply(new JobSucceeded(job.Id) { Actor = "system" });
            }
        }
    }

    private string? Check(ExpectStep expect)
    {
        var problems = new List<string>();
        if (expect.Status is { } status && !string.Equals(status, state.Status.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"status is {state.Status}, not {status}");
        }

        if (expect.Milestone is { } milestone && !string.Equals(milestone, state.Milestone, StringComparison.Ordinal))
        {
            problems.Add($"milestone is {state.Milestone ?? "(none)"}, not {milestone}");
        }

        if (expect.OpenTasks is { } expected)
        {
            var actual = OpenTaskIds().Order(StringComparer.Ordinal).ToList();
            if (!actual.SequenceEqual(expected.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                problems.Add($"open tasks are [{string.Join(", ", actual)}], not [{string.Join(", ", expected)}]");
            }
        }

        if (expect.Incidents is { } incidents && incidents != state.Incidents.Count)
        {
            problems.Add($"there are {state.Incidents.Count} incident(s), not {incidents}");
        }

        return problems.Count == 0 ? null : "failed: " + string.Join("; ", problems);
    }

    private IEnumerable<string> OpenTaskIds() =>
        state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).Select(b => b.ActivityId);

    private void NoteUncovered(int? year)
    {
        if (year is { } y)
        {
            var warning = options.Calendar.UncoveredWarning(y, "advance");
            if (!warnings.Contains(warning))
            {
                warnings.Add(warning);
            }
        }
    }

    private SimulationResult Result(string? failure, int? failedStep) => new()
    {
        FailedStep = failedStep,
        DefinitionId = workflow.DefinitionId,
        Version = workflow.Version,
        Status = state?.Status ?? WorkflowStatus.Faulted,
        Milestone = state?.Milestone,
        OpenTasks = state is null
            ? []
            : [.. state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).Select(b =>
            {
                var activity = workflow.Definition.Root.Activities.First(a => a.Id == b.ActivityId);
                return new OpenTask(b.ActivityId, b.Id, activity.Title ?? Definitions.LocalizedText.Plain(b.ActivityId), activity.Role, b.Assignee, b.DueAt);
            })],
        Variables = state?.Variables ?? [],
        Journal = journal,
        Incidents = state?.Incidents ?? [],
        Refusals = refusals,
        Warnings = warnings,
        Failure = failure,
        History = history,
        State = state,
    };
}
