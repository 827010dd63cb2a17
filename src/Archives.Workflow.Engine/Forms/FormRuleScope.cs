using Archives.Workflow.Engine.Expressions;

namespace Archives.Workflow.Engine.Forms;

/// <summary>
/// What a form rule sees besides the form and the outcome: the case's variables and input, the time and
/// the calendar. The engine checks a completed task's form with it, and a page checks the same form with
/// it before submitting, so both run the same rules the same way.
/// </summary>
/// <param name="Variables">The case's variables (rules read a copy: checking never changes the case).</param>
/// <param name="Input">The case's start input.</param>
/// <param name="Now">The instant rules see as <c>now</c>.</param>
/// <param name="Calendar">The working-day calendar.</param>
/// <param name="Expressions">The expression engine (the one the workflow runs with).</param>
public sealed record FormRuleScope(
    IReadOnlyDictionary<string, object?> Variables,
    IReadOnlyDictionary<string, object?> Input,
    DateTimeOffset Now,
    WorkingDayCalendar Calendar,
    IExpressionEngine Expressions)
{
    /// <summary>Checks <paramref name="data"/> for <paramref name="outcome"/>: the fields that belong to it, then the rules that apply to it.</summary>
    public List<FieldError> Validate(IReadOnlyList<FormField>? fields, IReadOnlyList<FormRule>? rules, IReadOnlyDictionary<string, object?> data, string? outcome) =>
        FormValidator.Validate(fields ?? [], rules ?? [], data, outcome, rule =>
        {
            var compiled = CompiledValue.Compile(rule, Expressions);
            if (compiled.Script is null)
            {
                return compiled.LiteralValue;
            }

            return Expressions.Evaluate(compiled.Script, new ExpressionScope
            {
                Variables = new Dictionary<string, object?>(Variables, StringComparer.Ordinal),
                Input = Input,
                Now = Now,
                Calendar = Calendar,
                Form = data,
                Outcome = outcome,
            });
        }, ChinaTime.DateOf(Now));
}
