using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CorridorSim.Engine;

/// <summary>
/// The event calendar: pending events ordered by (time, insertion sequence), so that events at equal times leave in
/// the order they were scheduled. A facade over three structures that share one pool of nodes.
/// </summary>
/// <remarks>
/// <para>
/// With at most <see cref="SmallEventArray.Capacity"/> pending events they sit in a <see cref="SmallEventArray"/>. The
/// next push moves them all into a calendar queue: <see cref="CalendarBuckets"/> for later windows and a
/// <see cref="CalendarWindow"/> for the one being drained. A window that runs dry with at most
/// <see cref="SmallEventArray.EnterAt"/> pending events moves them back.
/// </para>
/// <para>
/// Every pending event lives in one node of the pool from the moment it is scheduled until it runs; only node indices
/// and reference-free keys move. A node freed by a pop is the first reused by the next push, so the node an event is
/// written to is usually already in the cache. The window width and bucket count re-tune themselves (every pending
/// node is re-filed) when the pending count leaves [buckets/4, 4·buckets] or windows turn out too sparse or too crowded.
/// </para>
/// <para>
/// With more than <see cref="PrefetchAbove"/> pending events (decided as each window loads) the calendar prefetches
/// what the next events will touch; <see cref="PrefetchHook"/> tells it what that is for one handler's events. A
/// prefetch changes timings only, never the order.
/// </para>
/// </remarks>
internal sealed class EventCalendar
{
    private const int PrefetchAbove = 8192;
    private const int MinHeapRetune = 64;
    private const int RetuneSample = 129;

    private CalendarNode[] _nodes = new CalendarNode[64];
    private int _nodeCount; // high-water mark of used nodes
    private int _freeNode = CalendarNode.None;

    private SmallEventArray _small;
    private bool _isSmall = true;
    private CalendarWindow _window = CalendarWindow.Create();
    private CalendarBuckets _buckets = CalendarBuckets.Create();

    private long _lastPopTime; // the time of the entry popped last: the present, from which Retune measures

    // Whether to prefetch (see CacheHint): only when the pending events (and what they name) outgrow the caches;
    // below that, prefetching finds everything cached and only costs its instructions.
    private bool _prefetch;
    private readonly ICalendarPrefetch? _hook;
    private readonly Action<Simulation, object?>? _hookHandler;

    // The window size above which a push re-tunes. Set after each re-tune to twice what the window then holds, so
    // that a burst at one instant (which no window width can split) re-tunes O(log n) times, not once per push.
    private int _heapRetuneAt = MinHeapRetune;

    // Scratch arrays of Retune, kept so that moving in and out of the small array allocates nothing in steady state
    // (the list of pending nodes keeps the size of the largest pending set, a tenth of what its nodes take).
    private int[] _retunePending = new int[SmallEventArray.Capacity + 1];
    private readonly long[] _retuneAhead = new long[RetuneSample];

    /// <summary>A calendar that inserts into its small array with vector instructions where the hardware has them.</summary>
    public EventCalendar()
        : this(Vector256.IsHardwareAccelerated)
    {
    }

    /// <summary>A calendar; <paramref name="vectorInsert"/> false forces the scalar insert (for tests of both).</summary>
    internal EventCalendar(bool vectorInsert) => _small = SmallEventArray.Create(vectorInsert);

    /// <summary>A calendar that asks <paramref name="prefetchHook"/> what to prefetch for its handler's events.</summary>
    internal EventCalendar(ICalendarPrefetch prefetchHook)
        : this()
    {
        _hook = prefetchHook;
        _hookHandler = prefetchHook.Handler;
    }

    /// <summary>What the calendar asks about the events of one handler while prefetching, or null.</summary>
    internal ICalendarPrefetch? PrefetchHook => _hook;

    /// <summary>Whether the calendar prefetches (it held more than <see cref="PrefetchAbove"/> entries when it loaded the current window).</summary>
    internal bool IsPrefetching => _prefetch;

    /// <summary>Number of entries in the window being drained; for tests.</summary>
    internal int WindowCount => _window.Count;

    /// <summary>Number of re-tunes so far; for tests.</summary>
    internal int Retunes { get; private set; }

    /// <summary>Whether all pending entries are in the small sorted array; for tests.</summary>
    internal bool IsSmall => _isSmall;

