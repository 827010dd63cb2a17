using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components;

/// <summary>What a label names: the prefix of its key in <see cref="LabelsText"/>.</summary>
public enum LabelKind
{
    Signal,
    Job,
    Milestone,
    Document,
}

/// <summary>
/// Signals, job names, milestones and document kinds in the reader's language, where the journal, the tasks and the
/// documents keep the code a process definition or a job handler uses (<c>FileArrived</c>, <c>issue-transfer-notice</c>,
/// <c>InCustody</c>, <c>TransferNotice</c>). A code with no label is shown as it is, so a process published later still
/// reads, if in its own words; the shipped processes have a label for every code (a test holds them to it).
/// </summary>
public static class Labels
{
    public static string Signal(this IStringLocalizer<LabelsText> text, string? name) => Label(text, LabelKind.Signal, name);

    public static string Job(this IStringLocalizer<LabelsText> text, string? name) => Label(text, LabelKind.Job, name);

    /// <summary>A case's milestone; a case that has reached none yet is 受理中 / Received.</summary>
    public static string Milestone(this IStringLocalizer<LabelsText> text, string? name) => Label(text, LabelKind.Milestone, name ?? "None");

    public static string Document(this IStringLocalizer<LabelsText> text, string? kind) => Label(text, LabelKind.Document, kind);

    public static string Document(this IStringLocalizer<LabelsText> text, Cases.Documents.DocumentKind kind) => Label(text, LabelKind.Document, kind.ToString());

    /// <summary>Whether there is a label for the code in the current UI language.</summary>
    public static bool Has(this IStringLocalizer<LabelsText> text, LabelKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !text[Key(kind, name)].ResourceNotFound;
    }

    /// <summary>The label of a code, or the code itself when there is none.</summary>
    public static string Label(this IStringLocalizer<LabelsText> text, LabelKind kind, string? name)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var found = text[Key(kind, name)];
        return found.ResourceNotFound ? name : found.Value;
    }

    private static string Key(LabelKind kind, string name) => $"{kind}.{name}";
}
