using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Tests.Processes;

/// <summary>
/// The definitions keep the names DOMAIN.md gives (task ids, roles, outcomes, working-day limits,
/// signals, milestones): simulations, API clients and the UI rely on them.
/// </summary>
public class DomainContractTests
{
    private static readonly Dictionary<string, (string Task, string Role, string[] Outcomes, int? WorkingDays)[]> Tasks = new()
    {
        ["unemployed-file-receipt"] =
        [
            ("check-application", Roles.Caseworker, ["Accept", "RequestSupplement", "Reject"], 2),
            ("decide-overdue-file", Roles.Supervisor, ["KeepWaiting", "Close"], null),
            ("verify-file", Roles.Caseworker, ["Complete", "MissingNonEssential", "Return"], 5),
        ],
        ["dismissed-civil-servant-file-receipt"] =
        [
            ("pre-check", Roles.Caseworker, ["Accept", "RequestSupplement", "Reject"], 2),
            ("section-approval", Roles.Supervisor, ["Approve", "SendBack", "Reject"], 2),
            ("decide-overdue-file", Roles.Supervisor, ["KeepWaiting", "Close"], null),
            ("verify-file", Roles.Caseworker, ["Complete", "Return"], 5),
        ],
        ["file-identification"] =
        [
            ("preliminary-examination", Roles.Caseworker, ["ResolveDirectly", "JointReview", "NotApplicable"], 5),
            ("unemployment-insurance-check", Roles.LiaisonOfficer, ["Confirmed", "Discrepancy", "NotApplicable"], 10),
            ("pension-insurance-check", Roles.LiaisonOfficer, ["Confirmed", "Discrepancy", "NotApplicable"], 10),
            ("medical-security-check", Roles.LiaisonOfficer, ["Confirmed", "Discrepancy", "NotApplicable"], 10),
            ("identification-conclusion", Roles.Supervisor, ["Confirmed", "Corrected", "Unresolvable"], 5),
        ],
        ["departure-file-transfer"] =
        [
            ("confirm-conclusion", Roles.Caseworker, ["Confirmed", "RequestDocuments"], 2),
            ("confidentiality-review", Roles.ConfidentialityOfficer, ["Cleared", "IssuesFound"], 5),
            ("resolve-confidentiality-issues", Roles.Caseworker, ["Resolved"], null),
            ("prepare-file", Roles.Caseworker, ["Dispatched"], null),
            ("investigate-missing-receipt", Roles.Supervisor, ["KeepWaiting", "Resolved"], null),
        ],
        ["certificate-issuance"] =
        [
            ("check-request", Roles.Caseworker, ["Accept", "Reject"], null),
            ("extract-facts", Roles.Caseworker, ["Extracted", "NotInFile"], null),
            ("approve-certificate", Roles.Supervisor, ["Approve", "SendBack"], null),
        ],
        ["political-vetting"] =
        [
            ("check-request", Roles.Caseworker, ["Accept", "Reject"], null),
            ("review-file", Roles.Caseworker, ["Prepared", "IssuesFound"], null),
            ("supervisor-review", Roles.Supervisor, ["Approve", "SendBack"], null),
            ("confidentiality-review", Roles.ConfidentialityOfficer, ["Cleared", "Withhold"], null),
        ],
        ["deceased-file-handling"] =
        [
            ("record-death", Roles.Caseworker, ["Confirm", "Reject"], 2),
            ("confidentiality-review", Roles.ConfidentialityOfficer, ["Cleared"], 5),
            ("prepare-handover", Roles.Caseworker, ["Dispatched"], 5),
        ],
    };

    private static readonly Dictionary<string, string[]> Signals = new()
    {
        ["unemployed-file-receipt"] = ["SupplementProvided", "FileArrived"],
        ["dismissed-civil-servant-file-receipt"] = ["SupplementProvided", "FileArrived"],
        ["file-identification"] = ["UnitReplied"],
        ["departure-file-transfer"] = ["DocumentsProvided", "ReceiptReturned"],
        ["certificate-issuance"] = [],
        ["political-vetting"] = [],
        ["deceased-file-handling"] = ["HandoverReceiptReturned"],
    };

