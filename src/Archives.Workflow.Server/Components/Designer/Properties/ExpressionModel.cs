using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>
/// A value that may be computed, in Elsa's wrapper <c>{ "expression": { "type", "value" } }</c> (a
/// <c>typeName</c> beside it is kept), or a bare literal written back bare while it stays a literal.
/// </summary>
public sealed class ExpressionModel : PropertyModel
{
    private ExpressionModel(JsonNode? original)
        : base(original)
    {
    }

    /// <summary><see cref="WorkflowExpression.JavaScriptType"/> or <see cref="WorkflowExpression.LiteralType"/>.</summary>
    public string Type { get; private set; } = WorkflowExpression.JavaScriptType;

    /// <summary>The script of a JavaScript expression.</summary>
    public string Script { get; private set; } = string.Empty;

    /// <summary>The literal's value; null when no literal is given.</summary>
    public JsonNode? Literal { get; private set; }

    public bool IsBare { get; private set; }

    public bool IsJavaScript => Type == WorkflowExpression.JavaScriptType;

    /// <summary>The text the editor shows: the script, or a literal string as it is, or another literal as JSON.</summary>
    public string Text => IsJavaScript ? Script : Literal is null ? string.Empty : JsonEdit.String(Literal) ?? JsonEdit.Text(Literal);

    public bool IsEmpty => IsJavaScript ? Script.Length == 0 : Literal is null;

    public static ExpressionModel Read(JsonNode? node)
    {
        var model = new ExpressionModel(node);
        if (node is null)
        {
            return model;
        }

        if (node is JsonObject o && o.TryGetPropertyValue("expression", out var inner) && inner is JsonObject expression)
        {
            var type = JsonEdit.String(expression["type"]);
            if (type == WorkflowExpression.JavaScriptType && JsonEdit.IsString(expression["value"]))
            {
                model.Script = JsonEdit.String(expression["value"])!;
            }
            else if (type == WorkflowExpression.LiteralType)
            {
                model.Type = WorkflowExpression.LiteralType;
                model.Literal = expression["value"]?.DeepClone();
            }
            else
            {
                model.Unsupported = true;
            }

            return model;
        }

        model.Type = WorkflowExpression.LiteralType;
        model.IsBare = true;
        model.Literal = node.DeepClone();
        return model;
    }

    public static ExpressionModel JavaScript(string script)
    {
        var model = new ExpressionModel(null);
        model.SetScript(script);
        return model;
    }

    public void SetScript(string? script)
    {
        Type = WorkflowExpression.JavaScriptType;
        Script = script ?? string.Empty;
        Unsupported = false;
    }

    /// <summary>
    /// Sets a literal from typed text: JSON when it reads as a number, true/false or an object or list,
    /// otherwise the text itself as a string; empty text clears it.
    /// </summary>
    public void SetLiteralText(string? text)
    {
        Type = WorkflowExpression.LiteralType;
        Unsupported = false;
        if (string.IsNullOrEmpty(text))
        {
            Literal = null;
            return;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 0 && (char.IsDigit(trimmed[0]) || trimmed[0] is '-' or '{' or '[' || trimmed is "true" or "false" or "null"))
        {
            try
            {
                Literal = JsonNode.Parse(trimmed);
                return;
            }
            catch (JsonException)
            {
                // Not JSON after all: the text is the value.
            }
        }

        Literal = JsonValue.Create(text);
    }

    /// <summary>The expression the engine reads, or null when it is empty (or cannot be read).</summary>
    public WorkflowExpression? ToExpression()
    {
        if (Write() is not { } node)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkflowExpression>(node.ToJsonString(), Engine.Definitions.DefinitionSerializer.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override JsonNode? WriteModel()
    {
        if (IsEmpty)
        {
            return null;
        }

        var value = IsJavaScript ? JsonValue.Create(Script) : Literal!.DeepClone();

        // A bare literal stays bare, unless it is an object that would read back as the wrapper.
        if (IsBare && !IsJavaScript && !LooksLikeWrapper(Literal))
        {
            return value;
        }

        var o = !IsBare && Original is JsonObject wrapper ? (JsonObject)wrapper.DeepClone() : [];
        if (o["expression"] is not JsonObject expression)
        {
            expression = [];
            o["expression"] = expression;
        }

        JsonEdit.Set(expression, "type", JsonValue.Create(Type));
        JsonEdit.Set(expression, "value", value);
        return o;
    }

    private static bool LooksLikeWrapper(JsonNode? node) => node is JsonObject o && o["expression"] is JsonObject;
}
