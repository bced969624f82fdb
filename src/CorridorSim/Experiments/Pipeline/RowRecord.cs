namespace CorridorSim.Experiments;

/// <summary>What one row produced: its identity and one record per simulated year, in calendar order.</summary>
/// <param name="Row">The row simulated.</param>
/// <param name="Years">The years, first simulated year first.</param>
internal sealed record RowRecord(Row Row, IReadOnlyList<YearRecord> Years)
{
    /// <summary>Why the row stopped before its last year (its backlog passed the limit); null when it ran every year.</summary>
    public Corridor.BacklogLimitException? Stopped { get; init; }
}
