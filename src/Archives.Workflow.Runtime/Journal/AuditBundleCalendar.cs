using System.Text.Json;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>One calendar edition: the schedule of <see cref="Year"/> published as calendar version <see cref="Version"/>.</summary>
public sealed record AuditBundleCalendar(int Version, int Year, JsonElement Schedule);
