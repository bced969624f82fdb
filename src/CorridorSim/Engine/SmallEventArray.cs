using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CorridorSim.Engine;

/// <summary>
/// The calendar's structure for few pending events (at most <see cref="Capacity"/>): their times and nodes in one
/// array sorted latest first, so that a pop takes the last slot. With so few events a calendar queue's windows hold
/// one or two each, and moving from window to window would be most of the cost.
/// </summary>
/// <remarks>
/// Logical slot i is at index i + 1 of both arrays. The times array holds time − 1 (times are never negative), so that
/// its index 0 can hold <see cref="long.MaxValue"/>, later than any entry, even one due at <see cref="long.MaxValue"/>;
/// the slots from the count on hold <see cref="long.MinValue"/> (see <see cref="Insert"/>).
/// </remarks>
internal struct SmallEventArray
{
    /// <summary>The most entries the array holds; the calendar moves to buckets at the next push.</summary>
    public const int Capacity = 16;

    /// <summary>The calendar moves back here when a window runs dry with at most this many pending entries.</summary>
    public const int EnterAt = 8;

    private long[] _times;
    private long[] _nodes;
    private int _count;
    private int _front; // the node in the last slot (the earliest), kept in a field: see Insert
    private bool _vectorInsert;

    /// <summary>An empty array; <paramref name="vectorInsert"/> false forces the scalar insert.</summary>
    public static SmallEventArray Create(bool vectorInsert)
    {
        var array = new SmallEventArray
        {
            _times = new long[Capacity + 1],
            _nodes = new long[Capacity + 1],
            _vectorInsert = vectorInsert && Vector256.IsHardwareAccelerated,
        };
        array._times[0] = long.MaxValue;
        Array.Fill(array._times, long.MinValue, 1, Capacity);
        return array;
    }

    /// <summary>Number of entries held.</summary>
    public readonly int Count => _count;

    /// <summary>Whether another entry would not fit.</summary>
    public readonly bool IsFull => _count >= Capacity;

    /// <summary>The earliest entry's time (the array must not be empty).</summary>
    public readonly long FrontTime => _times[_count] + 1;

    /// <summary>Removes the earliest entry and returns its node (the array must not be empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TakeFront()
    {
        unchecked
        {
            int last = _count--;
            int node = _front;
            _times[last] = long.MinValue;
            _front = (int)_nodes[last - 1]; // for the next pop (index 0 when empty: unused)
            return node;
        }
    }

    /// <summary>Moves every entry's node into <paramref name="pending"/> from index 0 on, emptying the array; returns how many.</summary>
    public int MoveNodesTo(int[] pending)
    {
        int count = _count;
        for (int s = 1; s <= count; s++)
        {
            pending[s - 1] = (int)_nodes[s];
        }

        Array.Fill(_times, long.MinValue, 1, count);
        _count = 0;
        return count;
    }

    /// <summary>
    /// Adds node <paramref name="i"/> (in any order, to an array filled only this way since it was emptied) by
    /// insertion sort on (time, sequence), latest first; <see cref="EndFill"/> must follow the last one.
    /// </summary>
    public void AddSorted(CalendarNode[] nodes, int i)
    {
        unchecked
        {
            ref CalendarNode n = ref nodes[i];
            int j = _count++;
            while (j > 0)
            {
                ref CalendarNode m = ref nodes[(int)_nodes[j]];
                if (m.Time > n.Time || (m.Time == n.Time && m.Sequence > n.Sequence))
                {
                    break;
                }

                _times[j + 1] = _times[j];
                _nodes[j + 1] = _nodes[j];
                j--;
            }

            _times[j + 1] = n.Time - 1;
            _nodes[j + 1] = i;
        }
    }

    /// <summary>Ends a fill by <see cref="AddSorted"/>.</summary>
    public void EndFill() => _front = (int)_nodes[_count];

    /// <summary>
    /// Inserts an entry (the array not full), after every entry of an earlier or equal time, which leave first (their
    /// sequences are smaller). With 256-bit vectors the insert has no data-dependent branch: each 4-slot group keeps
    /// its slots that are later than <paramref name="time"/>, takes the new entry in the first slot that is not, and
    /// moves the rest up one slot — a shift whose length the branch predictor could not guess. Index 0
    /// (<see cref="long.MaxValue"/>) and the empty slots (<see cref="long.MinValue"/>) make the first and last group
    /// need no special case. The groups are written from the last to the first, so each reads its lower neighbour's
    /// slot before that is overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Insert(long time, int node)
    {
        unchecked
        {
            Debug.Assert(time >= 0, "Calendar times are never negative.");
            long key = time - 1; // what _times holds: see the remarks
            int count = _count;

            // The next pop takes the earliest node from a field, not from the slot the vector stores below have just
            // written (a load from a wider store that is still in flight can wait for it to reach the cache).
            _front = _times[count] > key ? node : _front;
            if (_vectorInsert)
            {
                ref long times = ref MemoryMarshal.GetArrayDataReference(_times);
                ref long nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
                Vector256<long> t = Vector256.Create(key);
                Vector256<long> nv = Vector256.Create((long)node);
                for (int g = (count & ~3) + 1; g > 0; g -= 4)
                {
                    // Group g holds slots g-1 .. g+2 (array indices g .. g+3); "below" is the same shifted down by one.
                    Vector256<long> slot = Vector256.LoadUnsafe(ref times, (nuint)g);
                    Vector256<long> below = Vector256.LoadUnsafe(ref times, (nuint)(g - 1));
                    Vector256<long> keep = Vector256.GreaterThan(slot, t);
                    Vector256<long> here = Vector256.GreaterThan(below, t);
                    Vector256<long> slotNodes = Vector256.LoadUnsafe(ref nodes, (nuint)g);
                    Vector256<long> belowNodes = Vector256.LoadUnsafe(ref nodes, (nuint)(g - 1));
                    Vector256.ConditionalSelect(keep, slot, Vector256.ConditionalSelect(here, t, below)).StoreUnsafe(ref times, (nuint)g);
                    Vector256.ConditionalSelect(keep, slotNodes, Vector256.ConditionalSelect(here, nv, belowNodes)).StoreUnsafe(ref nodes, (nuint)g);
                }
            }
            else
            {
                int i = count;
                while (_times[i] <= key)
                {
                    _times[i + 1] = _times[i];
                    _nodes[i + 1] = _nodes[i];
                    i--;
                }

                _times[i + 1] = key;
                _nodes[i + 1] = node;
            }

            _count = count + 1;
        }
    }
}
