namespace CorridorSim.Corridor;

/// <summary>
/// A validated corridor, ready to run: each <see cref="CreateRun"/> is one independent replication.
/// </summary>
public sealed class CorridorModel
{
    /// <summary>Validates <paramref name="definition"/> and keeps it.</summary>
    /// <exception cref="ScenarioException">The definition has errors; all of them are listed.</exception>
    public CorridorModel(CorridorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        IReadOnlyList<ScenarioError> errors = CorridorValidator.Validate(definition);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        Definition = definition;
    }

    /// <summary>The definition.</summary>
    public CorridorDefinition Definition { get; }

    /// <summary>Every error in a definition, each with its path; empty when valid.</summary>
    public static IReadOnlyList<ScenarioError> Validate(CorridorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return CorridorValidator.Validate(definition);
    }

    /// <summary>
    /// Starts one replication: builds the components in a new simulation that starts
    /// <paramref name="warmupDays"/> before 1 January of <paramref name="firstYear"/>, runs the warm-up and
    /// resets the statistics. Then call <see cref="CorridorRun.RunYear"/> once per year.
    /// </summary>
    /// <param name="seed">Master seed.</param>
    /// <param name="replication">Replication index; replication i always draws the same random streams.</param>
    /// <param name="firstYear">First calendar year reported.</param>
    /// <param name="warmupDays">Days simulated before the first year and discarded (fills the pipeline); 0..3650.</param>
    /// <param name="maxTonsInSystem">
    /// The most tons the run may hold (queued, in transit, aboard), checked every 30 simulated days; past it the run
    /// stops with a <see cref="BacklogLimitException"/>. Default 1e8, as <see cref="SimulationSettings.MaxTonsInSystem"/>.
    /// </param>
    /// <exception cref="BacklogLimitException">The warm-up already holds more than <paramref name="maxTonsInSystem"/>.</exception>
    public CorridorRun CreateRun(ulong seed, int replication, int firstYear, double warmupDays = 60, double maxTonsInSystem = 100_000_000) =>
        CreateLoggedRun(seed, replication, firstYear, warmupDays, maxTonsInSystem, eventSink: null);

    /// <summary>As the public overload, with an event log attached to the run (null: none).</summary>
    internal CorridorRun CreateLoggedRun(ulong seed, int replication, int firstYear, double warmupDays, double maxTonsInSystem, ICorridorEventSink? eventSink)
    {
        if (!(maxTonsInSystem > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxTonsInSystem), maxTonsInSystem, "The backlog limit must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstYear, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstYear, 2200);
        if (!(warmupDays >= 0 && warmupDays <= 3650))
        {
            throw new ArgumentOutOfRangeException(nameof(warmupDays), warmupDays, "The warm-up must be within 0..3650 days.");
        }

        return new CorridorRun(Definition, seed, replication, firstYear, warmupDays, trackUnits: false, maxTonsInSystem, eventSink);
    }
}
