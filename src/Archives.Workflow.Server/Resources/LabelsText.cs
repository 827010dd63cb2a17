namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The names of what the process definitions and the job handlers keep as codes — signals, jobs, milestones and
/// document kinds — read through <see cref="Components.Labels"/>: <c>LabelsText.resx</c> in Chinese (the
/// neutral language), <c>LabelsText.en.resx</c> in English.
/// </summary>
public sealed class LabelsText;
