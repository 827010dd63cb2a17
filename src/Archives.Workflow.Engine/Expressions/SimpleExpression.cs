using Acornima.Ast;
using Jint.Native;

namespace Archives.Workflow.Engine.Expressions;

/// <summary>
/// A fast path for the expressions definitions mostly use — literals, <c>vars.x</c>, <c>input.x</c>,
/// <c>form.x</c>, arithmetic, comparisons, <c>&amp;&amp;</c>/<c>||</c>/<c>??</c>, <c>!</c>, <c>typeof</c>
/// and <c>?:</c> — evaluated directly on the case's values with JavaScript's semantics. Whenever a
/// value or an operation falls outside what it handles exactly (objects, calls, coercions of
/// strings, errors), it gives up and the expression runs in Jint, so results are always Jint's.
/// </summary>
internal abstract class SimpleExpression
{
    /// <summary>JavaScript's <c>undefined</c> inside the fast path (the case's values have only null).</summary>
    public static readonly object Undefined = new();

    public abstract object? Evaluate(ExpressionScope scope);

    /// <summary>The fast form of <paramref name="program"/>, or null when it is not a single simple expression.</summary>
    public static SimpleExpression? TryCompile(Acornima.Ast.Program program)
    {
        if (program.Body.Count != 1)
        {
            return null;
        }

        var expression = program.Body[0] switch
        {
            ExpressionStatement statement => statement.Expression,
            ReturnStatement { Argument: { } argument } => argument,
            _ => null,
        };
        return expression is null ? null : Compile(expression);
    }

    private static SimpleExpression? Compile(Expression node)
    {
        switch (node)
        {
            case ParenthesizedExpression parenthesized:
                return Compile(parenthesized.Expression);
            case NumericLiteral number:
                return new Constant(number.Value);
            case StringLiteral text:
                return new Constant(text.Value);
            case BooleanLiteral flag:
                return new Constant(flag.Value);
            case NullLiteral:
                return new Constant(null);
            case Identifier identifier:
                return identifier.Name switch
                {
                    "vars" or "variables" => new Root(RootKind.Variables),
                    "input" => new Root(RootKind.Input),
                    "form" => new Root(RootKind.Form),
                    "outcome" => new Root(RootKind.Outcome),
                    "undefined" => new Constant(Undefined),
                    _ => null,
                };
            case MemberExpression { Optional: false } member:
                var target = Compile(member.Object);
                var name = member switch
                {
                    { Computed: false, Property: Identifier property } => property.Name,
                    { Computed: true, Property: StringLiteral key } => key.Value,
                    _ => null,
                };
                return target is null || name is null ? null : new Member(target, name);
            case LogicalExpression logical when logical.Operator is Acornima.Operator.LogicalAnd or Acornima.Operator.LogicalOr or Acornima.Operator.NullishCoalescing:
                var left = Compile(logical.Left);
                var right = Compile(logical.Right);
                return left is null || right is null ? null : new Logical(logical.Operator, left, right);
            case BinaryExpression binary when Binary.Supports(binary.Operator):
                var l = Compile(binary.Left);
                var r = Compile(binary.Right);
                return l is null || r is null ? null : new Binary(binary.Operator, l, r);
            case UnaryExpression unary when unary.Operator is Acornima.Operator.LogicalNot or Acornima.Operator.UnaryNegation or Acornima.Operator.TypeOf:
                var argument = Compile(unary.Argument);
                return argument is null ? null : new Unary(unary.Operator, argument);
            case ConditionalExpression conditional:
                var test = Compile(conditional.Test);
                var consequent = Compile(conditional.Consequent);
                var alternate = Compile(conditional.Alternate);
                return test is null || consequent is null || alternate is null ? null : new Conditional(test, consequent, alternate);
            default:
                return null;
        }
    }

    /// <summary>Thrown inside the fast path when only Jint can give the exact answer.</summary>
    internal sealed class GiveUpException : Exception
    {
        public static readonly GiveUpException Instance = new();

        public GiveUpException()
            : base("Not handled by the fast path.")
        {
        }

        public GiveUpException(string message)
            : base(message)
        {
        }

        public GiveUpException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ when ReferenceEquals(value, Undefined) => false,
        _ => true,
    };

    private static string TypeOf(object? value) => value switch
    {
        null => "object",
        bool => "boolean",
        double => "number",
        string => "string",
        JsonElement => "object",
        _ when ReferenceEquals(value, Undefined) => "undefined",
        _ => throw GiveUpException.Instance,
    };

    private static string ConcatText(object? value) => value switch
    {
        string s => s,
        double d => Jint.Runtime.TypeConverter.ToString(JsNumber.Create(d)),
        bool b => b ? "true" : "false",
        null => "null",
        _ when ReferenceEquals(value, Undefined) => "undefined",
        _ => throw GiveUpException.Instance,
    };

    private sealed class Constant(object? value) : SimpleExpression
    {
        public override object? Evaluate(ExpressionScope scope) => value;
    }

    private enum RootKind
    {
        Variables,
        Input,
        Form,
        Outcome,
    }

    private sealed class Root(RootKind kind) : SimpleExpression
    {
        public RootKind Kind => kind;

        /// <summary>Only <c>outcome</c> is a value by itself; <c>vars</c>, <c>input</c> and <c>form</c> are objects, read through <see cref="Member"/>.</summary>
        public override object? Evaluate(ExpressionScope scope) =>
            kind == RootKind.Outcome && scope.Form is not null ? scope.Outcome : throw GiveUpException.Instance;
    }

