using Archives.Workflow.Engine.Calendar;

namespace Archives.Workflow.Engine.Activities.BackgroundJob;

/// <summary>Runs a named job with its input; retries a failure by its policy, then takes Failed or raises an incident.</summary>
internal sealed class BackgroundJobActivity : ActivityBehaviour<BackgroundJobActivity.JobInputs>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.BackgroundJob, Category = "Jobs",
        DisplayName = LocalizedText.Of("后台作业", "Background job"),
        Description = LocalizedText.Of("运行一个具名作业（出具文书、发送通知等），可重试。",
            "Runs a named job (issue a document, send a notice…) with retries."),
        FixedPorts = [Ports.Done, Ports.Failed],
        OptionalPorts = [Ports.Failed],
        Properties =
        [
            ActivityDescriptors.TitleProperty,
            new("job", "Text", Required: true),
            new("input", "InputMap", AcceptsExpression: true),
            new("outputVariable", "Variable"),
            new("retry", "Retry"),
        ],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.RunTask"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa)
    {
        var taskName = elsa.Literal("taskName");
        if (taskName is null)
        {
            elsa.Problem("TaskNameNotLiteral", "Only a literal task name can be imported.");
        }

        return activity with { Job = taskName, Input = elsa.Payload(), OutputVariable = elsa.OutputVariable("result") };
    }

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (string.IsNullOrWhiteSpace(activity.Job))
        {
            checks.Add("job", "PropertyRequired", "A background job needs the job's name.");
        }
        else if (checks.Options.KnownJobs is { } jobs && !jobs.Contains(activity.Job))
        {
            checks.Add("job", "JobUnknown", $"No handler is registered for the job '{activity.Job}'.");
        }

        foreach (var (key, value) in activity.Input ?? new Dictionary<string, WorkflowExpression>())
        {
            checks.Required($"input.{key}", value);
            checks.Expression($"input.{key}", value);
        }

        if (activity.Retry is { } retry)
        {
            if (retry.MaxAttempts is < 1 or > 100)
            {
                checks.Add("retry.maxAttempts", "RetryInvalid", "retry.maxAttempts must be between 1 and 100.");
            }

            if (!IsoDuration.TryParse(retry.Delay, out _))
            {
                checks.Add("retry.delay", "DurationInvalid", $"'{retry.Delay}' is not an ISO 8601 duration such as PT1M.");
            }

            if (retry.BackoffFactor is < 1 or > 10)
            {
                checks.Add("retry.backoffFactor", "RetryInvalid", "retry.backoffFactor must be between 1 and 10.");
            }
        }

        checks.OutputVariable(activity);
    }

    protected override JobInputs CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) => new(
        Validated(activity.Job, activity, "job"),
        [.. (activity.Input ?? new Dictionary<string, WorkflowExpression>()).Select(p => (p.Key, CompiledValue.Compile(p.Value, expressions)))],
        activity.Retry ?? RetryPolicy.Default);

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var job = Inputs(node);
        var input = EvaluateInput(node, job, context) ?? new Dictionary<string, object?>();
        var bookmark = context.AddBookmark(new Bookmark
        {
            Id = context.NextId("job"), Kind = BookmarkKind.Job, ActivityId = node.Id, Job = job.Name, Attempt = 1,
            CreatedAt = context.Now, Frames = frames,
        });
        context.AddEffect(new RunJob(bookmark.Id, node.Id, job.Name, input, 1, null));
        context.Emit(JournalEventTypes.JobRequested, node.Id, bookmarkId: bookmark.Id, name: job.Name, data: input.Count == 0 ? null : input);
    }

    public override bool Holds(ActivityNode node, Bookmark bookmark) =>
        bookmark.Kind == BookmarkKind.Job && string.Equals(bookmark.Job, Inputs(node).Name, StringComparison.Ordinal);

    public override void Resume(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context)
    {
        switch (stimulus)
        {
            case JobSucceeded succeeded:
                Succeed(node, bookmark, succeeded, context);
                break;
            case JobFailed failed:
                Fail(node, bookmark, failed, context);
                break;
            default:
                base.Resume(node, bookmark, stimulus, context);
                break;
        }
    }

    private static void Succeed(ActivityNode node, Bookmark job, JobSucceeded succeeded, IActivityContext context)
    {
        var result = Values.NormalizeMap(succeeded.Result);
        context.RemoveBookmark(job);
        context.Emit(JournalEventTypes.JobSucceeded, node.Id, port: Ports.Done, bookmarkId: job.Id, actor: succeeded.Actor ?? SystemActor, name: job.Job, data: result);
        if (node.Definition.OutputVariable is { } output)
        {
            context.State.Variables[output] = Values.ToElement(result);
        }

        context.Follow(node, Ports.Done, job.Frames);
    }

    private static void Fail(ActivityNode node, Bookmark job, JobFailed failed, IActivityContext context)
    {
        var inputs = Inputs(node);
        var policy = inputs.Retry;
        var now = context.Now;
        if (job.Attempt < policy.MaxAttempts)
        {
            // Attempt n+1 waits delay × factor^(n−1) after the failure of attempt n.
            // Capped at thirty days: a longer pause is no retry policy anyone means.
            var baseDelay = IsoDuration.Parse(policy.Delay).AddTo(now) - now;
            var ticks = Math.Min(baseDelay.Ticks * Math.Pow(policy.BackoffFactor, job.Attempt - 1), TimeSpan.FromDays(30).Ticks);
            var delay = TimeSpan.FromTicks((long)ticks);
            var retry = job with { Attempt = job.Attempt + 1 };
            context.ReplaceBookmark(job, retry);
            context.Emit(JournalEventTypes.JobFailed, node.Id, bookmarkId: job.Id, actor: failed.Actor ?? SystemActor, name: job.Job,
                value: failed.Error, data: new Dictionary<string, object?> { ["attempt"] = (double)job.Attempt, ["retryAt"] = Values.FormatInstant(now + delay) });
            context.AddEffect(new RunJob(job.Id, node.Id, job.Job ?? inputs.Name, EvaluateInput(node, inputs, context) ?? new Dictionary<string, object?>(), retry.Attempt, now + delay));
            return;
        }

        var failedPort = node.TargetOf(Ports.Failed) >= 0;
        context.RemoveBookmark(job);
        context.Emit(JournalEventTypes.JobFailed, node.Id, port: failedPort ? Ports.Failed : null, bookmarkId: job.Id,
            actor: failed.Actor ?? SystemActor, name: job.Job, value: failed.Error, data: new Dictionary<string, object?> { ["attempt"] = (double)job.Attempt });
        if (failedPort)
        {
            context.Follow(node, Ports.Failed, job.Frames);
        }
        else
        {
            context.RaiseIncident(node, job.Frames, "JobFailed", $"The job '{job.Job}' failed {job.Attempt} time(s); last error: {failed.Error}", null, job.Attempt);
        }
    }

    private static Dictionary<string, object?>? EvaluateInput(ActivityNode node, JobInputs job, IActivityContext context)
    {
        if (job.Input.Length == 0)
        {
            return null;
        }

        var input = new Dictionary<string, object?>(job.Input.Length, StringComparer.Ordinal);
        foreach (var (name, value) in job.Input)
        {
            input[name] = context.Evaluate(value, node);
        }

        return input;
    }

    /// <param name="Name">The job handler's name.</param>
    /// <param name="Input">The input map, each value compiled.</param>
    /// <param name="Retry">The retry policy (the default when the definition gives none).</param>
    internal sealed record JobInputs(string Name, (string Name, CompiledValue Value)[] Input, RetryPolicy Retry);
}
