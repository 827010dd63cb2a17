using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class MigrationTaskRevisionTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    [Test]
    public async Task A_task_moved_by_a_mapping_shows_the_new_activitys_title_role_priority_and_due_date_and_the_case_still_verifies()
    {
        // Monday 10:00 with sub-microsecond ticks; the old rule gives five working days, the new one two.
        Clock.Set(Monday.AddHours(1).AddTicks(1_234_567));
        var running = await Runtime.StartAsync("file-identification", FileIdentificationInput(), "li.na");
        var taskId = await OpenTaskAsync(running.Id, "preliminary-examination");
        var before = await TaskAsync(taskId);
        var v1 = DefinitionSerializer.Deserialize(File.ReadAllText(Repo("workflows", "file-identification", "v1.json")));
        var v2 = DefinitionSerializer.Deserialize(
            DefinitionSerializer.Serialize(v1).Replace("\"preliminary-examination\"", "\"first-look\"", StringComparison.Ordinal)) with { Version = 2 };
        v2 = v2 with
        {
            Root = v2.Root with
            {
                Activities = [.. v2.Root.Activities.Select(a => a.Id == "first-look"
                    ? a with
                    {
                        Title = LocalizedText.Of("初审（科长）🗂️", "First look by the section chief"),
                        Role = Engine.Activities.Roles.Supervisor,
                        Priority = "Urgent",
                        DueIn = TimeSpec.OfWorkingDays(2),
                    }
                    : a)],
            },
        };
        await Runtime.SaveDraftAsync(v2, "admin");
        await Runtime.PublishAsync("file-identification", 2, "admin");

        // A caseworker claimed the task, as the inbox's claim writes it.
        await using (var db = Database.CreateContext())
        {
            var claimed = await db.Set<WorkflowTask>().SingleAsync(t => t.Id == taskId);
            claimed.Assignee = "li.na";
            await db.SaveChangesAsync();
        }

        // Thursday: two working days from the migration would be the next Monday, from the task's creation it is Wednesday.
        Clock.Set(Monday.AddDays(3).AddHours(5).AddTicks(987));
        await Runtime.MigrateAsync(running.Id, 2, new Dictionary<string, string> { ["preliminary-examination"] = "first-look" }, "管理员");

        var after = await TaskAsync(taskId);
        Assert.That(ChinaTime.DateOf(before.DueAt!.Value), Is.EqualTo(new DateOnly(2026, 3, 9)));
        Assert.That((after.ActivityId, after.TitleZh, after.TitleEn, after.Role, after.Priority, after.Status),
            Is.EqualTo(("first-look", "初审（科长）🗂️", "First look by the section chief", "Supervisor", "Urgent", Tasks.TaskStatus.Open)));
        Assert.That(ChinaTime.DateOf(after.DueAt!.Value), Is.EqualTo(new DateOnly(2026, 3, 4)));
        Assert.That(after.CreatedAt, Is.EqualTo(before.CreatedAt));
        Assert.That(after.Assignee, Is.EqualTo("li.na"), "the new activity names no assignee: the claim stays");
        await using (var db = Database.CreateContext())
        {
            var bookmark = await db.Set<BookmarkRecord>().AsNoTracking().SingleAsync(b => b.Id == taskId);
            Assert.That(bookmark.DueAt, Is.EqualTo(after.DueAt), "the sweep and the calendar see the same due date as the inbox");
        }

        Assert.That((await Runtime.VerifyAsync(running.Id)).IsValid, Is.True, "replay revises the task exactly as the migration did");
        await Runtime.CompleteTaskAsync(taskId, "NotApplicable", null, "zhang.wei");
        await RunJobsAsync(running.Id);
        Assert.That((await InstanceAsync(running.Id)).Status, Is.EqualTo("Completed"));
        Assert.That((await Runtime.VerifyAsync(running.Id)).IsValid, Is.True);
    }

    private async Task<WorkflowTask> TaskAsync(string id)
    {
        await using var db = Database.CreateContext();
        return await db.Set<WorkflowTask>().AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private static Dictionary<string, object?> FileIdentificationInput()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo("samples", "simulations", "file-identification", "input.json")));
        return Engine.Expressions.Values.FromJsonObject(document.RootElement);
    }
}
