using System.Runtime.InteropServices;

namespace CorridorSim.Engine;

/// <summary>
/// A store of discrete items (wagons waiting for a ferry, vessels at anchor), first in first out, with an item
/// capacity. Gets may filter; a batch get collects items until enough are there or a deadline passes
/// (<see cref="SimProcess.GetBatch{T}"/>: a ferry departs when full or at its maximum wait).
/// </summary>
/// <typeparam name="T">The item type. Reference types allocate nothing per put or get.</typeparam>
public sealed class Store<T> : IBatchWaitSource
{
    private readonly Simulation _simulation;
    private readonly List<T> _items = [];
    private int _head; // items before _head are taken (a cheap FIFO over a list)
    private int _settled; // items from _head that RemoveFromFront found settled (they stay kept until they leave)
    private readonly List<Getter> _getters = [];
    private int _servableAt = int.MaxValue; // the fewest items held with which some waiting getter may be served
    private readonly List<(SimProcess Process, T Item)> _putters = [];

    // Items taken for waiting getters whose processes have not resumed yet, in the order taken, and one entry per
    // getter saying how many of them are its (Into is the batch's collection, or null for a single get). They still
    // count against the capacity and reach the getter only when it resumes (OnResumed); an interrupt before that puts
    // them back at the front (CancelWait) without overfilling the store. A batch moves as one block: no entry per item.
    private readonly List<T> _reservedItems = [];
    private readonly List<(SimProcess Process, ICollection<T>? Into, int Count)> _reservations = [];
    private readonly TimeWeighted _count;

    private struct Getter
    {
        public SimProcess Process;
        public Func<T, bool>? Filter;
        public int BatchCount; // 0 for a single get
        public ICollection<T>? Into;
    }

