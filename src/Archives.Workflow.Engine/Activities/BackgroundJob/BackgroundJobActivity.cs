using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Activities.BackgroundJob;

/// <summary>Runs a named job with its input; retries a failure by its policy, then takes Failed or raises an incident.</summary>
internal sealed class BackgroundJobActivity : ActivityBehaviour
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

    public override ActivityNode Compile(ActivityDefinition activity, int index, IExpressionEngine expressions) =>
        new Node(index, activity, this, Validated(activity.Job, activity, "job"),
            [.. (activity.Input ?? new Dictionary<string, WorkflowExpression>()).Select(p => (p.Key, CompiledValue.Compile(p.Value, expressions)))],
            activity.Retry ?? RetryPolicy.Default);

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var job = (Node)node;
        var input = EvaluateInput(job, context) ?? new Dictionary<string, object?>();
        var bookmark = context.AddBookmark(new Bookmark
        {
            Id = context.NextId("job"), Kind = BookmarkKind.Job, ActivityId = node.Id, Job = job.Job, Attempt = 1,
            CreatedAt = context.Now, Frames = frames,
        });
        context.AddEffect(new RunJob(bookmark.Id, node.Id, job.Job, input, 1, null));
        context.Emit(JournalEventTypes.JobRequested, node.Id, bookmarkId: bookmark.Id, name: job.Job, data: input.Count == 0 ? null : input);
    }

    public override void Resume(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context)
    {
        switch (stimulus)
        {
            case JobSucceeded succeeded:
                Succeed(node, bookmark, succeeded, context);
                break;
            case JobFailed failed:
                Fail((Node)node, bookmark, failed, context);
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

    private static void Fail(Node node, Bookmark job, JobFailed failed, IActivityContext context)
    {
        var policy = node.Retry;
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
            context.AddEffect(new RunJob(job.Id, node.Id, job.Job ?? node.Job, EvaluateInput(node, context) ?? new Dictionary<string, object?>(), retry.Attempt, now + delay));
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

    private static Dictionary<string, object?>? EvaluateInput(Node node, IActivityContext context)
    {
        if (node.Input.Length == 0)
        {
            return null;
        }

        var input = new Dictionary<string, object?>(node.Input.Length, StringComparer.Ordinal);
        foreach (var (name, value) in node.Input)
        {
            input[name] = context.Evaluate(value, node);
        }

        return input;
    }

    private sealed class Node(
        int index, ActivityDefinition definition, ActivityBehaviour behaviour, string job, (string Name, CompiledValue Value)[] input, RetryPolicy retry)
        : ActivityNode(index, definition, behaviour)
    {
        public string Job { get; } = job;

        public (string Name, CompiledValue Value)[] Input { get; } = input;

        public RetryPolicy Retry { get; } = retry;
    }
}
