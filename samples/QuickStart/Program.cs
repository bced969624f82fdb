// QuickStart: CorridorSim used the way a package user does.
//  1. The engine alone: a Caspian ferry port with two berths, written with the process API.
//  2. A small corridor built in code: Kazakh rail -> Kuryk -> Caspian ferries -> Alat -> Georgian rail,
//     simulated for one year, with the key performance indicators a planner reads.
// Run: dotnet pack src/CorridorSim -c Release -o artifacts/packages && dotnet run --project samples/QuickStart -c Release
using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Engine;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// ---- 1. The engine: ferries queue for two berths ------------------------------------------------
var sim = new Simulation(seed: 42);
var berths = new Resource(sim, capacity: 2, name: "kuryk-ferry-berths");
Distribution arrivalsHours = Distribution.Exponential(mean: 6.0);   // ~4 ferries/day; Kuryk design 5/day [S25]
Distribution loadingHours = Distribution.Triangular(6, 8, 12);     // Kuryk ferry processing 6-12 h [S24]
RandomStream arrivalStream = sim.Stream("arrivals");
RandomStream loadingStream = sim.Stream("loading");
var portHours = new Tally();

sim.Start(async p =>
{
    while (true)
    {
        await p.Delay(SimDuration.FromHours(arrivalsHours.Sample(arrivalStream)));
        sim.Start(async ferry =>
        {
            SimTime arrived = ferry.Now;
            using ResourceLease berth = await ferry.Request(berths);
            await ferry.Delay(SimDuration.FromHours(loadingHours.Sample(loadingStream)));
            portHours.Add((ferry.Now - arrived).TotalHours);
        }, "ferry");
    }
}, "arrivals");

sim.RunUntil(SimTime.FromDays(365));
Console.WriteLine($"1. Two-berth ferry port, one year: {portHours.Count} ferries, port time mean {portHours.Mean:F1} h " +
                  $"(p95 {portHours.Percentile(0.95):F1} h), berth utilisation {berths.Utilization:P1}, {sim.EventsProcessed} events.");

// ---- 2. A small corridor built in code ---------------------------------------------------------
CorridorModel model = new CorridorBuilder("kuryk-alat-poti")
    .AddUnit("wagon", unitsPerTrain: 50)
    .AddRail("rail:kz", from: "moyinty", to: "port:kuryk", trainsPerDay: 12, runningHours: Distribution.Triangular(60, 72, 96))
    .AddPort("port:kuryk", berths: 2, handlingHours: Distribution.Triangular(6, 8, 12))
    .AddPort("port:alat", berths: 3, handlingHours: Distribution.Triangular(6, 8, 12))
    .Add(new VesselLegDefinition
    {
        Id = "ferry:kuryk-alat",
        PortA = "port:kuryk",
        PortB = "port:alat",
        Unit = "wagon",
        Vessels = [.. Enumerable.Range(1, 4).Select(i => new VesselDefinition { Name = $"ferry-{i}", CapacityUnits = 50 })],
        SailingHours = Distribution.Triangular(18, 20, 24),            // Kuryk -> Baku 18-22 h [S190]
        MaxWaitHours = 72,
        LoadFactorByYear = new Dictionary<int, double> { [2024] = 0.8 }, // draft-limited loading [S38]
    })
    .AddRail("rail:az-ge", from: "port:alat", to: "poti", trainsPerDay: 12, runningHours: Distribution.Triangular(30, 34, 40))
    .AddFlow(new CargoFlowDefinition
    {
        Id = "wagons-westbound",
        Commodity = "grain",
        Unit = "wagon",
        TonsPerUnit = 60,                                                  // [P8]
        AnnualTons = 1_200_000,
        Origin = "moyinty",
        Destination = "poti",
        Routes = [new RouteDefinition { Legs = ["rail:kz", "ferry:kuryk-alat", "rail:az-ge"] }],
    })
    .BuildModel();

CorridorRun run = model.CreateRun(seed: 42, replication: 0, firstYear: 2024, warmupDays: 60);
YearResult year = run.RunYear();
Console.WriteLine($"2. Corridor {model.Definition.Name}, {year.Year}: delivered {year.DeliveredTons / 1e6:F3} Mt of " +
                  $"{year.GeneratedTons / 1e6:F3} Mt demanded; transit mean {year.MeanTransitDays:F1} d (p95 {year.P95TransitDays:F1} d); " +
                  $"bottleneck {year.Bottleneck}.");
Console.WriteLine($"   {"component",-18} {"kind",-6} {"kt through",10} {"util",6} {"wait h",7} {"p95 h",7}");
foreach (ComponentKpi c in year.Components)
{
    Console.WriteLine($"   {c.Id,-18} {c.Kind,-6} {c.TonsThrough / 1e3,10:F0} {c.Utilization,6:P0} {c.MeanWaitHours,7:F1} {c.P95WaitHours,7:F1}");
}
