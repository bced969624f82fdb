using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

public partial class StoreTests
{
    private static SimDuration Hours(double h) => SimDuration.FromHours(h);

    // ---- random workloads ----------------------------------------------------------------------------

    public enum StepKind
    {
        Put,
        TryPut,
        Get,
        GetFiltered,
        GetBatch,
        TryGet,
        Wait,
        Interrupt,
    }

    /// <summary>
    /// One step of a process. <c>A</c> is the filter's residue, the batch size, the minutes waited or the process to
    /// interrupt; <c>B</c> the batch's maximum wait in minutes.
    /// </summary>
    public readonly record struct Step(StepKind Kind, int A, int B);

    public readonly record struct Workload(int Capacity, Step[][] Processes)
    {
        public override string ToString() =>
            $"capacity {Capacity}; processes: " +
            string.Join(" | ", Processes.Select(steps => string.Join(" ", steps.Select(s => $"{s.Kind}({s.A},{s.B})"))));
    }

    private const int FilterModulus = 3;

    private static readonly Gen<Step> StepGen =
        Gen.Frequency(
            (5, Gen.Constant(new Step(StepKind.Put, 0, 0))),
            (1, Gen.Constant(new Step(StepKind.TryPut, 0, 0))),
            (3, Gen.Constant(new Step(StepKind.Get, 0, 0))),
            (2, Gen.Choose(0, FilterModulus - 1).Select(r => new Step(StepKind.GetFiltered, r, 0))),
            (2, from n in Gen.Choose(1, 5)
                from wait in Gen.Choose(0, 120)
                select new Step(StepKind.GetBatch, n, wait)),
            (1, Gen.Constant(new Step(StepKind.TryGet, 0, 0))),
            (3, Gen.Choose(0, 90).Select(m => new Step(StepKind.Wait, m, 0))));

    private static readonly Gen<Workload> WorkloadGen = WorkloadOf(StepGen);

    private static readonly Gen<Workload> WorkloadWithInterruptsGen = WorkloadOf(
        Gen.Frequency(
            (6, StepGen),
            (1, Gen.Choose(0, 5).Select(target => new Step(StepKind.Interrupt, target, 0)))));

    private static Gen<Workload> WorkloadOf(Gen<Step> steps) =>
        from capacity in Gen.Frequency((3, Gen.Choose(1, 8)), (1, Gen.Constant(int.MaxValue)))
        from processes in Gen.Choose(1, 6)
        from lists in steps.ArrayOf().ArrayOf(processes)
        select new Workload(capacity, lists);

