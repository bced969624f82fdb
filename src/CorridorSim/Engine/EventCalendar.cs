using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CorridorSim.Engine;

/// <summary>One pending event: when, in which scheduling order, and what to run.</summary>
internal struct CalendarEntry
{
    public long Time;
    public long Sequence;
    public Action<Simulation, object?> Handler;
    public object? State;
}

/// <summary>
/// The event calendar: a bucketed calendar queue ordered by (time, insertion sequence).
/// </summary>
/// <remarks>
/// <para>
/// Every pending event lives in one node of a pool (time, sequence, handler, state, link), from the moment it is
/// scheduled until it runs. Time is cut into windows of <c>2^shift</c> ticks. Nodes of later windows hang, unsorted,
/// on the linked list of bucket <c>window &amp; mask</c>; the window being drained is a small binary heap of
/// reference-free keys (time, sequence, node). When the heap runs dry the cursor moves to the next window and that
/// bucket's nodes for the window join the heap. Inserting is O(1) and popping O(log k) for the few (k) events of
/// one window, instead of O(log n) cache-missing steps of one heap over all n pending events. Because the heap orders
/// by (time, sequence), events at equal times leave in the order they were scheduled, however buckets were filled.
/// </para>
/// <para>
/// Only keys move (through the heap); handlers and states are written once and read once. Moving references would
/// cost a GC write barrier each, which was most of the cost of a push and a pop. A node freed by a pop is the first
/// reused by the next push, so the node an event is written to is usually already in the cache.
/// </para>
/// <para>
/// The window width and bucket count re-tune themselves (every pending node is re-filed) when the pending count
/// leaves [buckets/4, 4·buckets] or when windows turn out too sparse or too crowded.
/// </para>
/// <para>
/// With at most 16 pending events the calendar sets windows and buckets aside and keeps the events' times and nodes
/// in one small array sorted latest first: a pop takes the last slot, a push inserts with a few vector compares and
/// blends and no branch on the data (see <see cref="SmallInsert"/>). A calendar starts there; the 17th pending event
/// moves everything into buckets (a re-tune), and a window that runs dry with at most 8 events left in the buckets
/// moves them back. The hold model with 10 pending events went from 33.5 to 23 ns per event (event API) and from
/// 32.3 to 24.2 ns (process API) with this array (2026-11-27, alternating runs): with so few events the windows held
/// one or two each, and moving from window to window was most of the cost. Keeping the earliest node in a field
/// (so that a pop does not load from the slot the insert's vector store has just written) then took them to 18.5 and
/// 23.2 ns, and with the logarithm's draw (inversion) from 32.5 to 22.9 and from 36.7 to 26.9 ns: a pop no longer
/// waits for the previous event's draw.
/// </para>
/// </remarks>
internal sealed class EventCalendar
{
    private const int MinBuckets = 16;
    private const int NoNode = -1;
    private const int PrefetchAbove = 8192;

    private struct Node
    {
        public long Time;
        public long Sequence;
        public int Next;
        public Action<Simulation, object?> Handler;
        public object? State;
    }

    private struct Key
    {
        public long Time;
        public long Sequence;
        public int Node;
    }

    // The window being drained: up to LinearWindowMax keys unordered (a pop scans them for the smallest), more
    // (or while prefetching, which needs to know the next two) as a binary heap. See WindowTake.
    private Key[] _heap = new Key[16];
    private int _heapCount;
    private bool _windowIsHeap;
    private const int LinearWindowMax = 16;

    private Node[] _nodes = new Node[64];
    private int _nodeCount; // high-water mark of used nodes
    private int _freeNode = NoNode;

    private int[] _bucketHeads;
    private int _bucketMask;
    private int _shift;
    private int _inBuckets;

    private long _window; // absolute index of the window the heap holds (time >> shift)
    private long _lastPopTime; // the time of the entry popped last: the present, from which Retune measures

    // Whether to prefetch (see CacheHint): only when the pending events (and what they name) outgrow the caches;
    // below that, prefetching finds everything cached and only costs its instructions.
    private bool _prefetch;

