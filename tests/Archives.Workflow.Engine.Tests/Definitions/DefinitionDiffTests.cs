using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Tests.Support;

namespace Archives.Workflow.Engine.Tests.Definitions;

public class DefinitionDiffTests
{
    private static WorkflowDefinition Receipt() => DefinitionSerializer.Deserialize(File.ReadAllText(Samples.DefinitionFile("unemployed-file-receipt")));

    [Test]
    public void A_version_compared_with_itself_has_no_changes()
    {
        var diff = DefinitionDiff.Between(Receipt(), Receipt() with { Version = 2 });

        Assert.That(diff.IsEmpty, Is.True, string.Join("; ", diff.Changes));
        Assert.That((diff.FromVersion, diff.ToVersion), Is.EqualTo((1, 2)));
    }

    [Test]
    public void Added_removed_and_changed_activities_and_connections_are_named_with_the_properties_that_differ()
    {
        var v1 = Receipt();
        var check = v1.Root.Activities.Single(a => a.Id == "check-application");
        var removed = v1.Root.Activities.First(a => a.Type == "Milestone");
        var v2 = v1 with
        {
            Version = 2,
            Name = LocalizedText.Of("失业人员档案接收（新）", "Unemployed person's file receipt (new)"),
            Root = v1.Root with
            {
                Activities = [.. v1.Root.Activities.Where(a => a.Id != removed.Id).Select(a => a.Id == check.Id ? a with { DueIn = new TimeSpec { WorkingDays = 3 }, Priority = "High" } : a),
                    new ActivityDefinition { Id = "extra-end", Type = "End" }],
                Connections = [.. v1.Root.Connections.Where(c => c.Source.Activity != removed.Id && c.Target.Activity != removed.Id)],
            },
        };

        var diff = DefinitionDiff.Between(v1, v2);

        Assert.Multiple(() =>
        {
            Assert.That(diff.Changes, Has.Some.Matches<DefinitionChange>(c => Same(c, new DefinitionChange(ChangeKind.Added, DefinitionElement.Activity, "extra-end", []))));
            Assert.That(diff.Changes.Single(c => c.Key == removed.Id).Kind, Is.EqualTo(ChangeKind.Removed));
            var changed = diff.Changes.Single(c => c.Key == "check-application");
            Assert.That(changed.Kind, Is.EqualTo(ChangeKind.Changed));
            Assert.That(changed.Properties, Is.EqualTo(new[] { "dueIn", "priority" }));
            Assert.That(diff.Changes.Single(c => c.Element == DefinitionElement.Definition).Properties, Is.EqualTo(new[] { "name" }));
            Assert.That(diff.Changes.Where(c => c.Element == DefinitionElement.Connection).Select(c => c.Kind), Is.Not.Empty.And.All.EqualTo(ChangeKind.Removed));
            Assert.That(diff.Changes.Where(c => c.Element == DefinitionElement.Connection).Select(c => c.Key), Has.All.Contain(removed.Id));
        });
    }

    private static bool Same(DefinitionChange? a, DefinitionChange b) =>
        a is not null &&
        a.Kind == b.Kind && a.Element == b.Element && a.Key == b.Key && a.Properties.SequenceEqual(b.Properties);
}
