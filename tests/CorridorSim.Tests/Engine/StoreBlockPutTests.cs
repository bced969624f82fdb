using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

/// <summary><see cref="Store{T}.TryPutAll"/>: the same store, getters and events as <see cref="Store{T}.TryPut"/> item by item.</summary>
public sealed class StoreBlockPutTests
{
    /// <summary>A getter's step: 0 get, 1 filtered get (odd items), 2 batch get of <c>A</c> within <c>B</c> minutes, 3 wait <c>A</c> minutes, 4 blocking put.</summary>
    public readonly record struct Step(int Kind, int A, int B);

    /// <summary>Getters (and blocking putters), and the blocks put at once after the given minutes.</summary>
    public readonly record struct Workload(int Capacity, Step[][] Getters, (int Minutes, int Size)[] Blocks)
    {
        public override string ToString() =>
            $"capacity {Capacity}; getters: {string.Join(" | ", Getters.Select(g => string.Join(" ", g)))}; blocks: {string.Join(" ", Blocks)}";
    }

    private static readonly Gen<Step> StepGen = Gen.Frequency(
        (3, Gen.Constant(new Step(0, 0, 0))),
        (1, Gen.Constant(new Step(1, 0, 0))),
        (4, from n in Gen.Choose(1, 6) from wait in Gen.Choose(0, 90) select new Step(2, n, wait)),
        (2, Gen.Choose(0, 60).Select(m => new Step(3, m, 0))),
        (1, Gen.Constant(new Step(4, 0, 0))));

    private static readonly Gen<Workload> WorkloadGen =
        from capacity in Gen.Frequency((2, Gen.Choose(1, 10)), (1, Gen.Constant(int.MaxValue)))
        from getters in Gen.Choose(0, 4)
        from steps in StepGen.ArrayOf().ArrayOf(getters)
        from blocks in (from m in Gen.Choose(0, 60) from size in Gen.Choose(1, 12) select (m, size)).ArrayOf()
        select new Workload(capacity, steps, blocks);

    [Property(MaxTest = 300)]
    public Property TryPutAll_RandomGetters_SameTraceAsTryPutItemByItem() =>
        Prop.ForAll(WorkloadGen.ToArbitrary(), w => Assert.Equal(Trace(w, block: false), Trace(w, block: true)));

    [Fact]
    public void TryPutAll_TwoBatchGettersOneBlock_ServesEachWhenItsCountIsReached()
    {
        // Item by item, the getter of 3 is served at the third item, before the getter of 4 can be: a block put must
        // not fill the store first and serve the getter of 4 with the oldest items.
        Workload w = new(int.MaxValue, [[new Step(2, 4, 600)], [new Step(2, 3, 600)]], [(10, 5)]);
        List<string> trace = Trace(w, block: true);
        Assert.Equal(Trace(w, block: false), trace);
        Assert.Contains("g1 got 0 1 2 at 10", trace);
    }

    [Fact]
    public void TryPutAll_FullStore_StopsWhereTryPutRefuses()
    {
        var sim = new Simulation();
        var yard = new Store<int>(sim, capacity: 3);
        Assert.Equal(3, yard.TryPutAll([1, 2, 3, 4, 5]));
        Assert.Equal(3, yard.Count);
        Assert.Equal(0, yard.TryPutAll([6]));
    }

    private static List<string> Trace(Workload w, bool block)
    {
        var sim = new Simulation();
        var yard = new Store<int>(sim, w.Capacity, "yard");
        var trace = new List<string>();
        int next = 0;
        for (int g = 0; g < w.Getters.Length; g++)
        {
            int id = g;
            Step[] steps = w.Getters[g];
            sim.Start(async p =>
            {
                foreach (Step s in steps)
                {
                    switch (s.Kind)
                    {
                        case 0:
                            trace.Add($"g{id} got {await p.Get(yard)} at {p.Now.Ticks / SimDuration.FromMinutes(1).Ticks}");
                            break;
                        case 1:
                            trace.Add($"g{id} got {await p.Get(yard, x => x % 2 == 1)} at {p.Now.Ticks / SimDuration.FromMinutes(1).Ticks}");
                            break;
                        case 2:
                            var batch = new List<int>();
                            await p.GetBatch(yard, s.A, SimDuration.FromMinutes(s.B), batch);
                            trace.Add($"g{id} got {string.Join(' ', batch)} at {p.Now.Ticks / SimDuration.FromMinutes(1).Ticks}");
                            break;
                        case 3:
                            await p.Delay(SimDuration.FromMinutes(s.A));
                            break;
                        default:
                            int item = 1000 + next++;
                            await p.Put(yard, item);
                            trace.Add($"g{id} put {item} at {p.Now.Ticks / SimDuration.FromMinutes(1).Ticks}");
                            break;
                    }
                }
            });
        }

        sim.Start(async p =>
        {
            foreach ((int minutes, int size) in w.Blocks)
            {
                await p.Delay(SimDuration.FromMinutes(minutes));
                int[] items = [.. Enumerable.Range(next, size)];
                next += size;
                int added = 0;
                if (block)
                {
                    added = yard.TryPutAll(items);
                }
                else
                {
                    while (added < items.Length && yard.TryPut(items[added]))
                    {
                        added++;
                    }
                }

                trace.Add($"block of {size}: {added} put, {yard.Count} held");
            }
        });

        sim.Run();
        trace.Add($"held {string.Join(' ', Enumerable.Range(0, yard.Count).Select(i => yard[i]))}; mean {BitConverter.DoubleToInt64Bits(yard.MeanCount)}; now {sim.Now.Ticks}");
        return trace;
    }
}
