using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archives.Workflow.Server.Tests.Designer;

internal static class DefinitionJsonForTests
{
    /// <summary>Writes Chinese as it is, so that expected JSON reads as the definition files do.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