    [Property(MaxTest = 300)]
    public Property PutAndGet_RandomProcesses_ItemsAreConservedAndNoGetterStarvesBesideAMatchingItem() =>
        Prop.ForAll(WorkloadGen.ToArbitrary(), workload =>
        {
            var sim = new Simulation();
            var yard = new Store<int>(sim, workload.Capacity, "yard");
            var put = new List<int>();
            var got = new List<int>();
            var blockedOn = new Func<int, bool>?[workload.Processes.Length]; // the filter of a get still waiting at the end
            int nextItem = 0;

            void CheckBounds() => Assert.InRange(yard.Count, 0, workload.Capacity);

            for (int i = 0; i < workload.Processes.Length; i++)
            {
                int process = i;
                Step[] steps = workload.Processes[i];
                sim.Start(async p =>
                {
                    foreach (Step step in steps)
                    {
                        switch (step.Kind)
                        {
                            case StepKind.Put:
                                int item = nextItem++;
                                await p.Put(yard, item);
                                put.Add(item);
                                break;
                            case StepKind.TryPut:
                                int tried = nextItem++;
                                if (yard.TryPut(tried))
                                {
                                    put.Add(tried);
                                }

                                break;
                            case StepKind.Get:
                                blockedOn[process] = static _ => true;
                                got.Add(await p.Get(yard));
                                blockedOn[process] = null;
                                break;
                            case StepKind.GetFiltered:
                                int residue = step.A;
                                Func<int, bool> filter = x => x % FilterModulus == residue;
                                blockedOn[process] = filter;
                                int match = await p.Get(yard, filter);
                                blockedOn[process] = null;
                                Assert.True(filter(match));
                                got.Add(match);
                                break;
                            case StepKind.GetBatch:
                                var batch = new List<int>();
                                int taken = await p.GetBatch(yard, step.A, SimDuration.FromMinutes(step.B), batch);
                                Assert.Equal(taken, batch.Count);
                                Assert.InRange(taken, 0, step.A);
                                got.AddRange(batch);
                                break;
                            case StepKind.TryGet:
                                if (yard.TryGet(out int any))
                                {
                                    got.Add(any);
                                }

                                break;
                            case StepKind.Wait:
                                await p.Delay(SimDuration.FromMinutes(step.A));
                                break;
                        }

                        CheckBounds();
                    }
                });
            }

            sim.Run();

            // Conservation: every item put was either got once or is still held.
            List<int> held = [.. Enumerable.Range(0, yard.Count).Select(i => yard[i])];
            Assert.Equal(put.Order(), got.Concat(held).Order());

            // Liveness at quiescence: a get left waiting has no matching item in the store.
            foreach (Func<int, bool>? filter in blockedOn)
            {
                Assert.True(filter is null || !held.Any(filter), "a get waits while a matching item is held");
            }
        });

    [Property(MaxTest = 300)]
    public Property PutAndGet_RandomProcessesInterruptingEachOther_NoItemIsLostOrDuplicated() =>
        Prop.ForAll(WorkloadWithInterruptsGen.ToArbitrary(), workload =>
        {
            var sim = new Simulation();
            var yard = new Store<int>(sim, workload.Capacity, "yard");
            var put = new List<int>(); // puts whose await returned
            var putInterrupted = new List<int>(); // puts interrupted: the item may or may not have gone in
            var got = new List<int>();
            var processes = new SimProcess[workload.Processes.Length];
            int nextItem = 0;

            for (int i = 0; i < workload.Processes.Length; i++)
            {
                Step[] steps = workload.Processes[i];
                processes[i] = sim.Start(async p =>
                {
                    foreach (Step step in steps)
                    {
                        int item = -1;
                        var batch = new List<int>();
                        try
                        {
                            switch (step.Kind)
                            {
                                case StepKind.Put:
                                    item = nextItem++;
                                    await p.Put(yard, item);
                                    put.Add(item);
                                    break;
                                case StepKind.Get:
                                    got.Add(await p.Get(yard));
                                    break;
                                case StepKind.GetFiltered:
                                    int residue = step.A;
                                    got.Add(await p.Get(yard, x => x % FilterModulus == residue));
                                    break;
                                case StepKind.GetBatch:
                                    Assert.Equal(await p.GetBatch(yard, step.A, SimDuration.FromMinutes(step.B), batch), batch.Count);
                                    got.AddRange(batch);
                                    break;
                                case StepKind.Wait:
                                    await p.Delay(SimDuration.FromMinutes(step.A));
                                    break;
                                case StepKind.Interrupt:
                                    SimProcess target = processes[step.A % processes.Length];
                                    if (target != p && target.IsWaiting)
                                    {
                                        target.Interrupt("test");
                                    }

                                    break;
                                case StepKind.TryPut:
                                    item = nextItem++;
                                    if (yard.TryPut(item))
                                    {
                                        put.Add(item);
                                    }

                                    break;
                                case StepKind.TryGet:
                                    if (yard.TryGet(out int any))
                                    {
                                        got.Add(any);
                                    }

                                    break;
                            }
                        }
                        catch (ProcessInterruptedException)
                        {
                            Assert.Empty(batch); // an interrupted batch delivers nothing
                            if (step.Kind == StepKind.Put)
                            {
                                putInterrupted.Add(item);
                            }
                        }

                        Assert.InRange(yard.Count, 0, workload.Capacity);
                    }
                });
            }

            sim.Run();

            List<int> held = [.. Enumerable.Range(0, yard.Count).Select(i => yard[i])];
            List<int> present = [.. got, .. held];
            Assert.Equal(present.Count, present.Distinct().Count()); // nothing duplicated
            Assert.Subset(present.ToHashSet(), put.ToHashSet()); // nothing lost
            Assert.Superset(present.ToHashSet(), put.Concat(putInterrupted).ToHashSet()); // nothing invented
        });

