namespace Archives.Workflow.Cases;

/// <summary>
/// The catalogue of the archives domain's refusal codes, grouped by the <see cref="Engine.RefusalKind"/>
/// they are raised with (<see cref="ArchivesException"/>'s factories) and, within a kind, by subject.
/// <c>Avoidance</c> is forbidden when the actor is avoided and invalid when a delegation names an avoided
/// colleague. Identity-number codes come from <c>IdentityNumbers</c>, stored-text codes from
/// <see cref="StorableText"/>, a FluentValidation rule's code from <see cref="ValidationMessages"/>.
/// </summary>
public static class ArchivesCodes
{
    /// <summary>Invalid (400): a scan handed in.</summary>
    public const string AttachmentEmpty = nameof(AttachmentEmpty), AttachmentTooLarge = nameof(AttachmentTooLarge), AttachmentType = nameof(AttachmentType), OneFileAtATime = nameof(OneFileAtATime);

    /// <summary>Invalid (400): a case started, a person or file looked up, a transfer recorded.</summary>
    public const string UnknownProcess = nameof(UnknownProcess), DistrictRequired = nameof(DistrictRequired), OutsideArea = nameof(OutsideArea), PersonUnknown = nameof(PersonUnknown),
        PersonDeceased = nameof(PersonDeceased), FileNotHeld = nameof(FileNotHeld), ExpressMailRefused = nameof(ExpressMailRefused), InvalidMethod = nameof(InvalidMethod);

    /// <summary>Invalid (400): a service started on a held file (a unit's credit code, a handover of a file that stays here) or a fact citing a material the file lacks.</summary>
    public const string InvalidCreditCode = nameof(InvalidCreditCode), NotHeroOrModel = nameof(NotHeroOrModel), UnknownMaterial = nameof(UnknownMaterial);

    /// <summary>Invalid (400): a case's <c>channel</c> that is not Counter, Online or InterProvincial.</summary>
    public const string InvalidChannel = nameof(InvalidChannel);

    /// <summary>Invalid (400): an entrustment agreement signed other than at the Counter or Online.</summary>
    public const string InvalidVia = nameof(InvalidVia);

    /// <summary>Invalid (400): an action the case's process does not take.</summary>
    public const string NotAReceipt = nameof(NotAReceipt), NotATransfer = nameof(NotATransfer), NotAnIdentification = nameof(NotAnIdentification), NoSupplement = nameof(NoSupplement);

    /// <summary>Invalid (400): a task delegated.</summary>
    public const string UnknownUser = nameof(UnknownUser), NotAColleague = nameof(NotAColleague);

    /// <summary>Invalid (400): a task form's draft saved.</summary>
    public const string DraftTooLarge = nameof(DraftTooLarge), DraftValueInvalid = nameof(DraftValueInvalid);

    /// <summary>Invalid (400): a request's values.</summary>
    public const string Required = nameof(Required), MaximumLength = nameof(MaximumLength), OutOfRange = nameof(OutOfRange), InvalidView = nameof(InvalidView),
        UnknownVersion = nameof(UnknownVersion), YearMismatch = nameof(YearMismatch), MalformedCalendar = nameof(MalformedCalendar), MalformedDefinition = nameof(MalformedDefinition), Refused = nameof(Refused);

    /// <summary>Invalid (400): a request's values, named by the validator rule that refused them.</summary>
    public const string Invalid = nameof(Invalid), InvalidCategory = nameof(InvalidCategory), SubClassRequired = nameof(SubClassRequired), InvalidSubClass = nameof(InvalidSubClass),
        NoSubClass = nameof(NoSubClass), FormedInFuture = nameof(FormedInFuture), OriginalsOnly = nameof(OriginalsOnly), InvalidSha256 = nameof(InvalidSha256),
        InvalidIdentityNumber = nameof(InvalidIdentityNumber), BirthDateMismatch = nameof(BirthDateMismatch), GenderMismatch = nameof(GenderMismatch), InFuture = nameof(InFuture);

    /// <summary>Invalid (400), from the HTTP edge: a request that cannot be read, or text that cannot be stored (a lone surrogate, a control character).</summary>
    public const string MalformedRequest = nameof(MalformedRequest), ControlCharacter = nameof(ControlCharacter);

    /// <summary>Signing in: a wrong user name or password (401 Unauthorized), an account locked after too many failures (423 Locked).</summary>
    public const string SignInFailed = nameof(SignInFailed), LockedOut = nameof(LockedOut);

    /// <summary>Forbidden (403): who the actor is and what they may see.</summary>
    public const string NotSignedIn = nameof(NotSignedIn), NotStaff = nameof(NotStaff), Role = nameof(Role), OutOfScope = nameof(OutOfScope), Avoidance = nameof(Avoidance), Clearance = nameof(Clearance);

    /// <summary>Forbidden (403): what the actor's institution or position allows.</summary>
    public const string OutOfArea = nameof(OutOfArea), NotAnArchivesInstitution = nameof(NotAnArchivesInstitution), SupervisorOnly = nameof(SupervisorOnly), AssignedToAnother = nameof(AssignedToAnother), NotAssignee = nameof(NotAssignee);

    /// <summary>Not found (404), or not visible to the actor.</summary>
    public const string NotFound = nameof(NotFound);

    /// <summary>Conflict (409): the state changed first, or does not allow it.</summary>
    public const string TaskNotOpen = nameof(TaskNotOpen), AssigneeChanged = nameof(AssigneeChanged), Concurrent = nameof(Concurrent), NotPublished = nameof(NotPublished),
        PersonExists = nameof(PersonExists), FileAlreadyHeld = nameof(FileAlreadyHeld), FileNotInCustody = nameof(FileNotInCustody), NoFile = nameof(NoFile),
        Duplicate = nameof(Duplicate);

    /// <summary>Conflict (409): a new process named with the id of one that exists.</summary>
    public const string ProcessExists = nameof(ProcessExists);

    /// <summary>Conflict (409): a verification of the same scope is already queued or running.</summary>
    public const string VerificationRunning = nameof(VerificationRunning);

    /// <summary>Consultation, loans and filing: too few requesters, a non-member for a former cadre's file, a shown material not in the file, an action the process does not take (400); a file on loan, or not on loan when its return is recorded (409).</summary>
    public const string TooFewRequesters = nameof(TooFewRequesters), PartyMembersOnly = nameof(PartyMembersOnly), FileOnLoan = nameof(FileOnLoan), FileNotOnLoan = nameof(FileNotOnLoan), FileBeingTransferred = nameof(FileBeingTransferred),
        MaterialNotInFile = nameof(MaterialNotInFile), NotAConsultation = nameof(NotAConsultation), NotAFiling = nameof(NotAFiling);

    /// <summary>Documents cannot be printed: the CJK font the PDF embeds is not installed (503).</summary>
    public const string DocumentFontMissing = nameof(DocumentFontMissing);

    /// <summary>Too many requests from one client address within the window, such as document checks (429).</summary>
    public const string TooManyRequests = nameof(TooManyRequests);

    /// <summary>Internal server error (500): nothing the request could have avoided; the failure is logged whole.</summary>
    public const string ServerError = nameof(ServerError);
}
