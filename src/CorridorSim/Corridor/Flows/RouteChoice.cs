namespace CorridorSim.Corridor;

/// <summary>How a flow chooses among its alternative routes.</summary>
public enum RouteChoice
{
    /// <summary>Each unit picks a route at random with the routes' shares as probabilities.</summary>
    FixedShares,

    /// <summary>Each unit takes the route with the shortest expected time now (nominal transit plus current queues).</summary>
    ShortestExpectedTime,
}
