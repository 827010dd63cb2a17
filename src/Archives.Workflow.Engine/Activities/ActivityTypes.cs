namespace Archives.Workflow.Engine.Activities;

/// <summary>The activity type names a definition may use.</summary>
public static class ActivityTypes
{
    public const string Start = "Start";
    public const string End = "End";
    public const string Finish = "Finish";
    public const string UserTask = "UserTask";
    public const string Decision = "Decision";
    public const string Switch = "Switch";
    public const string Fork = "Fork";
    public const string Join = "Join";
    public const string Timer = "Timer";
    public const string WaitForSignal = "WaitForSignal";
    public const string BackgroundJob = "BackgroundJob";
    public const string SetVariable = "SetVariable";
    public const string Milestone = "Milestone";
}

/// <summary>Well-known port names.</summary>
public static class Ports
{
    public const string In = "In";
    public const string Done = "Done";
    public const string True = "True";
    public const string False = "False";
    public const string Default = "Default";
    public const string Failed = "Failed";
    public const string Timeout = "Timeout";
}

/// <summary>Modes of a Join.</summary>
public static class JoinModes
{
    public const string WaitAll = "WaitAll";
    public const string WaitAny = "WaitAny";
}

/// <summary>Roles a UserTask may be assigned to.</summary>
public static class Roles
{
    public const string Caseworker = "Caseworker";
    public const string Supervisor = "Supervisor";
    public const string ConfidentialityOfficer = "ConfidentialityOfficer";
    public const string LiaisonOfficer = "LiaisonOfficer";
    public const string Administrator = "Administrator";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All =
        [Caseworker, Supervisor, ConfidentialityOfficer, LiaisonOfficer, Administrator, Auditor];
}

/// <summary>Priorities of a UserTask.</summary>
public static class Priorities
{
    public static readonly IReadOnlyList<string> All = ["Low", "Normal", "High", "Urgent"];
}
