using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// A vessel leg between two ports (a Caspian ferry line, a feeder or tanker line, a Black Sea feeder): a fleet
/// rotates A → B → A, loading at each end the units queued for the other, berthing at each port.
/// </summary>
public sealed record VesselLegDefinition : ComponentDefinition
{
    /// <summary><c>ferry</c> (rail wagons / trucks) or <c>sea</c> (containers, tankers), for reports.</summary>
    public string Kind { get; init; } = "ferry";

    /// <summary>One end: a port id.</summary>
    public required string PortA { get; init; }

    /// <summary>The other end: a port id.</summary>
    public required string PortB { get; init; }

    /// <summary>The unit type the fleet carries.</summary>
    public required string Unit { get; init; }

    /// <summary>The fleet.</summary>
    public required IReadOnlyList<VesselDefinition> Vessels { get; init; }

    /// <summary>Sailing time one way, in hours [S190: 18–22 h across the Caspian].</summary>
    public required Distribution SailingHours { get; init; }

    /// <summary>The departure rule.</summary>
    public DepartureRule Departure { get; init; } = DepartureRule.WhenFullOrMaxWait;

    /// <summary>With <see cref="DepartureRule.WhenFullOrMaxWait"/>: the longest wait for cargo at <see cref="PortA"/>, in hours [S211: 1–14 days].</summary>
    public double MaxWaitHours { get; init; } = 72;

    /// <summary>
    /// With <see cref="DepartureRule.WhenFullOrMaxWait"/>: the longest wait for cargo at <see cref="PortB"/> (the
    /// backhaul end), in hours. Default 0: take what is queued and return, as ferries on a westbound-dominated
    /// corridor do [P6].
    /// </summary>
    public double BackhaulMaxWaitHours { get; init; }

    /// <summary>With <see cref="DepartureRule.Timetable"/>: hours between departures of one vessel.</summary>
    public double TimetableIntervalHours { get; init; } = 168;

    /// <summary>
    /// Draft-limited load factor by year (share of capacity usable; sea-level decline [S37][S38]); years not listed
    /// take the nearest listed year. Empty: 1.0.
    /// </summary>
    public IReadOnlyDictionary<int, double> LoadFactorByYear { get; init; } = new Dictionary<int, double>();

    /// <summary>The load factor <see cref="LoadFactorByYear"/> gives <paramref name="year"/>: the listed year nearest to it (the earlier one on a tie); 1 with no table.</summary>
    internal double TableLoadFactor(int year) =>
        LoadFactorByYear.Count == 0 ? 1 : LoadFactorByYear.OrderBy(e => Math.Abs(e.Key - year)).ThenBy(e => e.Key).First().Value;

    internal override string What => "vessel leg";

    internal override IReadOnlyList<InvestmentKind> Investments => [InvestmentKind.AddVessels, InvestmentKind.LoadFactor];

    internal override string? Relief => "one more vessel like its largest";

    /// <summary>The fleet plus a copy of its largest vessel in service by 1 January of <paramref name="year"/>, in service from the start.</summary>
    internal override ComponentDefinition Relieved(int year)
    {
        var yearStart = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        VesselDefinition largest = Vessels.Where(v => v.InServiceFrom is not { } d || d <= yearStart)
            .DefaultIfEmpty(Vessels[0]).MaxBy(v => v.CapacityUnits)!;
        return this with { Vessels = [.. Vessels, largest with { Name = "relief vessel", InServiceFrom = null }] };
    }

    internal override string? Pass(string node, out string next, out bool forward)
    {
        forward = PortA == node;
        if (forward || PortB == node)
        {
            next = forward ? PortB : PortA;
            return null;
        }

        next = PortB;
        return $"vessel leg '{Id}' links '{PortA}' and '{PortB}' but the route is at '{node}'.";
    }

    internal override string? RefuseUnit(string unit) =>
        Unit == unit ? null : $"vessel leg '{Id}' carries '{Unit}' units, the flow's unit is '{unit}'.";

    internal override void Validate(ValidationContext context, string path)
    {
        context.CheckPort(path + ".portA", this, "portA", PortA);
        context.CheckPort(path + ".portB", this, "portB", PortB);
        if (PortA == PortB)
        {
            context.Error(path + ".portB", $"vessel leg '{Id}': portA and portB must differ, both are '{PortA}'.");
        }

        context.CheckUnit(path + ".unit", $"vessel leg '{Id}'", Unit);
        if (Vessels is null || Vessels.Count == 0)
        {
            if (!context.Definition.Investments.Any(inv => inv.Component == Id && inv.Kind == InvestmentKind.AddVessels))
            {
                context.Error(path + ".vessels", $"vessel leg '{Id}': the fleet is empty and no investment adds vessels; expected at least one vessel.");
            }
        }

        // Ranges (waits, interval, load factors, vessel capacities): VesselLegFields (ValidationContext.CheckRanges).
        context.CheckDistribution(path + ".sailingHours", Id, SailingHours);

        // A vessel that neither sails nor waits for cargo would turn round for ever at one instant.
        if (SailingHours is { Mean: 0, Variance: 0 } && Departure == DepartureRule.WhenFullOrMaxWait && MaxWaitHours == 0 && BackhaulMaxWaitHours == 0)
        {
            context.Error(path + ".sailingHours", $"vessel leg '{Id}': vessels sail in no time and wait for no cargo (maxWaitHours and backhaulMaxWaitHours are 0), so an empty vessel would turn round for ever at one instant; expected a positive sailing time or a wait.");
        }
    }

    internal override ComponentRuntime CreateRuntime(CorridorRun run) => new VesselLegRuntime(run, this);
}
