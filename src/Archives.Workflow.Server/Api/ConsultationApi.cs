namespace Archives.Workflow.Server.Api;

/// <summary>What a file consultation or a materials filing waits for from outside: the consultation recorded, the lent file back, the materials corrected.</summary>
public static class ConsultationApi
{
    public static RouteGroupBuilder MapConsultationApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/consultation", async (Guid id, RecordConsultationRequest body, CurrentActor current, ConsultationActions actions, CancellationToken ct) =>
        {
            await actions.RecordConsultationAsync(await current.GetAsync(ct), id, body, ct);
            return TypedResults.NoContent();
        });
        group.MapPost("/{id:guid}/file-return", async (Guid id, RecordFileReturnRequest body, CurrentActor current, ConsultationActions actions, CancellationToken ct) =>
        {
            await actions.RecordFileReturnAsync(await current.GetAsync(ct), id, body, ct);
            return TypedResults.NoContent();
        });
        group.MapPost("/{id:guid}/materials-corrected", async (Guid id, RecordMaterialsCorrectionRequest body, CurrentActor current, ConsultationActions actions, CancellationToken ct) =>
        {
            await actions.RecordMaterialsCorrectedAsync(await current.GetAsync(ct), id, body, ct);
            return TypedResults.NoContent();
        });
        return group;
    }
}
