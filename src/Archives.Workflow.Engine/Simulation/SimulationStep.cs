namespace Archives.Workflow.Engine.Simulation;

/// <summary>One step of a simulation script (a JSON array of such objects).</summary>
public abstract record SimulationStep
{
    /// <summary>The step must be refused with the field named and the case left as it was.</summary>
    public bool ExpectRefusal { get; init; }

    /// <summary>Parses a script: <c>complete</c>, <c>signal</c>, <c>advance</c>, <c>job</c>, <c>failJob</c>, <c>cancel</c>, <c>retry</c>, <c>expect</c>.</summary>
    public static IReadOnlyList<SimulationStep> ParseScript(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("A script is a JSON array of steps.");
        }

        var steps = new List<SimulationStep>();
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            index++;
            try
            {
                steps.Add(Parse(element));
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new FormatException($"Step {index}: {ex.Message}", ex);
            }
        }

        return steps;
    }

    private static SimulationStep Parse(JsonElement step)
    {
        if (step.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A step is a JSON object.");
        }

        var refusal = step.TryGetProperty("expectRefusal", out var r) && r.ValueKind == JsonValueKind.True;
        string? Text(string name) => step.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        Dictionary<string, object?>? Map(string name) =>
            step.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Object ? Values.FromJsonObject(p) : null;

        if (Text("complete") is { } activity)
        {
            return new CompleteStep(activity, Text("outcome") ?? throw new FormatException("'complete' needs an 'outcome'."), Map("data"), Text("by"))
            { ExpectRefusal = refusal };
        }

        if (Text("signal") is { } signal)
        {
            return new SignalStep(signal, Map("data"), Text("by")) { ExpectRefusal = refusal };
        }

        if (step.TryGetProperty("advance", out var advance))
        {
            if (advance.ValueKind == JsonValueKind.String)
            {
                return new AdvanceStep(TimeSpec.OfDuration(advance.GetString()!));
            }

            var spec = advance.Deserialize<TimeSpec>(DefinitionSerializer.Options) ?? throw new FormatException("'advance' is empty.");
            return new AdvanceStep(spec);
        }

        if (Text("job") is { } job)
        {
            return new JobStep(job, Map("result")) { ExpectRefusal = refusal };
        }

        if (Text("failJob") is { } failJob)
        {
            return new FailJobStep(failJob, Text("error") ?? "failed") { ExpectRefusal = refusal };
        }

        if (step.TryGetProperty("cancel", out var cancel))
        {
            return new CancelStep(cancel.ValueKind == JsonValueKind.String ? cancel.GetString() : null, Text("by"));
        }

        if (Text("retry") is { } retry)
        {
            return new RetryStep(retry, Text("by")) { ExpectRefusal = refusal };
        }

        if (step.TryGetProperty("expect", out var expect) && expect.ValueKind == JsonValueKind.Object)
        {
            string[]? openTasks = expect.TryGetProperty("openTasks", out var tasks) && tasks.ValueKind == JsonValueKind.Array
                ? [.. tasks.EnumerateArray().Select(t => t.GetString() ?? string.Empty)]
                : null;
            int? incidents = expect.TryGetProperty("incidents", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : null;
            string? E(string name) => expect.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            return new ExpectStep(E("status"), E("milestone"), openTasks, incidents);
        }

        throw new FormatException(
            $"Unknown step {step.GetRawText()}; use complete, signal, advance, job, failJob, cancel, retry or expect.");
    }

    public abstract string Describe();
}

public sealed record CompleteStep(string ActivityId, string Outcome, IReadOnlyDictionary<string, object?>? Data, string? By) : SimulationStep
{
    public override string Describe() => $"complete {ActivityId} → {Outcome}";
}

public sealed record SignalStep(string Signal, IReadOnlyDictionary<string, object?>? Data, string? By) : SimulationStep
{
    public override string Describe() => $"signal {Signal}";
}

public sealed record AdvanceStep(TimeSpec By) : SimulationStep
{
    public override string Describe() => $"advance {By}";
}

public sealed record JobStep(string ActivityId, IReadOnlyDictionary<string, object?>? Result) : SimulationStep
{
    public override string Describe() => $"job {ActivityId} succeeds";
}

public sealed record FailJobStep(string ActivityId, string Error) : SimulationStep
{
    public override string Describe() => $"job {ActivityId} fails";
}

public sealed record CancelStep(string? Reason, string? By) : SimulationStep
{
    public override string Describe() => "cancel";
}

public sealed record RetryStep(string ActivityId, string? By) : SimulationStep
{
    public override string Describe() => $"retry the incident of {ActivityId}";
}

public sealed record ExpectStep(string? Status, string? Milestone, IReadOnlyList<string>? OpenTasks, int? Incidents) : SimulationStep
{
    public override string Describe() => string.Join(", ", new[]
    {
        Status is null ? null : $"status {Status}",
        Milestone is null ? null : $"milestone {Milestone}",
        OpenTasks is null ? null : $"open tasks [{string.Join(", ", OpenTasks)}]",
        Incidents is null ? null : $"{Incidents.Value.ToString(CultureInfo.InvariantCulture)} incident(s)",
    }.Where(s => s is not null));
}
