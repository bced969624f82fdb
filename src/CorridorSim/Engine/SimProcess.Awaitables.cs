namespace CorridorSim.Engine;

/// <content>The awaitables a process body awaits: delays, resources, containers, stores and signals.</content>
public sealed partial class SimProcess
{
    /// <summary>Suspends the process for <paramref name="delay"/> of simulated time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public SimAwaitable Delay(SimDuration delay)
    {
        if (delay.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        }

        BeginWait(null);
        _resumeEvent = Simulation.Enqueue(Simulation.Now.Ticks + delay.Ticks, ResumeHandler, this);
        return new SimAwaitable(this);
    }

    /// <summary>Suspends the process until the instant <paramref name="time"/> (at once if it is now).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is in the past.</exception>
    public SimAwaitable DelayUntil(SimTime time)
    {
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"The time must not be before now ({Now}).");
        }

        return Delay(time - Now);
    }

    /// <summary>
    /// Requests one unit of <paramref name="resource"/>; completes with a lease when granted. Dispose the lease
    /// (a <c>using</c> declaration) to release the unit.
    /// </summary>
    /// <param name="resource">The resource.</param>
    /// <param name="priority">Lower numbers are served first; equal priorities are served first come, first served.</param>
    /// <param name="preempt">Whether this request may take the unit of a holder with a larger priority number, which is then interrupted with <see cref="PreemptedException"/>.</param>
    public RequestAwaitable Request(Resource resource, int priority = 0, bool preempt = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        EnsureRunning();
        bool granted = resource.RequestFor(this, priority, preempt);
        return new RequestAwaitable(this, granted);
    }

    /// <summary>Waits until <paramref name="amount"/> fits below the container's capacity, then adds it.</summary>
    /// <remarks>
    /// Interrupted while waiting, the put is withdrawn. Interrupted after the amount was added but before this process
    /// resumed (the same instant), the amount stays added and the await still throws: the material moved, as it would
    /// have had the interrupt come a moment later. The same holds for <see cref="Get(Container, double)"/>.
    /// </remarks>
    public SimAwaitable Put(Container container, double amount)
    {
        ArgumentNullException.ThrowIfNull(container);
        EnsureRunning();
        return new SimAwaitable(this, container.PutFor(this, amount));
    }

    /// <summary>Waits until the container holds at least <paramref name="amount"/>, then removes it.</summary>
    public SimAwaitable Get(Container container, double amount)
    {
        ArgumentNullException.ThrowIfNull(container);
        EnsureRunning();
        return new SimAwaitable(this, container.GetFor(this, amount));
    }

    /// <summary>Waits until the container's level is at least <paramref name="level"/> (without taking anything).</summary>
    public SimAwaitable WaitUntilAtLeast(Container container, double level)
    {
        ArgumentNullException.ThrowIfNull(container);
        EnsureRunning();
        return new SimAwaitable(this, container.WaitLevelFor(this, level, atLeast: true));
    }

    /// <summary>Waits until the container's level is at most <paramref name="level"/> (without taking anything).</summary>
    public SimAwaitable WaitUntilAtMost(Container container, double level)
    {
        ArgumentNullException.ThrowIfNull(container);
        EnsureRunning();
        return new SimAwaitable(this, container.WaitLevelFor(this, level, atLeast: false));
    }

    /// <summary>Waits until the store has room, then adds <paramref name="item"/>.</summary>
    /// <remarks>
    /// Interrupted while waiting, the put is withdrawn. Interrupted after the store accepted the item but before this
    /// process resumed (the same instant), the item stays in the store and the await still throws. (A get
    /// interrupted that way gives its item back to the front of the store instead, since it was never delivered.)
    /// </remarks>
    public SimAwaitable Put<T>(Store<T> store, T item)
    {
        ArgumentNullException.ThrowIfNull(store);
        EnsureRunning();
        return new SimAwaitable(this, store.PutFor(this, item));
    }

    /// <summary>Waits until the store holds an item (matching <paramref name="filter"/>, when given), then takes the first such item.</summary>
    public SimAwaitable<T> Get<T>(Store<T> store, Func<T, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        EnsureRunning();
        return new SimAwaitable<T>(this, store.GetFor(this, filter));
    }

    /// <summary>
    /// Batch service (how a ferry loads): waits until the store holds <paramref name="count"/> items or
    /// <paramref name="maxWait"/> has passed, whichever is first, then moves up to <paramref name="count"/> items,
    /// oldest first, into <paramref name="into"/>. Completes with the number of items taken (possibly 0 at the deadline).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive or <paramref name="maxWait"/> is negative.</exception>
    public SimAwaitable<int> GetBatch<T>(Store<T> store, int count, SimDuration maxWait, ICollection<T> into)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (maxWait.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "The maximum wait must not be negative.");
        }

        EnsureRunning();
        bool done = store.GetBatchFor(this, count, into);
        if (!done)
        {
            (_rare ??= new Rare()).DeadlineEvent = Simulation.Enqueue(Simulation.Now.Ticks + maxWait.Ticks, DeadlineHandler, this);
        }

        return new SimAwaitable<int>(this, done, resultInValue: true);
    }

    /// <summary>Waits until <paramref name="signal"/> is triggered (at once if it already is).</summary>
    public SimAwaitable Wait(SimSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        EnsureRunning();
        if (signal.IsTriggered)
        {
            return new SimAwaitable(this, true);
        }

        BeginWait(null);
        SignalsRemaining = 1;
        signal.AddWaiter(this, WaitToken, 0, any: false);
        return new SimAwaitable(this);
    }

    /// <summary>Waits until another process completes.</summary>
    public SimAwaitable Join(SimProcess other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wait(other.Completion);
    }

    /// <summary>Any-of: waits until one of <paramref name="signals"/> is triggered; completes with the index of the first one.</summary>
    /// <exception cref="ArgumentException">No signal was given.</exception>
    public SimAwaitable<int> WhenAny(params SimSignal[] signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Length == 0)
        {
            throw new ArgumentException("At least one signal is required.", nameof(signals));
        }

        EnsureRunning();
        for (int i = 0; i < signals.Length; i++)
        {
            if (signals[i].IsTriggered)
            {
                ResultValue = i;
                return new SimAwaitable<int>(this, true, resultInValue: true);
            }
        }

        BeginWait(null);
        for (int i = 0; i < signals.Length; i++)
        {
            signals[i].AddWaiter(this, WaitToken, i, any: true);
        }

        return new SimAwaitable<int>(this, false, resultInValue: true);
    }

    /// <summary>All-of: waits until every one of <paramref name="signals"/> is triggered.</summary>
    public SimAwaitable WhenAll(params SimSignal[] signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        EnsureRunning();
        int remaining = 0;
        foreach (SimSignal s in signals)
        {
            if (!s.IsTriggered)
            {
                remaining++;
            }
        }

        if (remaining == 0)
        {
            return new SimAwaitable(this, true);
        }

        BeginWait(null);
        SignalsRemaining = remaining;
        for (int i = 0; i < signals.Length; i++)
        {
            if (!signals[i].IsTriggered)
            {
                signals[i].AddWaiter(this, WaitToken, i, any: false);
            }
        }

        return new SimAwaitable(this);
    }
}
