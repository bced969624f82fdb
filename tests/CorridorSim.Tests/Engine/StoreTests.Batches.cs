using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>Store: GetBatch (batch service: N items or a deadline).</summary>
public partial class StoreTests
{
    // ---- GetBatch ----------------------------------------------------------------------------------------

    [Fact]
    public void GetBatch_NItemsArriveBeforeTheDeadline_CompletesWhenTheNthArrives()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        var ferry = new List<string>();
        int taken = -1;
        SimTime departed = default;

        sim.Start(async p =>
        {
            taken = await p.GetBatch(quay, 3, Hours(24), ferry);
            departed = p.Now;
        });
        sim.Start(async p =>
        {
            foreach (string w in new[] { "w1", "w2", "w3", "w4" })
            {
                await p.Delay(Hours(2));
                await p.Put(quay, w);
            }
        });

        sim.Run();

        Assert.Equal(3, taken);
        Assert.Equal(SimTime.FromHours(6), departed);
        Assert.Equal(["w1", "w2", "w3"], ferry);
        Assert.Equal("w4", quay[0]);
        Assert.Equal(SimTime.FromHours(8), sim.Now); // the unused 24 h deadline does not move the clock
    }

    [Fact]
    public void GetBatch_SeveralGettersServedAtOneInstant_EachResumesWithItsOwnItemsInOrder()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        var first = new List<string>();
        var second = new List<string>();
        string? single = null;

        sim.Start(async p => Assert.Equal(2, await p.GetBatch(quay, 2, Hours(10), first)));
        sim.Start(async p => Assert.Equal(3, await p.GetBatch(quay, 3, Hours(10), second)));
        sim.Start(async p => single = await p.Get(quay));
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            foreach (string w in new[] { "a", "b", "c", "d", "e", "f", "g" })
            {
                quay.TryPut(w);
            }

            // Every getter is served before any resumes: their items are reserved, not in the store.
            Assert.Equal(1, quay.Count);
        });

        sim.Run();

        // Each put serves the getters in their order, each as soon as it can be: the single get the first item.
        Assert.Equal("a", single);
        Assert.Equal(["b", "c"], first);
        Assert.Equal(["d", "e", "f"], second);
        Assert.Equal(1, quay.Count);
        Assert.Equal("g", quay[0]);
    }

    [Fact]
    public void GetBatch_DeadlinePasses_LeavesWithWhatIsThereOldestFirst()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        var ferry = new List<string> { "already aboard" };
        int taken = -1;
        SimTime departed = default;

        sim.Start(async p =>
        {
            taken = await p.GetBatch(quay, 5, Hours(10), ferry);
            departed = p.Now;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.Put(quay, "w1");
            await p.Put(quay, "w2");
        });

        sim.Run();

        Assert.Equal(2, taken);
        Assert.Equal(SimTime.FromHours(10), departed);
        Assert.Equal(["already aboard", "w1", "w2"], ferry);
        Assert.Equal(0, quay.Count);
    }

    [Fact]
    public void GetBatch_NothingArrives_LeavesEmptyAtTheDeadline()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        var ferry = new List<string>();
        int taken = -1;
        SimTime departed = default;

        sim.Start(async p =>
        {
            taken = await p.GetBatch(quay, 5, Hours(12), ferry);
            departed = p.Now;
        });

        sim.Run();

        Assert.Equal(0, taken);
        Assert.Empty(ferry);
        Assert.Equal(SimTime.FromHours(12), departed);
    }

    [Fact]
    public void GetBatch_EnoughAlreadyThere_CompletesAtOnceWithTheOldest()
    {
        var sim = new Simulation();
        var quay = new Store<int>(sim);
        for (int i = 1; i <= 5; i++)
        {
            quay.TryPut(i);
        }

        var ferry = new List<int>();
        int taken = -1;
        SimTime departed = SimTime.MaxValue;
        sim.Start(async p =>
        {
            taken = await p.GetBatch(quay, 3, Hours(12), ferry);
            departed = p.Now;
        });

        sim.Run();

        Assert.Equal(3, taken);
        Assert.Equal([1, 2, 3], ferry);
        Assert.Equal(SimTime.Zero, departed);
        Assert.Equal([4, 5], Enumerable.Range(0, quay.Count).Select(i => quay[i]));
    }

    [Fact]
    public void GetBatch_ZeroMaxWait_LeavesAtOnceWithWhatIsThere()
    {
        var sim = new Simulation();
        var quay = new Store<int>(sim);
        quay.TryPut(1);
        var ferry = new List<int>();
        int taken = -1;

        sim.Start(async p => taken = await p.GetBatch(quay, 3, SimDuration.Zero, ferry));
        sim.Run();

        Assert.Equal(1, taken);
        Assert.Equal([1], ferry);
        Assert.Equal(SimTime.Zero, sim.Now);
    }

    [Fact]
    public void GetBatch_FullStore_FreesRoomForWaitingPutters()
    {
        var sim = new Simulation();
        var quay = new Store<int>(sim, capacity: 2);
        var putAt = new List<SimTime>();
        sim.Start(async p =>
        {
            for (int i = 0; i < 4; i++)
            {
                await p.Put(quay, i);
                putAt.Add(p.Now);
            }
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            var ferry = new List<int>();
            Assert.Equal(2, await p.GetBatch(quay, 2, Hours(1), ferry));
            Assert.Equal([0, 1], ferry);
        });

        sim.Run();

        Assert.Equal([SimTime.Zero, SimTime.Zero, SimTime.FromHours(3), SimTime.FromHours(3)], putAt);
        Assert.Equal([2, 3], Enumerable.Range(0, quay.Count).Select(i => quay[i]));
    }

    [Fact]
    public void GetBatch_InvalidArguments_Throw()
    {
        var sim = new Simulation();
        var quay = new Store<int>(sim);
        var errors = new List<Exception?>();
        sim.Start(async p =>
        {
            errors.Add(Record.Exception(() => p.GetBatch(quay, 0, Hours(1), new List<int>())));
            errors.Add(Record.Exception(() => p.GetBatch(quay, 1, SimDuration.FromTicks(-1), new List<int>())));
            errors.Add(Record.Exception(() => p.GetBatch(quay, 1, Hours(1), null!)));
            await p.Delay(SimDuration.Zero);
        });

        sim.Run();

        Assert.Equal("count", Assert.IsType<ArgumentOutOfRangeException>(errors[0]).ParamName);
        Assert.Equal("maxWait", Assert.IsType<ArgumentOutOfRangeException>(errors[1]).ParamName);
        Assert.Equal("into", Assert.IsType<ArgumentNullException>(errors[2]).ParamName);
    }
}
