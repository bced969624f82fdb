namespace CorridorSim.Corridor;

/// <summary>The kind of thing a <see cref="CorridorEventRecord"/> is about.</summary>
public enum CorridorEntityKind
{
    /// <summary>A unit of cargo (a TEU, FEU, wagon or tanker load of one flow).</summary>
    Unit,

    /// <summary>A train formed at a rail segment, border crossing, transshipment or terminal.</summary>
    Train,

    /// <summary>One crossing of a vessel leg by one vessel: loading, sailing and unloading.</summary>
    VesselVoyage,

    /// <summary>A truck on a road leg.</summary>
    Truck,

    /// <summary>A port (its closures).</summary>
    Port,
}
