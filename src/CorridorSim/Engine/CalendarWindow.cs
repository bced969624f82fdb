using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>
/// The calendar queue's window being drained: its keys, up to <see cref="LinearMax"/> unordered (a pop scans them for
/// the smallest), more as a binary heap ordered by (time, sequence), so that events at equal times leave in the order
/// they were scheduled however the buckets were filled.
/// </summary>
internal struct CalendarWindow
{
    private const int LinearMax = 16;

    private CalendarKey[] _keys;
    private int _count;
    private bool _isHeap;

    /// <summary>An empty window.</summary>
    public static CalendarWindow Create() => new() { _keys = new CalendarKey[16] };

    /// <summary>Number of keys held.</summary>
    public readonly int Count => _count;

    /// <summary>Whether the keys are a heap (more than a few, or kept as one for prefetching, which needs the next two).</summary>
    public readonly bool IsHeap => _isHeap;

    /// <summary>The node of key <paramref name="i"/>, in no particular order (for re-filing every key).</summary>
    public readonly int NodeAt(int i) => _keys[i].Node;

    /// <summary>The node that runs first (the window a heap, not empty).</summary>
    public readonly int FirstNode => _keys[0].Node;

    /// <summary>The node that runs second (the window a heap of at least two keys): the smaller child of the root.</summary>
    public readonly int SecondNode => _count > 2 && CalendarKey.Less(_keys[2], _keys[1]) ? _keys[2].Node : _keys[1].Node;

    /// <summary>The earliest key's time (the window not empty).</summary>
    public readonly long PeekTime() => _isHeap ? _keys[0].Time : _keys[MinIndex()].Time;

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        _count = 0;
        _isHeap = false;
    }

    /// <summary>Adds a key: appended while the window is small (and <paramref name="asHeap"/> false), else pushed on its heap.</summary>
    public void Add(in CalendarKey key, bool asHeap)
    {
        unchecked
        {
            if (_isHeap)
            {
                HeapPush(key);
                return;
            }

            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _keys.Length * 2);
            }

            _keys[_count++] = key;
            if (_count > LinearMax || asHeap)
            {
                Heapify();
            }
        }
    }

    /// <summary>
    /// Removes the smallest key and returns its node (the window not empty). A small window is scanned: a few
    /// branch-free compares cost less than a heap's sift-up and sift-down, whose random outcomes the branch predictor misses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Take()
    {
        unchecked
        {
            if (_isHeap)
            {
                int top = HeapPop();
                _isHeap = _count > 0;
                return top;
            }

            CalendarKey[] keys = _keys;
            int best = MinIndex();
            int node = keys[best].Node;
            keys[best] = keys[--_count];
            return node;
        }
    }

    /// <summary>The index of the smallest key of an unordered window (not empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int MinIndex()
    {
        unchecked
        {
            CalendarKey[] keys = _keys;
            int n = _count;
            int best = 0;
            long bestTime = keys[0].Time;
            long bestSequence = keys[0].Sequence;
            for (int i = 1; i < n; i++)
            {
                long t = keys[i].Time;
                long q = keys[i].Sequence;
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
            CalendarKey[] keys = _keys;
            int n = _count;
            for (int start = (n >> 1) - 1; start >= 0; start--)
            {
                SiftDown(keys, start, keys[start], n);
            }

            _isHeap = true;
        }
    }

    private void HeapPush(CalendarKey key)
    {
        unchecked
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _keys.Length * 2);
            }

            CalendarKey[] keys = _keys;
            int i = _count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!CalendarKey.Less(key, keys[parent]))
                {
                    break;
                }

                keys[i] = keys[parent];
                i = parent;
            }

            keys[i] = key;
        }
    }

    /// <summary>Removes the smallest key and returns its node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HeapPop()
    {
        unchecked
        {
            CalendarKey[] keys = _keys;
            int top = keys[0].Node;
            int n = --_count;
            if (n > 0)
            {
                SiftDown(keys, 0, keys[n], n);
            }

            return top;
        }
    }

    /// <summary>Places <paramref name="key"/> at index <paramref name="i"/> of the heap <c>keys[0..n)</c> or below it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(CalendarKey[] keys, int i, CalendarKey key, int n)
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
                child += CalendarKey.Less(keys[right], keys[child]) ? 1 : 0;
                if (!CalendarKey.Less(keys[child], key))
                {
                    break;
                }

                keys[i] = keys[child];
                i = child;
            }

            keys[i] = key;
        }
    }
}
