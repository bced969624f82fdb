// QuickStart: a Caspian port with two ferry berths, written with CorridorSim's process API.
// Ferries arrive at random, queue for a berth, load for a triangular time and sail on.
// Run: dotnet run --project samples/QuickStart (after `dotnet pack src/CorridorSim -o artifacts/packages`).
using System.Globalization;
using CorridorSim.Engine;

var sim = new Simulation(seed: 42);
var berths = new Resource(sim, capacity: 2, name: "kuryk-ferry-berths");
Distribution arrivalsHours = Distribution.Exponential(mean: 6.0);   // ~4 ferries/day [S24]: 5-8/day design
Distribution loadingHours = Distribution.Triangular(6, 8, 12);     // Kuryk ferry processing 6-12 h [S24]
RandomStream arrivalStream = sim.Stream("arrivals");
RandomStream loadingStream = sim.Stream("loading");
var portHours = new Tally();
int served = 0;

sim.Start(async p =>
{
    int n = 0;
    while (true)
    {
        await p.Delay(SimDuration.FromHours(arrivalsHours.Sample(arrivalStream)));
        string name = "ferry-" + (++n).ToString(CultureInfo.InvariantCulture);
        sim.Start(async ferry =>
        {
            SimTime arrived = ferry.Now;
            using ResourceLease berth = await ferry.Request(berths);
            await ferry.Delay(SimDuration.FromHours(loadingHours.Sample(loadingStream)));
            portHours.Add((ferry.Now - arrived).TotalHours);
            served++;
        }, name);
    }
}, "arrivals");

sim.RunUntil(SimTime.FromDays(365));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"One year at a two-berth ferry port: {served} ferries served, {sim.EventsProcessed} events."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Port time per ferry: mean {portHours.Mean:F1} h, p95 {portHours.Percentile(0.95):F1} h; berth utilisation {berths.Utilization:P1}."));
