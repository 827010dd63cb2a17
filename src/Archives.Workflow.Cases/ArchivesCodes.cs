namespace Archives.Workflow.Cases;

/// <summary>
/// The catalogue of the archives domain's refusal codes, grouped by the <see cref="Engine.RefusalKind"/>
/// they are raised with (<see cref="ArchivesException"/>'s factories). <c>Avoidance</c> is forbidden when
/// the actor is avoided and invalid when a delegation names an avoided colleague; identity-number and
/// stored-text codes come from <c>IdentityNumbers</c> and <see cref="StorableText"/>.
/// </summary>
public static class ArchivesCodes
{
    /// <summary>Raised as invalid input (400).</summary>
    public const string AttachmentEmpty = nameof(AttachmentEmpty);

    /// <summary>Raised as invalid input (400).</summary>
    public const string AttachmentTooLarge = nameof(AttachmentTooLarge);

    /// <summary>Raised as invalid input (400).</summary>
    public const string AttachmentType = nameof(AttachmentType);

    /// <summary>Raised as invalid input (400).</summary>
    public const string DistrictRequired = nameof(DistrictRequired);

    /// <summary>Raised as invalid input (400).</summary>
    public const string ExpressMailRefused = nameof(ExpressMailRefused);

    /// <summary>Raised as invalid input (400).</summary>
    public const string FileNotHeld = nameof(FileNotHeld);

    /// <summary>Raised as invalid input (400).</summary>
    public const string InvalidMethod = nameof(InvalidMethod);

    /// <summary>Raised as invalid input (400).</summary>
    public const string InvalidView = nameof(InvalidView);

    /// <summary>Raised as invalid input (400).</summary>
    public const string MalformedCalendar = nameof(MalformedCalendar);

    /// <summary>Raised as invalid input (400).</summary>
    public const string MalformedDefinition = nameof(MalformedDefinition);

    /// <summary>Raised as invalid input (400).</summary>
    public const string MaximumLength = nameof(MaximumLength);

    /// <summary>Raised as invalid input (400).</summary>
    public const string NoSupplement = nameof(NoSupplement);

    /// <summary>Raised as invalid input (400).</summary>
    public const string NotAColleague = nameof(NotAColleague);

    /// <summary>Raised as invalid input (400).</summary>
    public const string NotAReceipt = nameof(NotAReceipt);

    /// <summary>Raised as invalid input (400).</summary>
    public const string NotATransfer = nameof(NotATransfer);

    /// <summary>Raised as invalid input (400).</summary>
    public const string NotAnIdentification = nameof(NotAnIdentification);

    /// <summary>Raised as invalid input (400).</summary>
    public const string OneFileAtATime = nameof(OneFileAtATime);

    /// <summary>Raised as invalid input (400).</summary>
    public const string OutOfRange = nameof(OutOfRange);

    /// <summary>Raised as invalid input (400).</summary>
    public const string OutsideArea = nameof(OutsideArea);

    /// <summary>Raised as invalid input (400).</summary>
    public const string PersonDeceased = nameof(PersonDeceased);

    /// <summary>Raised as invalid input (400).</summary>
    public const string PersonUnknown = nameof(PersonUnknown);

    /// <summary>Raised as invalid input (400).</summary>
    public const string Refused = nameof(Refused);

    /// <summary>Raised as invalid input (400).</summary>
    public const string Required = nameof(Required);

    /// <summary>Raised as invalid input (400).</summary>
    public const string UnknownProcess = nameof(UnknownProcess);

    /// <summary>Raised as invalid input (400).</summary>
    public const string UnknownUser = nameof(UnknownUser);

    /// <summary>Raised as invalid input (400).</summary>
    public const string UnknownVersion = nameof(UnknownVersion);

    /// <summary>Raised as invalid input (400).</summary>
    public const string YearMismatch = nameof(YearMismatch);

    /// <summary>Raised as forbidden (403).</summary>
    public const string AssignedToAnother = nameof(AssignedToAnother);

    /// <summary>Raised as forbidden (403).</summary>
    public const string Avoidance = nameof(Avoidance);

    /// <summary>Raised as forbidden (403).</summary>
    public const string Clearance = nameof(Clearance);

    /// <summary>Raised as forbidden (403).</summary>
    public const string NotAnArchivesInstitution = nameof(NotAnArchivesInstitution);

    /// <summary>Raised as forbidden (403).</summary>
    public const string NotAssignee = nameof(NotAssignee);

    /// <summary>Raised as forbidden (403).</summary>
    public const string NotSignedIn = nameof(NotSignedIn);

    /// <summary>Raised as forbidden (403).</summary>
    public const string NotStaff = nameof(NotStaff);

    /// <summary>Raised as forbidden (403).</summary>
    public const string OutOfArea = nameof(OutOfArea);

    /// <summary>Raised as forbidden (403).</summary>
    public const string OutOfScope = nameof(OutOfScope);

    /// <summary>Raised as forbidden (403).</summary>
    public const string Role = nameof(Role);

    /// <summary>Raised as forbidden (403).</summary>
    public const string SupervisorOnly = nameof(SupervisorOnly);

    /// <summary>Raised as not found (404).</summary>
    public const string NotFound = nameof(NotFound);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string AssigneeChanged = nameof(AssigneeChanged);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string Concurrent = nameof(Concurrent);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string FileAlreadyHeld = nameof(FileAlreadyHeld);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string FileNotInCustody = nameof(FileNotInCustody);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string NoFile = nameof(NoFile);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string NotPublished = nameof(NotPublished);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string PersonExists = nameof(PersonExists);

    /// <summary>Raised as conflicts with the current state (409).</summary>
    public const string TaskNotOpen = nameof(TaskNotOpen);
}
