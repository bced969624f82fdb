using CorridorSim.Experiments;
using Parquet.Schema;
using Parquet;

namespace CorridorSim.Cli;

/// <summary>
/// The <c>--records</c> file: one flat Parquet table with one row per (design row, year) and every per-year figure as a
/// column, per-commodity, per-flow and per-component figures as columns named <c>delivered_tons.&lt;commodity&gt;</c>,
/// <c>flow.&lt;id&gt;.&lt;figure&gt;</c> and <c>component.&lt;id&gt;.&lt;figure&gt;</c> (docs/records.md). Undefined figures
/// (NaN) are null, so pandas, DuckDB and Spark see them as missing.
/// </summary>
internal static class RecordsTable
{
    private static readonly (string Name, Func<FlowRecord, double> Of)[] FlowFigures =
    [
        ("generated_tons", f => f.GeneratedTons),
        ("delivered_tons", f => f.DeliveredTons),
        ("delivered_from_backlog_tons", f => f.DeliveredFromBacklogTons),
        ("diverted_tons", f => f.DivertedTons),
        ("mean_transit_days", f => f.MeanTransitDays),
        ("p50_transit_days", f => f.P50TransitDays),
        ("p95_transit_days", f => f.P95TransitDays),
    ];

    private static readonly (string Name, Func<ComponentRecord, double> Of)[] ComponentFigures =
    [
        ("utilization", c => c.Utilization),
        ("mean_wait_hours", c => c.MeanWaitHours),
        ("p95_wait_hours", c => c.P95WaitHours),
        ("tons_through", c => c.TonsThrough),
        ("mean_queue", c => c.MeanQueue),
        ("working", c => c.TimeStates.Working),
        ("sailing", c => c.TimeStates.Sailing),
        ("loading", c => c.TimeStates.Loading),
        ("waiting_for_berth", c => c.TimeStates.WaitingForBerth),
        ("weather_bound", c => c.TimeStates.WeatherBound),
        ("waiting_for_backhaul", c => c.TimeStates.WaitingForBackhaul),
        ("idle", c => c.TimeStates.Idle),
    ];

    private static readonly (string Name, Func<YearRecord, double> Of)[] YearFigures =
    [
        ("generated_tons", y => y.GeneratedTons),
        ("delivered_tons", y => y.DeliveredTons),
        ("delivered_from_backlog_tons", y => y.DeliveredFromBacklogTons),
        ("diverted_tons", y => y.DivertedTons),
        ("tons_in_system_at_year_end", y => y.TonsInSystemAtYearEnd),
        ("mean_transit_days", y => y.MeanTransitDays),
        ("p50_transit_days", y => y.P50TransitDays),
        ("p95_transit_days", y => y.P95TransitDays),
    ];

