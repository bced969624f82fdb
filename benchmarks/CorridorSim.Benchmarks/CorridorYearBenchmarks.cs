using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Benchmarks;

/// <summary>
/// One simulated year (2027, after a 30-day warm-up) of a Middle Corridor carrying 10 Mt/yr, entities at TEU,
/// wagon and tanker-load level: 4.5 Mt of containers (≈321,000 TEU) from Dostyk and Altynkol by Kazakh rail to
/// Aktau, feeders to Alat, Azerbaijani and Georgian rail to Poti; 2.5 Mt of dry cargo in wagons (≈41,700) by
/// rail to Kuryk and rail ferries to Alat, then rail to Poti; 3.0 Mt of oil in 6,000 t tanker loads Aktau → Baku.
/// Weather closes the Caspian ports for about 40 days a year. Figures are DOMAIN.md's, cited by source id.
/// One operation = one <see cref="CorridorModel.CreateRun"/> (which runs the warm-up) plus one <see cref="CorridorRun.RunYear"/>.
/// The table adds the events run (warm-up included), events per second derived from the mean time, and the tons delivered.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CorridorYearConfig))]
public class CorridorYearBenchmarks
{
    internal const int Year = 2027;
    internal const double WarmupDays = 30;
    internal const ulong Seed = 2027;

    private CorridorModel _model = null!;

    /// <summary>Builds the corridor and prints one year's events and tons (events per second = events / mean time).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = new CorridorModel(MiddleCorridor.TenMillionTons());
        (long events, YearResult y) = RunOnce(_model);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// CorridorYear: {events:N0} events ({y.Events:N0} in {Year}), generated {y.GeneratedTons / 1e6:F3} Mt, delivered {y.DeliveredTons / 1e6:F3} Mt, in system at year end {y.TonsInSystemAtYearEnd / 1e6:F3} Mt, bottleneck {y.Bottleneck}, mean transit {y.MeanTransitDays:F1} d"));
        foreach (ComponentKpi c in y.Components)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"//   {c.Id,-26} {c.TonsThrough / 1e6,7:F3} Mt  util {c.Utilization:F2}  wait {c.MeanWaitHours,6:F1} h  queue {c.MeanQueue,8:F1}"));
        }
    }

    /// <summary>Creates a run (30-day warm-up) and simulates 2027; returns the events run.</summary>
    [Benchmark(Baseline = true)]
    public long OneYear() => RunOnce(_model).Events;

    internal static (long Events, YearResult Year) RunOnce(CorridorModel model)
    {
        CorridorRun run = model.CreateRun(Seed, replication: 0, firstYear: Year, warmupDays: WarmupDays);
        YearResult y = run.RunYear();
        return (run.Simulation.EventsProcessed, y);
    }
}

/// <summary>Adds the events, events per second and delivered tons of <see cref="CorridorYearBenchmarks"/> to the table.</summary>
public sealed class CorridorYearConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public CorridorYearConfig()
    {
        AddColumn(new CorridorYearColumn("Events", (e, _, _) => e.ToString("N0", CultureInfo.InvariantCulture)));
        AddColumn(new CorridorYearColumn("Events/s", (e, _, meanNs) => (e / (meanNs / 1e9) / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " M"));
        AddColumn(new CorridorYearColumn("Delivered", (_, tons, _) => (tons / 1e6).ToString("F3", CultureInfo.InvariantCulture) + " Mt"));
    }
}

/// <summary>
/// A column computed from one deterministic run of the corridor in the host process (same seed as the benchmark,
/// so the same events) and the benchmark's mean time.
/// </summary>
internal sealed class CorridorYearColumn(string name, Func<long, double, double, string> format) : IColumn
{
    private static readonly Lazy<(long Events, double Tons)> Measured = new(() =>
    {
        (long events, YearResult y) = CorridorYearBenchmarks.RunOnce(new CorridorModel(MiddleCorridor.TenMillionTons()));
        return (events, y.DeliveredTons);
    });

    public string Id => nameof(CorridorYearColumn) + "." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public BenchmarkDotNet.Columns.UnitType UnitType => BenchmarkDotNet.Columns.UnitType.Dimensionless;

    public string Legend => name switch
    {
        "Events" => "Events run by one operation (warm-up and year)",
        "Events/s" => "Events divided by the mean time",
        _ => "Tons delivered in the simulated year",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is not { } mean || benchmarkCase.Descriptor.Type != typeof(CorridorYearBenchmarks))
        {
            return "-";
        }

        (long events, double tons) = Measured.Value;
        return format(events, tons, mean);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>The Middle Corridor at 10 Mt/yr, built in code from DOMAIN.md's figures.</summary>
internal static class MiddleCorridor
{
    private static Distribution Tri(double min, double mode, double max) => Distribution.Triangular(min, mode, max);