    /// <summary>Number of pending entries.</summary>
    public int Count => unchecked(_window.Count + _buckets.Count + _small.Count);

    /// <summary>Adds an entry.</summary>
    /// <remarks>
    /// <paramref name="entry"/>'s sequence must be larger than that of every pending entry (the simulation numbers
    /// events in the order they are scheduled): the small array places an entry after every pending one of equal time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in CalendarEntry entry)
    {
        unchecked
        {
            int node = NewNode();
            ref CalendarNode n = ref _nodes[node];
            n.Time = entry.Time;
            n.Sequence = entry.Sequence;
            n.Handler = entry.Handler;
            n.State = entry.State;
            if (_isSmall)
            {
                if (!_small.IsFull)
                {
                    _small.Insert(entry.Time, node);
                    return;
                }

                // One too many for the small array: file them all in the calendar queue, then this one below.
                Retune();
            }

            long w = entry.Time >> _buckets.Shift;
            if (w <= _buckets.Window)
            {
                _window.Add(new CalendarKey { Time = entry.Time, Sequence = entry.Sequence, Node = node }, _prefetch);
                if (_window.Count > _heapRetuneAt)
                {
                    // The current window holds too many: windows are far too wide for these delays (the calendar
                    // would be one big heap, and never reach Advance to notice).
                    Retune();
                }
            }
            else
            {
                _buckets.Link(_nodes, node, w);
                if (_buckets.IsOverfull)
                {
                    Retune();
                }
            }
        }
    }

    /// <summary>Removes and returns the earliest entry. The calendar must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CalendarEntry Pop()
    {
        unchecked
        {
            if (!_isSmall && _window.Count == 0)
            {
                Advance(); // may move the few pending entries into the small array
            }

            int node;
            if (_isSmall)
            {
                node = _small.TakeFront();
            }
            else
            {
                _buckets.CountPop();
                node = _window.Take();
                if (_prefetch)
                {
                    PrefetchAhead();
                }
            }

            ref CalendarNode n = ref _nodes[node];
            var entry = new CalendarEntry { Time = n.Time, Sequence = n.Sequence, Handler = n.Handler, State = n.State };
            _lastPopTime = n.Time;
            n.Handler = null!;
            n.State = null;
            n.Next = _freeNode;
            _freeNode = node;
            return entry;
        }
    }

    /// <summary>The earliest entry's time, or <see cref="long.MaxValue"/> when empty.</summary>
    public long PeekTime()
    {
        if (Count == 0)
        {
            return long.MaxValue;
        }

        if (!_isSmall && _window.Count == 0)
        {
            Advance();
        }

        return _isSmall ? _small.FrontTime : _window.PeekTime();
    }

