using System.Globalization;
using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One number; text that is not a number is refused by <see cref="TrySet"/> and changes nothing.</summary>
public sealed class NumberModel : PropertyModel
{
    private NumberModel(JsonNode? original)
        : base(original)
    {
    }

    public double? Value { get; private set; }

    public static NumberModel Read(JsonNode? node)
    {
        var model = new NumberModel(node) { Value = JsonEdit.Number(node) };
        model.Unsupported = node is not null && model.Value is null;
        return model;
    }

    /// <summary>Takes typed text: empty clears, a finite number (invariant or the reader's culture) is kept, anything else is refused.</summary>
    public bool TrySet(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Value = null;
            Unsupported = false;
            return true;
        }

        if (!TryParse(text, out var d))
        {
            return false;
        }

        Value = d;
        Unsupported = false;
        return true;
    }

    internal static bool TryParse(string text, out double value) =>
        (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) ||
         double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.CurrentCulture, out value)) &&
        double.IsFinite(value);

    public string Text => Value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    protected override JsonNode? WriteModel() => JsonEdit.NumberNode(Original, Value);
}
