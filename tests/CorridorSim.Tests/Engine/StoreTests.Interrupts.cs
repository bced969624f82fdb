using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>Store: gets, batch gets and puts interrupted at every point of their wait.</summary>
public partial class StoreTests
{
    // ---- interrupts --------------------------------------------------------------------------------------

    [Fact]
    public void Get_InterruptedAfterTheItemWasTakenBeforeResume_ItemGoesBackToTheFront()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        bool interrupted = false;

        SimProcess getter = sim.Start(async p =>
        {
            try
            {
                await p.Get(quay);
            }
            catch (ProcessInterruptedException)
            {
                interrupted = true;
            }
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            quay.TryPut("a"); // taken for the getter, whose resume is scheduled for this instant
            quay.TryPut("b");
            getter.Interrupt();
        });

        sim.Run();

        Assert.True(interrupted);
        Assert.Equal(["a", "b"], Enumerable.Range(0, quay.Count).Select(i => quay[i]));
    }

    [Fact]
    public void Get_InterruptedAfterTheItemWasTakenBeforeResume_StoreNeverExceedsItsCapacity()
    {
        // The taken item still occupies its place until the getter resumes, so giving it back cannot overfill.
        var sim = new Simulation();
        var siding = new Store<string>(sim, capacity: 1);
        var putAt = new List<SimTime>();

        SimProcess getter = sim.Start(async p =>
        {
            try
            {
                await p.Get(siding);
            }
            catch (ProcessInterruptedException)
            {
                // Left.
            }
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            Assert.True(siding.TryPut("a")); // taken for the getter, which resumes later at this instant
            Assert.False(siding.TryPut("b")); // no room until then
            getter.Interrupt();
            Assert.Equal(1, siding.Count);
            Assert.Equal("a", siding[0]);
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.Put(siding, "c"); // waits: "a" is back
            putAt.Add(p.Now);
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            Assert.Equal("a", await p.Get(siding));
        });

        sim.Run();

        Assert.Equal([SimTime.FromHours(3)], putAt);
        Assert.Equal("c", siding[0]);
    }

    [Fact]
    public void Put_WaitingWhileTheGetterHasNotResumed_ProceedsWhenItResumesAtTheSameInstant()
    {
        var sim = new Simulation();
        var siding = new Store<string>(sim, capacity: 1);
        var log = new List<string>();

        sim.Start(async p => log.Add($"got {await p.Get(siding)} at {p.Now}"));
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.Put(siding, "a");
            await p.Put(siding, "b");
            log.Add($"put b at {p.Now}");
        });

        sim.Run();

        Assert.Equal(["got a at t=1h", "put b at t=1h"], log);
        Assert.Equal("b", siding[0]);
    }

    [Fact]
    public void GetBatch_InterruptedAfterFillBeforeResume_ItemsGoBackToTheFrontInOrder()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        var ferry = new List<string>();
        bool interrupted = false;

        SimProcess loader = sim.Start(async p =>
        {
            try
            {
                await p.GetBatch(quay, 2, Hours(10), ferry);
            }
            catch (ProcessInterruptedException)
            {
                interrupted = true;
            }
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            quay.TryPut("a");
            quay.TryPut("b"); // fills the batch; the loader resumes later at this instant
            quay.TryPut("c");
            Assert.Equal(1, quay.Count);
            loader.Interrupt("storm");
        });

        sim.Run();

        Assert.True(interrupted);
        Assert.Empty(ferry);
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, quay.Count).Select(i => quay[i]));
    }

    [Fact]
    public void GetBatch_InterruptedAtTheDeadlineBeforeResume_ItemsGoBack()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        quay.TryPut("a");
        var ferry = new List<string>();
        bool interrupted = false;

        SimProcess loader = sim.Start(async p =>
        {
            try
            {
                await p.GetBatch(quay, 5, Hours(2), ferry);
            }
            catch (ProcessInterruptedException)
            {
                interrupted = true;
            }
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(2)); // scheduled after the loader's deadline, at the same instant
            Assert.Equal(0, quay.Count); // the deadline took "a" for the loader
            loader.Interrupt();
        });

        sim.Run();

        Assert.True(interrupted);
        Assert.Empty(ferry);
        Assert.Equal("a", quay[0]);
    }

    [Fact]
    public void GetBatch_InterruptedAfterFillBeforeResume_WaitingGetterTakesTheReturnedItems()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        var first = new List<string>();
        var second = new List<string>();
        SimTime secondLeft = default;

        SimProcess loader = sim.Start(async p =>
        {
            try
            {
                await p.GetBatch(quay, 2, Hours(10), first);
            }
            catch (ProcessInterruptedException)
            {
                // Cancelled sailing.
            }
        });
        sim.Start(async p =>
        {
            Assert.Equal(2, await p.GetBatch(quay, 2, Hours(10), second));
            secondLeft = p.Now;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            quay.TryPut("a");
            quay.TryPut("b");
            loader.Interrupt();
        });

        sim.Run();

        Assert.Empty(first);
        Assert.Equal(["a", "b"], second);
        Assert.Equal(SimTime.FromHours(1), secondLeft);
    }

    [Fact]
    public void GetBatch_InterruptedWhileWaiting_LeavesTheQueueAndItsDeadlineIsVoid()
    {
        var sim = new Simulation();
        var quay = new Store<string>(sim);
        var ferry = new List<string>();
        var log = new List<string>();

        SimProcess loader = sim.Start(async p =>
        {
            try
            {
                await p.GetBatch(quay, 3, Hours(10), ferry);
            }
            catch (ProcessInterruptedException)
            {
                log.Add($"interrupted at {p.Now}");
            }
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            loader.Interrupt();
            await p.Delay(Hours(1));
            await p.Put(quay, "w1");
        });

        sim.Run();

        Assert.Equal(["interrupted at t=1h"], log);
        Assert.Empty(ferry);
        Assert.Equal(1, quay.Count);
        Assert.Equal(0, quay.WaitingGets);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
    }

    // A batch get filled but not yet resumed when its process is interrupted at the same instant gives its items back
    // to the store, as a single get does: they were never delivered (a bug found while writing DeterminismTests).
    [Fact]
    public void GetBatch_InterruptedAfterFillBeforeResume_GivesItemsBackToStore()
    {
        var sim = new Simulation();
        var yard = new Store<string>(sim, name: "yard");
        var load = new List<string>();
        bool interrupted = false;

        SimProcess ferry = sim.Start(async p =>
        {
            try
            {
                await p.GetBatch(yard, 2, SimDuration.FromHours(10), load);
            }
            catch (ProcessInterruptedException)
            {
                interrupted = true;
            }
        }, "ferry");

        sim.Start(async p =>
        {
            await p.Delay(SimDuration.FromHours(1));
            yard.TryPut("a");
            yard.TryPut("b"); // fills the ferry's batch; its resume is scheduled for this instant
            ferry.Interrupt("storm"); // ...but the storm comes first
        }, "port");

        sim.Run();

        Assert.True(interrupted);
        Assert.Empty(load); // actual: ["a", "b"], moved into the list of an await that threw
        Assert.Equal(2, yard.Count); // actual: 0
        Assert.Equal("a", yard[0]);
    }

    [Fact]
    public void Put_ServedThenInterruptedBeforeResume_ItemStaysInTheStore_AndTheAwaitThrows()
    {
        // Unlike a get (whose item would otherwise vanish with the throwing await), a put that was served has moved
        // its item: it stays in the store, as if the interrupt had come a moment later (documented on Put).
        var sim = new Simulation();
        var yard = new Store<string>(sim, capacity: 1, name: "yard");
        yard.TryPut("first");
        bool interrupted = false;

        SimProcess truck = sim.Start(async p =>
        {
            try
            {
                await p.Put(yard, "second"); // the yard is full: waits
            }
            catch (ProcessInterruptedException)
            {
                interrupted = true;
            }
        }, "truck");
        sim.Start(async p =>
        {
            await p.Delay(SimDuration.FromHours(1));
            Assert.Equal("first", await p.Get(yard)); // room: the truck's put is served, its resume scheduled
            truck.Interrupt("shift ends"); // ...but the interrupt comes first
        }, "crane");

        sim.Run();

        Assert.True(interrupted);
        Assert.Equal(1, yard.Count);
        Assert.Equal("second", yard[0]);
    }
}
