using System.Runtime.CompilerServices;

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
/// Time is cut into windows of <c>2^shift</c> ticks. Events in the window being drained live in a small binary
/// heap ordered by (time, sequence); events in later windows are appended, unsorted, to the linked list of bucket
/// <c>window &amp; mask</c> (a node pool, no allocation per event once warmed up). When the heap runs dry the cursor
/// moves to the next window and that bucket's events for the window move into the heap. Inserting is O(1) and
/// popping O(log k) for the few (k) events of one window, instead of O(log n) cache-missing steps of one heap over
/// all n pending events; this is what lets the calendar beat a binary or 4-ary heap at large n (see
/// benchmarks/README.md). Because the heap orders by (time, sequence), events at equal times leave in the order
/// they were scheduled, independent of how buckets were filled.
/// </para>
/// <para>
/// The window width and bucket count re-tune themselves (every entry is re-filed) when the pending count leaves
/// [buckets/4, 4·buckets] or when windows turn out too sparse or too crowded.
/// </para>
/// </remarks>
internal sealed class EventCalendar
{
    private const int MinBuckets = 16;
    private const int NoNode = -1;

    private struct Node
    {
        public CalendarEntry Entry;
        public int Next;
    }

    private CalendarEntry[] _heap = new CalendarEntry[16];
    private int _heapCount;

    private Node[] _nodes = new Node[64];
    private int _nodeCount; // high-water mark of used node slots
    private int _freeNode = NoNode;

    private int[] _bucketHeads;
    private int _bucketMask;
    private int _shift;
    private int _inBuckets;

    private long _window; // absolute index of the window the heap holds (time >> shift)

    // Re-tuning heuristics.
    private long _popsSinceTune;
    private long _emptySkipsSinceTune;
    private long _crowdedLoadsSinceTune;
    private long _jumpsSinceTune;

    public EventCalendar()
    {
        _bucketHeads = new int[MinBuckets];
        Array.Fill(_bucketHeads, NoNode);
        _bucketMask = MinBuckets - 1;
        _shift = 30; // ~18 minutes; re-tuned as soon as there is something to measure.
    }

