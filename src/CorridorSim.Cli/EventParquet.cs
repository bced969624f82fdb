using System.Globalization;
using CorridorSim.Corridor;
using Parquet;
using Parquet.Schema;

namespace CorridorSim.Cli;

/// <summary>Writes an <see cref="EventLog"/> as Parquet, one row per event (the columns are in docs/events.md).</summary>
internal static class EventParquet
{
    // Row groups of this many events: large enough to compress well, small enough to write a column at a time.
    private const int RowGroupRows = 1_000_000;

    public static readonly DateTimeDataField TimeUtc = new("time_utc", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    public static readonly DataField<double> Hours = new("hours", nullable: false);
    public static readonly DataField<string> EntityKind = new("entity_kind", nullable: false);
    public static readonly DataField<string> EntityId = new("entity_id", nullable: false);
    public static readonly DataField<string> FlowId = new("flow_id", nullable: true);
    public static readonly DataField<string> Commodity = new("commodity", nullable: true);
    public static readonly DataField<string> ComponentId = new("component_id", nullable: false);
    public static readonly DataField<string> PortId = new("port_id", nullable: true);
    public static readonly DataField<string> Event = new("event", nullable: false);
    public static readonly DataField<double> Tons = new("tons", nullable: false);
    public static readonly DataField<string> VehicleId = new("vehicle_id", nullable: true);

    public static readonly ParquetSchema Schema = new(TimeUtc, Hours, EntityKind, EntityId, FlowId, Commodity, ComponentId, PortId, Event, Tons, VehicleId);

    /// <summary>Writes the log to <paramref name="path"/> (through a temporary file beside it, so a failed write leaves no half file).</summary>
    public static void Write(EventLog log, string path, IReadOnlyDictionary<string, string> metadata) =>
        WriteAsync(log, path, metadata).GetAwaiter().GetResult();

    private static async Task WriteAsync(EventLog log, string path, IReadOnlyDictionary<string, string> metadata)
    {
        string temp = path + ".tmp";
        await using (FileStream stream = File.Create(temp))
        {
            await using (ParquetWriter writer = await ParquetWriter.CreateAsync(Schema, stream).ConfigureAwait(false))
            {
                writer.CustomMetadata = metadata;

                for (long start = 0; start < log.Count || (start == 0 && log.Count == 0); start += RowGroupRows)
                {
                    int n = (int)Math.Min(RowGroupRows, log.Count - start);
                    await WriteRowGroupAsync(writer, log, start, n).ConfigureAwait(false);
                    if (log.Count == 0)
                    {
                        break;
                    }
                }
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, EventLog log, long start, int n)
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
            ref readonly CorridorEventRecord r = ref log[start + i];
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
        await group.WriteAsync<DateTime>(TimeUtc, times).ConfigureAwait(false);
        await group.WriteAsync<double>(Hours, hours).ConfigureAwait(false);
        await group.WriteAsync(EntityKind, entityKinds).ConfigureAwait(false);
        await group.WriteAsync(EntityId, entityIds).ConfigureAwait(false);
        await group.WriteAsync(FlowId, flows!).ConfigureAwait(false);
        await group.WriteAsync(Commodity, commodities!).ConfigureAwait(false);
        await group.WriteAsync(ComponentId, components).ConfigureAwait(false);
        await group.WriteAsync(PortId, ports!).ConfigureAwait(false);
        await group.WriteAsync(Event, events).ConfigureAwait(false);
        await group.WriteAsync<double>(Tons, tons).ConfigureAwait(false);
        await group.WriteAsync(VehicleId, vehicles!).ConfigureAwait(false);
    }

    /// <summary>The key-value metadata every events file carries (docs/events.md).</summary>
    public static Dictionary<string, string> Metadata(EventLog log, string scenario, ulong seed, int replication) => new(StringComparer.Ordinal)
    {
        ["corridorsim.scenario"] = scenario,
        ["corridorsim.seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.replication"] = replication.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.start_utc"] = log.StartDate.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture),
        ["corridorsim.events"] = log.Count.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.events_max"] = log.MaxEvents.ToString(CultureInfo.InvariantCulture),
        ["corridorsim.truncated"] = log.Truncated ? "true" : "false",
    };
}
