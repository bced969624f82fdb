using System.Runtime.InteropServices;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>Builds the records the runtimes hand to a run's <see cref="ICorridorEventSink"/>; called only when one is attached.</summary>
internal static class CorridorLog
{
    public static void Unit(ICorridorEventSink log, SimTime now, CorridorEventKind kind, CargoUnit unit, ComponentRuntime at, bool forward, string? vehicle = null) =>
        Unit(log, now, kind, unit, at, at.PortAt(forward), vehicle);

    public static void Unit(ICorridorEventSink log, SimTime now, CorridorEventKind kind, CargoUnit unit, ComponentRuntime at, string? port, string? vehicle)
    {
        CargoFlowDefinition flow = unit.Flow.Definition;
        log.Record(new CorridorEventRecord
        {
            Time = now,
            Kind = kind,
            Entity = CorridorEntityKind.Unit,
            EntityId = unit.LogId ?? string.Empty,
            ComponentId = at.Id,
            PortId = port,
            FlowId = flow.Id,
            Commodity = flow.Commodity,
            Tons = unit.Tons,
            VehicleId = vehicle,
        });
    }

    /// <summary>The same event for every unit a train, vessel or truck carries, right after the vehicle's own.</summary>
    public static void Units(ICorridorEventSink log, SimTime now, CorridorEventKind kind, List<CargoUnit> units, ComponentRuntime at, string? port, string vehicle)
    {
        foreach (CargoUnit u in CollectionsMarshal.AsSpan(units))
        {
            Unit(log, now, kind, u, at, port, vehicle);
        }
    }

    public static void Vehicle(ICorridorEventSink log, SimTime now, CorridorEventKind kind, CorridorEntityKind entity, string id, ComponentRuntime at, string? port, double tons) =>
        log.Record(new CorridorEventRecord
        {
            Time = now,
            Kind = kind,
            Entity = entity,
            EntityId = id,
            ComponentId = at.Id,
            PortId = port,
            Tons = tons,
        });

    public static double Tons(List<CargoUnit> units)
    {
        double tons = 0;
        foreach (CargoUnit u in CollectionsMarshal.AsSpan(units))
        {
            tons += u.Tons;
        }

        return tons;
    }

    /// <summary>Names a new unit and logs its arrival at the first component of its route.</summary>
    public static void Generated(ICorridorEventSink log, CorridorRun run, CargoUnit unit)
    {
        unit.LogId = "u" + (++run.UnitsLogged).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (unit.Route.Length > 0)
        {
            RouteStep first = unit.Route[0];
            Unit(log, run.Simulation.Now, CorridorEventKind.Arrive, unit, first.Component, first.Forward);
        }
    }

    /// <summary>Logs a diversion at the component the unit waited at (its current route step).</summary>
    public static void Diverted(ICorridorEventSink log, CorridorRun run, CargoUnit unit)
    {
        if (unit.Step > 0 && unit.Step <= unit.Route.Length)
        {
            RouteStep at = unit.Route[unit.Step - 1];
            Unit(log, run.Simulation.Now, CorridorEventKind.Divert, unit, at.Component, at.Forward);
        }
    }

    public static string Numbered(string prefix, long number) =>
        prefix + "#" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
