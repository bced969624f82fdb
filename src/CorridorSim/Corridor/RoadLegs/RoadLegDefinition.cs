using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// A road (truck) leg from one node to another: each unit is a truck that queues for one of <see cref="Lanes"/>
/// processing lanes at the leg's border or terminal gate (first come, first served), is processed for
/// <see cref="ProcessingHours"/>, then drives for <see cref="HaulHours"/> to <see cref="To"/>. Trucks drive
/// independently: the road itself has no capacity limit, the gate does.
/// </summary>
public sealed record RoadLegDefinition : ComponentDefinition
{
    /// <summary>The node trucks start from.</summary>
    public required string From { get; init; }

    /// <summary>The node trucks arrive at.</summary>
    public required string To { get; init; }

    /// <summary>Processing lanes at the gate (border booths, terminal gates) working in parallel; 1..1000.</summary>
    public int Lanes { get; init; } = 1;

    /// <summary>Processing time of one truck at the gate, in hours.</summary>
    public required Distribution ProcessingHours { get; init; }

    /// <summary>Driving time of one truck from the gate to <see cref="To"/>, in hours.</summary>
    public required Distribution HaulHours { get; init; }

    internal override string What => "road leg";

    internal override IReadOnlyList<InvestmentKind> Investments => [InvestmentKind.Lanes, InvestmentKind.HandlingTimeFactor];

    internal override string? Relief => "one more lane";

    internal override ComponentDefinition Relieved(int year) => this with { Lanes = Lanes + 1 };

    internal override InvestmentDefinition Relieved(InvestmentDefinition investment) =>
        investment.Kind == InvestmentKind.Lanes ? investment with { Value = investment.Value + 1 } : investment;

    internal override string? Pass(string node, out string next, out bool forward)
    {
        next = To;
        forward = true;
        return From == node ? null : $"road leg '{Id}' starts at '{From}' but the route is at '{node}'.";
    }

    internal override void Validate(ValidationContext context, string path)
    {
        // Ranges: RoadLegFields (ValidationContext.CheckRanges).
        if (string.IsNullOrWhiteSpace(From) || string.IsNullOrWhiteSpace(To) || From == To)
        {
            context.Error(path, $"road leg '{Id}': from and to must be two different nodes, found '{From}' → '{To}'.");
        }

        context.CheckDistribution(path + ".processingHours", Id, ProcessingHours);
        context.CheckDistribution(path + ".haulHours", Id, HaulHours);
    }

    internal override ComponentRuntime CreateRuntime(CorridorRun run) => new RoadLegRuntime(run, this);
}