    private sealed class Member(SimpleExpression target, string name) : SimpleExpression
    {
        public override object? Evaluate(ExpressionScope scope)
        {
            if (target is Root root)
            {
                IReadOnlyDictionary<string, object?>? map = root.Kind switch
                {
                    RootKind.Variables => scope.Variables,
                    RootKind.Input => scope.Input,
                    RootKind.Form => scope.Form,
                    _ => null,
                };
                if (map is null)
                {
                    throw GiveUpException.Instance;
                }

                return map.TryGetValue(name, out var found) ? found : Missing(name);
            }

            var value = target.Evaluate(scope);
            switch (value)
            {
                case JsonElement { ValueKind: JsonValueKind.Object } element:
                    return element.TryGetProperty(name, out var property) ? Values.Normalize(property) : Missing(name);
                case string text when name == "length":
                    return (double)text.Length;
                case JsonElement { ValueKind: JsonValueKind.Array } array when name == "length":
                    return (double)array.GetArrayLength();
                default:
                    // Prototype members, and reading from null or undefined (a TypeError): Jint's business.
                    throw GiveUpException.Instance;
            }
        }
    }

    /// <summary>An absent own property is <c>undefined</c>, unless an object inherits it (<c>constructor</c>, <c>toString</c>…).</summary>
    private static object Missing(string name) =>
        ObjectPrototypeMembers.Contains(name) ? throw GiveUpException.Instance : Undefined;

    private static readonly HashSet<string> ObjectPrototypeMembers = new(StringComparer.Ordinal)
    {
        "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
        "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
    };

    private sealed class Logical(Acornima.Operator op, SimpleExpression left, SimpleExpression right) : SimpleExpression
    {
        public override object? Evaluate(ExpressionScope scope)
        {
            var l = left.Evaluate(scope);
            return op switch
            {
                Acornima.Operator.LogicalAnd => Truthy(l) ? right.Evaluate(scope) : l,
                Acornima.Operator.LogicalOr => Truthy(l) ? l : right.Evaluate(scope),
                _ => l is null || ReferenceEquals(l, Undefined) ? right.Evaluate(scope) : l,
            };
        }
    }

    private sealed class Unary(Acornima.Operator op, SimpleExpression argument) : SimpleExpression
    {
        public override object? Evaluate(ExpressionScope scope)
        {
            if (op == Acornima.Operator.TypeOf)
            {
                return TypeOf(argument.Evaluate(scope));
            }

            var operand = argument.Evaluate(scope);
            return op switch
            {
                Acornima.Operator.LogicalNot => !Truthy(operand),
                _ => operand is double d ? -d : throw GiveUpException.Instance,
            };
        }
    }

    private sealed class Conditional(SimpleExpression test, SimpleExpression consequent, SimpleExpression alternate) : SimpleExpression
    {
        public override object? Evaluate(ExpressionScope scope) =>
            Truthy(test.Evaluate(scope)) ? consequent.Evaluate(scope) : alternate.Evaluate(scope);
    }

    private sealed class Binary(Acornima.Operator op, SimpleExpression left, SimpleExpression right) : SimpleExpression
    {
        public static bool Supports(Acornima.Operator op) => op is
            Acornima.Operator.Addition or Acornima.Operator.Subtraction or Acornima.Operator.Multiplication or
            Acornima.Operator.Division or Acornima.Operator.Remainder or
            Acornima.Operator.StrictEquality or Acornima.Operator.StrictInequality or
            Acornima.Operator.LessThan or Acornima.Operator.LessThanOrEqual or
            Acornima.Operator.GreaterThan or Acornima.Operator.GreaterThanOrEqual;

        public override object? Evaluate(ExpressionScope scope)
        {
            var l = left.Evaluate(scope);
            var r = right.Evaluate(scope);
            switch (op)
            {
                case Acornima.Operator.Addition:
                    if (l is double a && r is double b)
                    {
                        return a + b;
                    }

                    if (l is string || r is string)
                    {
                        return string.Concat(ConcatText(l), ConcatText(r));
                    }

                    throw GiveUpException.Instance;
                case Acornima.Operator.StrictEquality:
                    return StrictEquals(l, r);
                case Acornima.Operator.StrictInequality:
                    return !StrictEquals(l, r);
            }

            if (l is double x && r is double y)
            {
                return op switch
                {
                    Acornima.Operator.Subtraction => x - y,
                    Acornima.Operator.Multiplication => x * y,
                    Acornima.Operator.Division => x / y,
                    Acornima.Operator.Remainder => x % y,
                    Acornima.Operator.LessThan => x < y,
                    Acornima.Operator.LessThanOrEqual => x <= y,
                    Acornima.Operator.GreaterThan => x > y,
                    _ => x >= y,
                };
            }

            if (l is string s && r is string t)
            {
                var compared = string.CompareOrdinal(s, t);
                return op switch
                {
                    Acornima.Operator.LessThan => compared < 0,
                    Acornima.Operator.LessThanOrEqual => compared <= 0,
                    Acornima.Operator.GreaterThan => compared > 0,
                    Acornima.Operator.GreaterThanOrEqual => compared >= 0,
                    _ => throw GiveUpException.Instance,
                };
            }

            throw GiveUpException.Instance;
        }

        private static bool StrictEquals(object? l, object? r) => (l, r) switch
        {
            (null, null) => true,
            (double a, double b) => a == b,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (bool a, bool b) => a == b,
            (JsonElement, _) or (_, JsonElement) => throw GiveUpException.Instance,
            _ => ReferenceEquals(l, r) || (ReferenceEquals(l, Undefined) && ReferenceEquals(r, Undefined)),
        };
    }
}
