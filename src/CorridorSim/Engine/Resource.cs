namespace CorridorSim.Engine;

/// <summary>
/// A resource with <see cref="Capacity"/> identical units (berths, a border's processing lanes, a line's paths).
/// Requests wait in a queue ordered by (priority, arrival): lower priority numbers first, first come first served
/// among equals. Optional preemption, and a capacity that can change during the run (a berth opened in 2027).
/// </summary>
public sealed class Resource : IWaitSource
{
    private readonly Simulation _simulation;
    private readonly List<Holder> _holders = [];
    private readonly List<Waiter> _queue = []; // binary heap by (Priority, Sequence)
    private HashSet<long>? _revoked;

    /// <summary>Grant ids preempted and not yet released through their stale lease; for tests.</summary>
    internal int RevokedCount => _revoked?.Count ?? 0;
    private long _nextGrant = 1;
    private long _nextArrival;
    private readonly TimeWeighted _busy;
    private readonly TimeWeighted _capacityOverTime;
    private readonly TimeWeighted _queueLength;

    private struct Holder
    {
        public SimProcess Process;
        public long GrantId;
        public int Priority;
        public long Sequence;
    }

    private struct Waiter
    {
        public SimProcess Process;
        public int Priority;
        public long Sequence;
        public long SinceTicks;
    }

