using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Engine.Tests.Processes;

/// <summary>
/// File consultation (with loans) and materials filing keep the names DOMAIN.md gives them, and every sample
/// script beside them — one per outcome and per timeout — ends where it says. A script runs with the start input
/// beside it, <c>input-&lt;script&gt;.json</c> (a loan's, a classified request's), or <c>input.json</c>.
/// </summary>
public class ConsultationAndFilingTests
{
    private static readonly string[] DefinitionIds = ["file-consultation", "materials-filing"];

    private static readonly Dictionary<string, (string Task, string Role, string[] Outcomes, int WorkingDays)[]> Tasks = new()
    {
        ["file-consultation"] =
        [
            ("check-request", Roles.Caseworker, ["Accept", "Reject"], 1),
            ("approve-access", Roles.Supervisor, ["Approve", "Refuse"], 2),
            ("approve-classified-access", Roles.ConfidentialityOfficer, ["Approve", "Refuse"], 2),
            ("follow-up-overdue-loan", Roles.Supervisor, ["KeepWaiting", "Escalate"], 2),
            ("check-returned-file", Roles.Caseworker, ["Intact", "Damaged"], 1),
        ],
        ["materials-filing"] = [("check-materials", Roles.Caseworker, ["Accept", "RequestCorrection", "ReturnToUnit"], 5)],
    };

    private static readonly Dictionary<string, string[]> Signals = new()
    {
        ["file-consultation"] = ["ConsultationRecorded", "FileReturned"],
        ["materials-filing"] = ["MaterialsCorrected"],
    };

    private static readonly Dictionary<string, string[]> Milestones = new()
    {
        ["file-consultation"] = ["UnderReview", "Rejected", "Refused", "Approved", "Consulted", "Expired", "OnLoan", "Returned"],
        ["materials-filing"] = ["UnderReview", "AwaitingCorrection", "Returned", "Filed"],
    };

    private static string[] Processes() => DefinitionIds;

    private static IEnumerable<TestCaseData> Scripts()
    {
        foreach (var id in DefinitionIds)
        {
            foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("samples", "simulations", id), "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith("input", StringComparison.Ordinal))
                {
                    yield return new TestCaseData(id, name).SetArgDisplayNames(id, Path.GetFileNameWithoutExtension(name));
                }
            }
        }
    }

    [TestCaseSource(nameof(Processes))]
    public void The_definition_is_valid(string id) =>
        Assert.That(new WorkflowDefinitionValidator().Check(Samples.Definition(id)), Is.Empty);

    [TestCaseSource(nameof(Processes))]
    public void Tasks_have_the_ids_roles_outcomes_and_time_limits_of_the_domain(string id)
    {
        var tasks = Samples.Definition(id).Root.Activities.Where(a => a.Type == ActivityTypes.UserTask).ToList();

        Assert.That(tasks.Select(t => t.Id), Is.EquivalentTo(Tasks[id].Select(t => t.Task)));
        foreach (var (taskId, role, outcomes, workingDays) in Tasks[id])
        {
            var task = tasks.Single(t => t.Id == taskId);
            Assert.That((task.Role, task.Outcomes, task.DueIn?.WorkingDays), Is.EqualTo((role, outcomes, (int?)workingDays)), taskId);
        }
    }

    [TestCaseSource(nameof(Processes))]
    public void Signals_milestones_comments_reasons_positions_and_both_languages_are_as_the_domain_says(string id)
    {
        var definition = Samples.Definition(id);
        var activities = definition.Root.Activities;

        Assert.That(activities.Where(a => a.Type == ActivityTypes.WaitForSignal).Select(a => a.Signal).Distinct(), Is.EquivalentTo(Signals[id]));
        Assert.That(activities.Where(a => a.Type == ActivityTypes.Milestone).Select(a => a.Milestone).Distinct(), Is.EquivalentTo(Milestones[id]));
        Assert.That(definition.Name.HasLanguage("zh-CN") && definition.Name.HasLanguage("en") && definition.Description!.HasLanguage("en"), Is.True);
        Assert.That(definition.Inputs!.Single(f => f.Name == "channel").Choices!.Select(c => c.Value), Is.EqualTo(new[] { "Counter", "Online", "InterProvincial" }));
        Assert.That(definition.Inputs!.Single(f => f.Name == "channel").Required, Is.True);
        var positions = activities.Select(a => a.Metadata?.Designer?.Position).ToList();
        Assert.That(positions, Has.None.Null);
        Assert.That(positions.Distinct().Count(), Is.EqualTo(positions.Count), "each activity has its own place");
        foreach (var task in activities.Where(a => a.Type == ActivityTypes.UserTask))
        {
            Assert.That(task.Form!.Any(f => f.Name == "comment" && !f.Required), Is.True, $"{task.Id} has an optional comment");
            foreach (var outcome in task.Outcomes!.Intersect(["Reject", "Refuse", "Return", "ReturnToUnit"]))
            {
                Assert.That(task.Rules!.Any(r => r.Field == "reason" && r.Outcomes!.Contains(outcome)), Is.True, $"{task.Id}: {outcome} requires a reason");
            }
        }

        foreach (var activity in activities.Where(a => a.Type is ActivityTypes.BackgroundJob or ActivityTypes.Milestone or ActivityTypes.UserTask))
        {
            Assert.That(activity.Title!.HasLanguage("zh-CN") && activity.Title.HasLanguage("en"), Is.True, activity.Id);
        }
    }

    [TestCaseSource(nameof(Scripts))]
    public void Every_sample_script_reaches_its_expected_end_and_replays_to_the_same_journal(string id, string script)
    {
        var result = Run(id, Samples.Input(id, Samples.InputOf(id, script)), File.ReadAllText(RepositoryRoot.Combine("samples", "simulations", id, script)));

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Status, Is.EqualTo(WorkflowStatus.Completed));
        var difference = WorkflowReplayer.Verify(Samples.Workflow(id), result.History, result.Journal,
            r => new WorkflowEnvironment(r.At, Samples.Calendar, JintExpressionEngine.Shared));
        Assert.That(difference, Is.Null);
    }

    [Test]
    public void A_former_cadres_file_is_not_accepted_for_a_requester_who_is_not_a_Party_member()
    {
        var input = Samples.Input("file-consultation", "input-classified-approved.json");
        using var requesters = System.Text.Json.JsonDocument.Parse("""[{"name":"王建华","idNumber":"110108199002034515","partyMember":true},{"name":"赵敏","idNumber":"110105197811307626","partyMember":false}]""");
        input["requesters"] = requesters.RootElement.Clone();

        var result = Run("file-consultation", input, """
            [
              { "complete": "check-request", "outcome": "Accept", "by": "caseworker.chen", "expectRefusal": true },
              { "expect": { "status": "Suspended", "milestone": "UnderReview", "openTasks": ["check-request"] } },
              { "complete": "check-request", "outcome": "Reject", "by": "caseworker.chen", "data": { "reason": "查阅人赵敏不是中共党员。" } },
              { "expect": { "status": "Completed", "milestone": "Rejected", "openTasks": [] } }
            ]
            """);

        Assert.That(result.Failure, Is.Null);
    }

    private static SimulationResult Run(string id, Dictionary<string, object?> input, string script) =>
        new Simulator(Samples.Workflow(id), new SimulationOptions { Calendar = Samples.Calendar }).Run(input, SimulationStep.ParseScript(script));
}