    /// <summary>Number of pending entries.</summary>
    public int Count => _heapCount + _inBuckets;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in CalendarEntry entry)
    {
        long w = entry.Time >> _shift;
        if (w <= _window)
        {
            HeapPush(entry);
        }
        else
        {
            BucketAdd(entry, w);
            if (_inBuckets > (_bucketHeads.Length << 2))
            {
                Retune();
            }
        }
    }

    /// <summary>Removes and returns the earliest entry. The calendar must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CalendarEntry Pop()
    {
        if (_heapCount == 0)
        {
            Advance();
        }

        _popsSinceTune++;
        return HeapPop();
    }

    /// <summary>The earliest entry's time, or <see cref="long.MaxValue"/> when empty.</summary>
    public long PeekTime()
    {
        if (Count == 0)
        {
            return long.MaxValue;
        }

        if (_heapCount == 0)
        {
            Advance();
        }

        return _heap[0].Time;
    }

    private void BucketAdd(in CalendarEntry entry, long window)
    {
        int node = _freeNode;
        if (node != NoNode)
        {
            _freeNode = _nodes[node].Next;
        }
        else
        {
            if (_nodeCount == _nodes.Length)
            {
                Array.Resize(ref _nodes, _nodes.Length * 2);
            }

            node = _nodeCount++;
        }

        ref Node n = ref _nodes[node];
        n.Entry = entry;
        int b = (int)(window & _bucketMask);
        n.Next = _bucketHeads[b];
        _bucketHeads[b] = node;
        _inBuckets++;
    }

    /// <summary>Moves the cursor to the next window that holds entries and loads them into the heap.</summary>
    private void Advance()
    {
        if (_inBuckets == 0)
        {
            throw new InvalidOperationException("The event calendar is empty.");
        }

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

        _emptySkipsSinceTune += scanned;
        if ((_jumpsSinceTune > 4 && _jumpsSinceTune * 64 > _popsSinceTune) ||
            (_popsSinceTune > 256 &&
            (_emptySkipsSinceTune > 8 * _popsSinceTune ||
             _crowdedLoadsSinceTune > _popsSinceTune / 16 ||
             (_bucketHeads.Length > MinBuckets && Count < (_bucketHeads.Length >> 2)))))
        {
            Retune();
        }
    }

    /// <summary>Moves the entries of bucket <paramref name="b"/> that belong to the current window into the heap.</summary>
    private bool LoadBucket(int b)
    {
        int prev = NoNode;
        int i = _bucketHeads[b];
        int moved = 0;
        while (i != NoNode)
        {
            ref Node n = ref _nodes[i];
            int next = n.Next;
            if ((n.Entry.Time >> _shift) == _window)
            {
                HeapPush(n.Entry);
                n.Entry.Handler = null!;
                n.Entry.State = null;
                if (prev == NoNode)
                {
                    _bucketHeads[b] = next;
                }
                else
                {
                    _nodes[prev].Next = next;
                }

                n.Next = _freeNode;
                _freeNode = i;
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

    private long MinBucketTime()
    {
        long min = long.MaxValue;
        foreach (int head in _bucketHeads)
        {
            for (int i = head; i != NoNode; i = _nodes[i].Next)
            {
                min = Math.Min(min, _nodes[i].Entry.Time);
            }
        }

        return min;
    }

    /// <summary>Chooses a new window width and bucket count from the pending entries and re-files them all.</summary>
    private void Retune()
    {
        int total = Count;
        if (total == 0)
        {
            _popsSinceTune = 0;
            _emptySkipsSinceTune = 0;
            _crowdedLoadsSinceTune = 0;
            _jumpsSinceTune = 0;
            return;
        }

        var all = new CalendarEntry[total];
        int k = 0;
        for (int h = 0; h < _heapCount; h++)
        {
            all[k++] = _heap[h];
            _heap[h] = default;
        }

        foreach (int head in _bucketHeads)
        {
            for (int i = head; i != NoNode; i = _nodes[i].Next)
            {
                all[k++] = _nodes[i].Entry;
            }
        }

        long now = long.MaxValue;
        foreach (ref readonly CalendarEntry e in all.AsSpan())
        {
            now = Math.Min(now, e.Time);
        }

        // Window width: about three entries per window near the front. The spread of the nearest entries
        // (a sample's median distance ahead) estimates the density of events, robust to a few far ones.
        int sampleSize = Math.Min(total, 129);
        var ahead = new long[sampleSize];
        for (int s = 0; s < sampleSize; s++)
        {
            ahead[s] = all[(int)((long)s * total / sampleSize)].Time - now;
        }

        Array.Sort(ahead);
        long median = ahead[sampleSize / 2];
        // In floating point: 6 * median overflows a long when "never" events (near SimTime.MaxValue) share the
        // calendar with near ones; the width is capped at 2^50 like the shift below.
        long width = (long)Math.Clamp(6.0 * median / Math.Max(1, total), 1.0, (double)(1L << 50));
        int newShift = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)width);
        newShift = Math.Clamp(newShift, 0, 50);

        int buckets = (int)Math.Min(1 << 24, Math.Max(MinBuckets, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, total))));

        _shift = newShift;
        _bucketHeads = new int[buckets];
        Array.Fill(_bucketHeads, NoNode);
        _bucketMask = buckets - 1;
        _nodes = new Node[Math.Max(64, buckets * 2)];
        _nodeCount = 0;
        _freeNode = NoNode;
        _inBuckets = 0;
        _heapCount = 0;
        _window = total == 0 ? 0 : now >> _shift;
        _popsSinceTune = 0;
        _emptySkipsSinceTune = 0;
        _crowdedLoadsSinceTune = 0;
        _jumpsSinceTune = 0;

        foreach (ref readonly CalendarEntry e in all.AsSpan())
        {
            long w = e.Time >> _shift;
            if (w <= _window)
            {
                HeapPush(e);
            }
            else
            {
                BucketAdd(e, w);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in CalendarEntry a, in CalendarEntry b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);

    private void HeapPush(in CalendarEntry entry)
    {
        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        CalendarEntry[] heap = _heap;
        int i = _heapCount++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(entry, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = entry;
    }

    private CalendarEntry HeapPop()
    {
        CalendarEntry[] heap = _heap;
        CalendarEntry top = heap[0];
        int n = --_heapCount;
        if (n > 0)
        {
            CalendarEntry last = heap[n];
            int i = 0;
            while (true)
            {
                int child = (i << 1) + 1;
                if (child >= n)
                {
                    break;
                }

                if (child + 1 < n && Less(heap[child + 1], heap[child]))
                {
                    child++;
                }

                if (!Less(heap[child], last))
                {
                    break;
                }

                heap[i] = heap[child];
                i = child;
            }

            heap[i] = last;
        }

        heap[n] = default;
        return top;
    }
}
