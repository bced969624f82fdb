using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Cli;

/// <summary>A unit's attributes in an OCEL log, as its first row gives them.</summary>
internal readonly record struct OcelUnit(string Flow, string Commodity, double Tons, DateTime Time);

/// <summary>One OCEL event: a log row, with the units its train, vessel voyage or truck carries at that moment.</summary>
internal sealed class OcelEvent
{
    public long Number { get; set; }

    public string Id => "e" + Number.ToString(CultureInfo.InvariantCulture);

    public string Type { get; set; } = string.Empty;

    public DateTime Time { get; set; }

    public double Tons { get; set; }

    public bool IsVehicle { get; set; }

    public SimTime SimTime { get; set; }

    public string EntityId { get; set; } = string.Empty;

    /// <summary>The related objects and their qualifiers, in the order the files list them.</summary>
    public List<(string ObjectId, string Qualifier)> Relationships { get; } = [];
}

/// <summary>What an OCEL format does with the events and objects <see cref="OcelEvents"/> folds out of the log.</summary>
internal interface IOcelTarget
{
    /// <summary>An object seen for the first time (<paramref name="unit"/> set for units).</summary>
    void Object(string id, string type, OcelUnit? unit);

    /// <summary>An event type seen for the first time.</summary>
    void EventType(string type);

    /// <summary>A complete event; its buffer is reused after the call.</summary>
    void Event(OcelEvent e);
}

/// <summary>
/// Folds the log's rows into OCEL events as they arrive (docs/events.md): the rows of units a train, vessel voyage or
/// truck carries follow its own row and become relationships of its event, so an event is complete only when the
/// next row that is not its cargo arrives. Objects and event types are announced once, in the order first seen.
/// </summary>
internal sealed class OcelEvents(IOcelTarget target)
{
    public const string UnitType = "unit";
    public const string PortType = "port";
    public const string ComponentType = "component";

    /// <summary>The object types, in the order the files declare them.</summary>
    public static readonly IReadOnlyList<string> ObjectTypes = [UnitType, "train", "vessel voyage", "truck", PortType, ComponentType];

    private readonly HashSet<string> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);
    private readonly OcelEvent _pending = new();
    private bool _hasPending;

    /// <summary>The events completed so far.</summary>
    public long Events { get; private set; }

    public void Add(in CorridorEventRecord r, DateTime time)
    {
        if (_hasPending && _pending.IsVehicle && r.Entity == CorridorEntityKind.Unit && r.Time == _pending.SimTime
            && string.Equals(r.VehicleId, _pending.EntityId, StringComparison.Ordinal))
        {
            See(r.EntityId, UnitType, UnitOf(r, time));
            _pending.Relationships.Add((r.EntityId, CargoQualifier(r.Kind)));
            return;
        }

        Flush();
        if (r.PortId is { } port)
        {
            See(port, PortType, null);
        }

        string entityType = EventLog.Name(r.Entity);
        See(r.EntityId, entityType, r.Entity == CorridorEntityKind.Unit ? UnitOf(r, time) : null);
        if (r.Entity != CorridorEntityKind.Port)
        {
            See(r.ComponentId, ComponentType, null);
        }

        string type = entityType + " " + EventLog.Name(r.Kind);
        if (_types.Add(type))
        {
            target.EventType(type);
        }

        _pending.Number = Events + 1;
        _pending.Type = type;
        _pending.Time = time;
        _pending.SimTime = r.Time;
        _pending.Tons = r.Tons;
        _pending.EntityId = r.EntityId;
        _pending.IsVehicle = r.Entity is not (CorridorEntityKind.Unit or CorridorEntityKind.Port);
        _pending.Relationships.Clear();
        _pending.Relationships.Add((r.EntityId, entityType));
        if (r.Entity != CorridorEntityKind.Port)
        {
            _pending.Relationships.Add((r.ComponentId, ComponentType));
        }

        if (r.PortId is { } berth && berth != r.EntityId)
        {
            _pending.Relationships.Add((berth, "berth"));
        }

        _hasPending = true;
    }

    /// <summary>Completes the last event (at the end of the log).</summary>
    public void Flush()
    {
        if (_hasPending)
        {
            _hasPending = false;
            Events++;
            target.Event(_pending);
        }
    }

    /// <summary>The qualifier of a carried unit's relationship, from what the unit's own row says.</summary>
    public static string CargoQualifier(CorridorEventKind unitEvent) => unitEvent switch
    {
        CorridorEventKind.Start => "aboard",
        CorridorEventKind.Transship => "transshipped",
        CorridorEventKind.End => "unloaded",
        _ => "cargo",
    };

    private static OcelUnit UnitOf(in CorridorEventRecord r, DateTime time) => new(r.FlowId ?? string.Empty, r.Commodity ?? string.Empty, r.Tons, time);

    private void See(string id, string type, OcelUnit? unit)
    {
        if (_objects.Add(id))
        {
            target.Object(id, type, type == UnitType ? unit : null);
        }
    }
}
