using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Tests.Activities.Stamp;

/// <summary>A new activity type is one folder and one registration: the toy Stamp runs and is validated without any other change.</summary>
public class StampActivityTests
{
    private const string StampText = "已盖章 ✅ 档案馆\u00a0第𠀀号";

    private static readonly ValidationOptions WithStamp =
        new() { Activities = ActivityRegistry.Default.With(new StampActivity()) };

    private static string Json(string stamp) => $$"""
        {
          "definitionId": "stamp-flow", "version": 1,
          "name": { "zh-CN": "盖章", "en": "Stamp" },
          "variables": [ { "name": "stamped", "typeName": "String" } ],
          "root": { "type": "Flowchart",
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "stamp", "type": "Stamp", "stamp": {{System.Text.Json.JsonSerializer.Serialize(stamp)}}, "outputVariable": "stamped" },
              { "id": "end", "type": "End" } ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "stamp", "port": "In" } },
              { "source": { "activity": "stamp", "port": "Done" }, "target": { "activity": "end", "port": "In" } } ] } }
        """;

    [Test]
    public void A_registered_toy_type_runs_through_a_burst_from_flat_json()
    {
        var workflow = ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(Json(StampText)), WithStamp);

        var run = new Case(workflow);

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(run.State.Variables["stamped"], Is.EqualTo(StampText));
        var stamped = run.Journal.Single(e => e.ActivityId == "stamp");
        Assert.That((stamped.Type, stamped.Port, stamped.Value), Is.EqualTo((JournalEventTypes.ActivityExecuted, Ports.Done, (object?)StampText)));
        Assert.That(run.Last.Effects.OfType<Notify>().Single().Message.Get(LocalizedText.Chinese), Is.EqualTo(StampText));
    }

    private static string ElsaExport(string stamp) => $$"""
        {
          "definitionId": "stamp-export", "name": "Stamp", "version": 1,
          "variables": [ { "id": "v-stamped", "name": "Stamped", "typeName": "String" } ],
          "root": { "id": "flow", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "start", "type": "Elsa.Start" },
              { "id": "stamp", "type": "Acme.Stamp",
                "stamp": { "typeName": "String", "expression": { "type": "Literal", "value": {{System.Text.Json.JsonSerializer.Serialize(stamp)}} } },
                "result": { "typeName": "String", "memoryReference": { "id": "v-stamped" } } },
              { "id": "end", "type": "Elsa.End" } ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "stamp", "port": "In" } },
              { "source": { "activity": "stamp", "port": "Done" }, "target": { "activity": "end", "port": "In" } } ] } }
        """;

    [Test]
    public void The_toy_type_says_which_Elsa_type_it_imports_and_the_imported_flow_runs()
    {
        var definition = Engine.Elsa.ElsaImporter.Import(ElsaExport(StampText), WithStamp.Activities);

        var run = new Case(ExecutableWorkflow.Compile(definition, WithStamp));

        Assert.That(definition.Root.Activities.Single(a => a.Id == "stamp").Type, Is.EqualTo(StampActivity.TypeName));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(run.State.Variables["Stamped"], Is.EqualTo(StampText));
    }

    [Test]
    public void Without_the_toy_type_its_Elsa_type_is_refused_as_unsupported()
    {
        var failure = Assert.Throws<Engine.Elsa.ElsaImportException>(() => Engine.Elsa.ElsaImporter.Import(ElsaExport(StampText)));

        Assert.That(failure!.Problems.Select(p => (p.ActivityId, p.ActivityType, p.Code)), Is.EqualTo(new[] { ((string?)"stamp", (string?)"Acme.Stamp", "ActivityTypeUnsupported") }));
    }

    [Test]
    public void The_validator_asks_the_toy_type_for_its_property_checks()
    {
        var definition = DefinitionSerializer.Deserialize(Json(string.Empty));

        var problems = new WorkflowDefinitionValidator(WithStamp).Check(definition);

        Assert.That(problems.Select(p => (p.ActivityId, p.Property, p.Code)), Is.EqualTo(new[] { ((string?)"stamp", "stamp", "PropertyRequired") }));
        Assert.That(() => ExecutableWorkflow.Compile(definition, WithStamp), Throws.InstanceOf<DefinitionInvalidException>());
    }

    [Test]
    public void The_validator_checks_the_toy_types_ports_from_its_descriptor()
    {
        var definition = DefinitionSerializer.Deserialize(Json(StampText).Replace(
            "\"activity\": \"stamp\", \"port\": \"Done\"", "\"activity\": \"stamp\", \"port\": \"Approved\"", StringComparison.Ordinal));

        var problems = new WorkflowDefinitionValidator(WithStamp).Check(definition);

        Assert.That(problems.Select(p => p.Code), Does.Contain("ConnectionPortUnknown"));
        Assert.That(problems.Single(p => p.Code == "ConnectionPortUnknown").Message, Does.Contain("Ports: Done"));
    }

    [Test]
    public void Without_its_registration_the_toy_type_is_unknown_and_the_shipped_types_are_unchanged()
    {
        var problems = new WorkflowDefinitionValidator().Check(DefinitionSerializer.Deserialize(Json(StampText)));

        Assert.That(problems.Single(p => p.ActivityId == "stamp").Code, Is.EqualTo("ActivityTypeUnknown"));
        Assert.That(ActivityDescriptors.All.Select(d => d.Type), Does.Not.Contain(StampActivity.TypeName));
        Assert.That(ActivityDescriptors.All, Has.Count.EqualTo(13));
    }
}
