using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>Something a process can be queued on; it takes the process out when the process is interrupted.</summary>
internal interface IWaitSource
{
    /// <summary>Forgets the waiting process, or gives back what was granted to it but not yet delivered.</summary>
    void CancelWait(SimProcess process);

    /// <summary>
    /// Called when the process resumes from a completed wait on this source, just before its await returns: the
    /// last moment an interrupt could have given back what was granted. Nothing to do for most sources.
    /// </summary>
    void OnResumed(SimProcess process)
    {
    }
}

/// <summary>
/// A running process: the handle returned by <see cref="Simulation.Start"/> and the argument of the process body,
/// through which the body awaits simulated time, resources, containers, stores and signals.
/// </summary>
/// <remarks>
/// A process awaits one thing at a time. Every awaitable here is a struct whose continuation the event loop
/// runs inline at the simulated instant it completes; awaiting allocates nothing. When another component calls
/// <see cref="Interrupt(object?)"/>, the pending await throws <see cref="ProcessInterruptedException"/>, which the body
/// catches with an ordinary <c>try</c>/<c>catch</c>; a process interrupted while queued leaves the queue.
/// </remarks>
public sealed class SimProcess
{
    internal static readonly Action<Simulation, object?> StartHandler = static (_, state) => ((SimProcess)state!).Begin();
    internal static readonly Action<Simulation, object?> ResumeHandler = static (sim, state) => ((SimProcess)state!).OnResume(sim.CurrentSequence);

    internal static readonly Action<Simulation, object?> DeadlineHandler = static (sim, state) => ((SimProcess)state!).OnDeadline(sim.CurrentSequence);

    // Fields few processes need, out of the object every resumption touches (which then stays within two cache
    // lines): a helper's continuation, a batch deadline's, a join's. Allocated on first use.
    private sealed class Rare
    {
        public Exception? StartFault; // what the body's delegate threw when Start called it
        public Action? LastContinuation; // the continuation _continuationTarget was read from
        public EventHandle DeadlineEvent; // the pending batch deadline, or default
        public SimSignal? Completion;
    }

    private Rare? _rare;
    private ProcessBox? _box; // a ProcessTask body's state machine, boxed when Start called the body
    private bool _inBox; // suspended at a simulation awaitable: resuming runs _box (a flag: no write barrier per await)
    private Action? _continuation; // what resumes the body otherwise (an async Task helper it awaits)
    private object? _continuationTarget; // the async state machine the continuation resumes (for prefetching)
    private EventHandle _resumeEvent; // the pending resume (a delay's timer or a wake-up), or default
    private Exception? _pendingException;
    private bool _started; // its start event has run: before that no code of its body has run

