using System.Globalization;
using System.Text;
using CorridorSim.Corridor;
using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;

namespace CorridorSim.Tests.Corridor;

/// <summary>What one cargo flow of a random corridor does.</summary>
internal enum RandomFlowKind
{
    /// <summary>Wagons: origin → every rail stage → ferry (A → B) → last rail → destination.</summary>
    Westbound,

    /// <summary>Wagons against the main direction: B → ferry (B → A), the backhaul.</summary>
    Backhaul,

    /// <summary>TEU on the rail stages only (a second unit type on the same stages), origin → port A.</summary>
    RailOnly,
}

/// <summary>One flow of a random corridor.</summary>
internal sealed record RandomFlow(RandomFlowKind Kind, string Commodity, double AnnualTons, double TonsPerUnit);

/// <summary>
/// A random small corridor: 1–3 rail stages before a ferry leg, a rail stage after it, 1–4 vessels, 1–3 flows,
/// optional storms, a dated closure, a slowdown and mid-year investments; plus where to stop.
/// </summary>
internal sealed record RandomCorridor
{
    public required double[] TrainsPerDay { get; init; }        // one per rail stage before the ferry, then the last

    public required double[] FormationWaitHours { get; init; }

    public required int WagonsPerTrain { get; init; }

    public required int TeuPerTrain { get; init; }

    public required int[] VesselCapacities { get; init; }

    public required double MaxWaitHours { get; init; }

    public required double BackhaulMaxWaitHours { get; init; }

    public required bool Timetable { get; init; }

    public required double SailingHours { get; init; }

    public required double HandlingHours { get; init; }

    public required int Berths { get; init; }

    public required RandomFlow[] Flows { get; init; }

    public required double StormsPerMonth { get; init; }

    public required int ClosureDay { get; init; }               // day of the first year a 48 h closure starts; 0 for none

    public required int InvestmentDay { get; init; }            // day of the first year vessels are added and a stage is upgraded; 0 for none

    public required int SlowdownDay { get; init; }              // 0 for none

    public required double WarmupDays { get; init; }

    public required double DivertAfterDays { get; init; }       // 0: diversion off


    public required double StopHours { get; init; }             // hours into the first year at which the run stops

    public required ulong Seed { get; init; }

    public int RailStages => TrainsPerDay.Length - 1;

    public const int Year = 2024;

