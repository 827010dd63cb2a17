namespace Archives.Workflow.Server.TryRun;

/// <summary>The refusal codes of trying a version (all invalid input, 400).</summary>
public static class TryRunCodes
{
    /// <summary>A simulation script that does not parse: the step and the reason are named.</summary>
    public const string ScriptInvalid = nameof(ScriptInvalid);
}
