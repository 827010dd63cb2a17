using System.Text.Json;
using System.Text.Json.Serialization;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// A case's audit bundle, one JSON file (<see cref="Format"/>): the journal with its hashes, the
/// definition versions the case ran on, the calendar editions its bursts counted working days with,
/// who the case is, and the verdict when it was exported. <see cref="AuditBundleVerifier"/> checks it
/// with nothing else: no database, no server.
/// </summary>
/// <param name="FormatName">Always <see cref="Format"/>; a reader refuses any other.</param>
/// <param name="ExportedAt">When the bundle was made.</param>
/// <param name="ExportedBy">Who made it.</param>
/// <param name="Case">Who and what the case is.</param>
/// <param name="Instance">What the case row records of its chain: length, head and the rule it is hashed under.</param>
/// <param name="Journal">Every entry, in sequence order, with its hash.</param>
/// <param name="Definitions">Each definition version the history runs on, as stored.</param>
/// <param name="Calendars">The calendar editions the replay needs, oldest first.</param>
/// <param name="Verdict">The verification of the case when the bundle was made.</param>
public sealed record AuditBundle(
    [property: JsonPropertyName("format")] string FormatName,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    AuditBundleCase Case,
    AuditBundleInstance Instance,
    IReadOnlyList<AuditBundleEntry> Journal,
    IReadOnlyList<AuditBundleDefinition> Definitions,
    IReadOnlyList<AuditBundleCalendar> Calendars,
    Verification Verdict)
{
    /// <summary>The name and version of the format.</summary>
    public const string Format = "archives-audit-bundle/1";

    /// <summary>How bundles are written and read: camelCase, enums by name, indented for a reader.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