    // Caspian weather, episodes starting per month (Jan..Dec): 2–4 a month Oct–Mar, few May–Sep (P24, E), Kuryk's
    // Nov–Dec worst [S44]; with 24–120 h episodes (P24: 2–5 days) about 40 closed days a year (P25: 40–70).
    private static readonly double[] CaspianStorms = [2, 2, 1.5, 1, 0.3, 0.2, 0.2, 0.3, 0.5, 1.5, 2.5, 3];
    private static readonly double[] AlatStorms = [1, 1, 0.8, 0.5, 0.2, 0.1, 0.1, 0.2, 0.3, 0.8, 1.2, 1.5];

    private static StormDefinition Storms(double[] perMonth) =>
        new() { EpisodesPerMonth = perMonth, DurationHours = Tri(24, 48, 120) };

    private static List<VesselDefinition> Fleet(string prefix, int count, int capacityUnits) =>
        Enumerable.Range(1, count).Select(i => new VesselDefinition { Name = $"{prefix}-{i}", CapacityUnits = capacityUnits }).ToList();

    public static CorridorDefinition TenMillionTons()
    {
        const int year = CorridorYearBenchmarks.Year;
        return new CorridorBuilder("middle-corridor-10mt")
            // Units: block train ~100 TEU / ~1,400 t, 14 t/TEU [S157] (P7, P10); 55-wagon trains (P10), 60 t/wagon
            // (P8); a tanker load of ~6,000 t ("Taraz") [S154], never on rail.
            .AddUnit("teu", unitsPerTrain: 100)
            .AddUnit("wagon", unitsPerTrain: 55)
            .AddUnit("tanker-load", unitsPerTrain: 1)

            // China borders (gauge change 1435/1520 mm): Dostyk 28 trains/day from 07/2025 [S70], 4.25 h processing
            // [S69], dwell up to 12 h and more in congestion (P15); Khorgos Gateway/Altynkol 19–20 trains/day [S71].
            .Add(new TransshipmentDefinition { Id = "border:dostyk", From = "cn:alashankou", To = "kz:dostyk", TrainsPerDay = 28, TransitHours = Tri(4.25, 8, 24) })
            .Add(new TransshipmentDefinition { Id = "border:altynkol", From = "cn:khorgos", To = "kz:altynkol", TrainsPerDay = 19, TransitHours = Tri(4.25, 8, 24) })

            // Kazakh rail: Dostyk–Moyinty 836 km double track, 60 pairs/day [S53][S55], 800 km/day [S56];
            // Altynkol–Moyinty via Zhetygen ~900 km (E); Moyinty–Zhezkazgan–Beyneu–Mangistau ~1,900 km (E; Zhezkazgan–
            // Beyneu 988 km, Beyneu–Mangistau 404 km), 30 trains/day (E). About 4–5 days border to coast (P14: 5 d).
            .AddRail("rail:dostyk-moyinty", "kz:dostyk", "kz:moyinty", 60, Tri(20, 25, 40), lengthKm: 836)
            .AddRail("rail:altynkol-moyinty", "kz:altynkol", "kz:moyinty", 20, Tri(24, 30, 48), lengthKm: 900)
            .AddRail("rail:moyinty-mangistau", "kz:moyinty", "kz:mangistau", 30, Tri(48, 60, 96), lengthKm: 1900)
            .AddRail("rail:mangistau-aktau", "kz:mangistau", "port:aktau", 30, Tri(2, 3, 6), lengthKm: 30)
            .AddRail("rail:mangistau-kuryk", "kz:mangistau", "port:kuryk", 20, Tri(3, 4, 8), lengthKm: 100)

            // Caspian ports: Aktau container hub 140k→240k TEU [S28][S82], 3 dry + container berths [S137], 20 h per
            // call [S84]; Aktau oil berths (3) [S137], tanker loading ~24 h [S192]; Kuryk rail-ferry berths, 6–12 h per
            // ferry [S24]; Alat 13 berths, 3 for containers [S233][S84], 20 h average, 30 h protocol [S84];
            // Baku oil terminal (Sangachal, E).
            .Add(new PortDefinition { Id = "port:aktau", Berths = 4, HandlingHours = Tri(14, 20, 30), Storms = Storms(CaspianStorms) })
            .Add(new PortDefinition { Id = "port:aktau-oil", Berths = 3, HandlingHours = Tri(18, 24, 30), Storms = Storms(CaspianStorms) })
            .Add(new PortDefinition { Id = "port:kuryk", Berths = 2, HandlingHours = Tri(6, 8, 12), Storms = Storms(CaspianStorms) })
            .Add(new PortDefinition { Id = "port:alat", Berths = 6, HandlingHours = Tri(14, 20, 30), Storms = Storms(AlatStorms) })
            .Add(new PortDefinition { Id = "port:baku-oil", Berths = 2, HandlingHours = Tri(14, 20, 30), Storms = Storms(AlatStorms) })

            // Container feeders Aktau → Alat, 22 h [S190]: the 6 feeders of 225 TEU [S176][S185] plus 6 of 700 TEU
            // (2 × 700 TEU by 2027 and KMTF's 6 new container vessels [S79][S82]; size of the latter assumed, E);
            // draft-limited load factor 0.8 (P27).
            .Add(new VesselLegDefinition
            {
                Id = "sea:aktau-alat", Kind = "sea", PortA = "port:aktau", PortB = "port:alat", Unit = "teu",
                Vessels = [.. Fleet("feeder", 6, 225), .. Fleet("box-700", 6, 700)],
                SailingHours = Tri(20, 22, 28), MaxWaitHours = 72,
                LoadFactorByYear = new Dictionary<int, double> { [year] = 0.8 },
            })

            // Rail ferries Kuryk → Alat, 18–22 h [S190][S14]: Ro-Pax of 56 tank / 46 open wagons [S228], 54 at Kuryk
            // [S24]; 10 ferries (ASCO's 13 [S15], KZ plans 8 more [S255]).
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = Fleet("ferry", 10, 54),
                SailingHours = Tri(18, 20, 24), MaxWaitHours = 72,
                LoadFactorByYear = new Dictionary<int, double> { [year] = 0.8 },
            })

