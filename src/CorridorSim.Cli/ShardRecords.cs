using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;
using Parquet.Serialization;

namespace CorridorSim.Cli;

/// <summary>
/// A shard's records as one nested Parquet file (one Parquet row per design row): every value the analyses use,
/// doubles stored as their IEEE bits, dictionaries as ordered key/value lists, so a merge reads back exactly what
/// the shard computed. docs/records.md describes the layout.
/// </summary>
internal static class ShardRecords
{
    /// <summary>Writes <paramref name="records"/> (and, for a study with capacity, search k·Y + y of record k) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<RowRecord> records, IReadOnlyList<SearchResult?>? searches, int years)
    {
        var rows = new List<RowDto>(records.Count);
        for (int k = 0; k < records.Count; k++)
        {
            RowRecord r = records[k];
            rows.Add(new RowDto
            {
                Index = r.Row.Index,
                Variant = r.Row.Variant,
                Sample = r.Row.Sample,
                Replication = r.Row.Replication,
                Seed = unchecked((long)r.Row.Seed),
                Stopped = r.Stopped?.Message,
                Years = [.. r.Years.Select(YearDto.Of)],
                HasSearches = searches is not null,
                Searches = searches is null ? [] : [.. Enumerable.Range(0, years).Select(y => SearchDto.Of(searches[(k * years) + y]))],
            });
        }

        using FileStream stream = File.Create(path);
        // On the thread pool: a caller's synchronization context (a test runner's) must not receive the continuations it waits for.
        Task.Run(() => ParquetSerializer.SerializeAsync(rows, stream)).GetAwaiter().GetResult();
    }

