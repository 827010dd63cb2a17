using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>Every row one generated case writes, as the application's own entities.</summary>
internal sealed class GeneratedCase
{
    public required Person Person { get; init; }

    public required PersonnelFile File { get; init; }

    public required ServiceCase Case { get; init; }

    public required WorkflowInstance Instance { get; init; }

    public required List<JournalEntry> Journal { get; init; }

    public required List<WorkflowTask> Tasks { get; init; }

    public required List<BookmarkRecord> Bookmarks { get; init; }

    public required List<IncidentRecord> Incidents { get; init; }

    public required List<CaseWait> Waits { get; init; }
}