            // Tankers Aktau → Baku, "2 days" [S154], one 6,000 t load each; KMTF has 10 tankers [S81].
            .Add(new VesselLegDefinition
            {
                Id = "sea:aktau-baku-oil", Kind = "sea", PortA = "port:aktau-oil", PortB = "port:baku-oil", Unit = "tanker-load",
                Vessels = Fleet("tanker", 8, 1),
                SailingHours = Tri(22, 26, 36),
            })

            // Azerbaijani and Georgian rail Alat → Poti: ~450 km to Beyuk-Kesik (E), the border (P15), Gardabani–Tbilisi–
            // Poti ~350 km [S162 Poti–Baku 34 h]; 20 trains/day each (E: above ADY's current ≥1,000 block trains/yr
            // [S222], within Georgian Railway's 27→48 Mt/yr [S92]).
            .AddRail("rail:alat-beyuk-kesik", "port:alat", "az:beyuk-kesik", 20, Tri(12, 16, 24), lengthKm: 450)
            .AddBorder("border:beyuk-kesik", "az:beyuk-kesik", "ge:gardabani", 20, Tri(4, 8, 24))
            .AddRail("rail:gardabani-poti", "ge:gardabani", "ge:poti", 20, Tri(10, 12, 20), lengthKm: 350)

            // Flows at the 10 Mt target (P3), split containers 45 % / dry 25 % / oil 30 % (P5: WB 2030 36/33/31 %).
            .AddFlow(new CargoFlowDefinition
            {
                Id = "containers-dostyk", Commodity = "containers", Unit = "teu", TonsPerUnit = 14, AnnualTons = 2_700_000, BaseYear = year,
                Origin = "cn:alashankou", Destination = "ge:poti",
                Routes = [new RouteDefinition { Legs = ["border:dostyk", "rail:dostyk-moyinty", "rail:moyinty-mangistau", "rail:mangistau-aktau", "sea:aktau-alat", "rail:alat-beyuk-kesik", "border:beyuk-kesik", "rail:gardabani-poti"] }],
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "containers-altynkol", Commodity = "containers", Unit = "teu", TonsPerUnit = 14, AnnualTons = 1_800_000, BaseYear = year,
                Origin = "cn:khorgos", Destination = "ge:poti",
                Routes = [new RouteDefinition { Legs = ["border:altynkol", "rail:altynkol-moyinty", "rail:moyinty-mangistau", "rail:mangistau-aktau", "sea:aktau-alat", "rail:alat-beyuk-kesik", "border:beyuk-kesik", "rail:gardabani-poti"] }],
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "dry-wagons", Commodity = "other", Unit = "wagon", TonsPerUnit = 60, AnnualTons = 2_500_000, BaseYear = year,
                Origin = "kz:moyinty", Destination = "ge:poti",
                Routes = [new RouteDefinition { Legs = ["rail:moyinty-mangistau", "rail:mangistau-kuryk", "ferry:kuryk-alat", "rail:alat-beyuk-kesik", "border:beyuk-kesik", "rail:gardabani-poti"] }],
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "oil", Commodity = "oil", Unit = "tanker-load", TonsPerUnit = 6_000, AnnualTons = 3_000_000, BaseYear = year,
                Origin = "port:aktau-oil", Destination = "port:baku-oil",
                Routes = [new RouteDefinition { Legs = ["sea:aktau-baku-oil"] }],
            })
            .Build();
    }
}