    /// <summary>Reads a file <see cref="Write"/> wrote: the records, and each record's searches (null without a capacity search).</summary>
    public static List<(RowRecord Record, SearchResult?[]? Searches)> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        IList<RowDto> rows = Task.Run(() => ParquetSerializer.DeserializeAsync<RowDto>(stream)).GetAwaiter().GetResult().Data;
        return [.. rows.Select(d =>
        {
            var row = new Row(d.Index, d.Variant, d.Sample, d.Replication, unchecked((ulong)d.Seed));
            var record = new RowRecord(row, d.Years.Select(y => y.ToRecord()).ToList().AsReadOnly())
            {
                Stopped = d.Stopped is { } message ? new BacklogLimitException(message) : null,
            };
            return (record, d.HasSearches ? d.Searches.Select(s => s.ToResult()).ToArray() : null);
        })];
    }

    private static List<PairDto> Pairs(IReadOnlyDictionary<string, double> d) => [.. d.Select(p => new PairDto { Key = p.Key, Value = p.Value })];

    private static Dictionary<string, double> Dict(List<PairDto> pairs)
    {
        var d = new Dictionary<string, double>(pairs.Count, StringComparer.Ordinal);
        foreach (PairDto p in pairs)
        {
            d.Add(p.Key, p.Value);
        }

        return d;
    }

    internal sealed class RowDto
    {
        public int Index { get; set; }

        public int Variant { get; set; }

        public int Sample { get; set; }

        public int Replication { get; set; }

        public long Seed { get; set; }

        public string? Stopped { get; set; }

        public List<YearDto> Years { get; set; } = [];

        public bool HasSearches { get; set; }

        public List<SearchDto> Searches { get; set; } = [];
    }

    internal sealed class PairDto
    {
        public string Key { get; set; } = "";

        public double Value { get; set; }
    }

    internal sealed class HistogramDto
    {
        public bool Present { get; set; }

        public int Shift { get; set; }

        public long FirstKey { get; set; }

        public long Zeros { get; set; }

        public List<int> Index { get; set; } = [];

        public List<long> Counts { get; set; } = [];

        public long Count { get; set; }

        public double Min { get; set; }

        public double Max { get; set; }

        public static HistogramDto Of(BinnedCounts? h) => h is null
            ? new HistogramDto()
            : new HistogramDto
            {
                Present = true, Shift = h.Shift, FirstKey = h.FirstKey, Zeros = h.Zeros, Index = [.. h.Index], Counts = [.. h.Counts],
                Count = h.Count, Min = h.Min, Max = h.Max,
            };

        public BinnedCounts? ToCounts() => Present ? new BinnedCounts(Shift, FirstKey, Zeros, [.. Index], [.. Counts], Count, Min, Max) : null;
    }

    internal sealed class ComponentDto
    {
        public string Id { get; set; } = "";

        public string Kind { get; set; } = "";

        public double Utilization { get; set; }

        public double MeanWaitHours { get; set; }

        public double P95WaitHours { get; set; }

        public double TonsThrough { get; set; }

        public double MeanQueue { get; set; }

        public double Working { get; set; }

        public double Sailing { get; set; }

        public double Loading { get; set; }

        public double WaitingForBerth { get; set; }

        public double WeatherBound { get; set; }

        public double WaitingForBackhaul { get; set; }

        public double Idle { get; set; }

        public static ComponentDto Of(ComponentRecord c) => new()
        {
            Id = c.Id, Kind = c.Kind, Utilization = c.Utilization, MeanWaitHours = c.MeanWaitHours, P95WaitHours = c.P95WaitHours,
            TonsThrough = c.TonsThrough, MeanQueue = c.MeanQueue, Working = c.TimeStates.Working, Sailing = c.TimeStates.Sailing,
            Loading = c.TimeStates.Loading, WaitingForBerth = c.TimeStates.WaitingForBerth, WeatherBound = c.TimeStates.WeatherBound,
            WaitingForBackhaul = c.TimeStates.WaitingForBackhaul, Idle = c.TimeStates.Idle,
        };

        public ComponentRecord ToRecord() => new(Id, Kind, Utilization, MeanWaitHours, P95WaitHours, TonsThrough, MeanQueue)
        {
            TimeStates = new ComponentTimeStates
            {
                Working = Working, Sailing = Sailing, Loading = Loading, WaitingForBerth = WaitingForBerth, WeatherBound = WeatherBound,
                WaitingForBackhaul = WaitingForBackhaul, Idle = Idle,
            },
        };
    }

    internal sealed class FlowDto
    {
        public string Id { get; set; } = "";

        public string Commodity { get; set; } = "";

        public double GeneratedTons { get; set; }

        public double DeliveredTons { get; set; }

        public double MeanTransitDays { get; set; }

        public double P50TransitDays { get; set; }

        public double P95TransitDays { get; set; }

        public double DeliveredFromBacklogTons { get; set; }

        public double DivertedTons { get; set; }

        public HistogramDto TransitHistogram { get; set; } = new();

        public static FlowDto Of(FlowRecord f) => new()
        {
            Id = f.Id, Commodity = f.Commodity, GeneratedTons = f.GeneratedTons, DeliveredTons = f.DeliveredTons, MeanTransitDays = f.MeanTransitDays,
            P50TransitDays = f.P50TransitDays, P95TransitDays = f.P95TransitDays, DeliveredFromBacklogTons = f.DeliveredFromBacklogTons,
            DivertedTons = f.DivertedTons, TransitHistogram = HistogramDto.Of(f.TransitHistogram),
        };

        public FlowRecord ToRecord() => new(Id, Commodity, GeneratedTons, DeliveredTons, MeanTransitDays, P50TransitDays, P95TransitDays)
        {
            DeliveredFromBacklogTons = DeliveredFromBacklogTons,
            DivertedTons = DivertedTons,
            TransitHistogram = TransitHistogram.ToCounts(),
        };
    }

    internal sealed class YearDto
    {
        public int Year { get; set; }

        public double GeneratedTons { get; set; }

        public double DeliveredTons { get; set; }

        public double TonsInSystemAtYearEnd { get; set; }

        public double MeanTransitDays { get; set; }

        public double P50TransitDays { get; set; }

        public double P95TransitDays { get; set; }

        public string Bottleneck { get; set; } = "";

        public List<PairDto> DeliveredTonsByCommodity { get; set; } = [];

        public List<ComponentDto> Components { get; set; } = [];

        public List<FlowDto> Flows { get; set; } = [];

        public double DeliveredFromBacklogTons { get; set; }

        public double DivertedTons { get; set; }

        public List<PairDto> DivertedTonsByCommodity { get; set; } = [];

        public bool Unstable { get; set; }

        public HistogramDto TransitHistogram { get; set; } = new();

        public static YearDto Of(YearRecord y) => new()
        {
            Year = y.Year, GeneratedTons = y.GeneratedTons, DeliveredTons = y.DeliveredTons, TonsInSystemAtYearEnd = y.TonsInSystemAtYearEnd,
            MeanTransitDays = y.MeanTransitDays, P50TransitDays = y.P50TransitDays, P95TransitDays = y.P95TransitDays, Bottleneck = y.Bottleneck,
            DeliveredTonsByCommodity = Pairs(y.DeliveredTonsByCommodity), Components = [.. y.Components.Select(ComponentDto.Of)],
            Flows = [.. y.Flows.Select(FlowDto.Of)], DeliveredFromBacklogTons = y.DeliveredFromBacklogTons, DivertedTons = y.DivertedTons,
            DivertedTonsByCommodity = Pairs(y.DivertedTonsByCommodity), Unstable = y.Unstable, TransitHistogram = HistogramDto.Of(y.TransitHistogram),
        };

        public YearRecord ToRecord() => new(
            Year, GeneratedTons, DeliveredTons, TonsInSystemAtYearEnd, MeanTransitDays, P50TransitDays, P95TransitDays, Bottleneck,
            Dict(DeliveredTonsByCommodity).AsReadOnly(), Components.Select(c => c.ToRecord()).ToList().AsReadOnly(), Flows.Select(f => f.ToRecord()).ToList().AsReadOnly())
        {
            DeliveredFromBacklogTons = DeliveredFromBacklogTons,
            DivertedTons = DivertedTons,
            DivertedTonsByCommodity = Dict(DivertedTonsByCommodity).AsReadOnly(),
            Unstable = Unstable,
            TransitHistogram = TransitHistogram.ToCounts(),
        };
    }

    internal sealed class ProbeDto
    {
        public double Factor { get; set; }

        public double GeneratedTons { get; set; }

        public double DeliveredTons { get; set; }

        public double TonsInSystemAtStart { get; set; }

        public double TonsInSystemAtEnd { get; set; }

        public double DivertedTons { get; set; }

        public List<PairDto> DeliveredTonsByCommodity { get; set; } = [];

        public List<double> FlowP95TransitDays { get; set; } = [];

        public List<PairDto> Utilization { get; set; } = [];
    }

    internal sealed class SearchDto
    {
        public bool Present { get; set; }

        public double ServiceTons { get; set; }

        public double CeilingTons { get; set; }

        public double ServiceFactor { get; set; }

        public double CeilingFactor { get; set; }

        public List<PairDto> ServiceTonsByCommodity { get; set; } = [];

        public List<PairDto> CeilingTonsByCommodity { get; set; } = [];

        public List<double> ReferenceP95 { get; set; } = [];

        public ProbeDto Boundary { get; set; } = new();

        public int Probes { get; set; }

        public static SearchDto Of(SearchResult? s) => s is null
            ? new SearchDto()
            : new SearchDto
            {
                Present = true, ServiceTons = s.ServiceTons, CeilingTons = s.CeilingTons, ServiceFactor = s.ServiceFactor, CeilingFactor = s.CeilingFactor,
                ServiceTonsByCommodity = Pairs(s.ServiceTonsByCommodity), CeilingTonsByCommodity = Pairs(s.CeilingTonsByCommodity),
                ReferenceP95 = [.. s.ReferenceP95], Probes = s.Probes,
                Boundary = new ProbeDto
                {
                    Factor = s.Boundary.Factor, GeneratedTons = s.Boundary.GeneratedTons, DeliveredTons = s.Boundary.DeliveredTons,
                    TonsInSystemAtStart = s.Boundary.TonsInSystemAtStart, TonsInSystemAtEnd = s.Boundary.TonsInSystemAtEnd,
                    DivertedTons = s.Boundary.DivertedTons, DeliveredTonsByCommodity = Pairs(s.Boundary.DeliveredTonsByCommodity),
                    FlowP95TransitDays = [.. s.Boundary.FlowP95TransitDays],
                    Utilization = [.. s.Boundary.Utilization.Select(u => new PairDto { Key = u.Id, Value = u.Utilization })],
                },
            };

        public SearchResult? ToResult()
        {
            if (!Present)
            {
                return null;
            }

            ProbeDto b = Boundary;
            var probe = new Probe(b.Factor, b.GeneratedTons, b.DeliveredTons, b.TonsInSystemAtStart, b.TonsInSystemAtEnd, b.DivertedTons,
                Dict(b.DeliveredTonsByCommodity).AsReadOnly(), b.FlowP95TransitDays.ToArray(), b.Utilization.Select(u => (u.Key, u.Value)).ToArray());
            return new SearchResult(ServiceTons, CeilingTons, ServiceFactor, CeilingFactor, Dict(ServiceTonsByCommodity).AsReadOnly(),
                Dict(CeilingTonsByCommodity).AsReadOnly(), ReferenceP95.ToArray(), probe, Probes);
        }
    }
}