    private static readonly Dictionary<string, string[]> Milestones = new()
    {
        ["unemployed-file-receipt"] = ["Withdrawn", "Rejected", "AwaitingFile", "Closed", "Returned", "InCustody"],
        ["dismissed-civil-servant-file-receipt"] = ["Withdrawn", "Rejected", "AwaitingFile", "Closed", "Returned", "InCustody"],
        ["file-identification"] = ["UnderExamination", "NotApplicable", "JointReview", "Identified", "Unresolvable"],
        ["departure-file-transfer"] = ["UnderReview", "Withdrawn", "InTransit", "TransferredOut"],
        ["certificate-issuance"] = ["UnderReview", "Rejected", "NotIssued", "Issued"],
        ["political-vetting"] = ["UnderReview", "Rejected", "Provided"],
        ["deceased-file-handling"] = ["UnderReview", "Rejected", "KeptAfterDeath", "HandingOver", "HandedOver"],
    };

    private static string[] Processes() => Samples.DefinitionIds;

    [TestCaseSource(nameof(Processes))]
    public void Every_shipped_definition_is_valid(string id)
    {
        var problems = new WorkflowDefinitionValidator().Check(Samples.Definition(id));

        Assert.That(problems, Is.Empty);
    }

    [TestCaseSource(nameof(Processes))]
    public void Tasks_have_the_ids_roles_outcomes_and_time_limits_of_the_domain(string id)
    {
        var activities = Samples.Definition(id).Root.Activities;
        var tasks = activities.Where(a => a.Type == ActivityTypes.UserTask).ToList();

        Assert.That(tasks.Select(t => t.Id), Is.EquivalentTo(Tasks[id].Select(t => t.Task)));
        foreach (var (taskId, role, outcomes, workingDays) in Tasks[id])
        {
            var task = tasks.Single(t => t.Id == taskId);
            Assert.That(task.Role, Is.EqualTo(role), taskId);
            Assert.That(task.Outcomes, Is.EqualTo(outcomes), taskId);
            if (workingDays is { } days)
            {
                Assert.That(task.DueIn?.WorkingDays, Is.EqualTo(days), taskId);
            }
            else
            {
                Assert.That(task.DueIn, Is.Not.Null, $"{taskId} has a due date");
            }
        }
    }

    [TestCaseSource(nameof(Processes))]
    public void Signals_and_milestones_have_the_names_of_the_domain(string id)
    {
        var activities = Samples.Definition(id).Root.Activities;

        Assert.That(activities.Where(a => a.Type == ActivityTypes.WaitForSignal).Select(a => a.Signal).Distinct(), Is.EquivalentTo(Signals[id]));
        Assert.That(activities.Where(a => a.Type == ActivityTypes.Milestone).Select(a => a.Milestone).Distinct(), Is.EquivalentTo(Milestones[id]));
    }

    [TestCaseSource(nameof(Processes))]
    public void Every_task_has_a_bilingual_title_a_comment_and_a_reason_rule_where_it_can_refuse(string id)
    {
        foreach (var task in Samples.Definition(id).Root.Activities.Where(a => a.Type == ActivityTypes.UserTask))
        {
            Assert.That(task.Title!.HasLanguage("zh-CN") && task.Title.HasLanguage("en"), Is.True, task.Id);
            Assert.That(task.Form!.Any(f => f.Name == "comment" && !f.Required), Is.True, $"{task.Id} has an optional comment");
            foreach (var outcome in task.Outcomes!.Intersect(["Reject", "Refuse", "Return", "Close"]))
            {
                Assert.That(task.Rules!.Any(r => r.Field == "reason" && r.Outcomes!.Contains(outcome)), Is.True, $"{task.Id}: {outcome} requires a reason");
            }
        }
    }

    [TestCaseSource(nameof(Processes))]
    public void Every_activity_has_its_own_place_on_the_diagram(string id)
    {
        var positions = Samples.Definition(id).Root.Activities.Select(a => a.Metadata?.Designer?.Position).ToList();

        Assert.That(positions, Has.None.Null);
        Assert.That(positions.Distinct().Count(), Is.EqualTo(positions.Count));
    }

    [TestCaseSource(nameof(Processes))]
    public void Names_and_titles_are_given_in_both_languages(string id)
    {
        var definition = Samples.Definition(id);

        Assert.That(definition.Name.HasLanguage("zh-CN") && definition.Name.HasLanguage("en"), Is.True);
        Assert.That(definition.Description!.HasLanguage("zh-CN") && definition.Description.HasLanguage("en"), Is.True);
        foreach (var activity in definition.Root.Activities.Where(a => a.Type is ActivityTypes.BackgroundJob or ActivityTypes.Milestone))
        {
            Assert.That(activity.Title!.HasLanguage("zh-CN") && activity.Title.HasLanguage("en"), Is.True, activity.Id);
        }
    }
}
