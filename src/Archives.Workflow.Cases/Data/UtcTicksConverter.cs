using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Archives.Workflow.Cases.Data;

/// <summary>An instant as UTC ticks: sortable and comparable in SQLite.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
