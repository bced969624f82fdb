namespace CorridorSim.Corridor;

/// <summary>What an investment changes.</summary>
public enum InvestmentKind
{
    /// <summary>Sets a port's berth count.</summary>
    Berths,

    /// <summary>Sets a stage's trains per day.</summary>
    TrainsPerDay,

    /// <summary>Multiplies a port's handling time (or a road leg's processing time) by a factor (below 1 = faster).</summary>
    HandlingTimeFactor,

    /// <summary>Adds vessels to a vessel leg (see <see cref="InvestmentDefinition.Vessels"/>).</summary>
    AddVessels,

    /// <summary>Sets a vessel leg's load factor from then on (dredging restores draft).</summary>
    LoadFactor,

    /// <summary>Sets a road leg's number of processing lanes (truck gates at its border or terminal).</summary>
    Lanes,
}
