using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Archives.Workflow.Engine.Expressions;

/// <summary>
/// JavaScript expressions on Jint, sandboxed: strict mode, no CLR access, no <c>eval</c>, limits on
/// time, memory, statements and recursion, <c>Date</c> and <c>now</c> fixed to the burst's instant,
/// <c>Math.random</c> refused. Each thread keeps one Jint engine and returns it to a snapshot of its
/// globals after every evaluation, so nothing an expression does can leak into the next one.
/// </summary>
public sealed partial class JintExpressionEngine : IExpressionEngine, IDisposable
{
    private readonly ExpressionLimits limits;
    private readonly ThreadLocal<EngineHolder> holders;
    private readonly ConcurrentDictionary<string, JintPreparedExpression> prepared = new(StringComparer.Ordinal);

    private readonly bool fastPath;

    /// <param name="limits">Sandbox limits; <see cref="ExpressionLimits.Default"/> when null.</param>
    /// <param name="fastPath">Evaluate simple expressions (<c>vars.x + 1</c>, comparisons, logic) directly with
    /// JavaScript semantics instead of entering Jint; anything else still runs in Jint.</param>
    public JintExpressionEngine(ExpressionLimits? limits = null, bool fastPath = true)
    {
        this.fastPath = fastPath;
        this.limits = limits ?? ExpressionLimits.Default;
        holders = new ThreadLocal<EngineHolder>(() => new EngineHolder(this.limits), trackAllValues: true);
    }

    /// <summary>An engine with the default limits, shared by everything that does not need others.</summary>
    public static JintExpressionEngine Shared { get; } = new();

    public PreparedExpression Prepare(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return prepared.GetOrAdd(source, static s =>
        {
            try
            {
                // Elsa's scripts may 'return' at top level ("return variables.Days > 5;"), so allow it.
                var script = Jint.Engine.PrepareScript(s, strict: true, options: PreparationOptions);
                RefuseTopLevelVar(script.Program!, s);
                return new JintPreparedExpression(s, script, AssignsVariables().IsMatch(s), SimpleExpression.TryCompile(script.Program!))
                {
                    UsesVariables = Mentions(s, "vars") || Mentions(s, "variables"),
                    UsesInput = Mentions(s, "input"),
                    UsesNow = Mentions(s, "now"),
                };
            }
            catch (Exception ex) when (ex is not ExpressionException and not OutOfMemoryException)
            {
                throw new ExpressionException("ExpressionSyntax", s, $"The expression does not parse: {ex.Message}", ex);
            }
        });
    }

    public object? Evaluate(PreparedExpression expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);
        var jint = expression as JintPreparedExpression ?? (JintPreparedExpression)Prepare(expression.Source);
        if (fastPath && jint.Fast is { } fast)
        {
            try
            {
                var value = fast.Evaluate(scope);

                // Whole objects and arrays take Jint's round trip, which orders keys and numbers as JavaScript does.
                if (value is not JsonElement)
                {
                    return ReferenceEquals(value, SimpleExpression.Undefined) ? null : value;
                }
            }
            catch (SimpleExpression.GiveUpException)
            {
                // Outside what the fast path knows exactly: let Jint decide.
            }
        }

