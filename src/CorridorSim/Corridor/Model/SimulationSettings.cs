namespace CorridorSim.Corridor;

/// <summary>How a scenario is simulated: the years, the warm-up, replications, seed and the throughput target.</summary>
public sealed record SimulationSettings
{
    /// <summary>First calendar year reported.</summary>
    public required int StartYear { get; init; }

    /// <summary>Number of consecutive years simulated and reported (1..50).</summary>
    public int Years { get; init; } = 1;

    /// <summary>Days simulated before 1 January of <see cref="StartYear"/> and discarded (0..3650).</summary>
    public double WarmupDays { get; init; } = 60;

    /// <summary>The most replications a run takes.</summary>
    public const int MaxReplications = 10_000;

    /// <summary>Independent replications (1..<see cref="MaxReplications"/>).</summary>
    public int Replications { get; init; } = 20;

    /// <summary>Master seed; replication i of a seed always draws the same random streams.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The throughput target in tons per year (the Middle Corridor's 10 Mt [S58][S7]).</summary>
    public double TargetTons { get; init; } = 10_000_000;

    /// <summary>
    /// The service limit of the capacity search: at a feasible demand every flow's 95th-percentile transit is at most
    /// this factor times its 95th percentile at half the corridor's ceiling (a lightly loaded corridor).
    /// </summary>
    public double ServiceTransitFactor { get; init; } = 2;

    /// <summary>The probability with which the target must be met for a year to count as "target met" (0..1].</summary>
    public double TargetProbability { get; init; } = 0.9;

    /// <summary>
    /// The most tons a replication may hold in the corridor (queued, in transit, aboard) before it stops with a
    /// <see cref="BacklogLimitException"/>; (0, 1e10], default 1e8 (100 Mt, more than eight times the largest year-end backlog of the
    /// sample scenarios). Every unit is simulated, so a backlog without bound would end in running out of memory.
    /// </summary>
    public double MaxTonsInSystem { get; init; } = 100_000_000;

    /// <summary>The calendar years a run simulates, its warm-up included: from the year the warm-up starts in to the last reported year.</summary>
    internal (int First, int Last) SimulatedYears =>
        (new DateTime(StartYear, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(-WarmupDays).Year, StartYear + Years - 1);
}
