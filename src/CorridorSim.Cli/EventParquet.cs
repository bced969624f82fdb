using System.Globalization;
using CorridorSim.Corridor;
using Parquet;
using Parquet.Schema;

namespace CorridorSim.Cli;

/// <summary>
/// Writes the event log as Parquet, one row per event (the columns are in docs/events.md), a row group at a time as
/// the run goes: it holds one row group's columns, never the whole log.
/// </summary>
internal sealed class EventParquet : IEventFileWriter
{
    // Row groups of this many events: large enough to compress well, small enough to hold one while the run goes on.
    internal const int RowGroupRows = 1_000_000;

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

    private readonly TemporaryFile _file;
    private readonly Func<EventLog, IReadOnlyDictionary<string, string>> _metadata;
    private readonly int _rowGroupRows;
    private FileStream? _stream;
    private ParquetWriter? _writer;
    private int _groups;

    // One row group's columns, filled as events arrive and reused for the next group.
    private DateTime[] _times = [];
    private double[] _hours = [];
    private string[] _entityKinds = [];
    private string[] _entityIds = [];
    private string?[] _flows = [];
    private string?[] _commodities = [];
    private string[] _components = [];
    private string?[] _ports = [];
    private string[] _events = [];
    private double[] _tons = [];
    private string?[] _vehicles = [];
    private int _n;

    /// <summary>A writer to <paramref name="path"/> (through a temporary file beside it); <paramref name="metadata"/> gives the key-value metadata at the end.</summary>
    public EventParquet(string path, Func<EventLog, IReadOnlyDictionary<string, string>> metadata, int rowGroupRows = RowGroupRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        _file = new TemporaryFile(path);
        _metadata = metadata;
        _rowGroupRows = rowGroupRows;
    }

    public string Path => _file.Target;

    public void Write(in CorridorEventRecord record, DateTime time)
    {
        if (_n == _times.Length)
        {
            Allocate();
        }

        int i = _n++;
        _times[i] = time;
        _hours[i] = record.Time.TotalHours;
        _entityKinds[i] = EventLog.Name(record.Entity);
        _entityIds[i] = record.EntityId;
        _flows[i] = record.FlowId;
        _commodities[i] = record.Commodity;
        _components[i] = record.ComponentId;
        _ports[i] = record.PortId;
        _events[i] = EventLog.Name(record.Kind);
        _tons[i] = record.Tons;
        _vehicles[i] = record.VehicleId;
        if (_n == _rowGroupRows)
        {
            Flush();
        }
    }

    public void Complete(EventLog log)
    {
        // An empty log still gets its one (empty) row group, as a reader expects.
        if (_n > 0 || _groups == 0)
        {
            Flush();
        }

        ParquetWriter writer = Writer();
        writer.CustomMetadata = _metadata(log);
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _writer = null;
        _stream!.Dispose();
        _stream = null;
        _file.Commit();
    }

    public void Dispose()
    {
        // An unfinished file is dropped without its footer: the temporary file is deleted anyway.
        _stream?.Dispose();
        _file.Dispose();
    }

    private void Allocate()
    {
        // The first group's columns grow as it fills, so a short log takes little memory; later groups reuse them.
        int size = (int)Math.Min(_rowGroupRows, Math.Max(1024, 2L * _times.Length));
        Array.Resize(ref _times, size);
        Array.Resize(ref _hours, size);
        Array.Resize(ref _entityKinds, size);
        Array.Resize(ref _entityIds, size);
        Array.Resize(ref _flows, size);
        Array.Resize(ref _commodities, size);
        Array.Resize(ref _components, size);
        Array.Resize(ref _ports, size);
        Array.Resize(ref _events, size);
        Array.Resize(ref _tons, size);
        Array.Resize(ref _vehicles, size);
    }

    private ParquetWriter Writer()
    {
        if (_writer is null)
        {
            _stream = File.Create(_file.Temp);
            _writer = ParquetWriter.CreateAsync(Schema, _stream).GetAwaiter().GetResult();
        }

        return _writer;
    }

    private void Flush()
    {
        WriteRowGroupAsync(Writer(), _n).GetAwaiter().GetResult();
        _groups++;
        _n = 0;
    }

    private async Task WriteRowGroupAsync(ParquetWriter writer, int n)
    {
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(TimeUtc, _times.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<double>(Hours, _hours.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync(EntityKind, new ArraySegment<string>(_entityKinds, 0, n)).ConfigureAwait(false);
        await group.WriteAsync(EntityId, new ArraySegment<string>(_entityIds, 0, n)).ConfigureAwait(false);
        await group.WriteAsync(FlowId, new ArraySegment<string?>(_flows, 0, n)).ConfigureAwait(false);
        await group.WriteAsync(Commodity, new ArraySegment<string?>(_commodities, 0, n)).ConfigureAwait(false);
        await group.WriteAsync(ComponentId, new ArraySegment<string>(_components, 0, n)).ConfigureAwait(false);
        await group.WriteAsync(PortId, new ArraySegment<string?>(_ports, 0, n)).ConfigureAwait(false);
        await group.WriteAsync(Event, new ArraySegment<string>(_events, 0, n)).ConfigureAwait(false);
        await group.WriteAsync<double>(Tons, _tons.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync(VehicleId, new ArraySegment<string?>(_vehicles, 0, n)).ConfigureAwait(false);
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
