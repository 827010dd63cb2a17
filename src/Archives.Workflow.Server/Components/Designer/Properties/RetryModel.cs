using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A background job's retry policy; a member left empty takes the engine's default (3 attempts, PT1M, factor 2).</summary>
public sealed class RetryModel : PropertyModel
{
    private RetryModel(JsonNode? original)
        : base(original)
    {
    }

    public NumberModel MaxAttempts { get; private set; } = NumberModel.Read(null);

    public string? Delay { get; private set; }

    public NumberModel BackoffFactor { get; private set; } = NumberModel.Read(null);

    public bool IsGiven { get; private set; }

    public static RetryModel Read(JsonNode? node)
    {
        var model = new RetryModel(node);
        if (node is null)
        {
            return model;
        }

        if (node is not JsonObject o || (o["delay"] is { } delay && !JsonEdit.IsString(delay)))
        {
            model.Unsupported = true;
            return model;
        }

        model.IsGiven = true;
        model.MaxAttempts = NumberModel.Read(o["maxAttempts"]);
        model.BackoffFactor = NumberModel.Read(o["backoffFactor"]);
        model.Delay = JsonEdit.String(o["delay"]);
        model.Unsupported = model.MaxAttempts.Unsupported || model.BackoffFactor.Unsupported;
        return model;
    }

    public void SetGiven(bool given)
    {
        IsGiven = given;
        Unsupported = false;
    }

    public bool TrySetMaxAttempts(string? text)
    {
        SetGiven(true);
        return MaxAttempts.TrySet(text);
    }

    public bool TrySetBackoffFactor(string? text)
    {
        SetGiven(true);
        return BackoffFactor.TrySet(text);
    }

    public void SetDelay(string? delay)
    {
        SetGiven(true);
        Delay = string.IsNullOrWhiteSpace(delay) ? null : delay.Trim();
    }

    protected override JsonNode? WriteModel()
    {
        if (!IsGiven)
        {
            return null;
        }

        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, "maxAttempts", MaxAttempts.Write());
        JsonEdit.Set(o, "delay", JsonEdit.StringNode(Delay));
        JsonEdit.Set(o, "backoffFactor", BackoffFactor.Write());
        return o;
    }
}
