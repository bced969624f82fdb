using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

public class StoreTests
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
