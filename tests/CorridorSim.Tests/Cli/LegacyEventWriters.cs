using System.Globalization;
using System.Text.Json;
using CorridorSim.Cli;
using CorridorSim.Corridor;
using CorridorSim.Engine;
using Parquet;

namespace CorridorSim.Tests.Cli;

/// <summary>
/// The in-memory event writers the CLI used before it streamed (main ffa0183), kept as the reference the streamed
/// files must equal byte for byte: every record held, then the whole file written at the end.
/// </summary>
internal sealed class LegacyEventLog(long maxEvents) : ICorridorEventSink
{
    public List<CorridorEventRecord> Records { get; } = [];

    public long MaxEvents { get; } = maxEvents;

    public long Count => Records.Count;

    public bool Truncated { get; private set; }

    public DateTime StartDate { get; private set; }

    public void Started(DateTime startDate) => StartDate = startDate;

    public void Record(in CorridorEventRecord record)
    {
        if (Count >= MaxEvents)
        {
            Truncated = true;
            return;
        }

        Records.Add(record);
    }

    public CorridorEventRecord this[long index] => Records[(int)index];

    public DateTime DateOf(SimTime time) => DateTime.SpecifyKind(StartDate + time.SinceStart.ToTimeSpan(), DateTimeKind.Utc);

    public Dictionary<string, string> Metadata(string scenario, ulong seed, int replication) => new(StringComparer.Ordinal)
    {
        ["corridorsim.scenario"] = scenario,
        ["corridorsim.seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.replication"] = replication.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.start_utc"] = StartDate.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture),
        ["corridorsim.events"] = Count.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.events_max"] = MaxEvents.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.truncated"] = Truncated ? "true" : "false",
    };
}

/// <summary>The old Parquet writer: all rows at the end, in row groups of <c>rowGroupRows</c>.</summary>
internal static class LegacyEventParquet
{
    public static void Write(LegacyEventLog log, string path, IReadOnlyDictionary<string, string> metadata, int rowGroupRows) =>
        WriteAsync(log, path, metadata, rowGroupRows).GetAwaiter().GetResult();

    private static async Task WriteAsync(LegacyEventLog log, string path, IReadOnlyDictionary<string, string> metadata, int rowGroupRows)
    {
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(EventParquet.Schema, stream);
        writer.CustomMetadata = metadata;
        for (long start = 0; start < log.Count || (start == 0 && log.Count == 0); start += rowGroupRows)
        {
            int n = (int)Math.Min(rowGroupRows, log.Count - start);
            await WriteRowGroupAsync(writer, log, start, n);
            if (log.Count == 0)
            {
                break;
            }
        }
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, LegacyEventLog log, long start, int n)
    {
        var times = new DateTime[n];
        var hours = new double[n];
        var entityKinds = new string[n];
        var entityIds = new string[n];
        var flows = new string?[n];
        var commodities = new string?[n];
        var components = new string[n];
        var ports = new string?[n];
        var events = new string[n];
        var tons = new double[n];
        var vehicles = new string?[n];
        for (int i = 0; i < n; i++)
        {
            CorridorEventRecord r = log[start + i];
            times[i] = log.DateOf(r.Time);
            hours[i] = r.Time.TotalHours;
            entityKinds[i] = EventLog.Name(r.Entity);
            entityIds[i] = r.EntityId;
            flows[i] = r.FlowId;
            commodities[i] = r.Commodity;
            components[i] = r.ComponentId;
            ports[i] = r.PortId;
            events[i] = EventLog.Name(r.Kind);
            tons[i] = r.Tons;
            vehicles[i] = r.VehicleId;
        }

        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(EventParquet.TimeUtc, times);
        await group.WriteAsync<double>(EventParquet.Hours, hours);
        await group.WriteAsync(EventParquet.EntityKind, entityKinds);
        await group.WriteAsync(EventParquet.EntityId, entityIds);
        await group.WriteAsync(EventParquet.FlowId, flows!);
        await group.WriteAsync(EventParquet.Commodity, commodities!);
        await group.WriteAsync(EventParquet.ComponentId, components);
        await group.WriteAsync(EventParquet.PortId, ports!);
        await group.WriteAsync(EventParquet.Event, events);
        await group.WriteAsync<double>(EventParquet.Tons, tons);
        await group.WriteAsync(EventParquet.VehicleId, vehicles!);
    }
}