    // The heap size above which a push re-tunes. Set after each re-tune to twice what the heap then holds, so that
    // a burst at one instant (which no window width can split) re-tunes O(log n) times, not once per push.
    private int _heapRetuneAt = MinHeapRetune;
    private const int MinHeapRetune = 64;

    // While prefetching: the node of the list two windows ahead prefetched last. Each pop steps one node further, so
    // that the list (scattered nodes, one dependent miss each) is in the cache by the time PrefetchNextWindows walks it.
    private int _ahead = NoNode;

    // Few pending events (see SmallInsert): all of them in one array sorted by time, latest first, so that a pop takes
    // the last one. Logical slot i is at index i + 1 of both arrays. _smallTimes holds time − 1 (times are never
    // negative), so that its index 0 can hold long.MaxValue, later than any entry, even one due at long.MaxValue; the
    // slots from _smallCount on hold long.MinValue (see SmallInsert). With at most SmallEnter pending entries (checked
    // when a window runs dry) the calendar moves everything here; a push beyond SmallCapacity moves them to buckets.
    private const int SmallCapacity = 16;
    private const int SmallEnter = 8;
    private readonly long[] _smallTimes = new long[SmallCapacity + 1];
    private readonly long[] _smallNodes = new long[SmallCapacity + 1];
    private int _smallCount;
    private int _smallFront; // the node in the last slot (the earliest), kept in a field: see SmallInsert
    private bool _small = true;
    private readonly bool _vectorInsert;

    // Scratch arrays of Retune, kept so that moving in and out of the small array allocates nothing in steady state
    // (the list of pending nodes keeps the size of the largest pending set, a tenth of what its nodes take).
    private int[] _retunePending = new int[SmallCapacity + 1];
    private readonly long[] _retuneAhead = new long[RetuneSample];
    private const int RetuneSample = 129;

    // Re-tuning heuristics.
    private long _popsSinceTune;
    private long _emptySkipsSinceTune;
    private long _crowdedLoadsSinceTune;
    private long _jumpsSinceTune;

    /// <summary>A calendar that inserts into its small array with vector instructions where the hardware has them.</summary>
    public EventCalendar()
        : this(Vector256.IsHardwareAccelerated)
    {
    }

    /// <summary>A calendar; <paramref name="vectorInsert"/> false forces the scalar insert (for tests of both).</summary>
    internal EventCalendar(bool vectorInsert)
    {
        _vectorInsert = vectorInsert && Vector256.IsHardwareAccelerated;
        _smallTimes[0] = long.MaxValue;
        Array.Fill(_smallTimes, long.MinValue, 1, SmallCapacity);
        _bucketHeads = new int[MinBuckets];
        Array.Fill(_bucketHeads, NoNode);
        _bucketMask = MinBuckets - 1;
        _shift = 30; // ~18 minutes; re-tuned as soon as there is something to measure.
    }

    /// <summary>Whether the calendar prefetches (it held more than <see cref="PrefetchAbove"/> entries when it loaded the current window).</summary>
    internal bool IsPrefetching => _prefetch;

    /// <summary>Number of entries in the window being drained (the heap); for tests.</summary>
    internal int WindowCount => _heapCount;

    /// <summary>Number of re-tunes so far; for tests.</summary>
    internal int Retunes { get; private set; }

    /// <summary>Whether all pending entries are in the small sorted array (see <see cref="SmallInsert"/>); for tests.</summary>
    internal bool IsSmall => _small;

    /// <summary>Number of pending entries.</summary>
    public int Count => unchecked(_heapCount + _inBuckets + _smallCount);

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
            ref Node n = ref _nodes[node];
            n.Time = entry.Time;
            n.Sequence = entry.Sequence;
            n.Handler = entry.Handler;
            n.State = entry.State;
            if (_small)
            {
                if (_smallCount < SmallCapacity)
                {
                    SmallInsert(entry.Time, node);
                    return;
                }

                // One too many for the small array: file them all in the calendar, then this one below.
                Retune();
            }

