using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>How the panel writes JSON text: Chinese and emoji as they are, as the definition files hold them.</summary>
internal static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };
}
