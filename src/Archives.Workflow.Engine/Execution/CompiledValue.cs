namespace Archives.Workflow.Engine.Execution;

/// <summary>An input ready to use: a literal already converted, or a prepared script.</summary>
internal sealed class CompiledValue
{
    private readonly object? literal;

    private CompiledValue(WorkflowExpression source, object? literal, PreparedExpression? script)
    {
        Source = source;
        this.literal = literal;
        Script = script;
    }

    public WorkflowExpression Source { get; }

    public PreparedExpression? Script { get; }

    /// <summary>The converted literal (meaningful when <see cref="Script"/> is null).</summary>
    public object? LiteralValue => literal;

    public static CompiledValue Compile(WorkflowExpression expression, IExpressionEngine engine)
    {
        if (expression.IsJavaScript)
        {
            if (expression.Value.ValueKind != JsonValueKind.String)
            {
                throw new ExpressionException("ExpressionSyntax", expression.Value.GetRawText(), "A JavaScript expression's value must be a string.");
            }

            return new CompiledValue(expression, null, engine.Prepare(expression.Value.GetString()!));
        }

        if (!expression.IsLiteral)
        {
            throw new ExpressionException("ExpressionType", expression.Text, $"Unknown expression type '{expression.Type}' (Literal or JavaScript).");
        }

        return new CompiledValue(expression, Values.Normalize(expression.Value), null);
    }

    public object? Evaluate(IExpressionEngine engine, Func<ExpressionScope> scope) =>
        Script is null ? literal : engine.Evaluate(Script, scope());
}
