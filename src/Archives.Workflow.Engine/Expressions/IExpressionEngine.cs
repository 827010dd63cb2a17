namespace Archives.Workflow.Engine.Expressions;

/// <summary>Evaluates the JavaScript expressions of definitions. Implementations must be deterministic for the same scope.</summary>
public interface IExpressionEngine
{
    /// <summary>Parses <paramref name="source"/> once; throws <see cref="ExpressionException"/> when it does not parse.</summary>
    PreparedExpression Prepare(string source);

    /// <summary>Runs a prepared expression; throws <see cref="ExpressionException"/> when it fails or breaks a limit.</summary>
    object? Evaluate(PreparedExpression expression, ExpressionScope scope);
}

/// <summary>A parsed expression, reusable across threads.</summary>
public abstract class PreparedExpression
{
    protected PreparedExpression(string source) => Source = source;

    public string Source { get; }
}
