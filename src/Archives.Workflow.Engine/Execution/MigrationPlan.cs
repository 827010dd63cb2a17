using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// What a migration would do to a case: the activities whose waits move to another id (only those the
/// case holds and the mapping names differently), or why it cannot move. Each activity of the target
/// version is asked whether it can take over the waits it would receive.
/// </summary>
internal sealed class MigrationPlan
{
    private MigrationPlan(SortedDictionary<string, string> moves, List<FieldError> errors)
    {
        Moves = moves;
        Errors = errors;
    }

    /// <summary>Old activity id to new, in ordinal order so that the journal is the same on every run.</summary>
    public SortedDictionary<string, string> Moves { get; }

    public List<FieldError> Errors { get; }

    public static MigrationPlan Of(ExecutableWorkflow target, WorkflowState state, IReadOnlyDictionary<string, string>? mapping)
    {
        var moves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var reported = new HashSet<string>(StringComparer.Ordinal);

        string Target(string activityId) =>
            mapping is not null && mapping.TryGetValue(activityId, out var to) && !string.IsNullOrEmpty(to) ? to : activityId;

        void Refuse(string activityId, string target, string what)
        {
            if (!reported.Add(activityId))
            {
                return;
            }

            errors.Add(target == activityId
                ? new FieldError(activityId, "MigrationIncompatible", LocalizedText.Of(
                    $"新版本中没有可接续“{activityId}”的{Chinese(what)}活动。", $"The new version has no activity '{activityId}' that can take over its {what}."))
                : new FieldError(activityId, "MigrationIncompatible", LocalizedText.Of(
                    $"新版本的活动“{target}”不能接续“{activityId}”的{Chinese(what)}。", $"The new version's activity '{target}' cannot take over the {what} of '{activityId}'.")));
        }

        void Note(string activityId, string target)
        {
            if (target != activityId)
            {
                moves[activityId] = target;
            }
        }

        foreach (var bookmark in state.Bookmarks)
        {
            var to = Target(bookmark.ActivityId);
            var node = target.Find(to);
            if (node is null || !node.Behaviour.Holds(node, bookmark))
            {
                Refuse(bookmark.ActivityId, to, What(bookmark));
                continue;
            }

            Note(bookmark.ActivityId, to);
        }

        foreach (var scope in state.Scopes)
        {
            var fork = Target(scope.ForkActivityId);
            if (target.Find(fork) is not { Behaviour.StartsBranches: true })
            {
                Refuse(scope.ForkActivityId, fork, "fork");
            }
            else
            {
                Note(scope.ForkActivityId, fork);
            }

            if (scope.JoinActivityId is { } joinId)
            {
                var join = Target(joinId);
                if (target.Find(join) is not { Behaviour.JoinsBranches: true })
                {
                    Refuse(joinId, join, "join");
                }
                else
                {
                    Note(joinId, join);
                }
            }
        }

        foreach (var incident in state.Incidents)
        {
            var to = Target(incident.ActivityId);
            if (target.Find(to) is null)
            {
                Refuse(incident.ActivityId, to, "incident");
            }
            else
            {
                Note(incident.ActivityId, to);
            }
        }

        return new MigrationPlan(moves, errors);
    }

    private static string What(Bookmark bookmark) => bookmark.Kind switch
    {
        BookmarkKind.Task => "task",
        BookmarkKind.Signal => "signal wait",
        BookmarkKind.Job => "job",
        _ => "timer",
    };

    private static string Chinese(string what) => what switch
    {
        "task" => "任务",
        "signal wait" => "信号等待",
        "job" => "作业",
        "fork" => "分支",
        "join" => "汇合",
        "incident" => "故障",
        _ => "定时器",
    };
}