    /// <summary>
    /// Starts loading what the next events will touch (see <see cref="CacheHint"/>): one more node of the list two
    /// windows ahead, and, for the next two events of the hook's handler, what only their states name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchAhead()
    {
        unchecked
        {
            CalendarNode[] nodes = _nodes;
            _buckets.StepWalk(nodes);
            if (!_window.IsHeap || _window.Count == 0 || _hook is not { } hook)
            {
                return;
            }

            ref CalendarNode next = ref nodes[_window.FirstNode];
            if (ReferenceEquals(next.Handler, _hookHandler))
            {
                hook.PrefetchNamed(next.State);
                if (_window.Count > 1)
                {
                    ref CalendarNode second = ref nodes[_window.SecondNode];
                    if (ReferenceEquals(second.Handler, _hookHandler))
                    {
                        hook.PrefetchNamed(second.State);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NewNode()
    {
        unchecked
        {
            int node = _freeNode;
            if (node != CalendarNode.None)
            {
                _freeNode = _nodes[node].Next;
                return node;
            }

            if (_nodeCount == _nodes.Length)
            {
                Array.Resize(ref _nodes, _nodes.Length * 2);
            }

            return _nodeCount++;
        }
    }

    /// <summary>Moves to the next window that holds entries (or, with few left, into the small array).</summary>
    private void Advance()
    {
        if (_buckets.Count == 0)
        {
            throw new InvalidOperationException("The event calendar is empty.");
        }

        if (_buckets.Count <= SmallEventArray.EnterAt)
        {
            EnterSmall();
            return;
        }

        // Prefetch only while the pending set is large; decided once per window, from the live count.
        _prefetch = Count > PrefetchAbove;
        _buckets.LoadNextWindow(_nodes, ref _window, _prefetch);
        if (_prefetch)
        {
            _buckets.PrefetchNextWindows(_nodes, _hook);
        }

        if (_buckets.ShouldRetune(Count))
        {
            Retune();
        }
    }

    /// <summary>
    /// Chooses a new window width and bucket count from the pending entries and re-files them all (leaving the small
    /// array, if they were there). Allocates only when the pending set outgrows its scratch array or the bucket count
    /// changes.
    /// </summary>
    private void Retune()
    {
        Retunes++;
        _buckets.ResetCounters();
        int total = Count;
        if (total == 0)
        {
            return;
        }

        // Every pending node: in the small array, the window and the buckets. Nodes keep their index.
        if (_retunePending.Length < total)
        {
            _retunePending = new int[BitOperations.RoundUpToPowerOf2((uint)total)];
        }

        int[] pending = _retunePending;
        int k = _small.MoveNodesTo(pending);
        _isSmall = false;
        for (int h = 0; h < _window.Count; h++)
        {
            pending[k++] = _window.NodeAt(h);
        }

        foreach (int head in _buckets.Heads)
        {
            for (int i = head; i != CalendarNode.None; i = _nodes[i].Next)
            {
                pending[k++] = i;
            }
        }

        long now = long.MaxValue;
        for (int p = 0; p < total; p++)
        {
            now = Math.Min(now, _nodes[pending[p]].Time);
        }

        // Window width: a few entries per window near the front. The spread of the nearest entries (a sample's
        // median distance ahead of the present) estimates the density of events, robust to a few far ones. Measured
        // from the last pop, not from the earliest pending entry: with one pending entry (a lone process) that
        // distance would be 0, the width one tick, and every few pops would re-tune again.
        long present = Math.Min(now, _lastPopTime);
        int sampleSize = Math.Min(total, RetuneSample);
        Span<long> ahead = _retuneAhead.AsSpan(0, sampleSize);
        for (int s = 0; s < sampleSize; s++)
        {
            ahead[s] = _nodes[pending[(int)((long)s * total / sampleSize)]].Time - present;
        }

        ahead.Sort();

        // The median distance ahead, or, when most entries are simultaneous (a burst at one instant), the
        // smallest positive distance above it, so that a burst does not shrink the windows to one tick.
        long median = ahead[sampleSize / 2];
        for (int q = sampleSize / 2; median == 0 && q < sampleSize; q++)
        {
            median = ahead[q];
        }

        // In floating point: 6 * median overflows a long when "never" events (near SimTime.MaxValue) share the
        // calendar with near ones; the width is capped at 2^50 like the shift below.
        long width = (long)Math.Clamp(6.0 * median / Math.Max(1, total), 1.0, (double)(1L << 50));
        int shift = Math.Clamp(63 - BitOperations.LeadingZeroCount((ulong)width), 0, 50);
        int buckets = (int)Math.Min(1 << 24, Math.Max(CalendarBuckets.MinBuckets, BitOperations.RoundUpToPowerOf2((uint)total)));

        _buckets.Reset(buckets, shift, now >> shift);
        _window.Clear();
        for (int p = 0; p < total; p++)
        {
            int node = pending[p];
            ref CalendarNode n = ref _nodes[node];
            long w = n.Time >> shift;
            if (w <= _buckets.Window)
            {
                _window.Add(new CalendarKey { Time = n.Time, Sequence = n.Sequence, Node = node }, _prefetch);
            }
            else
            {
                _buckets.Link(_nodes, node, w);
            }
        }

        _heapRetuneAt = Math.Max(MinHeapRetune, 2 * _window.Count);
    }

    /// <summary>
    /// Moves the pending entries (all in buckets: the window ran dry) into the small array, so that the calendar
    /// queue sits idle while only a few events are pending.
    /// </summary>
    private void EnterSmall()
    {
        int remaining = _buckets.Count;
        int[] heads = _buckets.Heads;
        for (int b = 0; b < heads.Length && _small.Count < remaining; b++)
        {
            for (int i = heads[b]; i != CalendarNode.None; i = _nodes[i].Next)
            {
                _small.AddSorted(_nodes, i);
            }

            heads[b] = CalendarNode.None;
        }

        _small.EndFill();
        _buckets.Clear();
        _window.Clear();
        _isSmall = true;
        _prefetch = false;
    }
}
