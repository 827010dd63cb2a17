using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Expressions;

namespace Archives.Workflow.Engine.Tests.Expressions;

/// <summary>The fast path must give exactly what Jint gives, value for value and failure for failure.</summary>
public class FastPathTests
{
    private static readonly JintExpressionEngine Fast = new();
    private static readonly JintExpressionEngine JintOnly = new(fastPath: false);

    /// <summary>An engine whose Jint cannot even set itself up (one statement allowed): whatever enters Jint fails.</summary>
    private static readonly JintExpressionEngine JintRefusesEverything = new(new ExpressionLimits { MaxStatements = 1 });

    private static readonly string[] Expressions =
    [
        "vars.counter + 1", "vars.counter - 0.5", "vars.counter * 3", "vars.counter / 0", "-vars.counter / 0", "vars.counter % 4",
        "vars.days > 10", "vars.days >= 12", "vars.days < 2", "vars.days <= 12", "vars.name < 'zhang'", "vars.name >= vars.name",
        "vars.name + vars.counter", "'第' + vars.counter + '号'", "vars.name + true", "vars.name + null", "vars.name + vars.missing",
        "vars.ratio + ''", "1e21 + ''", "0.1 + 0.2", "(0.1 + 0.2) + 'x'", "-0 + ''",
        "vars.counter === 7", "vars.counter !== 7", "vars.name === 'wang'", "vars.flag === true", "vars.nothing === null",
        "vars.missing === undefined", "vars.nothing === undefined", "vars.counter === '7'",
        "vars.flag && vars.name", "vars.nothing || 'default'", "vars.missing ?? 'fallback'", "vars.zero ?? 5", "vars.empty || 'blank'",
        "!vars.flag", "!vars.empty", "!!vars.name", "-vars.counter", "typeof vars.name", "typeof vars.missing", "typeof vars.review",
        "typeof vars.nothing", "vars.days > 10 ? 'long' : 'short'", "vars.review.outcome === 'Accept'", "vars.review.data.pages * 2",
        "vars.review.missing", "vars.name.length", "vars.list.length", "input.everCadre", "input.everCadre && input.method === 'ExpressMail'",
        "input['personName']", "vars.review === vars.review", "vars.flag + 1", "vars.name * 2", "vars.missing.deeper", "vars.nothing.x",
        "vars.name.toUpperCase()", "vars.counter > 'a'", "return vars.days > 5;", "(vars.counter)", "vars.list[0]",
    ];

    private static ExpressionScope Scope()
    {
        using var review = JsonDocument.Parse("""{ "outcome": "Accept", "data": { "pages": 12 } }""");
        using var list = JsonDocument.Parse("[1, 2, 3]");
        return new ExpressionScope
        {
            Variables = new Dictionary<string, object?>
            {
                ["counter"] = 7.0, ["days"] = 12.0, ["ratio"] = 0.1, ["name"] = "wang", ["flag"] = true, ["nothing"] = null,
                ["zero"] = 0.0, ["empty"] = string.Empty, ["review"] = review.RootElement.Clone(), ["list"] = list.RootElement.Clone(),
            },
            Input = new Dictionary<string, object?> { ["everCadre"] = true, ["method"] = "ExpressMail", ["personName"] = "王芳" },
            Now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, ChinaTime.Offset),
            Calendar = WorkingDayCalendar.WeekdaysOnly,
        };
    }

    private static string Outcome(JintExpressionEngine engine, string expression)
    {
        try
        {
            var value = engine.Evaluate(engine.Prepare(expression), Scope());
            return value switch
            {
                double d => "number:" + d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                JsonElement e => "json:" + e.GetRawText(),
                null => "null",
                _ => value.GetType().Name + ":" + value,
            };
        }
        catch (ExpressionException ex)
        {
            return "error:" + ex.Code;
        }
    }

    [TestCase("vars.counter + 1")]
    [TestCase("vars.review.outcome === 'Unresolvable'")]
    [TestCase("input.everCadre && input.method === 'ExpressMail'")]
    [TestCase("'第' + vars.counter + '号'")]
    [TestCase("return vars.days > 5;")]
    public void Simple_expressions_are_answered_without_entering_Jint(string expression)
    {
        var program = Jint.Engine.PrepareScript(expression, options: new Jint.ScriptPreparationOptions
        {
            ParsingOptions = new Jint.ScriptParsingOptions { AllowReturnOutsideFunction = true },
        }).Program!;
        var fast = SimpleExpression.TryCompile(program);

        Assert.That(fast, Is.Not.Null);
        Assert.That(Outcome(JintRefusesEverything, expression), Is.EqualTo(Outcome(JintOnly, expression)));
    }

    [TestCase("vars.list.map(x => x * 2).length")]
    [TestCase("vars.name.toUpperCase()")]
    public void An_expression_outside_the_fast_path_does_enter_Jint(string expression)
    {
        Assert.That(() => JintRefusesEverything.Evaluate(JintRefusesEverything.Prepare(expression), Scope()), Throws.Exception);
        Assert.That(Outcome(JintOnly, expression), Does.Not.StartWith("error:"));
    }

    [TestCaseSource(nameof(Expressions))]
    public void The_fast_path_agrees_with_Jint(string expression)
    {
        Assert.That(Outcome(Fast, expression), Is.EqualTo(Outcome(JintOnly, expression)));
    }
}