    public DateTime StopDate => new DateTime(Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(StopHours);

    public CorridorDefinition Build()
    {
        var start = new DateTime(Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var b = new CorridorBuilder("random")
            .AddUnit("wagon", WagonsPerTrain)
            .AddUnit("teu", TeuPerTrain);
        var westLegs = new List<string>();
        var railOnlyLegs = new List<string>();
        string node = "origin";
        for (int i = 0; i < RailStages; i++)
        {
            string next = i == RailStages - 1 ? "port:a" : $"node{i + 1}";
            string id = $"rail:{i}";
            b.Add(new RailSegmentDefinition { Id = id, From = node, To = next, TrainsPerDay = TrainsPerDay[i], TransitHours = Distribution.Triangular(5, 10 + (5 * i), 30), MaxFormationWaitHours = FormationWaitHours[i] });
            westLegs.Add(id);
            railOnlyLegs.Add(id);
            node = next;
        }

        StormDefinition? storms = StormsPerMonth > 0 || ClosureDay > 0
            ? new StormDefinition
            {
                EpisodesPerMonth = StormsPerMonth > 0 ? Enumerable.Repeat(StormsPerMonth, 12).ToList() : [],
                DurationHours = Distribution.Triangular(6, 24, 72),
                Closures = ClosureDay > 0 ? [new DatedClosure(start.AddDays(ClosureDay - 1).AddHours(7), 48)] : [],
            }
            : null;
        b.Add(new PortDefinition { Id = "port:a", Berths = Berths, HandlingHours = Distribution.Triangular(HandlingHours * 0.5, HandlingHours, HandlingHours * 2), Storms = storms })
         .AddPort("port:b", Berths, Distribution.Triangular(HandlingHours * 0.5, HandlingHours, HandlingHours * 1.5))
         .Add(new VesselLegDefinition
         {
             Id = "ferry:a-b",
             PortA = "port:a",
             PortB = "port:b",
             Unit = "wagon",
             Vessels = VesselCapacities.Select((c, i) => new VesselDefinition { Name = "v" + i, CapacityUnits = c }).ToList(),
             SailingHours = Distribution.Triangular(SailingHours * 0.8, SailingHours, SailingHours * 1.4),
             Departure = Timetable ? DepartureRule.Timetable : DepartureRule.WhenFullOrMaxWait,
             TimetableIntervalHours = 60,
             MaxWaitHours = MaxWaitHours,
             BackhaulMaxWaitHours = BackhaulMaxWaitHours,
             LoadFactorByYear = new Dictionary<int, double> { [Year] = 0.9 },
         })
         .Add(new RailSegmentDefinition { Id = "rail:b-d", From = "port:b", To = "destination", TrainsPerDay = TrainsPerDay[^1], TransitHours = Distribution.Exponential(12), MaxFormationWaitHours = FormationWaitHours[^1] });
        westLegs.Add("ferry:a-b");
        westLegs.Add("rail:b-d");

        for (int i = 0; i < Flows.Length; i++)
        {
            RandomFlow f = Flows[i];
            (string unit, string origin, string destination, List<string> legs) = f.Kind switch
            {
                RandomFlowKind.Westbound => ("wagon", "origin", "destination", westLegs),
                RandomFlowKind.Backhaul => ("wagon", "port:b", "port:a", ["ferry:a-b"]),
                _ => ("teu", "origin", "port:a", railOnlyLegs),
            };
            b.AddFlow(new CargoFlowDefinition
            {
                Id = "flow" + i,
                Commodity = f.Commodity,
                Unit = unit,
                TonsPerUnit = f.TonsPerUnit,
                AnnualTons = f.AnnualTons,
                BaseYear = Year,
                Origin = origin,
                Destination = destination,
                Routes = [new RouteDefinition { Legs = legs }],
                Diversion = DivertAfterDays > 0 ? new DiversionRule { AfterDays = DivertAfterDays } : new DiversionRule { Mode = DiversionMode.Off },
            });
        }

        if (SlowdownDay > 0)
        {
            b.AddSlowdown(new SlowdownDefinition { Component = "rail:0", Start = start.AddDays(SlowdownDay - 1), DurationDays = 20, CapacityFactor = 0.3 });
        }

        if (InvestmentDay > 0)
        {
            DateTime at = start.AddDays(InvestmentDay - 1).AddHours(13);
            b.AddInvestment(new InvestmentDefinition
            {
                Name = "more ferries", Date = at, Component = "ferry:a-b", Kind = InvestmentKind.AddVessels,
                Vessels = [new VesselDefinition { Name = "new", CapacityUnits = 40 }],
            });
            b.AddInvestment(new InvestmentDefinition
            {
                Name = "second track", Date = at, Component = $"rail:{RailStages - 1}", Kind = InvestmentKind.TrainsPerDay, Value = TrainsPerDay[RailStages - 1] * 2,
            });
            b.AddInvestment(new InvestmentDefinition
            {
                Name = "dredging", Date = at, Component = "ferry:a-b", Kind = InvestmentKind.LoadFactor, Value = 1,
            });
        }

        return b.Build();
    }

    public CorridorRun CreateRun() => new CorridorModel(Build()).CreateRun(Seed, replication: 0, firstYear: Year, warmupDays: WarmupDays);

    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture,
            $"trainsPerDay=[{string.Join(", ", TrainsPerDay.Select(F))}] formationWait=[{string.Join(", ", FormationWaitHours.Select(F))}] wagons/train={WagonsPerTrain} teu/train={TeuPerTrain} ");
        s.Append(CultureInfo.InvariantCulture,
            $"vessels=[{string.Join(", ", VesselCapacities)}] maxWait={F(MaxWaitHours)} backhaulWait={F(BackhaulMaxWaitHours)} timetable={Timetable} sailing={F(SailingHours)} handling={F(HandlingHours)} berths={Berths} ");
        s.Append(CultureInfo.InvariantCulture,
            $"flows=[{string.Join("; ", Flows.Select(f => $"{f.Kind} {f.Commodity} {F(f.AnnualTons)} t/yr {F(f.TonsPerUnit)} t/unit"))}] ");
        s.Append(CultureInfo.InvariantCulture,
            $"storms/month={F(StormsPerMonth)} closureDay={ClosureDay} investmentDay={InvestmentDay} slowdownDay={SlowdownDay} warmup={F(WarmupDays)} d divertAfter={F(DivertAfterDays)} d stop={StopDate:yyyy-MM-dd HH:mm} seed={Seed}");
        return s.ToString();
    }

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    // ---- generators ---------------------------------------------------------------------------------