        return holders.Value!.Evaluate(jint, scope);
    }

    public void Dispose()
    {
        foreach (var holder in holders.Values)
        {
            holder.Dispose();
        }

        holders.Dispose();
    }

    private static void RefuseTopLevelVar(Acornima.Ast.Program program, string source)
    {
        foreach (var statement in program.Body)
        {
            if (statement is VariableDeclaration { Kind: VariableDeclarationKind.Var })
            {
                throw new ExpressionException("ExpressionSyntax", source,
                    "Top-level 'var' declarations are not allowed in expressions; use 'let' or 'const'.");
            }
        }
    }

    /// <summary>Whether the script may read a global; building the ones it cannot read is wasted work.</summary>
    private static bool Mentions(string source, string name)
    {
        for (var at = source.IndexOf(name, StringComparison.Ordinal); at >= 0; at = source.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : source[at - 1];
            var after = at + name.Length >= source.Length ? ' ' : source[at + name.Length];
            if (!IsIdentifierPart(before) && !IsIdentifierPart(after))
            {
                return true;
            }
        }

        return false;

        static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
    }

    private static readonly ScriptPreparationOptions PreparationOptions = new()
    {
        ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
    };

    /// <summary>Scripts that may write <c>vars.x = …</c> (Elsa's <c>variables.X = …</c>): their writes are copied back.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:vars|variables)\s*(?:\.\s*[\w$]+|\[[^\]]+\])\s*(?:=(?!=)|\+=|-=|\*=|/=|%=|\+\+|--)|(?:\+\+|--)\s*(?:vars|variables)\b")]
    private static partial System.Text.RegularExpressions.Regex AssignsVariables();

    private sealed class JintPreparedExpression(string source, Prepared<Script> script, bool assignsVariables, SimpleExpression? fast) : PreparedExpression(source)
    {
        public SimpleExpression? Fast { get; } = fast;

        public bool UsesVariables { get; init; }

        public bool UsesInput { get; init; }

        public bool UsesNow { get; init; }

        public Prepared<Script> Script { get; } = script;

        public bool AssignsVariables { get; } = assignsVariables;
    }

    /// <summary>The time limit of one evaluation, off while the engine is being set up.</summary>
    private sealed class Deadline(TimeSpan limit) : Constraint
    {
        private long startedAt;

        public bool Enabled { get; set; }

        public override bool IsAmortizable => true;

        public override void Check()
        {
            if (Enabled && System.Diagnostics.Stopwatch.GetElapsedTime(startedAt) > limit)
            {
                throw new TimeoutException("The expression ran longer than its time limit.");
            }
        }

        public override void Reset() => startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    private sealed class FixedTimeSystem : ITimeSystem
    {
        private readonly DefaultTimeSystem inner = new(ChinaTime.Zone, CultureInfo.InvariantCulture);

        public DateTimeOffset Now { get; set; }

        public TimeZoneInfo DefaultTimeZone => ChinaTime.Zone;

        public DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

        public bool TryParse(string date, out long epochMilliseconds) => inner.TryParse(date, out epochMilliseconds);

        public TimeSpan GetUtcOffset(long epochMilliseconds) => ChinaTime.Offset;
    }

    /// <summary>One thread's Jint engine, its helpers and the snapshot of its pristine globals.</summary>
    private sealed class EngineHolder : IDisposable
    {
        private readonly Jint.Engine engine;
        private readonly FixedTimeSystem time = new();
        private readonly Deadline deadline;
        private readonly GlobalSnapshot snapshot;
        private readonly JsValue makeDate;
        private readonly JsValue parseJson;
        private readonly JsValue stringify;
        private ExpressionScope? scope;
        private JsObject? varsObject;

        public EngineHolder(ExpressionLimits limits)
        {
            // Setting the engine up (freezing the built-ins) may take longer than one expression may, on a cold start.
            deadline = new Deadline(limits.Timeout) { Enabled = false };
            engine = new Jint.Engine(options =>
            {
                options.Strict();
                options.TimeSystem = time;
                options.TimeZone = ChinaTime.Zone;
                options.Culture = CultureInfo.InvariantCulture;
                options.Host.StringCompilationAllowed = false;
                options.Interop.Enabled = false;
                options.Constraints.Constraints.Add(deadline);

                // The deadline is checked between statements, and one regular expression match is a single
                // call into .NET's backtracking engine: without its own time-out a catastrophic pattern
                // (/^(a+)+$/ on 'aaaa…a!') runs for seconds past the limit. Every regex of a script, literal
                // or built with new RegExp, matches under the evaluation's limit.
                options.Constraints.RegexTimeout = limits.Timeout;
                options.LimitMemory(limits.MemoryBytes);
                options.MaxStatements(limits.MaxStatements);
                options.LimitRecursion(limits.MaxRecursionDepth);
            });

            makeDate = engine.Evaluate("(function (ms) { return new Date(ms); })");
            parseJson = engine.Evaluate("(function (s) { return JSON.parse(s); })");
            stringify = engine.Evaluate("(function (v) { return JSON.stringify(v); })");
            engine.Execute("Math.random = function () { throw new Error('Math.random is not available: expressions must be deterministic.'); };");

            // The engine is reused and the global snapshot only covers global bindings: freeze the built-in
            // objects and their prototypes so that no expression can change what the next one sees.
            engine.Execute("""
                (function () {
                  const builtIns = [Object, Function, Array, String, Number, Boolean, Symbol, Date, RegExp, Math, JSON, Reflect,
                    Map, Set, WeakMap, WeakSet, Promise, BigInt, ArrayBuffer, DataView, Error, TypeError, RangeError,
                    SyntaxError, ReferenceError, EvalError, URIError, parseInt, parseFloat, isNaN, isFinite,
                    encodeURIComponent, decodeURIComponent, encodeURI, decodeURI];
                  for (const value of builtIns) {
                    Object.freeze(value);
                    if (value.prototype) { Object.freeze(value.prototype); }
                  }
                  Object.freeze(Object.getPrototypeOf([][Symbol.iterator]()));
                  Object.freeze(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
                })();
                """);
            engine.SetValue("getVariable", new ClrFunction(engine, "getVariable", (_, args) =>
                Current.Variables.TryGetValue(args.At(0).ToString(), out var value) ? ToJs(value) : JsValue.Undefined));
            engine.SetValue("setVariable", new ClrFunction(engine, "setVariable", (_, args) =>
            {
                var name = args.At(0).ToString();
                var value = args.At(1);
                Current.Variables[name] = FromJs(value);
                (Current.Assigned ??= []).Add(name);
                varsObject?.Set(name, value);
                return JsValue.Undefined;
            }));
            engine.SetValue("getInput", new ClrFunction(engine, "getInput", (_, args) =>
                Current.Input.TryGetValue(args.At(0).ToString(), out var value) ? ToJs(value) : JsValue.Undefined));
            engine.SetValue("workingDays", new ClrFunction(engine, "workingDays", (_, args) =>
                AddWorkingDays(Current.Now, args.At(0))));
            engine.SetValue("addWorkingDays", new ClrFunction(engine, "addWorkingDays", (_, args) =>
                AddWorkingDays(ToInstant(args.At(0)), args.At(1))));
            snapshot = engine.Advanced.CaptureGlobalSnapshot();
            deadline.Enabled = true;
        }

        public void Dispose() => engine.Dispose();

        private ExpressionScope Current => scope ?? throw new InvalidOperationException("No expression is being evaluated.");

        public object? Evaluate(JintPreparedExpression expression, ExpressionScope evaluationScope)
        {
            scope = evaluationScope;
            time.Now = evaluationScope.Now;
            try
            {
                if (expression.UsesVariables)
                {
                    varsObject = ToObject(evaluationScope.Variables);
                    engine.SetValue("vars", varsObject);
                    engine.SetValue("variables", varsObject);
                }

                if (expression.UsesInput)
                {
                    engine.SetValue("input", ToObject(evaluationScope.Input));
                }

                if (expression.UsesNow)
                {
                    engine.SetValue("now", engine.Call(makeDate, (double)evaluationScope.Now.ToUnixTimeMilliseconds()));
                }

                if (evaluationScope.Form is not null)
                {
                    engine.SetValue("form", ToObject(evaluationScope.Form));
                    engine.SetValue("outcome", evaluationScope.Outcome is null ? JsValue.Null : evaluationScope.Outcome);
                }

                // The engine is reused: every evaluation gets fresh time, memory and statement budgets.
                engine.Constraints.Reset();
                var result = FromJs(engine.Evaluate(expression.Script));
                if (expression.AssignsVariables && varsObject is not null)
                {
                    CopyBack(varsObject, evaluationScope);
                }

                return result;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not ExpressionException)
            {
                throw Translate(expression.Source, ex);
            }
            finally
            {
                engine.Advanced.RestoreGlobalSnapshot(snapshot);
                engine.Advanced.ResetCallStack();
                scope = null;
                varsObject = null;
            }
        }

        /// <summary>Writes assignments made through <c>vars.x = …</c> back to the case's variables.</summary>
        private void CopyBack(JsObject written, ExpressionScope evaluationScope)
        {
            foreach (var key in written.GetOwnPropertyKeys())
            {
                var name = key.ToString();
                var value = FromJs(written.Get(key));
                if (!evaluationScope.Variables.TryGetValue(name, out var before) || !Equals(before, value) &&
                    !(before is System.Text.Json.JsonElement b && value is System.Text.Json.JsonElement a && System.Text.Json.JsonElement.DeepEquals(a, b)))
                {
                    evaluationScope.Variables[name] = value;
                    (evaluationScope.Assigned ??= []).Add(name);
                }
            }
        }

        private static ExpressionException Translate(string source, Exception ex) => ex switch
        {
            // A regular expression's match time-out (RegexMatchTimeoutException) is a TimeoutException too.
            TimeoutException => new ExpressionException("ExpressionTimeout", source, "The expression ran longer than its time limit.", ex),
            MemoryLimitExceededException => new ExpressionException("ExpressionMemoryLimit", source, "The expression allocated more memory than allowed.", ex),
            RecursionDepthOverflowException => new ExpressionException("ExpressionRecursionLimit", source, "The expression recursed deeper than allowed.", ex),
            StatementsCountOverflowException => new ExpressionException("ExpressionStatementLimit", source, "The expression ran more statements than allowed.", ex),
            JavaScriptException js => new ExpressionException("ExpressionFailed", source, js.Message, ex),
            _ => new ExpressionException("ExpressionFailed", source, ex.Message, ex),
        };

        private JsObject ToObject(IReadOnlyDictionary<string, object?> values)
        {
            var result = new JsObject(engine);
            foreach (var pair in values)
            {
                result.Set(pair.Key, ToJs(pair.Value));
            }

            return result;
        }

        private JsValue ToJs(object? value) => value switch
        {
            null => JsValue.Null,
            bool b => b ? JsBoolean.True : JsBoolean.False,
            double d => JsNumber.Create(d),
            string s => s,
            JsonElement element => engine.Call(parseJson, element.GetRawText()),
            _ => throw new InvalidOperationException($"A value of type {value.GetType().Name} cannot be given to an expression."),
        };

        private object? FromJs(JsValue value)
        {
            if (value.IsNull() || value.IsUndefined())
            {
                return null;
            }

            if (value.IsBoolean())
            {
                return value.AsBoolean();
            }

            if (value.IsNumber())
            {
                return value.AsNumber();
            }

            if (value.IsString())
            {
                return value.AsString();
            }

            if (value.IsDate())
            {
                // An invalid Date (NaN) is no instant at all, as JSON.stringify says (null).
                var milliseconds = value.AsDate().DateValue;
                return double.IsNaN(milliseconds) ? null : Values.FormatInstant(DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds));
            }

            var json = engine.Call(stringify, value);
            if (json.IsUndefined())
            {
                return null;
            }

            using var document = JsonDocument.Parse(json.AsString());
            return document.RootElement.Clone();
        }

        private JsValue AddWorkingDays(DateTimeOffset from, JsValue days)
        {
            var count = (int)TypeConverter.ToNumber(days);
            var due = Current.Calendar.AddWorkingDays(from, count, out _);
            return Values.FormatInstant(due);
        }

        private static DateTimeOffset ToInstant(JsValue value)
        {
            if (value.IsDate() && !double.IsNaN(value.AsDate().DateValue))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)value.AsDate().DateValue);
            }

            return Values.ParseInstant(value.ToString())
                ?? throw new JavaScriptErrorException($"'{value}' is not a date.");
        }
    }
}

internal sealed class JavaScriptErrorException(string message) : Exception(message);