    /// <summary>Creates a resource.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="capacity">Number of units, at least 0.</param>
    /// <param name="name">A name for messages and reports.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public Resource(Simulation simulation, int capacity, string name = "resource")
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _simulation = simulation;
        Capacity = capacity;
        Name = name;
        _busy = new TimeWeighted(simulation.Now);
        _capacityOverTime = new TimeWeighted(simulation.Now, capacity);
        _queueLength = new TimeWeighted(simulation.Now);
    }

    /// <summary>The resource's name.</summary>
    public string Name { get; }

    /// <summary>Number of units.</summary>
    public int Capacity { get; private set; }

    /// <summary>Units granted and not yet released.</summary>
    public int InUse => _holders.Count;

    /// <summary>Requests waiting.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Hours each granted request waited, since the last <see cref="ResetStatistics"/>.</summary>
    /// <remarks>Observations are not kept (no percentiles), so a long run allocates nothing per request.</remarks>
    public Tally WaitHours { get; } = new(keepObservations: false);

    /// <summary>Time-average of units in use divided by time-average of capacity, since the last reset (0 when capacity was always 0).</summary>
    public double Utilization
    {
        get
        {
            double cap = _capacityOverTime.Integral(_simulation.Now);
            return cap <= 0 ? 0 : _busy.Integral(_simulation.Now) / cap;
        }
    }

    /// <summary>Time-average number of units in use since the last reset.</summary>
    public double MeanInUse => _busy.Mean(_simulation.Now);

    /// <summary>Time-average number of waiting requests since the last reset.</summary>
    public double MeanQueueLength => _queueLength.Mean(_simulation.Now);

    /// <summary>Restarts the statistics at the current instant (end of a warm-up).</summary>
    public void ResetStatistics()
    {
        SimTime now = _simulation.Now;
        _busy.Reset(now);
        _capacityOverTime.Reset(now);
        _queueLength.Reset(now);
        WaitHours.Reset();
    }

    /// <summary>
    /// Changes the number of units. More units serve waiting requests at once; fewer units take effect as holders
    /// release (no holder is evicted).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public void SetCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _capacityOverTime.Update(_simulation.Now, capacity);
        GrantWaiting();
    }

    /// <summary>Releases the unit held under <paramref name="lease"/> and serves the queue.</summary>
    /// <exception cref="InvalidOperationException">The lease was never granted by this resource or was already released.</exception>
    public void Release(ResourceLease lease)
    {
        if (!ReferenceEquals(lease.Resource, this))
        {
            throw new InvalidOperationException($"Resource '{Name}': the lease was not granted by this resource.");
        }

        int index = FindHolder(lease.GrantId);
        if (index < 0)
        {
            if (_revoked is not null && _revoked.Remove(lease.GrantId))
            {
                return; // The unit was preempted; releasing the stale lease is a no-op.
            }

            throw new InvalidOperationException($"Resource '{Name}': lease {lease.GrantId} is not held (never granted or already released).");
        }

        RemoveHolder(index);
        GrantWaiting();
    }

    internal bool RequestFor(SimProcess process, int priority, bool preempt)
    {
        if (_queue.Count == 0 && _holders.Count < Capacity)
        {
            Grant(process, priority, _nextArrival++, waitedTicks: 0);
            return true;
        }

        // A preempting request goes ahead of the queue when it would be first in it anyway (no waiter with the
        // same or a lower priority number): less urgent waiters must not hold back the most urgent request.
        if (preempt && (_queue.Count == 0 || priority < _queue[0].Priority) && TryPreempt(priority))
        {
            Grant(process, priority, _nextArrival++, waitedTicks: 0);
            return true;
        }

        process.BeginWait(this);
        HeapPush(new Waiter { Process = process, Priority = priority, Sequence = _nextArrival++, SinceTicks = _simulation.Now.Ticks });
        _queueLength.Update(_simulation.Now, _queue.Count);
        return false;
    }

    void IWaitSource.CancelWait(SimProcess process)
    {
        int index = _queue.FindIndex(w => w.Process == process);
        if (index >= 0)
        {
            HeapRemoveAt(index);
            _queueLength.Update(_simulation.Now, _queue.Count);
            return;
        }

        // Granted but not yet delivered: give the unit back.
        if (!process.ResultDelivered && ReferenceEquals(process.ResultObject, this))
        {
            process.ResultObject = null;
            int h = FindHolder(process.ResultValue);
            if (h >= 0)
            {
                RemoveHolder(h);
                GrantWaiting();
            }
            else
            {
                // Preempted before it was delivered: the process never gets the lease, so nobody will release it
                // to clear its revoked id.
                _revoked?.Remove(process.ResultValue);
            }
        }
    }

    private int FindHolder(long grantId)
    {
        for (int i = 0; i < _holders.Count; i++)
        {
            if (_holders[i].GrantId == grantId)
            {
                return i;
            }
        }

        return -1;
    }

    private bool TryPreempt(int priority)
    {
        int victim = -1;
        for (int i = 0; i < _holders.Count; i++)
        {
            Holder h = _holders[i];
            if (h.Priority > priority && h.Process.IsWaiting &&
                (victim < 0 || h.Priority > _holders[victim].Priority ||
                 (h.Priority == _holders[victim].Priority && h.Sequence > _holders[victim].Sequence)))
            {
                victim = i;
            }
        }

        if (victim < 0)
        {
            return false;
        }

        Holder v = _holders[victim];
        RemoveHolder(victim);
        (_revoked ??= []).Add(v.GrantId);
        v.Process.Interrupt(new PreemptedException(v.Process.Name, this));
        return true;
    }

    private void GrantWaiting()
    {
        while (_queue.Count > 0 && _holders.Count < Capacity)
        {
            Waiter w = HeapPop();
            _queueLength.Update(_simulation.Now, _queue.Count);
            Grant(w.Process, w.Priority, w.Sequence, _simulation.Now.Ticks - w.SinceTicks);
            w.Process.ScheduleResume();
        }
    }

    private void Grant(SimProcess process, int priority, long sequence, long waitedTicks)
    {
        long id = _nextGrant++;
        _holders.Add(new Holder { Process = process, GrantId = id, Priority = priority, Sequence = sequence });
        _busy.Update(_simulation.Now, _holders.Count);
        WaitHours.Add((double)waitedTicks / SimDuration.TicksPerHour);
        process.ResultObject = this;
        process.ResultValue = id;
    }

    private void RemoveHolder(int index)
    {
        int last = _holders.Count - 1;
        _holders[index] = _holders[last];
        _holders.RemoveAt(last);
        _busy.Update(_simulation.Now, _holders.Count);
    }

    private static bool Before(in Waiter a, in Waiter b) =>
        a.Priority < b.Priority || (a.Priority == b.Priority && a.Sequence < b.Sequence);

    private void HeapPush(Waiter w)
    {
        _queue.Add(w);
        SiftUp(_queue.Count - 1);
    }

    private Waiter HeapPop()
    {
        Waiter top = _queue[0];
        HeapRemoveAt(0);
        return top;
    }

    private void HeapRemoveAt(int index)
    {
        int last = _queue.Count - 1;
        _queue[index] = _queue[last];
        _queue.RemoveAt(last);
        if (index < _queue.Count)
        {
            SiftDown(index);
            SiftUp(index);
        }
    }

    private void SiftUp(int i)
    {
        Waiter item = _queue[i];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Before(item, _queue[parent]))
            {
                break;
            }

            _queue[i] = _queue[parent];
            i = parent;
        }

        _queue[i] = item;
    }

    private void SiftDown(int i)
    {
        int n = _queue.Count;
        Waiter item = _queue[i];
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && Before(_queue[child + 1], _queue[child]))
            {
                child++;
            }

            if (!Before(_queue[child], item))
            {
                break;
            }

            _queue[i] = _queue[child];
            i = child;
        }

        _queue[i] = item;
    }
}
