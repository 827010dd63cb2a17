using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components.Diagrams;

/// <summary>What the diagram and the activity list call an activity, and the order the list reads in.</summary>
public static class ActivityLabels
{
    /// <summary>
    /// The activity's title in the reader's language; a milestone by its name; then the definition's name; an untitled
    /// start, end, fork or join by its type's name. The id is the last resort, since readers do not know it.
    /// </summary>
    public static string Of(ActivityDefinition activity, IStringLocalizer<UiText> text)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(text);
        if (UiCulture.Text(activity.Title) is { Length: > 0 } title)
        {
            return title;
        }

        if (activity.Milestone is { } milestone && text[$"Milestone.{milestone}"] is { ResourceNotFound: false } named)
        {
            return named.Value;
        }

        return activity.Name is { Length: > 0 } name ? name
            : ActivityDescriptors.Find(activity.Type)?.DisplayName.Get(UiCulture.Language) ?? activity.Id;
    }

    /// <summary>The progress of an activity from the case's done and current sets (current wins).</summary>
    public static ActivityProgress Progress(string activityId, IReadOnlySet<string> done, IReadOnlySet<string> current)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(current);
        return current.Contains(activityId) ? ActivityProgress.Current : done.Contains(activityId) ? ActivityProgress.Done : ActivityProgress.Pending;
    }

    /// <summary>
    /// The activities in the order the process runs through them: breadth first from the start along the connections
    /// (in the definition's order), then whatever no connection reaches, in the definition's order.
    /// </summary>
    public static IReadOnlyList<ActivityDefinition> InFlowOrder(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var activities = definition.Root.Activities;
        var byId = activities.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var targets = definition.Root.Connections.Select(c => c.Target.Activity).ToHashSet(StringComparer.Ordinal);
        var next = definition.Root.Connections.ToLookup(c => c.Source.Activity, c => c.Target.Activity, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<ActivityDefinition>(activities.Count);
        var queue = new Queue<string>(activities.Where(a => !targets.Contains(a.Id)).Select(a => a.Id));
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!byId.TryGetValue(id, out var activity) || !seen.Add(id))
            {
                continue;
            }

            ordered.Add(activity);
            foreach (var target in next[id])
            {
                queue.Enqueue(target);
            }
        }

        ordered.AddRange(activities.Where(a => seen.Add(a.Id)));
        return ordered;
    }
}
