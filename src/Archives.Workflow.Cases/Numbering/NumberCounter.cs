namespace Archives.Workflow.Cases.Numbering;

/// <summary>
/// The last number given out in one series: per institution, kind and year. Numbers are taken from it by
/// <see cref="NumberCounters.NextAsync"/> in the transaction of the row that carries the number.
/// </summary>
public sealed class NumberCounter
{
    /// <summary>The institution the series belongs to, or <see cref="NumberCounters.AllInstitutions"/> for case numbers.</summary>
    public required string InstitutionCode { get; set; }

    /// <summary><c>case:&lt;process id&gt;</c>, <c>document:&lt;kind&gt;</c> or <c>file</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The year in China Standard Time.</summary>
    public int Year { get; set; }

    /// <summary>The last number given out (the next is one more).</summary>
    public int Value { get; set; }
}
