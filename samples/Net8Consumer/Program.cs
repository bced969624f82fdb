// Net8Consumer: the README's library examples, compiled as a net8.0 project with C# 12 (the default
// language version of net8.0) against the packed CorridorSim package. CI only compiles it.
using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;

EngineExample();
if (args.Contains("--corridor"))
{
    CorridorExample(); // needs the sample scenario, relative to the repository root
}

// README.md, "### The engine".
static void EngineExample()
{
    var sim = new Simulation(seed: 42);                        // every random stream derives from this seed
    var berths = new Resource(sim, capacity: 2, name: "berths");
    RandomStream loading = sim.Stream("loading");               // named stream: (seed, name, replication)
    Distribution loadingHours = Distribution.Triangular(6, 8, 12);

    SimProcess ferry = sim.Start(async p =>
    {
        try
        {
            using ResourceLease berth = await p.Request(berths); // queue for a berth; released on dispose
            await p.Delay(SimDuration.FromHours(loadingHours.Sample(loading)));
        }
        catch (ProcessInterruptedException storm)
        {
            Console.WriteLine($"{p.Now}: {storm.Cause}");      // the berth was released by `using`
        }
    }, "ferry-1");

    sim.Start(async p => { await p.Delay(SimDuration.FromHours(3)); ferry.Interrupt("storm closes the port"); });
    sim.Run();
}

// README.md, "### A corridor in code, and a scenario file" (the builder's elided steps left out).
static void CorridorExample()
{
    // From a file (every error reported at once, each with file, JSON path, found and expected):
    Scenario scenario = ScenarioLoader.Load("samples/scenarios/titr-10mt-2030.json");
    ProjectionResult projection = Projection.Run(scenario, new ProjectionOptions { Replications = 20 });
    Console.WriteLine(projection.FirstYearTargetMet);           // e.g. TargetMetYear { Year = 2030, Probability = 1 }
    File.WriteAllText("summary.json", SummaryWriter.ToJson(projection));

    // Or one replication of a corridor built in code (samples/QuickStart/Program.cs has a complete one):
    CorridorModel model = new CorridorBuilder("kuryk-alat").AddUnit("wagon", unitsPerTrain: 50) /* … */ .BuildModel();
    CorridorRun run = model.CreateRun(seed: 42, replication: 0, firstYear: 2024);
    YearResult year = run.RunYear();                            // tons, transit percentiles, KPIs, bottleneck
    Console.WriteLine(year.DeliveredTons);
}
