using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>The README's "The engine in one example", compiled and checked (STYLE.md habit 9).</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void EngineExample_StormAtThreeHours_InterruptCaughtAndBerthReleased()
    {
        var output = new List<string>();

        // ---- README.md, "The engine in one example" (Console.WriteLine captured in `output`) ----
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
                output.Add($"{p.Now}: {storm.Cause}");              // the berth was released by `using`
            }
        }, "ferry-1");

        sim.Start(async p => { await p.Delay(SimDuration.FromHours(3)); ferry.Interrupt("storm closes the port"); });
        sim.Run();
        // ---- end of the README example ----

        Assert.Equal(["t=3h: storm closes the port"], output);
        Assert.Equal(0, berths.InUse);
        Assert.Equal(0, berths.QueueLength);
        Assert.True(ferry.IsCompleted);
        Assert.Equal(SimTime.FromHours(3), sim.Now); // the cancelled loading timer does not move the clock
    }
}
