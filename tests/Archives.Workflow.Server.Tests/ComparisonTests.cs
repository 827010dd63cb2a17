using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components.Diagrams;
using Archives.Workflow.Server.Components.Pages.Definitions;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>What the compare page marks on each side and lists, from the engine's diff of two versions.</summary>
public sealed class ComparisonTests
{
    private static WorkflowDefinition Receipt() =>
        DefinitionSerializer.Deserialize(File.ReadAllText(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json")));

    [Test]
    public void An_inserted_activity_is_marked_added_on_the_newer_side_its_rewired_connection_removed_on_the_older_and_a_new_title_listed_with_both_values()
    {
        var older = Receipt();
        var newer = older with
        {
            Version = 2,
            Root = older.Root with
            {
                Activities =
                [
                    .. older.Root.Activities.Select(a => a.Id == "check-application" ? a with { Title = LocalizedText.Of("审核接收申请（新）📋", "Check the application (new)") } : a),
                    new ActivityDefinition { Id = "note-application", Type = "Milestone", Milestone = "UnderReview", Title = LocalizedText.Of("登记申请", "Application noted") },
                ],
                Connections =
                [
                    .. older.Root.Connections.Where(c => c.Source.Activity != "start"),
                    new ConnectionDefinition { Source = new ConnectionEndpoint { Activity = "start", Port = "Done" }, Target = new ConnectionEndpoint { Activity = "note-application", Port = "In" } },
                    new ConnectionDefinition { Source = new ConnectionEndpoint { Activity = "note-application" }, Target = new ConnectionEndpoint { Activity = "check-application", Port = "In" } },
                ],
            },
        };

        var comparison = Comparison.Of(older, newer);

        Assert.That(comparison.ToMarks.OfActivity("note-application"), Is.EqualTo(DiagramMark.Added));
        Assert.That(comparison.FromMarks.OfActivity("note-application"), Is.EqualTo(DiagramMark.None));
        Assert.That((comparison.FromMarks.OfActivity("check-application"), comparison.ToMarks.OfActivity("check-application")), Is.EqualTo((DiagramMark.Changed, DiagramMark.Changed)));
        Assert.That(comparison.FromMarks.OfActivity("start"), Is.EqualTo(DiagramMark.None));

        // The diagram finds each connection under the key the diff gives it, a port left out included.
        var removed = older.Root.Connections.Single(c => c.Source.Activity == "start");
        Assert.That(comparison.FromMarks.OfConnection(ProcessDiagram.ConnectionKey(removed)), Is.EqualTo(DiagramMark.Removed));
        Assert.That(newer.Root.Connections.Where(c => c.Target.Activity == "note-application" || c.Source.Activity == "note-application")
            .Select(c => comparison.ToMarks.OfConnection(ProcessDiagram.ConnectionKey(c))), Is.EqualTo(new[] { DiagramMark.Added, DiagramMark.Added }));
        Assert.That(comparison.ToMarks.Connections.Keys, Is.EquivalentTo(comparison.Diff.Changes.Where(c => c.Element == DefinitionElement.Connection && c.Kind == ChangeKind.Added).Select(c => c.Key)));

        var title = comparison.Rows.Single(r => r.Change.Key == "check-application" && r.Property == "title");
        Assert.That(title.Before, Does.Contain("审核接收申请").And.Not.Contain("\\u"), "Chinese stays readable");
        Assert.That(title.After, Does.Contain("审核接收申请（新）📋"));
        Assert.That(comparison.Rows.Single(r => r.Change.Key == "note-application").Change.Kind, Is.EqualTo(ChangeKind.Added));
        Assert.That((comparison.Count(ChangeKind.Added), comparison.Count(ChangeKind.Removed), comparison.Count(ChangeKind.Changed)), Is.EqualTo((3, 1, 1)));
    }

    [Test]
    public void A_version_compared_with_an_identical_copy_has_no_marks_and_no_rows()
    {
        var older = Receipt();
        var comparison = Comparison.Of(older, older with { Version = 2 });

        Assert.That(comparison.Diff.IsEmpty, Is.True);
        Assert.That(comparison.Rows, Is.Empty);
        Assert.That(comparison.FromMarks.Activities.Count + comparison.ToMarks.Activities.Count + comparison.ToMarks.Connections.Count, Is.Zero);
    }
}