    [Property(MaxTest = 200)]
    public Property Get_SingleConsumer_ReceivesItemsInPutOrder() =>
        Prop.ForAll(
            (from capacity in Gen.Choose(1, 5)
             from producers in Gen.Choose(1, 4)
             from gaps in Gen.Choose(0, 30).ArrayOf().ArrayOf(producers)
             from consumerGaps in Gen.Choose(0, 30).ArrayOf()
             select (capacity, gaps, consumerGaps)).ToArbitrary(),
            input =>
            {
                (int capacity, int[][] producerGaps, int[] consumerGaps) = input;
                var sim = new Simulation();
                var yard = new Store<int>(sim, capacity);
                int nextItem = 0; // items are numbered in the order their puts are called
                var received = new List<int>();

                foreach (int[] gaps in producerGaps)
                {
                    sim.Start(async p =>
                    {
                        foreach (int gap in gaps)
                        {
                            await p.Delay(SimDuration.FromMinutes(gap));
                            await p.Put(yard, nextItem++);
                        }
                    });
                }

                sim.Start(async p =>
                {
                    foreach (int gap in consumerGaps)
                    {
                        await p.Delay(SimDuration.FromMinutes(gap));
                        received.Add(await p.Get(yard));
                    }
                });

                sim.Run();

                List<int> held = [.. Enumerable.Range(0, yard.Count).Select(i => yard[i])];
                List<int> everything = [.. received, .. held];
                Assert.Equal(everything.Order(), everything); // first in, first out
            });

    // ---- FIFO and filters --------------------------------------------------------------------------------

    [Fact]
    public void Get_SeveralItems_TakesThemOldestFirst()
    {
        var sim = new Simulation();
        var wagons = new Store<string>(sim);
        var got = new List<string>();
        sim.Start(async p =>
        {
            foreach (string w in new[] { "w1", "w2", "w3" })
            {
                await p.Put(wagons, w);
            }

            for (int i = 0; i < 3; i++)
            {
                got.Add(await p.Get(wagons));
            }
        });

        sim.Run();

        Assert.Equal(["w1", "w2", "w3"], got);
        Assert.Equal(0, wagons.Count);
    }

