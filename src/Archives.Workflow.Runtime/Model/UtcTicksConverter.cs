using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Archives.Workflow.Runtime.Model;

/// <summary>An instant as UTC ticks: sortable and comparable in SQLite, which cannot order <see cref="DateTimeOffset"/> text.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
