using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One form rule: <c>assert</c> (the condition that must hold), <c>field</c>, <c>outcomes</c>, <c>code</c>, <c>message</c>.</summary>
public sealed class FormRuleModel : PropertyModel
{
    private FormRuleModel(JsonNode? original)
        : base(original)
    {
    }

    public ExpressionModel Assert { get; private set; } = ExpressionModel.Read(null);

    public string? Field { get; set; }

    public StringListModel Outcomes { get; private set; } = StringListModel.Read(null);

    public string? Code { get; set; }

    public LocalizedTextModel Message { get; private set; } = LocalizedTextModel.Read(null);

    public static FormRuleModel Read(JsonObject node)
    {
        var model = new FormRuleModel(node)
        {
            Assert = ExpressionModel.Read(node["assert"]),
            Field = JsonEdit.String(node["field"]),
            Outcomes = StringListModel.Read(node["outcomes"]),
            Code = JsonEdit.String(node["code"]),
            Message = LocalizedTextModel.Read(node["message"]),
        };
        model.Unsupported = model.Assert.Unsupported || model.Outcomes.Unsupported || model.Message.Unsupported ||
            (node["field"] is { } f && !JsonEdit.IsString(f)) || (node["code"] is { } c && !JsonEdit.IsString(c));
        return model;
    }

    public static FormRuleModel Create() => new(null);

    protected override JsonNode? WriteModel()
    {
        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, "assert", Assert.Write());
        JsonEdit.Set(o, "field", JsonEdit.StringNode(Field));
        JsonEdit.Set(o, "outcomes", Outcomes.Write());
        JsonEdit.Set(o, "code", JsonEdit.StringNode(Code));
        JsonEdit.Set(o, "message", Message.Write());
        return o;
    }
}
