using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>
/// The calendar queue's buckets: time is cut into windows of <c>2^shift</c> ticks, and nodes of windows after the one
/// being drained hang, unsorted, on the linked list of bucket <c>window &amp; mask</c>. Inserting is O(1); when the
/// window runs dry the cursor moves to the next window that holds entries and those join the
/// <see cref="CalendarWindow"/>, so a pop costs O(log k) for the few (k) events of one window instead of O(log n)
/// cache-missing steps of one heap over all n pending events.
/// </summary>
/// <remarks>
/// The calendar re-tunes the width and bucket count (<see cref="Reset"/>) when the counters kept here say windows
/// are too sparse or too crowded (<see cref="ShouldRetune"/>). While prefetching, loading a window also starts a
/// pipeline: the states of the next window's nodes, and a walk of the list two windows ahead, one node per pop.
/// </remarks>
internal struct CalendarBuckets
{
    /// <summary>The fewest buckets.</summary>
    public const int MinBuckets = 16;

    private int[] _heads;
    private int _mask;
    private int _shift;
    private int _count;
    private long _window; // absolute index of the window being drained (time >> shift)

    // While prefetching: the node of the list two windows ahead prefetched last. Each pop steps one node further, so
    // that the list (scattered nodes, one dependent miss each) is in the cache by the time PrefetchNextWindows walks it.
    private int _ahead;

    // Re-tuning heuristics, since the last re-tune.
    private long _pops;
    private long _emptySkips;
    private long _crowdedLoads;
    private long _jumps;

    /// <summary>Empty buckets, <see cref="MinBuckets"/> of them, with windows of 2^30 ticks (~18 minutes) until a re-tune measures something.</summary>
    public static CalendarBuckets Create()
    {
        var buckets = new CalendarBuckets { _heads = new int[MinBuckets], _mask = MinBuckets - 1, _shift = 30, _ahead = CalendarNode.None };
        Array.Fill(buckets._heads, CalendarNode.None);
        return buckets;
    }

    /// <summary>Number of nodes in the buckets.</summary>
    public readonly int Count => _count;

    /// <summary>log2 of the window width in ticks.</summary>
    public readonly int Shift => _shift;

    /// <summary>The index of the window being drained.</summary>
    public readonly long Window => _window;

    /// <summary>The bucket list heads (for moving every node elsewhere).</summary>
    public readonly int[] Heads => _heads;

    /// <summary>Whether the buckets hold far more nodes than they have lists (time to re-tune).</summary>
    public readonly bool IsOverfull => _count > (_heads.Length << 2);

    /// <summary>Counts a pop from the window, for the re-tuning heuristics.</summary>
    public void CountPop() => _pops++;

    /// <summary>Files <paramref name="node"/> under window <paramref name="window"/> (a later one than the current).</summary>
    public void Link(CalendarNode[] nodes, int node, long window)
    {
        unchecked
        {
            int b = (int)(window & _mask);
            nodes[node].Next = _heads[b];
            _heads[b] = node;
            _count++;
        }
    }

    /// <summary>Forgets every node (after the calendar moved them all elsewhere), keeping the bucket array.</summary>
    public void Clear()
    {
        _count = 0;
        _ahead = CalendarNode.None;
    }

    /// <summary>
    /// Empties the buckets and re-shapes them: <paramref name="buckets"/> lists (a power of two), windows of
    /// 2^<paramref name="shift"/> ticks, the cursor at <paramref name="window"/>. Allocates only when the count changes.
    /// </summary>
    public void Reset(int buckets, int shift, long window)
    {
        ResetCounters();
        _shift = shift;
        _ahead = CalendarNode.None;
        if (_heads.Length != buckets)
        {
            _heads = new int[buckets];
        }

        Array.Fill(_heads, CalendarNode.None);
        _mask = buckets - 1;
        _count = 0;
        _window = window;
    }

    /// <summary>Zeroes the re-tuning counters.</summary>
    public void ResetCounters()
    {
        _pops = 0;
        _emptySkips = 0;
        _crowdedLoads = 0;
        _jumps = 0;
    }