    private static Gen<double> Between(double min, double max, int steps = 1000) =>
        Gen.Choose(0, steps).Select(k => min + ((max - min) * k / steps));

    private static readonly Gen<RandomFlow> FlowGen =
        from kind in Gen.Frequency(
            (6, Gen.Constant(RandomFlowKind.Westbound)),
            (2, Gen.Constant(RandomFlowKind.Backhaul)),
            (2, Gen.Constant(RandomFlowKind.RailOnly)))
        from commodity in Gen.Elements("containers", "oil", "grain", "metals")
        from tons in Between(20_000, 400_000)
        from perUnit in Between(10, 75)
        select new RandomFlow(kind, commodity, tons, perUnit);

    /// <summary>Random small corridors, stopping at a random instant of the first year (up to <paramref name="maxStopDays"/>).</summary>
    public static Gen<RandomCorridor> Generator(double maxStopDays = 365) =>
        from stages in Gen.Choose(1, 3)
        from trains in Between(0.5, 12).ArrayOf(stages + 1)
        from formation in Between(0, 72).ArrayOf(stages + 1)
        from wagonsPerTrain in Gen.Choose(5, 60)
        from teuPerTrain in Gen.Choose(10, 100)
        from vessels in Gen.Choose(1, 4)
        from capacities in Gen.Choose(5, 60).ArrayOf(vessels)
        from maxWait in Between(0, 96)
        from backhaulWait in Gen.Frequency((3, Gen.Constant(0.0)), (1, Between(0, 24)))
        from timetable in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from sailing in Between(2, 24)
        from handling in Between(0.5, 12)
        from berths in Gen.Choose(1, 3)
        from flowCount in Gen.Choose(1, 3)
        from flows in FlowGen.ArrayOf(flowCount)
        from storms in Gen.Frequency((1, Gen.Constant(0.0)), (1, Between(0.2, 3)))
        from closureDay in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 300)))
        from investmentDay in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 300)))
        from slowdownDay in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 300)))
        from warmup in Gen.Elements(0.0, 10.0, 60.0)
        from divertAfter in Gen.Frequency((1, Gen.Constant(0.0)), (2, Between(0.5, 20)))
        from stop in Between(0.5, maxStopDays * 24, 100_000)
        from seed in Gen.Choose(0, int.MaxValue)
        select new RandomCorridor
        {
            TrainsPerDay = trains,
            FormationWaitHours = formation,
            WagonsPerTrain = wagonsPerTrain,
            TeuPerTrain = teuPerTrain,
            VesselCapacities = capacities,
            MaxWaitHours = maxWait,
            BackhaulMaxWaitHours = backhaulWait,
            Timetable = timetable,
            SailingHours = sailing,
            HandlingHours = handling,
            Berths = berths,
            Flows = flows,
            StormsPerMonth = storms,
            ClosureDay = closureDay,
            InvestmentDay = investmentDay,
            SlowdownDay = slowdownDay,
            WarmupDays = warmup,
            DivertAfterDays = divertAfter,
            StopHours = stop,
            Seed = (ulong)seed,
        };
}
