using System.Globalization;
using System.Text.Json;
using CorridorSim.Corridor;

namespace CorridorSim.Cli;

/// <summary>
/// Writes an <see cref="EventLog"/> as an OCEL 2.0 JSON object-centric event log (docs/events.md): a train's, vessel
/// voyage's or truck's event also relates the units it carries at that moment, so one vessel departure relates its
/// voyage, its cargo and its berth.
/// </summary>
internal static class OcelWriter
{
    public const string UnitType = "unit";
    public const string PortType = "port";
    public const string ComponentType = "component";

    public static void Write(EventLog log, string path)
    {
        string temp = path + ".tmp";
        using (FileStream stream = File.Create(temp))
        using (var json = new Utf8JsonWriter(stream))
        {
            Dictionary<string, ObjectInfo> objects = CollectObjects(log, out List<string> eventTypes);
            json.WriteStartObject();
            WriteObjectTypes(json);
            json.WriteStartArray("eventTypes");
            foreach (string type in eventTypes)
            {
                json.WriteStartObject();
                json.WriteString("name", type);
                json.WriteStartArray("attributes");
                WriteAttributeType(json, "tons", "float");
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteObjects(json, log, objects);
            WriteEvents(json, log);
            json.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>How many rows after <paramref name="i"/> are the units its vehicle carries at that moment (folded into its event).</summary>
    private static int Carried(EventLog log, long i)
    {
        ref readonly CorridorEventRecord vehicle = ref log[i];
        if (vehicle.Entity is CorridorEntityKind.Unit or CorridorEntityKind.Port)
        {
            return 0;
        }

        int n = 0;
        for (long j = i + 1; j < log.Count; j++)
        {
            ref readonly CorridorEventRecord r = ref log[j];
            if (r.Entity != CorridorEntityKind.Unit || r.Time != vehicle.Time || !string.Equals(r.VehicleId, vehicle.EntityId, StringComparison.Ordinal))
            {
                break;
            }

            n++;
        }

        return n;
    }

    /// <summary>The qualifier of a carried unit's relationship, from what the unit's own row says.</summary>
    public static string CargoQualifier(CorridorEventKind unitEvent) => unitEvent switch
    {
        CorridorEventKind.Start => "aboard",
        CorridorEventKind.Transship => "transshipped",
        CorridorEventKind.End => "unloaded",
        _ => "cargo",
    };

    public static string Qualifier(CorridorEntityKind entity) => EventLog.Name(entity);

    public static string EventType(in CorridorEventRecord r) => EventLog.Name(r.Entity) + " " + EventLog.Name(r.Kind);

    private static Dictionary<string, ObjectInfo> CollectObjects(EventLog log, out List<string> eventTypes)
    {
        var objects = new Dictionary<string, ObjectInfo>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        eventTypes = [];
        for (long i = 0; i < log.Count; i++)
        {
            ref readonly CorridorEventRecord r = ref log[i];
            if (r.PortId is { } port)
            {
                objects.TryAdd(port, new ObjectInfo(PortType, i));
            }

            objects.TryAdd(r.EntityId, new ObjectInfo(EventLog.Name(r.Entity), i));
            if (r.Entity != CorridorEntityKind.Port)
            {
                objects.TryAdd(r.ComponentId, new ObjectInfo(ComponentType, i));
            }

            int carried = Carried(log, i);
            if (r.Entity != CorridorEntityKind.Unit || carried == 0)
            {
                string type = EventType(r);
                if (types.Add(type))
                {
                    eventTypes.Add(type);
                }
            }

            // Carried units' rows are visited too (for their objects) but make no event type of their own.
            for (long j = i + 1; j <= i + carried; j++)
            {
                ref readonly CorridorEventRecord u = ref log[j];
                objects.TryAdd(u.EntityId, new ObjectInfo(UnitType, j));
            }

            i += carried;
        }

        return objects;
    }

    private static void WriteObjectTypes(Utf8JsonWriter json)
    {
        json.WriteStartArray("objectTypes");
        foreach (string type in (string[])[UnitType, "train", "vessel voyage", "truck", PortType, ComponentType])
        {
            json.WriteStartObject();
            json.WriteString("name", type);
            json.WriteStartArray("attributes");
            if (type == UnitType)
            {
                WriteAttributeType(json, "flow", "string");
                WriteAttributeType(json, "commodity", "string");
                WriteAttributeType(json, "tons", "float");
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAttributeType(Utf8JsonWriter json, string name, string type)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        json.WriteEndObject();
    }

    private static void WriteObjects(Utf8JsonWriter json, EventLog log, Dictionary<string, ObjectInfo> objects)
    {
        json.WriteStartArray("objects");
        foreach ((string id, ObjectInfo info) in objects)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", info.Type);
            json.WriteStartArray("attributes");
            ref readonly CorridorEventRecord first = ref log[info.FirstRow];
            if (info.Type == UnitType && first.Entity == CorridorEntityKind.Unit)
            {
                string time = Time(log, first);
                WriteAttribute(json, "flow", time, first.FlowId ?? string.Empty);
                WriteAttribute(json, "commodity", time, first.Commodity ?? string.Empty);
                json.WriteStartObject();
                json.WriteString("name", "tons");
                json.WriteString("time", time);
                json.WriteNumber("value", first.Tons);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("relationships");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAttribute(Utf8JsonWriter json, string name, string time, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("time", time);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static void WriteEvents(Utf8JsonWriter json, EventLog log)
    {
        json.WriteStartArray("events");
        long id = 0;
        for (long i = 0; i < log.Count; i++)
        {
            ref readonly CorridorEventRecord r = ref log[i];
            int carried = Carried(log, i);
            json.WriteStartObject();
            json.WriteString("id", "e" + (++id).ToString(CultureInfo.InvariantCulture));
            json.WriteString("type", EventType(r));
            json.WriteString("time", Time(log, r));
            json.WriteStartArray("attributes");
            json.WriteStartObject();
            json.WriteString("name", "tons");
            json.WriteNumber("value", r.Tons);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("relationships");
            WriteRelationship(json, r.EntityId, Qualifier(r.Entity));
            if (r.Entity != CorridorEntityKind.Port)
            {
                WriteRelationship(json, r.ComponentId, ComponentType);
            }

            if (r.PortId is { } port && port != r.EntityId)
            {
                WriteRelationship(json, port, "berth");
            }

            for (long j = i + 1; j <= i + carried; j++)
            {
                ref readonly CorridorEventRecord u = ref log[j];
                WriteRelationship(json, u.EntityId, CargoQualifier(u.Kind));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            i += carried;
            if (json.BytesPending > 1 << 20)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteRelationship(Utf8JsonWriter json, string objectId, string qualifier)
    {
        json.WriteStartObject();
        json.WriteString("objectId", objectId);
        json.WriteString("qualifier", qualifier);
        json.WriteEndObject();
    }

    private static string Time(EventLog log, in CorridorEventRecord r) =>
        log.DateOf(r.Time).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    private readonly record struct ObjectInfo(string Type, long FirstRow);
}