    /// <summary>
    /// Whether to re-tune: windows far too narrow (more than two empty windows skipped per pop on average, or jumps),
    /// too crowded, or a bucket array far larger than the <paramref name="pending"/> set.
    /// </summary>
    public readonly bool ShouldRetune(int pending) =>
        (_jumps > 4 && _jumps * 64 > _pops) ||
        (_pops > 256 &&
         (_emptySkips > 2 * _pops ||
          _crowdedLoads > _pops / 16 ||
          (_heads.Length > MinBuckets && pending < (_heads.Length >> 2))));

    /// <summary>Moves the cursor to the next window that holds nodes and loads them into <paramref name="window"/> (the buckets not empty).</summary>
    public void LoadNextWindow(CalendarNode[] nodes, ref CalendarWindow window, bool asHeap)
    {
        unchecked
        {
            int scanned = 0;
            while (true)
            {
                _window++;
                int b = (int)(_window & _mask);
                if (_heads[b] != CalendarNode.None && LoadBucket(nodes, b, ref window, asHeap))
                {
                    break;
                }

                if (++scanned > _heads.Length)
                {
                    // A whole cycle without an entry for the current windows: jump straight to the earliest one.
                    // Jumps mean the windows are far narrower than the gaps between events: re-tune soon.
                    _window = (MinTime(nodes) >> _shift) - 1;
                    _emptySkips += scanned;
                    _jumps++;
                    scanned = 0;
                }
            }

            _emptySkips += scanned;
        }
    }

    /// <summary>Moves the nodes of bucket <paramref name="b"/> that belong to the current window into <paramref name="window"/>.</summary>
    private bool LoadBucket(CalendarNode[] nodes, int b, ref CalendarWindow window, bool asHeap)
    {
        unchecked
        {
            int prev = CalendarNode.None;
            int i = _heads[b];
            int moved = 0;
            while (i != CalendarNode.None)
            {
                ref CalendarNode n = ref nodes[i];
                int next = n.Next;
                if ((n.Time >> _shift) == _window)
                {
                    window.Add(new CalendarKey { Time = n.Time, Sequence = n.Sequence, Node = i }, asHeap);
                    if (prev == CalendarNode.None)
                    {
                        _heads[b] = next;
                    }
                    else
                    {
                        nodes[prev].Next = next;
                    }

                    moved++;
                }
                else
                {
                    prev = i;
                }

                i = next;
            }

            _count -= moved;
            if (moved > 64)
            {
                _crowdedLoads++;
            }

            return moved > 0;
        }
    }

    private readonly long MinTime(CalendarNode[] nodes)
    {
        long min = long.MaxValue;
        foreach (int head in _heads)
        {
            for (int i = head; i != CalendarNode.None; i = nodes[i].Next)
            {
                min = Math.Min(min, nodes[i].Time);
            }
        }

        return min;
    }

    /// <summary>
    /// After loading window W, two stages of the prefetch pipeline: starts on the states of window W+1's nodes, whose
    /// lines the walk during window W−1 fetched, and starts the walk of window W+2's list. So a node is fetched about
    /// two windows before it runs and the state it names one window before.
    /// </summary>
    public void PrefetchNextWindows(CalendarNode[] nodes, ICalendarPrefetch? hook)
    {
        unchecked
        {
            Action<Simulation, object?>? hooked = hook?.Handler;
            for (int i = _heads[(int)((_window + 1) & _mask)]; i != CalendarNode.None; i = nodes[i].Next)
            {
                ref CalendarNode n = ref nodes[i];
                if (ReferenceEquals(n.Handler, hooked))
                {
                    hook!.PrefetchState(n.State);
                }
                else
                {
                    CacheHint.Object(n.State);
                }
            }

            _ahead = _heads[(int)((_window + 2) & _mask)];
            if (_ahead != CalendarNode.None)
            {
                CacheHint.Line(ref nodes[_ahead]);
            }
        }
    }

    /// <summary>Steps the walk of the list two windows ahead one node: the node reached at the previous pop has arrived by now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StepWalk(CalendarNode[] nodes)
    {
        if (_ahead != CalendarNode.None)
        {
            _ahead = nodes[_ahead].Next;
            if (_ahead != CalendarNode.None)
            {
                CacheHint.Line(ref nodes[_ahead]);
            }
        }
    }
}
