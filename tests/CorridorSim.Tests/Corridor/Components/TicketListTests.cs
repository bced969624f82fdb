using CorridorSim.Corridor;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Corridor.Components;

public sealed class TicketListTests
{
    [Fact]
    public void Remove_FromTheMiddle_LeavesTheOthersInAdditionOrder()
    {
        var list = new TicketList<string>();
        long a = list.Add("a");
        long b = list.Add("b");
        long c = list.Add("c");

        list.Remove(b);

        Assert.Equal(["a", "c"], list);
        Assert.Equal(2, list.Count);
        list.Remove(a);
        list.Remove(c);
        Assert.Empty(list);
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Add_PastTheRingsSizeWhileTheFrontIsHeld_KeepsEveryItemInOrder()
    {
        var list = new TicketList<int>();
        long first = list.Add(-1);
        var tickets = new List<long>();
        for (int i = 0; i < 100; i++)
        {
            tickets.Add(list.Add(i));
            if (i % 3 == 0)
            {
                list.Remove(tickets[i]);
            }
        }

        Assert.Equal(new[] { -1 }.Concat(Enumerable.Range(0, 100).Where(i => i % 3 != 0)), list);
        list.Remove(first);
        Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 3 != 0), list);
    }

    [Fact]
    public void First_AfterTheOldestLeaves_IsTheNextPresentAndEmptyThrows()
    {
        var list = new TicketList<string>();
        long a = list.Add("a");
        long b = list.Add("b");
        list.Add("c");

        list.Remove(b);
        Assert.Equal("a", list.First);
        list.Remove(a);
        Assert.Equal("c", list.First);
        Assert.Throws<InvalidOperationException>(() => new TicketList<int>().First);
    }

    [Fact]
    public void Remove_TwiceOrUnknown_ThrowsNamingTheTicket()
    {
        var list = new TicketList<string>();
        long a = list.Add("a");
        list.Add("b");
        list.Remove(a);

        Assert.Contains($"Ticket {a}", Assert.Throws<InvalidOperationException>(() => list.Remove(a)).Message);
        Assert.Throws<InvalidOperationException>(() => list.Remove(a + 5));
        Assert.Throws<InvalidOperationException>(() => list.Remove(-1));
    }

    // Against a List<T> model: any mix of adds and removals (by the index of a present item) leaves the same items
    // in the same order, and the count agrees.
    [Property]
    public Property AnyOperations_MatchAListModel() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 99)).ToArbitrary(), ops =>
        {
            var list = new TicketList<int>();
            var model = new List<(long Ticket, int Item)>();
            int next = 0;
            foreach (int op in ops)
            {
                if (op < 55 || model.Count == 0)
                {
                    model.Add((list.Add(next), next));
                    next++;
                }
                else
                {
                    int k = op % model.Count;
                    list.Remove(model[k].Ticket);
                    model.RemoveAt(k);
                }
            }

            return list.SequenceEqual(model.Select(m => m.Item)) && list.Count == model.Count
                && (model.Count == 0 || list.First == model[0].Item);
        });
}