/// <summary>The old OCEL JSON writer: objects collected in a first pass over the held log, then everything in order.</summary>
internal static class LegacyOcelWriter
{
    public static void Write(LegacyEventLog log, string path)
    {
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        Dictionary<string, (string Type, long FirstRow)> objects = CollectObjects(log, out List<string> eventTypes);
        json.WriteStartObject();
        json.WriteStartArray("objectTypes");
        foreach (string type in (string[])["unit", "train", "vessel voyage", "truck", "port", "component"])
        {
            json.WriteStartObject();
            json.WriteString("name", type);
            json.WriteStartArray("attributes");
            if (type == "unit")
            {
                AttributeType(json, "flow", "string");
                AttributeType(json, "commodity", "string");
                AttributeType(json, "tons", "float");
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("eventTypes");
        foreach (string type in eventTypes)
        {
            json.WriteStartObject();
            json.WriteString("name", type);
            json.WriteStartArray("attributes");
            AttributeType(json, "tons", "float");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("objects");
        foreach ((string id, (string type, long firstRow)) in objects)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", type);
            json.WriteStartArray("attributes");
            CorridorEventRecord first = log[firstRow];
            if (type == "unit" && first.Entity == CorridorEntityKind.Unit)
            {
                string time = Time(log, first);
                foreach ((string name, string value) in (ValueTuple<string, string>[])[("flow", first.FlowId ?? string.Empty), ("commodity", first.Commodity ?? string.Empty)])
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteString("time", time);
                    json.WriteString("value", value);
                    json.WriteEndObject();
                }

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
        json.WriteStartArray("events");
        long eventId = 0;
        for (long i = 0; i < log.Count; i++)
        {
            CorridorEventRecord r = log[i];
            int carried = Carried(log, i);
            json.WriteStartObject();
            json.WriteString("id", "e" + (++eventId).ToString(CultureInfo.InvariantCulture));
            json.WriteString("type", EventLog.Name(r.Entity) + " " + EventLog.Name(r.Kind));
            json.WriteString("time", Time(log, r));
            json.WriteStartArray("attributes");
            json.WriteStartObject();
            json.WriteString("name", "tons");
            json.WriteNumber("value", r.Tons);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("relationships");
            Relationship(json, r.EntityId, EventLog.Name(r.Entity));
            if (r.Entity != CorridorEntityKind.Port)
            {
                Relationship(json, r.ComponentId, "component");
            }

            if (r.PortId is { } port && port != r.EntityId)
            {
                Relationship(json, port, "berth");
            }

            for (long j = i + 1; j <= i + carried; j++)
            {
                Relationship(json, log[j].EntityId, OcelEvents.CargoQualifier(log[j].Kind));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            i += carried;
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static int Carried(LegacyEventLog log, long i)
    {
        CorridorEventRecord vehicle = log[i];
        if (vehicle.Entity is CorridorEntityKind.Unit or CorridorEntityKind.Port)
        {
            return 0;
        }

        int n = 0;
        for (long j = i + 1; j < log.Count; j++)
        {
            CorridorEventRecord r = log[j];
            if (r.Entity != CorridorEntityKind.Unit || r.Time != vehicle.Time || !string.Equals(r.VehicleId, vehicle.EntityId, StringComparison.Ordinal))
            {
                break;
            }

            n++;
        }

        return n;
    }

    private static Dictionary<string, (string Type, long FirstRow)> CollectObjects(LegacyEventLog log, out List<string> eventTypes)
    {
        var objects = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        eventTypes = [];
        for (long i = 0; i < log.Count; i++)
        {
            CorridorEventRecord r = log[i];
            if (r.PortId is { } port)
            {
                objects.TryAdd(port, ("port", i));
            }

            objects.TryAdd(r.EntityId, (EventLog.Name(r.Entity), i));
            if (r.Entity != CorridorEntityKind.Port)
            {
                objects.TryAdd(r.ComponentId, ("component", i));
            }

            string type = EventLog.Name(r.Entity) + " " + EventLog.Name(r.Kind);
            if (types.Add(type))
            {
                eventTypes.Add(type);
            }

            int carried = Carried(log, i);
            for (long j = i + 1; j <= i + carried; j++)
            {
                objects.TryAdd(log[j].EntityId, ("unit", j));
            }

            i += carried;
        }

        return objects;
    }

    private static void AttributeType(Utf8JsonWriter json, string name, string type)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        json.WriteEndObject();
    }

    private static void Relationship(Utf8JsonWriter json, string objectId, string qualifier)
    {
        json.WriteStartObject();
        json.WriteString("objectId", objectId);
        json.WriteString("qualifier", qualifier);
        json.WriteEndObject();
    }

    private static string Time(LegacyEventLog log, CorridorEventRecord r) =>
        log.DateOf(r.Time).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}
