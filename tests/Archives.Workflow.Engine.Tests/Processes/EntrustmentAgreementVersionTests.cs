using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Tests.Processes;

/// <summary>
/// v2 of the two receipts: once the file is registered the entrustment agreement is issued and the case waits for
/// <c>AgreementSigned</c>, with reminders and a follow-up task; a supplement request must list what is missing; the
/// channel is a required start input. v2 keeps every activity of v1 so that a waiting v1 case can move to it.
/// </summary>
public class EntrustmentAgreementVersionTests
{
    private static readonly string[] Receipts = ["unemployed-file-receipt", "dismissed-civil-servant-file-receipt"];

    private static readonly Dictionary<string, string> FirstCheck = new()
    {
        ["unemployed-file-receipt"] = "check-application",
        ["dismissed-civil-servant-file-receipt"] = "pre-check",
    };

    [TestCaseSource(nameof(Receipts))]
    public void The_second_version_is_valid_and_keeps_every_activity_of_the_first(string id)
    {
        var v1 = Samples.Definition(id);
        var v2 = Samples.Definition(id, 2);

        Assert.That(new WorkflowDefinitionValidator().Check(v2), Is.Empty);
        Assert.That(v2.Version, Is.EqualTo(2));
        Assert.That(v2.Root.Activities.Select(a => a.Id), Is.SupersetOf(v1.Root.Activities.Select(a => a.Id)));
        Assert.That(v2.Root.Activities.Where(a => v1.Root.Activities.Any(o => o.Id == a.Id)).Select(a => a.Type),
            Is.EqualTo(v1.Root.Activities.Select(a => a.Type)), "every kept activity keeps its type");
    }

    [TestCaseSource(nameof(Receipts))]
    public void The_agreement_follow_up_and_signal_have_the_names_the_domain_gives(string id)
    {
        var activities = Samples.Definition(id, 2).Root.Activities;
        var followUp = activities.Single(a => a.Id == "follow-up-agreement");

        Assert.That((followUp.Type, followUp.Role, followUp.Outcomes), Is.EqualTo((ActivityTypes.UserTask, Roles.Caseworker, (IReadOnlyList<string>)["KeepWaiting", "RecordRefusal"])));
        Assert.That(activities.Single(a => a.Id == "wait-agreement-signed").Signal, Is.EqualTo("AgreementSigned"));
        Assert.That(activities.Where(a => a.Type == ActivityTypes.Timer).Where(a => a.Id.StartsWith("agreement-", StringComparison.Ordinal))
            .Select(a => a.Delay!.WorkingDays), Is.EqualTo(new int?[] { 10, 10, 10 }), "reminders after 10 and 20 working days, the follow-up after 30");
        var channel = Samples.Definition(id, 2).Inputs.Single(i => i.Name == "channel");
        Assert.That((channel.Type, channel.Required, channel.Choices!.Select(c => c.Value)), Is.EqualTo(("Choice", false, (IEnumerable<string>)["Counter", "Online", "InterProvincial"])),
            "a start without a channel is recorded as at the counter");
    }

    [TestCaseSource(nameof(Receipts))]
    public void A_signed_agreement_ends_the_case_in_custody_after_the_agreement_was_issued_and_recorded(string id)
    {
        var result = Samples.Run(id, "v2/agreement-signed.json");

        Assert.That(result.Failure, Is.Null);
        Assert.That((result.Status, result.Milestone), Is.EqualTo((WorkflowStatus.Completed, "InCustody")));
        var jobs = result.Journal.Where(e => e.Type == JournalEventTypes.JobSucceeded).Select(e => e.ActivityId).ToList();
        Assert.That(jobs, Does.Contain("issue-entrustment-agreement").And.Contain("record-agreement-signed").And.No.Contain("record-agreement-refused"));
        Assert.That(jobs.IndexOf("issue-entrustment-agreement"), Is.GreaterThan(jobs.IndexOf("register-file")));
        var agreementRefusals = result.Refusals.TakeLast(3).ToList();
        Assert.That(agreementRefusals.Take(2).Select(r => (r.Code, r.Errors[0].Field)), Is.EqualTo(new[] { ("InvalidSignalData", "signedBy"), ("InvalidSignalData", "via") }),
            "a signature without the signer and one by post are refused");
        Assert.That(agreementRefusals[2].Step, Is.EqualTo(result.Refusals.Max(r => r.Step)), "a second signature after the case ended is refused too");
    }

    [TestCaseSource(nameof(Receipts))]
    public void Thirty_working_days_unsigned_open_the_follow_up_and_keep_waiting_goes_on_waiting_for_the_signature(string id)
    {
        var result = Samples.Run(id, "v2/agreement-follow-up-keep-waiting-then-signed.json");

        Assert.That(result.Failure, Is.Null);
        Assert.That((result.Status, result.Milestone), Is.EqualTo((WorkflowStatus.Completed, "InCustody")));
        Assert.That(result.Journal.Count(e => e.Type == JournalEventTypes.JobSucceeded && e.ActivityId is "remind-agreement-1" or "remind-agreement-2"), Is.EqualTo(2));
    }

    [TestCaseSource(nameof(Receipts))]
    public void A_recorded_refusal_needs_a_reason_and_ends_the_case_in_custody(string id)
    {
        var result = Samples.Run(id, "v2/agreement-refusal-recorded.json");

        Assert.That(result.Failure, Is.Null);
        Assert.That((result.Status, result.Milestone), Is.EqualTo((WorkflowStatus.Completed, "InCustody")));
        Assert.That(result.Refusals.Take(2).SelectMany(r => r.Errors).Select(e => (e.Field, e.Code)).Distinct(), Is.EqualTo(new[] { ("reason", "ReasonRequired") }));
        Assert.That(result.Journal.Any(e => e.ActivityId == "record-agreement-refused"), Is.True);
    }

    [TestCaseSource(nameof(Receipts))]
    public void A_supplement_request_listing_nothing_is_refused_by_the_form_rule_in_both_languages(string id)
    {
        var result = Samples.Run(id, "v2/request-supplement-then-accept.json");

        Assert.That(result.Failure, Is.Null);
        var errors = result.Refusals.Take(2).Select(r => r.Errors.Single()).ToList();
        Assert.That(errors.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { ("supplementItems", "SupplementItemsRequired"), ("supplementItems", "SupplementItemsRequired") }));
        Assert.That(errors[0].Message.Get("zh-CN"), Is.EqualTo("要求补正材料必须列明需补正的材料。"));
        Assert.That(errors[0].Message.Get("en"), Is.EqualTo("Requesting a supplement requires the missing items to be listed."));
        Assert.That(result.Journal.Count(e => e.Type == JournalEventTypes.TaskCompleted && e.ActivityId == FirstCheck[id]), Is.EqualTo(2),
            "the refused requests left no trace; the accepted request and the later acceptance did");
    }

    [TestCaseSource(nameof(Receipts))]
    public void The_first_version_keeps_accepting_a_supplement_request_that_lists_nothing(string id)
    {
        var script = $$"""[{ "complete": "{{FirstCheck[id]}}", "outcome": "RequestSupplement", "data": {} }, { "expect": { "status": "Suspended", "openTasks": [] } }]""";

        var result = new Simulator(Samples.Workflow(id), new SimulationOptions { Calendar = Samples.Calendar }).Run(Samples.Input(id), SimulationStep.ParseScript(script));

        Assert.That((result.Failure, result.Refusals.Count), Is.EqualTo(((string?)null, 0)), "v1 cases go on under v1's rules");
    }
}