    /// <summary>Creates a store.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="capacity">The largest number of items held; positive (default unbounded).</param>
    /// <param name="name">A name for messages and reports.</param>
    public Store(Simulation simulation, int capacity = int.MaxValue, string name = "store")
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _simulation = simulation;
        Capacity = capacity;
        Name = name;
        _count = new TimeWeighted(simulation.Now);
    }

    /// <summary>The store's name.</summary>
    public string Name { get; }

    /// <summary>The largest number of items held.</summary>
    public int Capacity { get; }

    /// <summary>The number of items held.</summary>
    public int Count => _items.Count - _head;

    /// <summary>Processes waiting to get.</summary>
    public int WaitingGets => _getters.Count;

    /// <summary>The time-average number of items since the last <see cref="ResetStatistics"/>.</summary>
    public double MeanCount => _count.Mean(_simulation.Now);

    /// <summary>The items, oldest first, as a span valid until the store next changes.</summary>
    internal ReadOnlySpan<T> Items => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_items)[_head..];

    /// <summary>The item at position <paramref name="index"/> (0 = oldest).</summary>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _items[_head + index];
        }
    }

    /// <summary>Restarts the statistics at the current instant.</summary>
    public void ResetStatistics() => _count.Reset(_simulation.Now);

    /// <summary>Adds an item at once if there is room; waiting getters are served. For event-scheduled models.</summary>
    /// <returns>Whether the item was added.</returns>
    public bool TryPut(T item)
    {
        if (!HasRoom || _putters.Count > 0)
        {
            return false;
        }

        Add(item);
        ServeGetters();
        return true;
    }

    /// <summary>
    /// Adds <paramref name="items"/> in order as <see cref="TryPut"/> one by one would, stopping at the first it would
    /// refuse; the items go in as blocks, each ending where a waiting getter may be served, with one count update per block.
    /// </summary>
    /// <returns>The number of items added (from the front of <paramref name="items"/>).</returns>
    internal int TryPutAll(ReadOnlySpan<T> items)
    {
        int added = 0;
        while (added < items.Length && HasRoom && _putters.Count == 0)
        {
            // As many as fit, and no more than the getters need before ServeGetters could serve one (then one at a
            // time while a getter that cannot be served keeps the threshold at or below the count).
            int n = Math.Min(items.Length - added, Capacity - Count - _reservedItems.Count);
            n = Math.Min(n, Count < _servableAt ? _servableAt - Count : 1);
            _items.AddRange(items.Slice(added, n));
            added += n;

            // One update for the block: at one instant, a run of increasing updates leaves the time-weighted
            // statistics (area and maximum) as the last one alone does.
            _count.Update(_simulation.Now, Count);
            ServeGetters();
        }

        return added;
    }

    /// <summary>Takes the oldest item at once if there is one and no getter waits. For event-scheduled models.</summary>
    public bool TryGet(out T item)
    {
        if (Count == 0 || _getters.Count > 0)
        {
            item = default!;
            return false;
        }

        item = TakeAt(0);
        ServePutters();
        return true;
    }

    /// <summary>
    /// Removes items from the front of the store: scans the oldest items while <paramref name="decide"/> returns 0
    /// (keep), 1 (remove) or 2 (keep, and settled: the item's answer stays 2 until it leaves) and stops at the first
    /// -1; the removed items are added to <paramref name="removed"/> oldest first, and the rest keep their order.
    /// The settled items that lead the store are not asked again, so a call costs the length of the scanned prefix
    /// after them, not of the store.
    /// </summary>
    /// <returns>The number of items removed.</returns>
    internal int RemoveFromFront<TState>(Func<T, TState, int> decide, TState state, List<T> removed)
    {
        int from = _head + _settled;
        int end = from;
        bool any = false, leading = true;
        while (end < _items.Count && decide(_items[end], state) is var d && d >= 0)
        {
            any |= d == 1;

            // Removed items leave, so the settled run goes on past them; a kept item that may be removed later ends it.
            leading &= d != 0;
            _settled += leading && d == 2 ? 1 : 0;
            end++;
        }

        if (!any)
        {
            return 0;
        }

        // Compact the prefix towards its end, walking backwards, so the kept items stay in order and the items
        // after the prefix do not move; the settled block ahead of the scan moves as one copy.
        int start = removed.Count;
        int write = end - 1;
        for (int i = end - 1; i >= from; i--)
        {
            T item = _items[i];
            if (decide(item, state) == 1)
            {
                removed.Add(item);
            }
            else
            {
                _items[write--] = item;
            }
        }

        Span<T> items = CollectionsMarshal.AsSpan(_items);
        int ahead = from - _head;
        items.Slice(_head, ahead).CopyTo(items.Slice(write - ahead + 1, ahead));
        write -= ahead;
        items[_head..(write + 1)].Clear();
        _head = write + 1;
        if (_head == _items.Count)
        {
            _items.Clear();
            _head = 0;
        }

        removed.Reverse(start, removed.Count - start);
        _count.Update(_simulation.Now, Count);
        ServePutters();
        return removed.Count - start;
    }

    internal bool PutFor(SimProcess process, T item)
    {
        if (TryPut(item))
        {
            return true;
        }

        process.BeginWait(this);
        _putters.Add((process, item));
        return false;
    }

    internal bool GetFor(SimProcess process, Func<T, bool>? filter)
    {
        // Waiting getters do not block this one: none of them can take any item held (every change of the items
        // serves them first), so a match here is one no earlier getter wants, as in ServeGetters.
        int index = FindMatch(filter);
        if (index >= 0)
        {
            process.ResultObject = TakeAt(index);
            ServePutters();
            return true;
        }

        process.BeginWait(this);
        _getters.Add(new Getter { Process = process, Filter = filter });
        _servableAt = 1;
        return false;
    }

    internal bool GetBatchFor(SimProcess process, int count, ICollection<T> into)
    {
        if (Count >= count) // waiting getters cannot use the items held; see GetFor
        {
            MoveBatch(count, into);
            process.ResultValue = count;
            ServePutters();
            return true;
        }

        process.BeginWait(this);
        _getters.Add(new Getter { Process = process, BatchCount = count, Into = into });
        _servableAt = Math.Min(_servableAt, count);
        return false;
    }

    void IBatchWaitSource.OnBatchDeadline(SimProcess process)
    {
        for (int i = 0; i < _getters.Count; i++)
        {
            Getter g = _getters[i];
            if (g.Process == process && g.BatchCount > 0)
            {
                _getters.RemoveAt(i);
                UpdateServableAt();
                int n = Math.Min(g.BatchCount, Count);
                ReserveBatch(process, n, g.Into!);
                process.ScheduleResume();
                ServePutters();
                return;
            }
        }
    }

    void IWaitSource.OnResumed(SimProcess process)
    {
        if (_reservations.Count == 1 && _reservations[0].Process == process)
        {
            // The usual case: the one getter served resumes and takes every reserved item.
            _reservations[0].Into?.AddAll(CollectionsMarshal.AsSpan(_reservedItems));
            _reservations.Clear();
            _reservedItems.Clear();
            ServePutters(); // the items have left: their room is free
            return;
        }

        int kept = 0, keptItems = 0, from = 0;
        bool any = false;
        for (int i = 0; i < _reservations.Count; i++)
        {
            (SimProcess owner, ICollection<T>? into, int count) = _reservations[i];
            if (owner != process)
            {
                _reservations[kept++] = _reservations[i];
                for (int k = 0; k < count; k++)
                {
                    _reservedItems[keptItems++] = _reservedItems[from + k];
                }
            }
            else
            {
                into?.AddAll(CollectionsMarshal.AsSpan(_reservedItems).Slice(from, count)); // a single get's item is already the process's result
                any = true;
            }

            from += count;
        }

        if (any)
        {
            _reservations.RemoveRange(kept, _reservations.Count - kept);
            _reservedItems.RemoveRange(keptItems, _reservedItems.Count - keptItems);
            ServePutters(); // the items have left: their room is free
        }
    }

    void IWaitSource.CancelWait(SimProcess process)
    {
        for (int i = 0; i < _getters.Count; i++)
        {
            if (_getters[i].Process == process)
            {
                _getters.RemoveAt(i);
                UpdateServableAt();
                return;
            }
        }

        for (int i = 0; i < _putters.Count; i++)
        {
            if (_putters[i].Process == process)
            {
                _putters.RemoveAt(i);
                return;
            }
        }

        // Items taken for the process but not yet delivered go back to the front of the store, in order.
        bool returned = false;
        int end = _reservedItems.Count;
        for (int i = _reservations.Count - 1; i >= 0; i--)
        {
            int count = _reservations[i].Count;
            int start = end - count;
            if (_reservations[i].Process == process)
            {
                _items.InsertRange(_head, _reservedItems.GetRange(start, count));
                _settled = 0; // items ahead of the settled run: it no longer leads the store
                _reservedItems.RemoveRange(start, count);
                _reservations.RemoveAt(i);
                returned = true;
            }

            end = start;
        }

        if (returned)
        {
            process.ResultObject = null;
            process.ResultValue = 0;
            _count.Update(_simulation.Now, Count);
            ServeGetters();
        }
    }

    /// <summary>Whether a put fits: items held and items taken but not yet delivered count against the capacity.</summary>
    private bool HasRoom => Count + _reservedItems.Count < Capacity;

    private void Add(T item)
    {
        _items.Add(item);
        _count.Update(_simulation.Now, Count);
    }

    private int FindMatch(Func<T, bool>? filter)
    {
        if (filter is null)
        {
            return Count > 0 ? 0 : -1;
        }

        for (int i = 0; i < Count; i++)
        {
            if (filter(_items[_head + i]))
            {
                return i;
            }
        }

        return -1;
    }

    private T TakeAt(int index)
    {
        T item;
        if (index == 0)
        {
            item = _items[_head];
            _items[_head] = default!;
            _head++;
            _settled = Math.Max(0, _settled - 1);
            Compact();
        }
        else
        {
            item = _items[_head + index];
            _items.RemoveAt(_head + index);
            _settled -= index < _settled ? 1 : 0;
        }

        _count.Update(_simulation.Now, Count);
        return item;
    }

    /// <summary>Forgets the taken slots before _head once they are all of the list or most of a long one.</summary>
    private void Compact()
    {
        if (_head == _items.Count)
        {
            _items.Clear();
            _head = 0;
        }
        else if (_head > 64 && _head * 2 > _items.Count)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }
    }

    /// <summary>
    /// Takes the <paramref name="n"/> oldest items at once into <paramref name="into"/>. The count is updated once: at
    /// one instant, a run of decreasing updates leaves the time-weighted statistics as the last one alone does.
    /// </summary>
    private void TakeFront(int n, ICollection<T> into)
    {
        if (n == 0)
        {
            return;
        }

        Span<T> taken = CollectionsMarshal.AsSpan(_items).Slice(_head, n);
        into.AddAll(taken);
        taken.Clear();
        _head += n;
        _settled = Math.Max(0, _settled - n);
        Compact();
        _count.Update(_simulation.Now, Count);
    }

    /// <summary>Takes the <paramref name="n"/> oldest items for a batch getter that resumes later (see OnResumed).</summary>
    private void ReserveBatch(SimProcess process, int n, ICollection<T> into)
    {
        if (n > 0)
        {
            TakeFront(n, _reservedItems);
            _reservations.Add((process, into, n));
        }

        process.ResultValue = n;
    }

    private void MoveBatch(int n, ICollection<T> into) => TakeFront(n, into);

    /// <summary>Recomputes <see cref="_servableAt"/> after getters left.</summary>
    private void UpdateServableAt()
    {
        int least = int.MaxValue;
        foreach (Getter g in _getters)
        {
            least = Math.Min(least, g.BatchCount > 0 ? g.BatchCount : 1);
        }

        _servableAt = least;
    }

    private void ServeGetters()
    {
        // Most puts leave every waiting getter short (a train forming waits for its last unit): nothing to look at.
        if (Count < _servableAt)
        {
            return;
        }

        int waiting = _getters.Count;
        for (int i = 0; i < _getters.Count && Count > 0; i++)
        {
            Getter g = _getters[i];
            if (g.BatchCount > 0)
            {
                if (Count < g.BatchCount)
                {
                    continue;
                }

                _getters.RemoveAt(i--);
                ReserveBatch(g.Process, g.BatchCount, g.Into!);
                g.Process.ScheduleResume();
                continue;
            }

            int index = FindMatch(g.Filter);
            if (index < 0)
            {
                continue;
            }

            _getters.RemoveAt(i--);
            T item = TakeAt(index);
            _reservedItems.Add(item);
            _reservations.Add((g.Process, null, 1));
            g.Process.ResultObject = item;
            g.Process.ScheduleResume();
        }

        if (_getters.Count < waiting)
        {
            UpdateServableAt();
        }
    }

    private void ServePutters()
    {
        while (_putters.Count > 0 && HasRoom)
        {
            (SimProcess process, T item) = _putters[0];
            _putters.RemoveAt(0);
            Add(item);
            process.ScheduleResume();
            ServeGetters();
        }
    }
}