    [Fact]
    public void Get_WaitingGetters_ServedInArrivalOrder()
    {
        var sim = new Simulation();
        var wagons = new Store<string>(sim);
        var got = new List<string>();
        foreach (string name in new[] { "g1", "g2", "g3" })
        {
            sim.Start(async p => got.Add($"{name}:{await p.Get(wagons)}"));
        }

        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.Put(wagons, "a");
            await p.Put(wagons, "b");
            await p.Put(wagons, "c");
        });

        sim.Run();

        Assert.Equal(["g1:a", "g2:b", "g3:c"], got);
    }

    [Fact]
    public void Get_WithFilter_TakesTheFirstMatchAndLeavesTheRestInOrder()
    {
        var sim = new Simulation();
        var wagons = new Store<string>(sim);
        string? got = null;
        foreach (string w in new[] { "grain-1", "oil-1", "grain-2", "oil-2" })
        {
            Assert.True(wagons.TryPut(w));
        }

        sim.Start(async p => got = await p.Get(wagons, w => w.StartsWith("oil", StringComparison.Ordinal)));
        sim.Run();

        Assert.Equal("oil-1", got);
        Assert.Equal(["grain-1", "grain-2", "oil-2"], Enumerable.Range(0, wagons.Count).Select(i => wagons[i]));
    }

    [Fact]
    public void Get_FilteredGetterWaiting_DoesNotHoldBackAGetThatMatchesAnItemPresent()
    {
        var sim = new Simulation();
        var wagons = new Store<string>(sim);
        wagons.TryPut("grain-1");
        var log = new List<string>();

        sim.Start(async p =>
        {
            string oil = await p.Get(wagons, w => w.StartsWith("oil", StringComparison.Ordinal));
            log.Add($"{oil}@{p.Now}");
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            string any = await p.Get(wagons); // grain-1 is there and the waiting getter cannot take it
            log.Add($"{any}@{p.Now}");
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(5));
            await p.Put(wagons, "oil-1");
        });

        sim.Run();

        Assert.Equal(["grain-1@t=1h", "oil-1@t=5h"], log);
    }

    [Fact]
    public void Get_FilterMatchesLaterItem_WaitsUntilItArrives()
    {
        var sim = new Simulation();
        var wagons = new Store<int>(sim);
        int got = -1;
        SimTime at = default;

        sim.Start(async p =>
        {
            got = await p.Get(wagons, x => x > 10);
            at = p.Now;
        });
        sim.Start(async p =>
        {
            for (int i = 5; i <= 15; i += 5)
            {
                await p.Delay(Hours(1));
                await p.Put(wagons, i);
            }
        });

        sim.Run();

        Assert.Equal(15, got);
        Assert.Equal(SimTime.FromHours(3), at);
        Assert.Equal(2, wagons.Count);
    }

    // ---- capacity ----------------------------------------------------------------------------------------

    [Fact]
    public void Put_StoreFull_BlocksUntilAGetMakesRoom()
    {
        var sim = new Simulation();
        var siding = new Store<string>(sim, capacity: 2);
        var putAt = new List<SimTime>();

        sim.Start(async p =>
        {
            foreach (string w in new[] { "a", "b", "c" })
            {
                await p.Put(siding, w);
                putAt.Add(p.Now);
            }
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(4));
            Assert.Equal("a", await p.Get(siding));
        });

        sim.Run();

        Assert.Equal([SimTime.Zero, SimTime.Zero, SimTime.FromHours(4)], putAt);
        Assert.Equal(["b", "c"], Enumerable.Range(0, siding.Count).Select(i => siding[i]));
    }

    [Fact]
    public void TryPut_FullOrPutterWaiting_Refuses()
    {
        var sim = new Simulation();
        var siding = new Store<string>(sim, capacity: 1);
        bool? afterRoom = null;

        Assert.True(siding.TryPut("a"));
        Assert.False(siding.TryPut("b")); // full
        sim.Start(async p => await p.Put(siding, "waiting"));
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            Assert.True(siding.TryGet(out string? first)); // room, which the waiting putter takes at once
            Assert.Equal("a", first);
            afterRoom = siding.TryPut("late");
        });

        sim.Run();

        Assert.False(afterRoom);
        Assert.Equal("waiting", siding[0]);
    }

    [Fact]
    public void TryGet_EmptyOrGetterWaiting_Refuses()
    {
        var sim = new Simulation();
        var siding = new Store<string>(sim);

        Assert.False(siding.TryGet(out string? none));
        Assert.Null(none);

        string? got = null;
        sim.Start(async p => got = await p.Get(siding, w => w == "x"));
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            Assert.True(siding.TryPut("x")); // goes straight to the waiting getter
            Assert.Equal(0, siding.Count);
        });

        sim.Run();

        Assert.Equal("x", got);
    }

    [Fact]
    public void Constructor_CapacityNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Store<int>(new Simulation(), 0));
    }

    [Fact]
    public void Indexer_OutOfRange_Throws()
    {
        var store = new Store<int>(new Simulation());
        store.TryPut(7);

        Assert.Equal(7, store[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => store[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => store[-1]);
    }
}
