using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// A port: berths where vessels load and unload, a handling time per vessel call, and weather closures
/// (while closed, no vessel starts or continues handling, and none departs or berths). A port is a node, not a
/// route leg: routes pass the vessel legs that call at it.
/// </summary>
public sealed record PortDefinition : ComponentDefinition
{
    /// <summary>Number of berths serving the vessel legs that call here; 1..1000.</summary>
    public required int Berths { get; init; }

    /// <summary>Handling time of one vessel call (load or unload), in hours [S84: 20 h Baku average, 30 h protocol].</summary>
    public required Distribution HandlingHours { get; init; }

    /// <summary>The vessel port-time protocol to report against, in hours (TITR protocol: 30 h [S84]).</summary>
    public double PortTimeTargetHours { get; init; } = 30;

    /// <summary>Weather closures; null for none.</summary>
    public StormDefinition? Storms { get; init; }

    internal override string What => "port";

    internal override IReadOnlyList<InvestmentKind> Investments => [InvestmentKind.Berths, InvestmentKind.HandlingTimeFactor];

    internal override string? Relief => "one more berth";

    internal override ComponentDefinition Relieved(int year) => this with { Berths = Berths + 1 };

    internal override InvestmentDefinition Relieved(InvestmentDefinition investment) =>
        investment.Kind == InvestmentKind.Berths ? investment with { Value = investment.Value + 1 } : investment;

    internal override string? Pass(string node, out string next, out bool forward)
    {
        next = node;
        forward = true;
        return $"port '{Id}' is not a route leg; routes pass the vessel legs that call at it.";
    }

    internal override void Validate(ValidationContext context, string path)
    {
        // Ranges: PortFields (ValidationContext.CheckRanges).
        context.CheckDistribution(path + ".handlingHours", Id, HandlingHours);

        Storms?.Validate(context, path + ".storms", Id);
    }

    internal override ComponentRuntime CreateRuntime(CorridorRun run) => new PortRuntime(run, this);
}