    /// <summary>
    /// Writes the table of <paramref name="records"/>; with <paramref name="searches"/> (search k·Y + y is year y of
    /// record k) the capacity columns too; <paramref name="rowColumns"/> adds per-row columns (a study's inputs, a sweep's point).
    /// </summary>
    public static void Write(string path, IReadOnlyList<RowRecord> records, IReadOnlyList<SearchResult?>? searches, int years,
        Func<Row, IEnumerable<(string Name, double Value)>>? rowColumns)
    {
        var rowNames = new List<string>();
        var commodities = new List<string>();
        var diverted = new List<string>();
        var flows = new List<string>();
        var components = new List<string>();
        foreach (RowRecord r in records)
        {
            AddNew(rowNames, rowColumns?.Invoke(r.Row).Select(c => c.Name) ?? []);
            foreach (YearRecord y in r.Years)
            {
                AddNew(commodities, y.DeliveredTonsByCommodity.Keys);
                AddNew(diverted, y.DivertedTonsByCommodity.Keys);
                AddNew(flows, y.Flows.Select(f => f.Id));
                AddNew(components, y.Components.Select(c => c.Id));
            }
        }

        var fields = new List<Field>
        {
            new DataField<int>("row"), new DataField<int>("variant"), new DataField<int>("sample"), new DataField<int>("replication"),
            new DataField<ulong>("seed"), new DataField<int>("year"),
        };
        fields.AddRange(rowNames.Select(n => new DataField<double?>(n)));
        fields.AddRange(YearFigures.Select(f => new DataField<double?>(f.Name)));
        fields.Add(new DataField<bool>("unstable"));
        fields.Add(new DataField<string>("bottleneck"));
        if (searches is not null)
        {
            fields.Add(new DataField<double?>("service_capacity_tons"));
            fields.Add(new DataField<double?>("ceiling_tons"));
        }

        fields.AddRange(commodities.Select(c => new DataField<double?>("delivered_tons." + c)));
        fields.AddRange(diverted.Select(c => new DataField<double?>("diverted_tons." + c)));
        fields.AddRange(flows.SelectMany(id => FlowFigures.Select(f => new DataField<double?>($"flow.{id}.{f.Name}"))));
        fields.AddRange(components.SelectMany(id => ComponentFigures.Select(f => new DataField<double?>($"component.{id}.{f.Name}"))));

        var table = new List<IDictionary<string, object?>>();
        for (int k = 0; k < records.Count; k++)
        {
            RowRecord r = records[k];
            (string Name, double Value)[] extra = [.. rowColumns?.Invoke(r.Row) ?? []];
            for (int i = 0; i < r.Years.Count; i++)
            {
                YearRecord y = r.Years[i];
                var d = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal)
                {
                    ["row"] = r.Row.Index, ["variant"] = r.Row.Variant, ["sample"] = r.Row.Sample, ["replication"] = r.Row.Replication,
                    ["seed"] = r.Row.Seed, ["year"] = y.Year, ["unstable"] = y.Unstable, ["bottleneck"] = y.Bottleneck,
                };
                foreach (string n in rowNames)
                {
                    d[n] = Value(extra.Where(e => e.Name == n).Select(e => e.Value).DefaultIfEmpty(double.NaN).First());
                }

                foreach ((string name, Func<YearRecord, double> of) in YearFigures)
                {
                    d[name] = Value(of(y));
                }

                if (searches is not null)
                {
                    SearchResult? s = searches[(k * years) + i];
                    d["service_capacity_tons"] = Value(s?.ServiceTons ?? double.NaN);
                    d["ceiling_tons"] = Value(s?.CeilingTons ?? double.NaN);
                }

                foreach (string c in commodities)
                {
                    d["delivered_tons." + c] = Value(y.DeliveredTonsByCommodity.GetValueOrDefault(c, double.NaN));
                }

                foreach (string c in diverted)
                {
                    d["diverted_tons." + c] = Value(y.DivertedTonsByCommodity.GetValueOrDefault(c, double.NaN));
                }

                foreach (FlowRecord f in y.Flows)
                {
                    foreach ((string name, Func<FlowRecord, double> of) in FlowFigures)
                    {
                        d[$"flow.{f.Id}.{name}"] = Value(of(f));
                    }
                }

                foreach (ComponentRecord c in y.Components)
                {
                    foreach ((string name, Func<ComponentRecord, double> of) in ComponentFigures)
                    {
                        d[$"component.{c.Id}.{name}"] = Value(of(c));
                    }
                }

                foreach (Field f in fields)
                {
                    // A flow or component missing from this year (none are, in one model) is a null cell, not a missing key.
                    d.TryAdd(f.Name, null);
                }

                table.Add(d);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var schema = new ParquetSchema(fields);
        using FileStream stream = File.Create(path);
        // On the thread pool: a caller's synchronization context (a test runner's) must not receive the continuations it waits for.
        Task.Run(async () =>
        {
            // Column by column from typed arrays: the untyped serializer costs far more per value.
            await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            foreach (DataField f in schema.GetDataFields())
            {
                string name = f.Name;
                Task write = name switch
                {
                    "row" or "variant" or "sample" or "replication" or "year" => group.WriteAsync(f, new ReadOnlyMemory<int>([.. table.Select(d => (int)d[name]!)])),
                    "seed" => group.WriteAsync(f, new ReadOnlyMemory<ulong>([.. table.Select(d => (ulong)d[name]!)])),
                    "unstable" => group.WriteAsync(f, new ReadOnlyMemory<bool>([.. table.Select(d => (bool)d[name]!)])),
                    "bottleneck" => group.WriteAsync(f, table.Select(d => (string)d[name]!).ToArray()),
                    _ => group.WriteAsync(f, new ReadOnlyMemory<double?>([.. table.Select(d => (double?)d[name])])),
                };
                await write.ConfigureAwait(false);
            }
        }).GetAwaiter().GetResult();
    }

    private static object? Value(double v) => double.IsNaN(v) ? null : v;

    private static void AddNew(List<string> list, IEnumerable<string> names)
    {
        foreach (string n in names)
        {
            if (!list.Contains(n))
            {
                list.Add(n);
            }
        }
    }
}
