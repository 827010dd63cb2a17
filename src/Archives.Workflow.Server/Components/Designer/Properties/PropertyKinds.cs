namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>The property kinds the activity descriptors name (<c>PropertyDescriptor.Kind</c>), each with its editor model.</summary>
public static class PropertyKinds
{
    public const string LocalizedText = "LocalizedText", Text = "Text", Choice = "Choice", Number = "Number", Variable = "Variable",
        StringList = "StringList", TimeSpec = "TimeSpec", TimeSpecList = "TimeSpecList", Expression = "Expression", Form = "Form",
        Rules = "Rules", Cases = "Cases", InputMap = "InputMap", Retry = "Retry";

    public static IReadOnlyList<string> All { get; } =
        [LocalizedText, Text, Choice, Number, Variable, StringList, TimeSpec, TimeSpecList, Expression, Form, Rules, Cases, InputMap, Retry];

    /// <summary>Reads a property's JSON into the model of its kind; a kind no editor knows keeps the value as it is.</summary>
    public static PropertyModel Read(string kind, System.Text.Json.Nodes.JsonNode? node) => kind switch
    {
        LocalizedText => LocalizedTextModel.Read(node),
        Text or Choice or Variable => TextModel.Read(node),
        Number => NumberModel.Read(node),
        StringList => StringListModel.Read(node),
        TimeSpec => TimeSpecModel.Read(node),
        TimeSpecList => TimeSpecListModel.Read(node),
        Expression => ExpressionModel.Read(node),
        Form => FormModel.Read(node),
        Rules => RulesModel.Read(node),
        Cases => CasesModel.Read(node),
        InputMap => InputMapModel.Read(node),
        Retry => RetryModel.Read(node),
        _ => RawModel.Read(node),
    };
}
