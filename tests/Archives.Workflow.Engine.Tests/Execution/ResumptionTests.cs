using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

/// <summary>Every resumption works on a copy of the case's state; these pin down the copy and the signal's path through it.</summary>
public class ResumptionTests
{
    private static readonly string LongText = "档案📁\0" + new string('长', 5_000);

    /// <summary>A case waiting in a fork: a signal with a timeout on one branch, a task with a reminder on the other.</summary>
    private static Case Waiting() => new(
        New().Variable("label")
            .Then(Set("label-set", "label", Literal(LongText)))
            .Then(Milestone("received", "Received"))
            .Then(Fork("fork", "A", "B"))
            .Then(Signal("wait-file", "文件到达", TimeSpec.OfWorkingDays(3)), "A").Then(Join("join", JoinModes.WaitAll))
            .At("fork").Then(Task("review", "Done") with { Reminders = [TimeSpec.OfWorkingDays(1)] }, "B").Connect("review", "Done", "join")
            .Connect("wait-file", Ports.Timeout, "join")
            .At("join").Then(End())
            .Compile(),
        start: Case.Monday.AddTicks(1_234_567),
        input: new Dictionary<string, object?> { ["note"] = "王小明 🙂\0" + LongText });

    [Test]
    public void A_copied_state_carries_every_field_of_the_case_and_shares_no_collection_with_it()
    {
        var state = Waiting().State;

        var copy = state.Clone();

        Assert.Multiple(() =>
        {
            foreach (var property in typeof(WorkflowState).GetProperties().Where(p => p.CanWrite))
            {
                Assert.That(property.GetValue(copy), Is.EqualTo(property.GetValue(state)), property.Name);
            }

            Assert.That(WorkflowJson.Serialize(copy), Is.EqualTo(WorkflowJson.Serialize(state)));
            Assert.That(copy.Variables, Is.Not.SameAs(state.Variables));
            Assert.That(copy.Input, Is.Not.SameAs(state.Input));
            Assert.That(copy.Bookmarks, Is.Not.SameAs(state.Bookmarks));
            Assert.That(copy.Scopes, Is.Not.SameAs(state.Scopes));
            Assert.That(copy.Incidents, Is.Not.SameAs(state.Incidents));
        });
    }

    [Test]
    public void A_signal_resumes_a_copy_and_leaves_the_state_it_was_given_byte_for_byte()
    {
        var run = Waiting();
        var before = run.State;
        var json = WorkflowJson.Serialize(before);

        var burst = run.Signal("文件到达", new() { ["trackingNumber"] = "顺丰 SF-1 📦" });

        Assert.That(WorkflowJson.Serialize(before), Is.EqualTo(json));
        Assert.That(burst.State.Bookmarks.Select(b => b.ActivityId), Is.EqualTo(new[] { "review", "review" }),
            "the wait and its timeout are gone; the task and its reminder stay");
    }

    [Test]
    public void Two_waits_for_one_signal_both_go_on_and_each_withdraws_its_own_timeout()
    {
        var run = new Case(New()
            .Then(Fork("fork", "A", "B"))
            .Then(Signal("wait-a", "文件到达", TimeSpec.OfWorkingDays(3)), "A").Then(Join("join", JoinModes.WaitAll))
            .At("fork").Then(Signal("wait-b", "文件到达", TimeSpec.OfWorkingDays(5)), "B").Connect("wait-b", Ports.Done, "join")
            .Connect("wait-a", Ports.Timeout, "join").Connect("wait-b", Ports.Timeout, "join")
            .At("join").Then(End())
            .Compile());
        var timeouts = run.State.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).Select(b => b.Id).ToList();

        var burst = run.Signal("文件到达");

        Assert.Multiple(() =>
        {
            Assert.That(burst.State.Status, Is.EqualTo(WorkflowStatus.Completed));
            Assert.That(burst.Effects.OfType<CancelTimer>().Select(c => c.BookmarkId), Is.EquivalentTo(timeouts));
            Assert.That(burst.Events.Where(e => e.Type == JournalEventTypes.SignalReceived).Select(e => e.ActivityId),
                Is.EqualTo(new[] { "wait-a", "wait-b" }));
        });
    }
}
