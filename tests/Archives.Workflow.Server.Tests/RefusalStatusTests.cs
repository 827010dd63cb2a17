using Archives.Workflow.Cases;
using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Elsa;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Server.Hosting;

namespace Archives.Workflow.Server.Tests;

/// <summary>Every family of refusal reaches the client with the status of its kind, its code and the fields at fault.</summary>
public sealed class RefusalStatusTests
{
    private static IEnumerable<TestCaseData> Families()
    {
        yield return Case("A stimulus for a task already completed", new StimulusRejectedException(ErrorCodes.TaskNotOpen, "The task review-1 is Completed.", "review"), 409);
        yield return Case("Form data a task refuses", new StimulusRejectedException(ErrorCodes.InvalidFormData, "'review' refused the data.", "review",
            [new FieldError("comment", "MaximumLength", LocalizedText.Of("意见最多 500 字。", "The comment is at most 500 characters."))]), 400);
        yield return Case("A definition that does not validate", new DefinitionInvalidException([new DefinitionProblem("review", "outcomes", "Required", "A UserTask needs at least one outcome.")]), 400);
        yield return Case("An expression that broke the sandbox", new ExpressionException("ExpressionTimeout", "while (true) {}", "The expression ran longer than 200 ms."), 400);
        yield return Case("An Elsa file that cannot be converted", new ElsaImportException([new ElsaImportProblem("审核🗂", "Elsa.Unknown", "UnknownActivityType", "The activity type Elsa.Unknown has no counterpart.")]), 400);
        yield return Case("Two bursts on one case at once", new WorkflowConflictException("unemployed-file-receipt-7f3a"), 409);
        yield return Case("A case that does not exist", new WorkflowNotFoundException("No instance nobody\0here."), 404);
        yield return Case("A change to a published version", new DefinitionLockedException("Version 2 of unemployed-file-receipt is published and cannot change."), 409);
        yield return Case("A draft saved meanwhile by another administrator", new DraftConflictException("unemployed-file-receipt", 2, 5, "bj.admin", new DateTimeOffset(2026, 12, 1, 10, 15, 30, TimeSpan.Zero).AddTicks(1234567)), 409);
        yield return Case("A schedule with a day listed twice", new CalendarInvalidException(2027, [new CalendarProblem("DuplicateDay", new DateOnly(2027, 1, 5), LocalizedText.Of("2027-01-05 重复。", "2027-01-05 is listed twice."), "workingWeekends[0]")]), 400);
        yield return Case("Another district's person", ArchivesException.Forbidden(ArchivesCodes.OutOfScope, "This person's file and cases are outside your institution's scope."), 403);
        yield return Case("A bilingual domain refusal of a field", ArchivesException.Invalid(ArchivesCodes.Required, "trackingNumber", LocalizedText.Of("机要编号或运单号必填。", "The tracking number is required.")), 400);
    }

    private static TestCaseData Case(string name, RefusalException refusal, int status) =>
        new TestCaseData(refusal, status).SetName($"{name} ({refusal.GetType().Name}) is answered {status}");

    [TestCaseSource(nameof(Families))]
    public async Task A_refusal_is_answered_with_the_status_of_its_kind_its_code_and_its_fields(RefusalException refusal, int status)
    {
        var (answered, body, _) = await ProblemExceptionHandlerTests.HandleWithHeadersAsync(refusal);

        Assert.That(answered, Is.EqualTo(status));
        Assert.That(answered, Is.EqualTo(ProblemExceptionHandler.StatusOf(refusal.Kind)));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo(refusal.Code));
        Assert.That(body.TryGetProperty("activity", out var activity) ? activity.GetString() : null, Is.EqualTo(refusal.ActivityId));
        var fields = body.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];
        Assert.That(fields, Is.EqualTo(refusal.Errors.Select(f => f.Field).Distinct().ToList()));
    }

    [Test]
    public void Every_refusal_family_of_the_engine_runtime_and_domain_is_among_the_cases_above()
    {
        var families = new[] { typeof(RefusalException).Assembly, typeof(WorkflowNotFoundException).Assembly, typeof(ArchivesException).Assembly, typeof(ProblemExceptionHandler).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsSubclassOf(typeof(RefusalException)) && !t.IsAbstract)
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var covered = Families().Select(c => c.Arguments[0]!.GetType().Name).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.That(covered, Is.EqualTo(families));
    }

    [Test]
    public void A_bilingual_refusal_reads_as_both_languages_in_one_line_and_per_language_on_a_page()
    {
        var refusal = ArchivesException.Invalid(ArchivesCodes.Required, "trackingNumber", LocalizedText.Of("机要编号或运单号必填。", "The tracking number is required."));

        Assert.That(refusal.Message, Is.EqualTo("机要编号或运单号必填。 The tracking number is required."));
        Assert.That(refusal.Text.Get(LocalizedText.English), Is.EqualTo("The tracking number is required."));
        Assert.That(refusal.Text.Get(LocalizedText.Chinese), Is.EqualTo("机要编号或运单号必填。"));
    }

    [TestCase(RefusalKind.Invalid, 400)]
    [TestCase(RefusalKind.Forbidden, 403)]
    [TestCase(RefusalKind.NotFound, 404)]
    [TestCase(RefusalKind.Conflict, 409)]
    [TestCase(RefusalKind.Unavailable, 503)]
    public void Each_kind_has_one_status(RefusalKind kind, int status) =>
        Assert.That(ProblemExceptionHandler.StatusOf(kind), Is.EqualTo(status));
}