            long w = entry.Time >> _shift;
            if (w <= _window)
            {
                WindowAdd(new Key { Time = entry.Time, Sequence = entry.Sequence, Node = node });
                if (_heapCount > _heapRetuneAt)
                {
                    // The current window holds too many: windows are far too wide for these delays (the calendar
                    // would be one big heap, and never reach Advance to notice).
                    Retune();
                }
            }
            else
            {
                Link(node, w);
                if (_inBuckets > (_bucketHeads.Length << 2))
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
            if (!_small && _heapCount == 0)
            {
                Advance(); // may move the few pending entries into the small array
            }

            int node;
            if (_small)
            {
                int last = _smallCount--;
                node = _smallFront;
                _smallTimes[last] = long.MinValue;
                _smallFront = (int)_smallNodes[last - 1]; // for the next pop (index 0 when empty: unused)
            }
            else
            {
                _popsSinceTune++;
                node = WindowTake();
                if (_prefetch)
                {
                    PrefetchAhead();
                }
            }

            ref Node n = ref _nodes[node];
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

        if (!_small && _heapCount == 0)
        {
            Advance();
        }

        if (_small)
        {
            return _smallTimes[_smallCount] + 1;
        }

        return _windowIsHeap ? _heap[0].Time : _heap[WindowMin()].Time;
    }

    /// <summary>
    /// Starts loading what the next events will touch (see <see cref="CacheHint"/>): one more node of the list two
    /// windows ahead (see <c>_ahead</c> and <see cref="PrefetchNextWindows"/>), and, for the next two events when they
    /// resume a process, the objects its resumption runs through that only the process names.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchAhead()
    {
        unchecked
        {
            // The walk steps one node: the node reached at the previous pop has arrived by now; start on the next one.
            if (_ahead != NoNode)
            {
                _ahead = _nodes[_ahead].Next;
                if (_ahead != NoNode)
                {
                    CacheHint.Line(ref _nodes[_ahead]);
                }
            }

            if (!_windowIsHeap || _heapCount == 0)
            {
                return;
            }

            Key[] heap = _heap;
            ref Node next = ref _nodes[heap[0].Node];
            if (ReferenceEquals(next.Handler, SimProcess.ResumeHandler))
            {
                SimProcess.PrefetchResume(next.State);
                if (_heapCount > 1)
                {
                    int second = _heapCount > 2 && Less(heap[2], heap[1]) ? heap[2].Node : heap[1].Node;
                    ref Node n = ref _nodes[second];
                    if (ReferenceEquals(n.Handler, SimProcess.ResumeHandler))
                    {
                        SimProcess.PrefetchResume(n.State);
                    }
                }
            }
        }
    }

