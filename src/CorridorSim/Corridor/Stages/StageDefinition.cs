using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// A train-handling stage between two nodes, passed one way: a rail segment, border crossing, transshipment point
/// or terminal. The kinds share their mechanics (<c>StageRuntime</c>) where they are the same: units queue per unit
/// type; a train leaves when <see cref="UnitType.UnitsPerTrain"/> units are there or the oldest has waited
/// <see cref="MaxFormationWaitHours"/>; trains start no closer than 24 / <see cref="TrainsPerDay"/> hours apart (line
/// or processing capacity, per direction); each train then takes its time at the stage (<see cref="TrainHours"/>)
/// before its units reach <see cref="To"/>.
/// </summary>
public abstract record StageDefinition : ComponentDefinition
{
    private protected StageDefinition()
    {
    }

    /// <summary>What the stage is; each kind is its own definition type.</summary>
    public abstract StageKind Kind { get; }

    /// <summary>The node trains start from.</summary>
    public required string From { get; init; }

    /// <summary>The node trains arrive at.</summary>
    public required string To { get; init; }

    /// <summary>Capacity in trains per day in this direction; within (0, 10000].</summary>
    public required double TrainsPerDay { get; init; }

    /// <summary>Running time (rail) or dwell (border, transshipment, terminal) per train, in hours.</summary>
    public required Distribution TransitHours { get; init; }

    /// <summary>The longest a unit waits for its train to fill before the train leaves part-loaded, in hours; 0..8760.</summary>
    public double MaxFormationWaitHours { get; init; } = 48;

    internal override string What => "stage";

    internal override IReadOnlyList<InvestmentKind> Investments => [InvestmentKind.TrainsPerDay];

    internal override bool CanSlowDown => true;

    internal override string? Relief => "20 % more trains per day";

    internal override ComponentDefinition Relieved(int year) => this with { TrainsPerDay = TrainsPerDay * ReliefFactor };

    internal override InvestmentDefinition Relieved(InvestmentDefinition investment) =>
        investment.Kind == InvestmentKind.TrainsPerDay ? investment with { Value = investment.Value * ReliefFactor } : investment;

    private const double ReliefFactor = 1.2;

    /// <summary>The hours one train spends at the stage; kinds with more than one mode of working override it.</summary>
    internal virtual double TrainHours(RandomStream stream) => TransitHours.Sample(stream);

    /// <summary>The mean of <see cref="TrainHours"/>, for route choice.</summary>
    internal virtual double MeanTrainHours => TransitHours.Mean;

    internal override string? Pass(string node, out string next, out bool forward)
    {
        next = To;
        forward = true;
        return From == node ? null : $"stage '{Id}' starts at '{From}' but the route is at '{node}'.";
    }

    internal override void Validate(ValidationContext context, string path)
    {
        // Ranges: StageFields (ValidationContext.CheckRanges).
        if (string.IsNullOrWhiteSpace(From) || string.IsNullOrWhiteSpace(To) || From == To)
        {
            context.Error(path, $"stage '{Id}': from and to must be two different nodes, found '{From}' → '{To}'.");
        }

        context.CheckDistribution(path + ".transitHours", Id, TransitHours);
        context.CheckHeadway(path + ".trainsPerDay", $"stage '{Id}'", TrainsPerDay, 1);
    }

    internal override ComponentRuntime CreateRuntime(CorridorRun run) => new StageRuntime(run, this);
}
