namespace Archives.Workflow.Server.Api;

/// <summary>A staff member named in a history: name and institution, in both languages.</summary>
public sealed record HistoryPersonDto(string UserName, string DisplayName, string InstitutionCode, string? InstitutionZh, string? InstitutionEn);
