using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>
/// Bug repro (found while writing DeterminismTests): a batch get that has been filled but not yet resumed loses its
/// items when the process is interrupted at the same instant. <see cref="SimProcess.Interrupt(object?)"/> promises
/// "anything granted to it and not yet delivered is given back", and a single <c>Get</c> does give its item back to
/// the front of the store (Store.CancelWait), but for <c>GetBatch</c> the items were already moved into the caller's
/// collection and stay there while the await throws: the store is empty and the batch was never delivered.
/// </summary>
public class StoreBatchInterruptTests
{
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
