using System.Text.Json;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>One definition version the case ran on: the stored definition JSON and the hash of its stored text.</summary>
public sealed record AuditBundleDefinition(int Version, string ContentHash, JsonElement Definition);
