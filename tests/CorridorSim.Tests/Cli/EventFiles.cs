using CorridorSim.Cli;
using Parquet;
using Parquet.Schema;

namespace CorridorSim.Tests.Cli;

/// <summary>One row of an events Parquet file, read back with Parquet.Net.</summary>
internal sealed record EventRow(
    DateTime TimeUtc, double Hours, string EntityKind, string EntityId, string? FlowId, string? Commodity,
    string ComponentId, string? PortId, string Event, double Tons, string? VehicleId);

/// <summary>Reads the files <c>run --events</c> writes, independently of the writer's code.</summary>
internal static class EventFiles
{
    public static (List<EventRow> Rows, IReadOnlyDictionary<string, string> Metadata) ReadParquet(string path) =>
        ReadParquetAsync(path).GetAwaiter().GetResult();

    private static async Task<(List<EventRow>, IReadOnlyDictionary<string, string>)> ReadParquetAsync(string path)
    {
        await using FileStream stream = File.OpenRead(path);
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream);
        DataField[] fields = reader.Schema.GetDataFields();
        Assert.Equal(
            ["time_utc", "hours", "entity_kind", "entity_id", "flow_id", "commodity", "component_id", "port_id", "event", "tons", "vehicle_id"],
            fields.Select(f => f.Name));
        DataField Field(string name) => fields.Single(f => f.Name == name);
        var rows = new List<EventRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            var times = new DateTime[n];
            var hours = new double[n];
            var tons = new double[n];
            await group.ReadAsync<DateTime>(Field("time_utc"), times);
            await group.ReadAsync<double>(Field("hours"), hours);
            await group.ReadAsync<double>(Field("tons"), tons);
            async Task<string?[]> Strings(string name)
            {
                var values = new string[n];
                await group.ReadAsync(Field(name), values);
                return values;
            }

            string?[] kinds = await Strings("entity_kind"), ids = await Strings("entity_id"), flows = await Strings("flow_id"),
                commodities = await Strings("commodity"), components = await Strings("component_id"), ports = await Strings("port_id"),
                events = await Strings("event"), vehicles = await Strings("vehicle_id");
            for (int i = 0; i < n; i++)
            {
                rows.Add(new EventRow(times[i], hours[i], kinds[i]!, ids[i]!, flows[i], commodities[i], components[i]!, ports[i], events[i]!, tons[i], vehicles[i]));
            }
        }

        return (rows, reader.CustomMetadata);
    }

    /// <summary>The components.csv column <paramref name="column"/> by (year, component id).</summary>
    public static Dictionary<(int Year, string Id), double> ComponentsCsv(string path, string column)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        int year = Array.IndexOf(header, "year"), id = Array.IndexOf(header, "id"), value = Array.IndexOf(header, column);
        Assert.True(year >= 0 && id >= 0 && value >= 0, "components.csv has year, id and " + column);
        return lines.Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => (int.Parse(c[year], System.Globalization.CultureInfo.InvariantCulture), c[id]),
                c => double.Parse(c[value], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string ScenarioPath => Path.Combine(AppContext.BaseDirectory, "Corridor", "Scenarios", "events.json");

    public static CliResult Run(params string[] args) => CliHarness.Run(args);

    public static string EventTypeOf(EventRow r) => r.EntityKind + " " + r.Event;

    /// <summary>What a unit's row says its component moved (counted in tonsThrough): a start, or the load aboard a vessel.</summary>
    public static bool CountsAsMoved(EventRow r) =>
        r.EntityKind == "unit" && (r.Event == "start" && !r.ComponentId.StartsWith("ferry:", StringComparison.Ordinal)
            || r.Event == "transship" && r.ComponentId.StartsWith("ferry:", StringComparison.Ordinal));

    public static long DefaultMax => EventLog.DefaultMaxEvents;
}
