using Npgsql;
using NpgsqlTypes;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>Writes generated cases with PostgreSQL's binary COPY, table by table, in the columns the EF model maps.</summary>
internal static class BulkCopy
{
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<GeneratedCase> cases, CancellationToken cancellationToken)
    {
        await CopyAsync(connection, "persons", cases.Select(c => c.Person), cancellationToken,
            ("Id", NpgsqlDbType.Uuid, p => p.Id), ("IdentityNumber", NpgsqlDbType.Varchar, p => p.IdentityNumber), ("Name", NpgsqlDbType.Varchar, p => p.Name),
            ("Gender", NpgsqlDbType.Varchar, p => p.Gender.ToString()), ("BirthDate", NpgsqlDbType.Date, p => p.BirthDate),
            ("HouseholdDistrict", NpgsqlDbType.Varchar, p => p.HouseholdDistrict), ("HouseholdStreet", NpgsqlDbType.Varchar, p => p.HouseholdStreet),
            ("Phone", NpgsqlDbType.Varchar, p => p.Phone), ("Address", NpgsqlDbType.Varchar, p => p.Address), ("Status", NpgsqlDbType.Varchar, p => p.Status.ToString()),
            ("HeroOrModel", NpgsqlDbType.Boolean, p => p.HeroOrModel), ("EverCadre", NpgsqlDbType.Boolean, p => p.EverCadre),
            ("CreatedAt", NpgsqlDbType.TimestampTz, p => p.CreatedAt));
        // The name search's grams, as the domain writes them beside every person it saves.
        await CopyAsync(connection, "person_name_grams", cases.SelectMany(c => Cases.Persons.PersonNameGrams.Of(c.Person.Name).Select(g => (Gram: g, c.Person.Id))), cancellationToken,
            ("Gram", NpgsqlDbType.Varchar, g => g.Gram), ("PersonId", NpgsqlDbType.Uuid, g => g.Id));
        await CopyAsync(connection, "personnel_files", cases.Select(c => c.File), cancellationToken,
            ("Id", NpgsqlDbType.Uuid, f => f.Id), ("PersonId", NpgsqlDbType.Uuid, f => f.PersonId), ("InstitutionCode", NpgsqlDbType.Varchar, f => f.InstitutionCode),
            ("FileNumber", NpgsqlDbType.Varchar, f => f.FileNumber), ("Status", NpgsqlDbType.Varchar, f => f.Status.ToString()),
            ("StorageLocation", NpgsqlDbType.Varchar, f => f.StorageLocation), ("Custodian", NpgsqlDbType.Varchar, f => f.Custodian),
            ("EntrustmentAgreement", NpgsqlDbType.Varchar, f => f.EntrustmentAgreement), ("ReceivedOn", NpgsqlDbType.Date, f => f.ReceivedOn),
            ("UpdatedAt", NpgsqlDbType.TimestampTz, f => f.UpdatedAt));
        await CopyAsync(connection, "workflow_instances", cases.Select(c => c.Instance), cancellationToken,
            ("Id", NpgsqlDbType.Varchar, i => i.Id), ("DefinitionId", NpgsqlDbType.Varchar, i => i.DefinitionId), ("DefinitionVersion", NpgsqlDbType.Integer, i => i.DefinitionVersion),
            ("Status", NpgsqlDbType.Varchar, i => i.Status), ("Milestone", NpgsqlDbType.Varchar, i => i.Milestone), ("State", NpgsqlDbType.Text, i => i.State),
            ("Revision", NpgsqlDbType.Integer, i => i.Revision), ("JournalHead", NpgsqlDbType.Varchar, i => i.JournalHead), ("JournalLength", NpgsqlDbType.Bigint, i => i.JournalLength),
            ("JournalRule", NpgsqlDbType.Integer, i => (int)i.JournalRule), ("CalendarVersion", NpgsqlDbType.Integer, i => i.CalendarVersion),
            ("CaseKey", NpgsqlDbType.Varchar, i => i.CaseKey), ("CreatedAt", NpgsqlDbType.TimestampTz, i => i.CreatedAt), ("UpdatedAt", NpgsqlDbType.TimestampTz, i => i.UpdatedAt),
            ("CompletedAt", NpgsqlDbType.TimestampTz, i => i.CompletedAt));
        await CopyAsync(connection, "cases", cases.Select(c => c.Case), cancellationToken,
            ("Id", NpgsqlDbType.Uuid, c => c.Id), ("Number", NpgsqlDbType.Varchar, c => c.Number), ("ProcessId", NpgsqlDbType.Varchar, c => c.ProcessId),
            ("DefinitionVersion", NpgsqlDbType.Integer, c => c.DefinitionVersion), ("InstanceId", NpgsqlDbType.Varchar, c => c.InstanceId), ("PersonId", NpgsqlDbType.Uuid, c => c.PersonId),
            ("FileId", NpgsqlDbType.Uuid, c => c.FileId), ("InstitutionCode", NpgsqlDbType.Varchar, c => c.InstitutionCode), ("Milestone", NpgsqlDbType.Varchar, c => c.Milestone),
            ("Status", NpgsqlDbType.Varchar, c => c.Status.ToString()), ("OpenedAt", NpgsqlDbType.TimestampTz, c => c.OpenedAt), ("OpenedBy", NpgsqlDbType.Varchar, c => c.OpenedBy),
            ("ClosedAt", NpgsqlDbType.TimestampTz, c => c.ClosedAt), ("DeadlineAt", NpgsqlDbType.TimestampTz, c => c.DeadlineAt), ("Year", NpgsqlDbType.Integer, c => c.Year),
            ("Sequence", NpgsqlDbType.Integer, c => c.Sequence), ("Faulted", NpgsqlDbType.Boolean, c => c.Faulted));
        await CopyAsync(connection, "case_waits", cases.SelectMany(c => c.Waits), cancellationToken,
            ("CaseId", NpgsqlDbType.Uuid, w => w.CaseId), ("ActivityId", NpgsqlDbType.Varchar, w => w.ActivityId), ("ProcessId", NpgsqlDbType.Varchar, w => w.ProcessId),
            ("InstitutionCode", NpgsqlDbType.Varchar, w => w.InstitutionCode), ("PersonId", NpgsqlDbType.Uuid, w => w.PersonId), ("OpenedAt", NpgsqlDbType.TimestampTz, w => w.OpenedAt));
        await CopyAsync(connection, "workflow_tasks", cases.SelectMany(c => c.Tasks), cancellationToken,
            ("Id", NpgsqlDbType.Varchar, t => t.Id), ("InstanceId", NpgsqlDbType.Varchar, t => t.InstanceId), ("ActivityId", NpgsqlDbType.Varchar, t => t.ActivityId),
            ("TitleZh", NpgsqlDbType.Varchar, t => t.TitleZh), ("TitleEn", NpgsqlDbType.Varchar, t => t.TitleEn), ("Role", NpgsqlDbType.Varchar, t => t.Role),
            ("Assignee", NpgsqlDbType.Varchar, t => t.Assignee), ("DueAt", NpgsqlDbType.TimestampTz, t => t.DueAt), ("Priority", NpgsqlDbType.Varchar, t => t.Priority),
            ("Outcomes", NpgsqlDbType.Varchar, t => t.Outcomes), ("Status", NpgsqlDbType.Varchar, t => t.Status.ToString()), ("Outcome", NpgsqlDbType.Varchar, t => t.Outcome),
            ("FormData", NpgsqlDbType.Text, t => t.FormData), ("CompletedBy", NpgsqlDbType.Varchar, t => t.CompletedBy), ("CompletedAt", NpgsqlDbType.TimestampTz, t => t.CompletedAt),
            ("CreatedAt", NpgsqlDbType.TimestampTz, t => t.CreatedAt));
        await CopyAsync(connection, "workflow_bookmarks", cases.SelectMany(c => c.Bookmarks), cancellationToken,
            ("Id", NpgsqlDbType.Varchar, b => b.Id), ("InstanceId", NpgsqlDbType.Varchar, b => b.InstanceId), ("Kind", NpgsqlDbType.Varchar, b => b.Kind),
            ("ActivityId", NpgsqlDbType.Varchar, b => b.ActivityId), ("Signal", NpgsqlDbType.Varchar, b => b.Signal), ("Job", NpgsqlDbType.Varchar, b => b.Job),
            ("Attempt", NpgsqlDbType.Integer, b => b.Attempt), ("Input", NpgsqlDbType.Text, b => b.Input), ("DueAt", NpgsqlDbType.TimestampTz, b => b.DueAt),
            ("Status", NpgsqlDbType.Varchar, b => b.Status.ToString()), ("CreatedAt", NpgsqlDbType.TimestampTz, b => b.CreatedAt), ("ClosedAt", NpgsqlDbType.TimestampTz, b => b.ClosedAt));
        await CopyAsync(connection, "workflow_incidents", cases.SelectMany(c => c.Incidents), cancellationToken,
            ("Id", NpgsqlDbType.Varchar, i => i.Id), ("InstanceId", NpgsqlDbType.Varchar, i => i.InstanceId), ("ActivityId", NpgsqlDbType.Varchar, i => i.ActivityId),
            ("Code", NpgsqlDbType.Varchar, i => i.Code), ("Message", NpgsqlDbType.Text, i => i.Message), ("Attempts", NpgsqlDbType.Integer, i => i.Attempts),
            ("CreatedAt", NpgsqlDbType.TimestampTz, i => i.CreatedAt), ("ResolvedBy", NpgsqlDbType.Varchar, i => i.ResolvedBy), ("ResolvedAt", NpgsqlDbType.TimestampTz, i => i.ResolvedAt));
        await CopyAsync(connection, "workflow_journal", cases.SelectMany(c => c.Journal), cancellationToken,
            ("InstanceId", NpgsqlDbType.Varchar, j => j.InstanceId), ("Sequence", NpgsqlDbType.Bigint, j => j.Sequence), ("At", NpgsqlDbType.TimestampTz, j => j.At),
            ("Actor", NpgsqlDbType.Varchar, j => j.Actor), ("Kind", NpgsqlDbType.Varchar, j => j.Kind), ("Type", NpgsqlDbType.Varchar, j => j.Type),
            ("Payload", NpgsqlDbType.Text, j => j.Payload), ("Hash", NpgsqlDbType.Varchar, j => j.Hash));
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, IEnumerable<T> rows, CancellationToken cancellationToken,
        params (string Column, NpgsqlDbType Type, Func<T, object?> Value)[] columns)
    {
        var command = $"COPY {table} ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(command, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var (_, type, value) in columns)
            {
                switch (value(row))
                {
                    case null:
                        await writer.WriteNullAsync(cancellationToken);
                        break;
                    case DateTimeOffset instant:
                        // PostgreSQL keeps microseconds; the runtime cut every instant already, so nothing is lost here.
                        await writer.WriteAsync(instant.ToUniversalTime(), type, cancellationToken);
                        break;
                    case var other:
                        await writer.WriteAsync(other, type, cancellationToken);
                        break;
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
