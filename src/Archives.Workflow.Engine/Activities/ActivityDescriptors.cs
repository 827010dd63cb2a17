using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Engine.Activities;

/// <summary>The registry of activity descriptors, one per type in <see cref="ActivityTypes"/>.</summary>
public static class ActivityDescriptors
{
    private static readonly PropertyDescriptor TitleProperty = new("title", "LocalizedText");

    public static IReadOnlyList<ActivityDescriptor> All { get; } =
    [
        new()
        {
            Type = ActivityTypes.Start, Category = "Flow", IsEntry = true,
            DisplayName = LocalizedText.Of("开始", "Start"),
            Description = LocalizedText.Of("案件从这里开始。", "Where a case begins."),
            FixedPorts = [Ports.Done],
        },
        new()
        {
            Type = ActivityTypes.End, Category = "Flow", IsTerminal = true,
            DisplayName = LocalizedText.Of("结束分支", "End"),
            Description = LocalizedText.Of("结束这一条路径；其他路径继续。", "Ends this path; other paths go on."),
        },
        new()
        {
            Type = ActivityTypes.Finish, Category = "Flow", IsTerminal = true,
            DisplayName = LocalizedText.Of("办结", "Finish"),
            Description = LocalizedText.Of("结束整个案件并撤销所有未完成的工作。", "Ends the whole case and cancels all open work."),
        },
        new()
        {
            Type = ActivityTypes.UserTask, Category = "People",
            DisplayName = LocalizedText.Of("人工任务", "User task"),
            Description = LocalizedText.Of("由某一角色或经办人完成的审批步骤。", "An approval step done by a role or an assignee."),
            DynamicPorts = a => a.Outcomes ?? [],
            ConditionalPorts = a => a.EscalateAfter is null ? [] : [Ports.Timeout],
            Properties =
            [
                TitleProperty,
                new("role", "Choice", Choices: Roles.All),
                new("assignee", "Expression", AcceptsExpression: true),
                new("outcomes", "StringList", Required: true),
                new("dueIn", "TimeSpec", AcceptsExpression: true),
                new("priority", "Choice", Choices: Priorities.All),
                new("form", "Form"),
                new("rules", "Rules", AcceptsExpression: true),
                new("reminders", "TimeSpecList", AcceptsExpression: true),
                new("escalateAfter", "TimeSpec", AcceptsExpression: true),
                new("outputVariable", "Variable"),
            ],
        },
        new()
        {
            Type = ActivityTypes.Decision, Category = "Flow",
            DisplayName = LocalizedText.Of("判断", "Decision"),
            Description = LocalizedText.Of("条件成立走“是”，否则走“否”。", "Takes True when the condition holds, otherwise False."),
            FixedPorts = [Ports.True, Ports.False],
            OptionalPorts = [Ports.True, Ports.False],
            Properties = [new("condition", "Expression", Required: true, AcceptsExpression: true)],
        },
        new()
        {
            Type = ActivityTypes.Switch, Category = "Flow",
            DisplayName = LocalizedText.Of("多路选择", "Switch"),
            Description = LocalizedText.Of("走第一个条件成立的分支，否则走默认。", "Takes the first case whose condition holds, otherwise Default."),
            DynamicPorts = a => [.. (a.Cases ?? []).Select(c => c.Name), Ports.Default],
            OptionalPorts = [Ports.Default],
            Properties = [new("cases", "Cases", Required: true, AcceptsExpression: true)],
        },
        new()
        {
            Type = ActivityTypes.Fork, Category = "Flow",
            DisplayName = LocalizedText.Of("并行分支", "Fork"),
            Description = LocalizedText.Of("同时开始所有分支。", "Starts every branch at once."),
            DynamicPorts = a => a.Branches ?? [],
            Properties = [new("branches", "StringList", Required: true)],
        },
        new()
        {
            Type = ActivityTypes.Join, Category = "Flow",
            DisplayName = LocalizedText.Of("汇合", "Join"),
            Description = LocalizedText.Of("等待全部分支（WaitAll）或第一个分支（WaitAny，并撤销其余分支）。",
                "Waits for all branches (WaitAll) or the first one (WaitAny, cancelling the others)."),
            FixedPorts = [Ports.Done],
            Properties = [new("mode", "Choice", Required: true, Choices: [JoinModes.WaitAll, JoinModes.WaitAny])],
        },
        new()
        {
            Type = ActivityTypes.Timer, Category = "Time",
            DisplayName = LocalizedText.Of("定时", "Timer"),
            Description = LocalizedText.Of("等待一段时间（工作日、日历时间或计算出的时刻）。",
                "Waits for working days, calendar time or a computed instant."),
            FixedPorts = [Ports.Done],
            Properties = [new("delay", "TimeSpec", Required: true, AcceptsExpression: true)],
        },
        new()
        {
            Type = ActivityTypes.WaitForSignal, Category = "Events",
            DisplayName = LocalizedText.Of("等待信号", "Wait for signal"),
            Description = LocalizedText.Of("等待本案件的具名信号，可设超时。", "Waits for a named signal of the case, with an optional timeout."),
            FixedPorts = [Ports.Done],
            ConditionalPorts = a => a.Timeout is null ? [] : [Ports.Timeout],
            Properties =
            [
                new("signal", "Text", Required: true),
                new("timeout", "TimeSpec", AcceptsExpression: true),
                new("form", "Form"),
                new("rules", "Rules", AcceptsExpression: true),
                new("outputVariable", "Variable"),
            ],
        },
        new()
        {
            Type = ActivityTypes.BackgroundJob, Category = "Jobs",
            DisplayName = LocalizedText.Of("后台作业", "Background job"),
            Description = LocalizedText.Of("运行一个具名作业（出具文书、发送通知等），可重试。",
                "Runs a named job (issue a document, send a notice…) with retries."),
            FixedPorts = [Ports.Done, Ports.Failed],
            OptionalPorts = [Ports.Failed],
            Properties =
            [
                TitleProperty,
                new("job", "Text", Required: true),
                new("input", "InputMap", AcceptsExpression: true),
                new("outputVariable", "Variable"),
                new("retry", "Retry"),
            ],
        },
        new()
        {
            Type = ActivityTypes.SetVariable, Category = "Data",
            DisplayName = LocalizedText.Of("设置变量", "Set variable"),
            Description = LocalizedText.Of("给变量赋值。", "Assigns a value to a variable."),
            FixedPorts = [Ports.Done],
            Properties =
            [
                new("variable", "Variable", Required: true),
                new("value", "Expression", Required: true, AcceptsExpression: true),
            ],
        },
        new()
        {
            Type = ActivityTypes.Milestone, Category = "Data",
            DisplayName = LocalizedText.Of("里程碑", "Milestone"),
            Description = LocalizedText.Of("标记案件的业务状态。", "Names a business status of the case."),
            FixedPorts = [Ports.Done],
            Properties = [new("milestone", "Text", Required: true), TitleProperty],
        },
    ];

    private static readonly Dictionary<string, ActivityDescriptor> ByType =
        All.ToDictionary(d => d.Type, StringComparer.Ordinal);

    public static ActivityDescriptor? Find(string? type) => type is null ? null : ByType.GetValueOrDefault(type);

    public static ActivityDescriptor Get(string type) =>
        Find(type) ?? throw new ArgumentException($"Unknown activity type '{type}'.", nameof(type));
}
