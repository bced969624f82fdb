using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

/// <summary><see cref="Store{T}.RemoveFromFront"/>: the same removals as a plain scan, without asking settled items again.</summary>
public sealed class StoreRemoveFromFrontTests
{
    /// <summary>A queued item: kind 0 never leaves by the rule (settled), kinds 1 and 2 leave after waiting 5 and 9.</summary>
    public sealed record Item(int Id, int Kind, int QueuedAt);

    /// <summary>An operation: 0 put (kind <c>A</c>), 1 take the oldest, 2 put a block of <c>A</c> + 1, 3 advance <c>A</c> and sweep.</summary>
    public readonly record struct Op(int Kind, int A);

    private const int MinWait = 5;

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (4, Gen.Choose(0, 2).Select(k => new Op(0, k))),
        (2, Gen.Constant(new Op(1, 0))),
        (1, Gen.Choose(0, 5).Select(n => new Op(2, n))),
        (3, Gen.Choose(0, 4).Select(t => new Op(3, t))));

    /// <summary>The rule, as the diversion sweep's: stop at an item that cannot have waited long enough.</summary>
    private static int Decide(Item item, int now)
    {
        int waited = now - item.QueuedAt;
        return waited <= MinWait ? -1 : item.Kind == 0 ? 2 : waited > (item.Kind == 1 ? MinWait : 9) ? 1 : 0;
    }

    [Property(MaxTest = 300)]
    public Property RemoveFromFront_RandomOperations_SameItemsAndRemovalsAsAPlainScan() =>
        Prop.ForAll(OpGen.ArrayOf().ToArbitrary(), ops =>
        {
            var store = new Store<Item>(new Simulation());
            var model = new List<Item>();
            var removed = new List<Item>();
            int now = 0, id = 0;
            foreach (Op op in ops)
            {
                switch (op.Kind)
                {
                    case 0:
                        var item = new Item(id++, op.A, now);
                        Assert.True(store.TryPut(item));
                        model.Add(item);
                        break;
                    case 1:
                        Assert.Equal(model.Count > 0, store.TryGet(out Item? taken));
                        if (model.Count > 0)
                        {
                            Assert.Same(model[0], taken);
                            model.RemoveAt(0);
                        }

                        break;
                    case 2:
                        Item[] block = [.. Enumerable.Range(0, op.A + 1).Select(k => new Item(id++, k % 3, now))];
                        Assert.Equal(block.Length, store.TryPutAll(block));
                        model.AddRange(block);
                        break;
                    default:
                        now += op.A;
                        removed.Clear();
                        int n = store.RemoveFromFront(Decide, now, removed);
                        int scanned = model.TakeWhile(x => Decide(x, now) >= 0).Count();
                        List<Item> expected = [.. model.Take(scanned).Where(x => Decide(x, now) == 1)];
                        model.RemoveAll(expected.Contains);
                        Assert.Equal(expected, removed);
                        Assert.Equal(expected.Count, n);
                        break;
                }

                Assert.Equal(model, store.Items.ToArray());
            }
        });

    [Fact]
    public void RemoveFromFront_SettledItemsAtTheFront_AreNotAskedAgain()
    {
        var store = new Store<Item>(new Simulation());
        for (int i = 0; i < 1000; i++)
        {
            store.TryPut(new Item(i, i % 10 == 0 ? 1 : 0, 0));
        }

        store.TryPut(new Item(1000, 1, 20));
        var removed = new List<Item>();
        int asked = 0;
        int Counting(Item item, int now)
        {
            asked++;
            return Decide(item, now);
        }

        Assert.Equal(100, store.RemoveFromFront(Counting, 10, removed));
        Assert.Equal(900, store.Count - 1);

        // The 900 kept items are settled: the next sweep asks only the item behind them (which stops it).
        asked = 0;
        removed.Clear();
        Assert.Equal(0, store.RemoveFromFront(Counting, 11, removed));
        Assert.Equal(1, asked);

        // Taking settled items from the front leaves the rest settled; the late item leaves once it has waited.
        Assert.True(store.TryGet(out Item? first));
        Assert.Equal(1, first.Id);
        asked = 0;
        Assert.Equal(1, store.RemoveFromFront(Counting, 26, removed));
        Assert.Equal(1000, removed.Single().Id);
        Assert.Equal(2, asked); // once in the scan and once in the compaction
        Assert.Equal(899, store.Count);
    }
}
