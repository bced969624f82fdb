using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

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
public sealed partial class SimProcess
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
    private ProcessBox? _box; // the body's state machine, boxed when Start called the body
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
        // check inlines into every awaitable factory.
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
            CheckSuspendedHere();
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
                else
                {
                    CheckSuspendedHere();
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
            ProcessBox? body = _box;
            if (body is not null)
            {
                body.ResumeExpected = true;
            }

            try
            {
                continuation();
            }
            finally
            {
                if (body is not null)
                {
                    body.ResumeExpected = false;
                }
            }

            CheckCompleted();
            CheckSuspendedHere();
        }
    }

    /// <summary>
    /// After a step of the body: a body that neither completed nor waits on a simulation awaitable has awaited
    /// something else (<see cref="Task.Delay(int)"/>, real I/O) whose continuation the event loop will never run, so
    /// the run fails now instead of ending with the process silently stuck.
    /// </summary>
    private void CheckSuspendedHere()
    {
        if (IsCompleted || IsWaiting)
        {
            return;
        }

        _continuation = null;
        Complete(new InvalidOperationException(
            $"Process '{Name}' awaited something that is not a simulation awaitable (such as Task.Delay, Task.Yield or real asynchronous work), which the event loop never resumes. A process may await only its SimProcess's awaitables, and async Task helpers that await only those."));
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