    /// <summary>
    /// After loading window W (while prefetching), two stages of a pipeline: starts on the states of window W+1's
    /// nodes, whose lines the walk during window W−1 fetched, and starts the walk of window W+2's list. So a node is
    /// fetched about two windows before it runs and the state it names one window before.
    /// </summary>
    private void PrefetchNextWindows()
    {
        unchecked
        {
            Node[] nodes = _nodes;
            for (int i = _bucketHeads[(int)((_window + 1) & _bucketMask)]; i != NoNode; i = nodes[i].Next)
            {
                ref Node n = ref nodes[i];
                if (ReferenceEquals(n.Handler, SimProcess.ResumeHandler))
                {
                    SimProcess.PrefetchBlind(n.State); // without reading the process: no stall here
                }
                else
                {
                    CacheHint.Object(n.State);
                }
            }

            // The walk of window W+2's list, one node per pop (see PrefetchAhead).
            _ahead = _bucketHeads[(int)((_window + 2) & _bucketMask)];
            if (_ahead != NoNode)
            {
                CacheHint.Line(ref nodes[_ahead]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NewNode()
    {
        unchecked
        {
            int node = _freeNode;
            if (node != NoNode)
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

    private void Link(int node, long window)
    {
        unchecked
        {
            int b = (int)(window & _bucketMask);
            _nodes[node].Next = _bucketHeads[b];
            _bucketHeads[b] = node;
            _inBuckets++;
        }
    }

    /// <summary>Moves the cursor to the next window that holds entries and loads them into the heap.</summary>
    private void Advance()
    {
        unchecked
        {
            if (_inBuckets == 0)
            {
                throw new InvalidOperationException("The event calendar is empty.");
            }

            if (_inBuckets <= SmallEnter)
            {
                EnterSmall();
                return;
            }

            // Prefetch only while the pending set is large; decided once per window, from the live count.
            _prefetch = Count > PrefetchAbove;
            int scanned = 0;
            while (true)
            {
                _window++;
                int b = (int)(_window & _bucketMask);
                if (_bucketHeads[b] != NoNode && LoadBucket(b))
                {
                    break;
                }

                if (++scanned > _bucketHeads.Length)
                {
                    // A whole cycle without an entry for the current windows: jump straight to the earliest one.
                    // Jumps mean the windows are far narrower than the gaps between events: re-tune soon.
                    _window = (MinBucketTime() >> _shift) - 1;
                    _emptySkipsSinceTune += scanned;
                    _jumpsSinceTune++;
                    scanned = 0;
                }
            }

            if (_prefetch)
            {
                PrefetchNextWindows();
            }

            // Re-tune when windows are far too narrow (more than two empty windows skipped per pop on average, or jumps),
            // too crowded, or when the bucket array is far larger than the pending set.
            _emptySkipsSinceTune += scanned;
            if ((_jumpsSinceTune > 4 && _jumpsSinceTune * 64 > _popsSinceTune) ||
                (_popsSinceTune > 256 &&
                (_emptySkipsSinceTune > 2 * _popsSinceTune ||
                 _crowdedLoadsSinceTune > _popsSinceTune / 16 ||
                 (_bucketHeads.Length > MinBuckets && Count < (_bucketHeads.Length >> 2)))))
            {
                Retune();
            }
        }
    }

    /// <summary>Moves the nodes of bucket <paramref name="b"/> that belong to the current window into the heap.</summary>
    private bool LoadBucket(int b)
    {
        unchecked
        {
            int prev = NoNode;
            int i = _bucketHeads[b];
            int moved = 0;
            while (i != NoNode)
            {
                ref Node n = ref _nodes[i];
                int next = n.Next;
                if ((n.Time >> _shift) == _window)
                {
                    WindowAdd(new Key { Time = n.Time, Sequence = n.Sequence, Node = i });
                    if (prev == NoNode)
                    {
                        _bucketHeads[b] = next;
                    }
                    else
                    {
                        _nodes[prev].Next = next;
                    }

                    moved++;
                }
                else
                {
                    prev = i;
                }

                i = next;
            }

            _inBuckets -= moved;
            if (moved > 64)
            {
                _crowdedLoadsSinceTune++;
            }

            return moved > 0;
        }
    }

    private long MinBucketTime()
    {
        long min = long.MaxValue;
        foreach (int head in _bucketHeads)
        {
            for (int i = head; i != NoNode; i = _nodes[i].Next)
            {
                min = Math.Min(min, _nodes[i].Time);
            }
        }

        return min;
    }

    /// <summary>
    /// Chooses a new window width and bucket count from the pending entries and re-files them all (leaving the small
    /// array, if they were there). Allocates only when the pending set outgrows its scratch array or the bucket count
    /// changes.
    /// </summary>
    private void Retune()
    {
        Retunes++;
        _popsSinceTune = 0;
        _emptySkipsSinceTune = 0;
        _crowdedLoadsSinceTune = 0;
        _jumpsSinceTune = 0;
        int total = Count;
        if (total == 0)
        {
            return;
        }

        // Every pending node: in the small array, the heap and the buckets. Nodes keep their index (the heap refers to them).
        if (_retunePending.Length < total)
        {
            _retunePending = new int[BitOperations.RoundUpToPowerOf2((uint)total)];
        }

        int[] pending = _retunePending;
        int k = 0;
        for (int s = 1; s <= _smallCount; s++)
        {
            pending[k++] = (int)_smallNodes[s];
        }

        if (_small)
        {
            Array.Fill(_smallTimes, long.MinValue, 1, _smallCount);
            _smallCount = 0;
            _small = false;
        }

        for (int h = 0; h < _heapCount; h++)
        {
            pending[k++] = _heap[h].Node;
        }

        foreach (int head in _bucketHeads)
        {
            for (int i = head; i != NoNode; i = _nodes[i].Next)
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
        int newShift = Math.Clamp(63 - BitOperations.LeadingZeroCount((ulong)width), 0, 50);
        int buckets = (int)Math.Min(1 << 24, Math.Max(MinBuckets, BitOperations.RoundUpToPowerOf2((uint)total)));

        _shift = newShift;
        _ahead = NoNode;
        if (_bucketHeads.Length != buckets)
        {
            _bucketHeads = new int[buckets];
        }

        Array.Fill(_bucketHeads, NoNode);
        _bucketMask = buckets - 1;
        _inBuckets = 0;
        _heapCount = 0;
        _windowIsHeap = false;
        _window = now >> _shift;
        for (int p = 0; p < total; p++)
        {
            int node = pending[p];
            ref Node n = ref _nodes[node];
            long w = n.Time >> _shift;
            if (w <= _window)
            {
                WindowAdd(new Key { Time = n.Time, Sequence = n.Sequence, Node = node });
            }
            else
            {
                Link(node, w);
            }
        }

        _heapRetuneAt = Math.Max(MinHeapRetune, 2 * _heapCount);
    }

    /// <summary>
    /// Moves the pending entries (all in buckets: the window ran dry) into the small array, sorted latest first, so
    /// that the calendar's windows and buckets sit idle while only a few events are pending.
    /// </summary>
    private void EnterSmall()
    {
        unchecked
        {
            Debug.Assert(_heapCount == 0 && _inBuckets <= SmallEnter, "EnterSmall needs an empty window and few pending entries.");
            int count = 0;
            int[] heads = _bucketHeads;
            for (int b = 0; b < heads.Length && count < _inBuckets; b++)
            {
                for (int i = heads[b]; i != NoNode; i = _nodes[i].Next)
                {
                    // Insertion sort by (time, sequence), latest first: the earliest ends up last, where a pop takes it.
                    ref Node n = ref _nodes[i];
                    int j = count++;
                    while (j > 0)
                    {
                        ref Node m = ref _nodes[(int)_smallNodes[j]];
                        if (m.Time > n.Time || (m.Time == n.Time && m.Sequence > n.Sequence))
                        {
                            break;
                        }

                        _smallTimes[j + 1] = _smallTimes[j];
                        _smallNodes[j + 1] = _smallNodes[j];
                        j--;
                    }

                    _smallTimes[j + 1] = n.Time - 1;
                    _smallNodes[j + 1] = i;
                }

                heads[b] = NoNode;
            }

            _smallCount = count;
            _smallFront = (int)_smallNodes[count];
            _inBuckets = 0;
            _small = true;
            _prefetch = false;
            _ahead = NoNode;
            _windowIsHeap = false;
        }
    }

    /// <summary>
    /// Inserts an entry into the small array (not full), after every entry of an earlier or equal time, which leave
    /// first (their sequences are smaller). With 256-bit vectors the insert has no data-dependent branch: each
    /// 4-slot group keeps its slots that are later than <paramref name="time"/>, takes the new entry in the first slot
    /// that is not, and moves the rest up one slot — a shift whose length the branch predictor could not guess. Index 0
    /// (long.MaxValue, later than any entry) and the empty slots (long.MinValue, earlier than any) make the first and
    /// last group need no special case. The groups are written from the last to the first, so each reads its lower neighbour's slot
    /// before that is overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SmallInsert(long time, int node)
    {
        unchecked
        {
            Debug.Assert(time >= 0, "Calendar times are never negative.");
            long key = time - 1; // what _smallTimes holds: see its comment
            int count = _smallCount;

            // The next pop takes the earliest node from a field, not from the slot the vector stores below have just
            // written (a load from a wider store that is still in flight can wait for it to reach the cache).
            _smallFront = _smallTimes[count] > key ? node : _smallFront;
            if (_vectorInsert)
            {
                ref long times = ref MemoryMarshal.GetArrayDataReference(_smallTimes);
                ref long nodes = ref MemoryMarshal.GetArrayDataReference(_smallNodes);
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
                while (_smallTimes[i] <= key)
                {
                    _smallTimes[i + 1] = _smallTimes[i];
                    _smallNodes[i + 1] = _smallNodes[i];
                    i--;
                }

                _smallTimes[i + 1] = key;
                _smallNodes[i + 1] = node;
            }

            _smallCount = count + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Key a, in Key b) =>
        (a.Time < b.Time) | ((a.Time == b.Time) & (a.Sequence < b.Sequence)); // no short-circuit: no branches

    /// <summary>Adds a key to the window: appended while the window is small, else pushed on its heap.</summary>
    private void WindowAdd(in Key key)
    {
        unchecked
        {
            if (_windowIsHeap)
            {
                HeapPush(key);
                return;
            }

            if (_heapCount == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            _heap[_heapCount++] = key;
            if (_heapCount > LinearWindowMax || _prefetch)
            {
                Heapify();
            }
        }
    }

    /// <summary>
    /// Removes the window's smallest key and returns its node. A small window is scanned: a few branch-free
    /// compares cost less than a heap's sift-up and sift-down, whose random outcomes the branch predictor misses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int WindowTake()
    {
        unchecked
        {
            if (_windowIsHeap)
            {
                int top = HeapPop();
                _windowIsHeap = _heapCount > 0;
                return top;
            }

            Key[] window = _heap;
            int best = WindowMin();
            int node = window[best].Node;
            window[best] = window[--_heapCount];
            return node;
        }
    }

    /// <summary>The index of the smallest key of an unordered window (not empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int WindowMin()
    {
        unchecked
        {
            Key[] window = _heap;
            int n = _heapCount;
            int best = 0;
            long bestTime = window[0].Time;
            long bestSequence = window[0].Sequence;
            for (int i = 1; i < n; i++)
            {
                long t = window[i].Time;
                long q = window[i].Sequence;
                bool less = (t < bestTime) | ((t == bestTime) & (q < bestSequence));
                long mask = -(long)Unsafe.As<bool, byte>(ref less); // all ones when less: selects without a branch
                best ^= (best ^ i) & (int)mask;
                bestTime ^= (bestTime ^ t) & mask;
                bestSequence ^= (bestSequence ^ q) & mask;
            }

            return best;
        }
    }

    /// <summary>Turns the unordered window into a binary heap (Floyd's bottom-up construction).</summary>
    private void Heapify()
    {
        unchecked
        {
            Key[] heap = _heap;
            int n = _heapCount;
            for (int start = (n >> 1) - 1; start >= 0; start--)
            {
                SiftDown(heap, start, heap[start], n);
            }

            _windowIsHeap = true;
        }
    }

    private void HeapPush(Key key)
    {
        unchecked
        {
            if (_heapCount == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            Key[] heap = _heap;
            int i = _heapCount++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Less(key, heap[parent]))
                {
                    break;
                }

                heap[i] = heap[parent];
                i = parent;
            }

            heap[i] = key;
        }
    }

    /// <summary>Removes the smallest key and returns its node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HeapPop()
    {
        unchecked
        {
            Key[] heap = _heap;
            int top = heap[0].Node;
            int n = --_heapCount;
            if (n > 0)
            {
                SiftDown(heap, 0, heap[n], n);
            }

            return top;
        }
    }

    /// <summary>Places <paramref name="key"/> at index <paramref name="i"/> of the heap <c>heap[0..n)</c> or below it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(Key[] heap, int i, Key key, int n)
    {
        unchecked
        {
            while (true)
            {
                int child = (i << 1) + 1;
                if (child >= n)
                {
                    break;
                }

                // Branch-free choice of the smaller child (a random outcome the predictor would miss half the time);
                // without a right child, the left one is compared with itself and kept.
                int right = child + 1 < n ? child + 1 : child;
                child += Less(heap[right], heap[child]) ? 1 : 0;
                if (!Less(heap[child], key))
                {
                    break;
                }

                heap[i] = heap[child];
                i = child;
            }

            heap[i] = key;
        }
    }
}
