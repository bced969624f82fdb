using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>One unit of cargo on its way: a TEU, a wagon or a tanker load of one flow.</summary>
internal sealed class CargoUnit
{
    public required FlowRuntime Flow;
    public required RouteStep[] Route;
    public int Step;
    public SimTime Created;
    public SimTime QueuedAt;

    public double Tons => Flow.Definition.TonsPerUnit;

    /// <summary>Hands the unit to its next component, or delivers it.</summary>
    public void Advance(CorridorRun run)
    {
        if (Step < Route.Length)
        {
            RouteStep s = Route[Step++];
            QueuedAt = run.Simulation.Now;
            s.Component.Accept(this, s.Forward);
        }
        else
        {
            run.Deliver(this);
        }
    }
}

/// <summary>A leg of a route with its direction (vessel legs can be passed both ways).</summary>
internal readonly record struct RouteStep(ComponentRuntime Component, bool Forward);
