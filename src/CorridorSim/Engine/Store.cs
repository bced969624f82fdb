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
    private readonly List<Getter> _getters = [];
    private readonly List<(SimProcess Process, T Item)> _putters = [];

    // Items taken for waiting getters whose processes have not resumed yet (Into is the batch's collection, or null
    // for a single get). They still count against the capacity and reach the getter only when it resumes
    // (OnResumed); an interrupt before that puts them back at the front (CancelWait) without overfilling the store.
    private readonly List<(SimProcess Process, ICollection<T>? Into, T Item)> _reserved = [];
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
    /// (keep) or 1 (remove) and stops at the first -1; the removed items are added to <paramref name="removed"/>
    /// oldest first, and the rest keep their order. Costs the length of the scanned prefix, not of the store.
    /// </summary>
    /// <returns>The number of items removed.</returns>
    internal int RemoveFromFront<TState>(Func<T, TState, int> decide, TState state, List<T> removed)
    {
        int end = _head;
        bool any = false;
        while (end < _items.Count && decide(_items[end], state) is var d && d >= 0)
        {
            any |= d > 0;
            end++;
        }

        if (!any)
        {
            return 0;
        }

        // Compact the prefix towards its end, walking backwards, so the kept items stay in order and the items
        // after the prefix do not move.
        int start = removed.Count;
        int write = end - 1;
        for (int i = end - 1; i >= _head; i--)
        {
            T item = _items[i];
            if (decide(item, state) > 0)
            {
                removed.Add(item);
            }
            else
            {
                _items[write--] = item;
            }
        }

        for (int i = _head; i <= write; i++)
        {
            _items[i] = default!;
        }

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
        int kept = 0;
        for (int i = 0; i < _reserved.Count; i++)
        {
            (SimProcess owner, ICollection<T>? into, T item) = _reserved[i];
            if (owner != process)
            {
                _reserved[kept++] = _reserved[i];
            }
            else
            {
                into?.Add(item); // a single get's item is already the process's result
            }
        }

        if (kept < _reserved.Count)
        {
            _reserved.RemoveRange(kept, _reserved.Count - kept);
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
        for (int i = _reserved.Count - 1; i >= 0; i--)
        {
            if (_reserved[i].Process == process)
            {
                _items.Insert(_head, _reserved[i].Item);
                _reserved.RemoveAt(i);
                returned = true;
            }
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
    private bool HasRoom => Count + _reserved.Count < Capacity;

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
        else
        {
            item = _items[_head + index];
            _items.RemoveAt(_head + index);
        }

        _count.Update(_simulation.Now, Count);
        return item;
    }

    /// <summary>Takes the <paramref name="n"/> oldest items for a batch getter that resumes later (see OnResumed).</summary>
    private void ReserveBatch(SimProcess process, int n, ICollection<T> into)
    {
        for (int i = 0; i < n; i++)
        {
            _reserved.Add((process, into, TakeAt(0)));
        }

        process.ResultValue = n;
    }

    private void MoveBatch(int n, ICollection<T> into)
    {
        for (int i = 0; i < n; i++)
        {
            into.Add(TakeAt(0));
        }
    }

    private void ServeGetters()
    {
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
            _reserved.Add((g.Process, null, item));
            g.Process.ResultObject = item;
            g.Process.ScheduleResume();
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