    /// <summary>
    /// A process with its body. The body is called at once: an <c>async</c> body then only
    /// moves its arguments into its state machine, whose box the builder allocates here, right after this object,
    /// so that the two (which every resumption touches) are neighbours in memory. The body's code runs from the
    /// start event on (see <see cref="ProcessTaskMethodBuilder.Start{TStateMachine}(ref TStateMachine)"/>).
    /// </summary>
    internal SimProcess(Simulation simulation, Func<SimProcess, ProcessTask> body, string name)
    {
        Simulation = simulation;
        Name = name;
        try
        {
            _box = body(this).Box;
        }
#pragma warning disable CA1031 // A process body may throw anything; it becomes the simulation's fault at the start event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _rare = new Rare { StartFault = ex };
        }
    }

    /// <summary>The simulation the process runs in.</summary>
    public Simulation Simulation { get; }

    /// <summary>The process's name.</summary>
    public string Name { get; }

    /// <summary>The current simulated instant.</summary>
    public SimTime Now => Simulation.Now;

    /// <summary>Whether the process body has returned or thrown.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Whether the process is suspended at an await.</summary>
    public bool IsWaiting { get; private set; }

    /// <summary>A signal triggered when the process completes; await it with <see cref="Join"/>.</summary>
    public SimSignal Completion
    {
        get
        {
            Rare rare = _rare ??= new Rare();
            if (rare.Completion is null)
            {
                rare.Completion = new SimSignal(Simulation);
                if (IsCompleted)
                {
                    rare.Completion.Trigger();
                }
            }

            return rare.Completion;
        }
    }

    // What the current wait produced; read by the awaiters' GetResult.
    internal IWaitSource? WaitSource;
    internal object? ResultObject;
    internal long ResultValue;
    internal bool ResultDelivered = true;
    internal int WaitToken;
    internal int SignalsRemaining;

    /// <summary>
    /// Interrupts the process: its pending await throws <see cref="ProcessInterruptedException"/> carrying
    /// <paramref name="cause"/>, at the current instant. A process queued for a resource, store or container
    /// leaves that queue; anything granted to it and not yet delivered is given back.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process is not suspended at an await (it has completed, has not started, or is the one running).</exception>
    public void Interrupt(object? cause = null) => Interrupt(new ProcessInterruptedException(Name, cause));

    internal void Interrupt(ProcessInterruptedException exception)
    {
        if (!IsWaiting)
        {
            throw new InvalidOperationException(IsCompleted
                ? $"Process '{Name}' has completed and cannot be interrupted."
                : $"Process '{Name}' is not suspended at an await (not started yet, or it is the one running) and cannot be interrupted.");
        }

        if (_pendingException is not null)
        {
            return; // Already interrupted at this instant; the first cause wins.
        }

        WaitSource?.CancelWait(this);
        WaitSource = null;
        WaitToken++;
        _pendingException = exception;
        ScheduleResume();
    }

    // ---- awaitables -------------------------------------------------------------------------------------

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

    // ---- engine side -----------------------------------------------------------------------------------

    /// <summary>Marks the process suspended on <paramref name="source"/> (null for timers and signals).</summary>
    internal void BeginWait(IWaitSource? source)
    {
        unchecked
        {
            EnsureRunning();
            IsWaiting = true;
            WaitSource = source;
            ResultDelivered = false;
            WaitToken++;
        }
    }

    /// <summary>Called by a wait source when the wait is satisfied; the process resumes at the current instant, in calendar order.</summary>
    internal void ScheduleResume()
    {
        // The wait ends now: a timer still pending for it (an interrupted delay, a batch filled before its deadline)
        // is cancelled, so that it neither runs nor, at its due time, moves the clock past the last real event.
        CancelPending(ref _resumeEvent);
        if (_rare is { } rare)
        {
            CancelPending(ref rare.DeadlineEvent);
        }

        _resumeEvent = Simulation.Enqueue(Simulation.Now.Ticks, ResumeHandler, this);
    }

    private void CancelPending(ref EventHandle pending)
    {
        if (pending.Sequence != 0)
        {
            Simulation.Cancel(pending);
            pending = default;
        }
    }

    internal void SignalFired(int token, int index, bool any)
    {
        if (!IsWaiting || token != WaitToken || _pendingException is not null)
        {
            return;
        }

        if (any)
        {
            ResultValue = index;
            WaitToken++;
            ScheduleResume();
        }
        else if (--SignalsRemaining == 0)
        {
            WaitToken++;
            ScheduleResume();
        }
    }

    internal void SetContinuation(Action continuation)
    {
        if (_continuation is not null || _inBox)
        {
            throw AlreadySuspended();
        }

        _continuation = continuation;
        Rare rare = _rare ??= new Rare();
        if (!ReferenceEquals(continuation, rare.LastContinuation))
        {
            // An async method hands over the same delegate at every await; Target is read once, not per await.
            rare.LastContinuation = continuation;
            _continuationTarget = continuation.Target;
        }
    }

    private InvalidOperationException AlreadySuspended() => new(
        $"Process '{Name}' is already suspended at an await: a process awaits one thing at a time, and a body awaits only its own process's awaitables.");

    /// <summary>Suspends a <see cref="ProcessTask"/> body at a simulation awaitable: resuming runs <paramref name="box"/>.</summary>
    internal void Suspend(ProcessBox box)
    {
        if (_continuation is not null || _inBox)
        {
            throw AlreadySuspended();
        }

        if (!ReferenceEquals(box, _box))
        {
            // Another process's body awaited this process's awaitable.
            throw new InvalidOperationException($"A process body awaited an awaitable of process '{Name}', which is not its own.");
        }

        _inBox = true;
    }

    /// <summary>What the event calendar prefetches for resume events (see <see cref="ICalendarPrefetch"/>).</summary>
    internal static readonly ICalendarPrefetch ResumePrefetch = new ResumePrefetchHook();

    /// <summary>The prefetch hook of <see cref="ResumeHandler"/>'s events, whose state is a process.</summary>
    private sealed class ResumePrefetchHook : ICalendarPrefetch
    {
        public Action<Simulation, object?> Handler => ResumeHandler;

        // The process and the 128 bytes after it, without reading it: its body's box is allocated right after it
        // (see the constructor).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PrefetchState(object? state) => CacheHint.Object(state, 4);

        // The continuation of an async Task helper the body awaits, and the helper's state machine.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PrefetchNamed(object? state)
        {
            SimProcess process = Unsafe.As<SimProcess>(state!);
            if (process._continuation is { } continuation)
            {
                CacheHint.Object(continuation);
                CacheHint.Object(process._continuationTarget);
            }
        }
    }

    internal void ThrowIfInterrupted()
    {
        if (_pendingException is { } ex)
        {
            _pendingException = null;
            throw ex;
        }
    }

    /// <summary>
    /// Checks, before an awaitable factory changes anything, that the process can start a wait: it has started, it has
    /// not completed, and it is not suspended already. A suspended process cannot be the one running, so its awaitable
    /// is being made by another process's body (or by its own body, which left an earlier awaitable un-awaited); going
    /// on would overwrite the pending wait (a delay's timer, a queue place) of a process that is not the caller. A
    /// process not yet started cannot be the one running either: going on would leave it a pending wait that its own
    /// first await then finds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureRunning()
    {
        // Three flags of the object the caller is writing anyway; the messages are built out of line, so that this
        // check inlines into every awaitable factory (a call per await before 2026-11-28).
        if (!_started || IsCompleted || IsWaiting)
        {
            ThrowNotRunning();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNotRunning()
    {
        if (!_started)
        {
            throw new InvalidOperationException(
                $"Process '{Name}' has not started yet: its awaitables are made by its own body, which runs from its start event.");
        }

        if (IsCompleted)
        {
            throw new InvalidOperationException($"Process '{Name}' has completed.");
        }

        if (IsWaiting)
        {
            throw AlreadySuspended();
        }
    }

    private void OnDeadline(long sequence)
    {
        if (_rare is not { } rare || sequence != rare.DeadlineEvent.Sequence || !IsWaiting)
        {
            return;
        }

        rare.DeadlineEvent = default;
        if (WaitSource is IBatchWaitSource batch)
        {
            batch.OnBatchDeadline(this);
        }
    }

    private void Begin()
    {
        _started = true;
        if (_box is { } box)
        {
            box.MoveNext(); // the body's first step: up to its first await
            CheckCompleted();
        }
        else
        {
            Complete(_rare?.StartFault); // a delegate that threw, or returned no body
        }
    }

    private void OnResume(long sequence)
    {
        unchecked
        {
            if (sequence != _resumeEvent.Sequence)
            {
                return; // Superseded by an interrupt (defensive: superseded resumes are cancelled).
            }

            _resumeEvent = default;
            IsWaiting = false;
            IWaitSource? source = WaitSource; // null after an interrupt: nothing to hand over then
            WaitSource = null;
            if (_inBox)
            {
                _inBox = false;
                ProcessBox box = _box!;
                source?.OnResumed(this);
                box.MoveNext();
                if (box.IsCompleted)
                {
                    CheckCompleted();
                }

                return;
            }

            Action? continuation = _continuation;
            _continuation = null;
            if (continuation is null)
            {
                Simulation.Fault(new InvalidOperationException(
                    $"Process '{Name}' created a simulation awaitable and did not await it."));
                return;
            }

            source?.OnResumed(this);
            continuation();
            CheckCompleted();
        }
    }

    private void CheckCompleted()
    {
        if (IsCompleted)
        {
            return;
        }

        if (_box is { IsCompleted: true } box)
        {
            Complete(box.Exception);
        }
    }

    private void Complete(Exception? error)
    {
        IsCompleted = true;
        IsWaiting = false;
        _continuationTarget = null;
        if (_rare is { } rare)
        {
            rare.LastContinuation = null;
        }

        if (error is not null)
        {
            Simulation.Fault(new ProcessFaultedException(Name, Simulation.Now, error));
        }

        _rare?.Completion?.Trigger();
    }
}

/// <summary>A wait source with a deadline (batch service).</summary>
internal interface IBatchWaitSource : IWaitSource
{
    void OnBatchDeadline(SimProcess process);
}

/// <summary>
/// What every simulation awaiter holds, as its only field: so that the <see cref="ProcessTask"/> builder reads the
/// awaiting process of any of them through this one type (see <see cref="ISimAwaiter"/>).
/// </summary>
internal readonly struct AwaiterCore
{
    public readonly SimProcess Process;
    public readonly bool Completed;
    public readonly bool ResultInValue;

    public AwaiterCore(SimProcess process, bool completed, bool resultInValue)
    {
        Process = process;
        Completed = completed;
        ResultInValue = resultInValue;
    }
}

/// <summary>The awaitable of a simulation wait with no result. Await it at once; do not store it.</summary>
public readonly struct SimAwaitable : ICriticalNotifyCompletion, ISimAwaiter
{
    private readonly AwaiterCore _core;

    internal SimAwaitable(SimProcess process, bool completed = false)
    {
        _core = new AwaiterCore(process, completed, false);
    }

    /// <summary>Returns this awaitable as its own awaiter.</summary>
    public SimAwaitable GetAwaiter() => this;

    /// <summary>Whether the wait completed without suspending.</summary>
    public bool IsCompleted => _core.Completed;

    /// <summary>Ends the await; throws <see cref="ProcessInterruptedException"/> if the process was interrupted.</summary>
    public void GetResult()
    {
        _core.Process.ResultDelivered = true;
        _core.Process.ThrowIfInterrupted();
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => _core.Process.SetContinuation(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => _core.Process.SetContinuation(continuation);
}

/// <summary>The awaitable of a simulation wait with a result of type <typeparamref name="T"/>. Await it at once; do not store it.</summary>
/// <typeparam name="T">The result type.</typeparam>
public readonly struct SimAwaitable<T> : ICriticalNotifyCompletion, ISimAwaiter
{
    // Which slot holds the result, ResultValue (a count or an index) or ResultObject (a store's item), is
    // _core.ResultInValue. It cannot be told from T: a Store<int> delivers its items through ResultObject.
    private readonly AwaiterCore _core;

    internal SimAwaitable(SimProcess process, bool completed, bool resultInValue = false)
    {
        _core = new AwaiterCore(process, completed, resultInValue);
    }

    /// <summary>Returns this awaitable as its own awaiter.</summary>
    public SimAwaitable<T> GetAwaiter() => this;

    /// <summary>Whether the wait completed without suspending.</summary>
    public bool IsCompleted => _core.Completed;

    /// <summary>Ends the await and returns its result; throws <see cref="ProcessInterruptedException"/> if the process was interrupted.</summary>
    public T GetResult()
    {
        _core.Process.ResultDelivered = true;
        _core.Process.ThrowIfInterrupted();
        if (_core.ResultInValue)
        {
            return (T)(object)(int)_core.Process.ResultValue; // T is int here; the JIT removes the box
        }

        object? result = _core.Process.ResultObject;
        _core.Process.ResultObject = null;
        return (T)result!;
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => _core.Process.SetContinuation(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => _core.Process.SetContinuation(continuation);
}

/// <summary>The awaitable of a resource request; completes with the <see cref="ResourceLease"/>. Await it at once.</summary>
public readonly struct RequestAwaitable : ICriticalNotifyCompletion, ISimAwaiter
{
    private readonly AwaiterCore _core;

    internal RequestAwaitable(SimProcess process, bool completed)
    {
        _core = new AwaiterCore(process, completed, false);
    }

    /// <summary>Returns this awaitable as its own awaiter.</summary>
    public RequestAwaitable GetAwaiter() => this;

    /// <summary>Whether the unit was granted without waiting.</summary>
    public bool IsCompleted => _core.Completed;

    /// <summary>Returns the lease; throws <see cref="ProcessInterruptedException"/> if the process was interrupted while queued.</summary>
    public ResourceLease GetResult()
    {
        _core.Process.ResultDelivered = true;
        _core.Process.ThrowIfInterrupted();
        var resource = (Resource)_core.Process.ResultObject!;
        _core.Process.ResultObject = null;
        return new ResourceLease(resource, _core.Process.ResultValue);
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => _core.Process.SetContinuation(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => _core.Process.SetContinuation(continuation);
}

/// <summary>Thrown at a process's pending await when another component interrupts it.</summary>
public class ProcessInterruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProcessInterruptedException()
        : this("process", (object?)null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcessInterruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public ProcessInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for process <paramref name="processName"/> with a cause.</summary>
    public ProcessInterruptedException(string processName, object? cause)
        : base($"Process '{processName}' was interrupted" + (cause is null ? "." : $": {cause}."))
    {
        Cause = cause;
    }

    /// <summary>What the interrupter gave as the reason (for example a storm), or null.</summary>
    public object? Cause { get; }
}

/// <summary>Thrown at a resource holder's pending await when a higher-priority request preempts its unit.</summary>
public sealed class PreemptedException : ProcessInterruptedException
{
    /// <summary>Creates the exception.</summary>
    public PreemptedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PreemptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public PreemptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PreemptedException(string processName, Resource resource)
        : base(processName, (object)$"preempted from resource '{resource.Name}'")
    {
        Resource = resource;
    }

    /// <summary>The resource whose unit was taken.</summary>
    public Resource? Resource { get; }
}

/// <summary>Thrown by <see cref="Simulation.Run()"/> when a process ended with an unhandled exception.</summary>
public sealed class ProcessFaultedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProcessFaultedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcessFaultedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public ProcessFaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ProcessFaultedException(string processName, SimTime time, Exception inner)
        : base($"Process '{processName}' failed at {time}: {inner.Message}", inner)
    {
        ProcessName = processName;
    }

    /// <summary>The name of the process that failed.</summary>
    public string? ProcessName { get; }
}
