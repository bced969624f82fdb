using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>
/// One discrete-event simulation: a clock, an event calendar, processes and named random streams.
/// </summary>
/// <remarks>
/// <para>
/// Events run in the order of (time, insertion sequence): two events due at the same instant run in the order
/// they were scheduled, on every run and every machine. A simulation is single-threaded and shares no mutable
/// state with any other, so independent replications can run on parallel threads.
/// </para>
/// <para>
/// Behaviour is written either with the allocation-free event-scheduling API
/// (<see cref="Schedule{TState}(SimDuration, Action{Simulation, TState}, TState)"/>) or as processes:
/// <c>async</c> bodies returning <see cref="ProcessTask"/>, started with <see cref="Start"/>, that await the
/// simulation awaitables of their <see cref="SimProcess"/>. Processes must await only those awaitables (never
/// <see cref="Task.Delay(int)"/> or other real asynchronous work): their continuations are run inline by the
/// event loop, in calendar order, with no thread pool involved. While events run, the flow of the
/// <see cref="ExecutionContext"/> is suppressed (there is no other thread to flow it to, and it saves the context
/// switch at every resumption of an <c>async Task</c> helper): <c>AsyncLocal</c> values do not flow across a
/// process's awaits.
/// </para>
/// </remarks>
public sealed class Simulation
{
    private static readonly DateTime DefaultStartDate = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly EventCalendar _calendar = new(SimProcess.ResumePrefetch);
    private readonly HashSet<long> _cancelled = [];

    // Cancelled events taken off the calendar without running. They do not move the clock, so Cancel cannot tell
    // from (Now, CurrentSequence) alone that they are gone; this set tells it until an event due after the latest
    // of them, (_skippedTime, _skippedSequence), runs (events scheduled meanwhile may still be due before it).
    private readonly HashSet<long> _skippedCancelled = [];
    private bool _cancelActivity; // whether either cancellation set may be non-empty
    private long _skippedTime;
    private long _skippedSequence;
    private readonly Dictionary<string, RandomStream> _streams = new(StringComparer.Ordinal);
    private long _nextSequence = 1;
    private long _currentSequence;
    private long _now;
    private bool _stopRequested;
    private bool _running; // inside Run or RunUntil: a handler or process calling them again is refused
    private Exception? _fault;

    /// <summary>Creates a simulation.</summary>
    /// <param name="seed">The master seed from which every named random stream is derived.</param>
    /// <param name="replication">The replication index (0-based); replication <c>i</c> always gets the same streams.</param>
    /// <param name="startDate">The calendar date of <see cref="SimTime.Zero"/>; default 2024-01-01 00:00 UTC.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replication"/> is negative.</exception>
    public Simulation(ulong seed = 0, int replication = 0, DateTime? startDate = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        Seed = seed;
        Replication = replication;
        StartDate = startDate ?? DefaultStartDate;
    }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <summary>The replication index.</summary>
    public int Replication { get; }

    /// <summary>The calendar date of <see cref="SimTime.Zero"/>.</summary>
    public DateTime StartDate { get; }

    /// <summary>The current simulated instant.</summary>
    public SimTime Now => SimTime.FromTicks(_now);

    /// <summary>The calendar date and time of <see cref="Now"/>.</summary>
    public DateTime CurrentDate => StartDate + Now.SinceStart.ToTimeSpan();

    /// <summary>The number of events run so far (cancelled events are not counted).</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>The number of events scheduled and not yet run or cancelled.</summary>
    public int PendingEvents => _calendar.Count - _cancelled.Count;

    /// <summary>Whether the calendar prefetches for a large pending set (for tests).</summary>
    internal bool CalendarPrefetches => _calendar.IsPrefetching;

    /// <summary>The insertion sequence number of the event running now (0 before the first event).</summary>
    public long CurrentSequence => _currentSequence;

    /// <summary>The instant of a calendar date; dates before <see cref="StartDate"/> are rejected.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before <see cref="StartDate"/>.</exception>
    public SimTime TimeOf(DateTime date)
    {
        if (date < StartDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The date must not be before the simulation start {StartDate:yyyy-MM-dd}.");
        }

        return SimTime.Zero + SimDuration.FromTimeSpan(date - StartDate);
    }

    /// <summary>
    /// The random stream named <paramref name="name"/>, seeded from (<see cref="Seed"/>, name, <see cref="Replication"/>).
    /// Asking twice for the same name returns the same stream.
    /// </summary>
    public RandomStream Stream(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_streams.TryGetValue(name, out RandomStream? stream))
        {
            stream = RandomStream.Create(Seed, name, Replication);
            _streams.Add(name, stream);
        }

        return stream;
    }

    /// <summary>
    /// Schedules <paramref name="handler"/> to run with <paramref name="state"/> after <paramref name="delay"/>.
    /// Allocates nothing when the handler is a cached delegate (a static lambda or a method group stored once).
    /// </summary>
    /// <typeparam name="TState">The state's type: a reference type, so that nothing is boxed.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public EventHandle Schedule<TState>(SimDuration delay, Action<Simulation, TState> handler, TState state)
        where TState : class?
    {
        if (delay.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        }

        ArgumentNullException.ThrowIfNull(handler);
        if (delay.Ticks > long.MaxValue - _now)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"The delay from now ({Now}) passes the last representable instant.");
        }

        return Enqueue(_now + delay.Ticks, Unsafe.As<Action<Simulation, object?>>(handler), state);
    }

    /// <summary>Schedules <paramref name="handler"/> to run with <paramref name="state"/> at the instant <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before <see cref="Now"/>.</exception>
    public EventHandle ScheduleAt<TState>(SimTime time, Action<Simulation, TState> handler, TState state)
        where TState : class?
    {
        if (time.Ticks < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"The time must not be before now ({Now}).");
        }

        ArgumentNullException.ThrowIfNull(handler);
        return Enqueue(time.Ticks, Unsafe.As<Action<Simulation, object?>>(handler), state);
    }

    /// <summary>
    /// Cancels a pending event. Returns <see langword="false"/> (and does nothing) when the event has already run,
    /// was already cancelled, or the handle is the default. A cancelled event never runs and does not move the clock.
    /// </summary>
    public bool Cancel(EventHandle handle)
    {
        long time = handle.Time.Ticks;
        bool pending = handle.Sequence > 0 && handle.Sequence < _nextSequence &&
                       (time > _now || (time == _now && handle.Sequence > _currentSequence));
        if (pending && !_skippedCancelled.Contains(handle.Sequence) && _cancelled.Add(handle.Sequence))
        {
            _cancelActivity = true;
            return true;
        }

        return false;
    }

    /// <summary>Starts a process at the current instant (it begins when the calendar reaches its start event).</summary>
    /// <param name="body">The process body: an <c>async</c> method returning <see cref="ProcessTask"/> that awaits the awaitables of its <see cref="SimProcess"/>.</param>
    /// <param name="name">A name for messages and traces.</param>
    /// <remarks>
    /// <para>
    /// There is one body type, so that <c>Start(async p =&gt; …)</c> has one overload to bind to in any C# version
    /// (a second, <see cref="Task"/>-returning overload made such lambdas ambiguous before C# 13, and offered nothing a
    /// <see cref="ProcessTask"/> body cannot do). A <see cref="ProcessTask"/> body is resumed directly, without .NET's task
    /// machinery; <c>async Task</c> helper methods awaited inside a body (<c>await port.Handle(p)</c>) work as usual, and
    /// a <see cref="Task"/>-returning method becomes a process as <c>Start(async p =&gt; await Method(p))</c>.
    /// </para>
    /// <para>
    /// <paramref name="body"/> is called at once: an <c>async</c> body then only moves into its state machine's box,
    /// allocated next to the process, and none of its code runs before the process's start event. (Code a
    /// non-<c>async</c> delegate runs before returning its <see cref="ProcessTask"/> does run here; an exception it
    /// throws fails the run at the start event.)
    /// </para>
    /// </remarks>
    public SimProcess Start(Func<SimProcess, ProcessTask> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Begin(new SimProcess(this, body, name ?? "process"));
    }

    /// <summary>Schedules the start event of a new process at the current instant.</summary>
    private SimProcess Begin(SimProcess process)
    {
        Enqueue(_now, SimProcess.StartHandler, process);
        return process;
    }

    /// <summary>A signal that triggers itself after <paramref name="delay"/>; await it with <see cref="SimProcess.Wait(SimSignal)"/> or <see cref="SimProcess.WhenAny(SimSignal[])"/>.</summary>
    public SimSignal Timer(SimDuration delay)
    {
        var signal = new SimSignal(this);
        Schedule(delay, static (_, s) => s.TriggerIfNot(), signal);
        return signal;
    }

    /// <summary>Runs events until the calendar is empty or <see cref="Stop"/> is called.</summary>
    /// <exception cref="ProcessFaultedException">A process ended with an unhandled exception.</exception>
    /// <exception cref="InvalidOperationException">Called from inside an event handler or process of this simulation.</exception>
    public void Run() => Run(long.MaxValue);

    /// <summary>Runs at most <paramref name="maxEvents"/> events (fewer if the calendar empties or <see cref="Stop"/> is called).</summary>
    /// <returns>The number of events run.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEvents"/> is negative.</exception>
    /// <exception cref="ProcessFaultedException">A process ended with an unhandled exception.</exception>
    /// <exception cref="InvalidOperationException">Called from inside an event handler or process of this simulation.</exception>
    public long Run(long maxEvents)
    {
        unchecked
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxEvents);
            EnterRun(nameof(Run));
            _stopRequested = false;
            long start = EventsProcessed;
            long end = maxEvents > long.MaxValue - start ? long.MaxValue : start + maxEvents;
            EventCalendar calendar = _calendar;
            try
            {
                using (SuppressContextFlow())
                {
                    while (EventsProcessed < end && calendar.Count > 0 && !_stopRequested)
                    {
                        Dispatch(calendar.Pop());
                    }
                }
            }
            finally
            {
                _running = false;
            }

            ThrowIfFaulted();
            return EventsProcessed - start;
        }
    }

    /// <summary>
    /// Runs every event due strictly before <paramref name="end"/>, then sets the clock to <paramref name="end"/>
    /// (unless <see cref="Stop"/> was called first). Events due exactly at <paramref name="end"/> stay pending.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <see cref="Now"/>.</exception>
    /// <exception cref="ProcessFaultedException">A process ended with an unhandled exception.</exception>
    /// <exception cref="InvalidOperationException">Called from inside an event handler or process of this simulation.</exception>
    public void RunUntil(SimTime end)
    {
        if (end.Ticks < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end must not be before now ({Now}).");
        }

        EnterRun(nameof(RunUntil));
        _stopRequested = false;
        try
        {
            using (SuppressContextFlow())
            {
                while (!_stopRequested && _calendar.Count > 0 && _calendar.PeekTime() < end.Ticks)
                {
                    Dispatch(_calendar.Pop());
                }
            }
        }
        finally
        {
            _running = false;
        }

        ThrowIfFaulted();
        if (!_stopRequested && end.Ticks > _now)
        {
            // No event at `end` has run: sequence 0 keeps every event due at `end` cancellable (see Cancel),
            // including those scheduled there later. When the clock does not move, the events already run at
            // this instant must stay uncancellable, so the current sequence is kept.
            _now = end.Ticks;
            _currentSequence = 0;
            if (_skippedCancelled.Count > 0 && end.Ticks > _skippedTime)
            {
                _skippedCancelled.Clear(); // all before the clock now
                _cancelActivity = _cancelled.Count > 0;
            }
        }
    }

    /// <summary>
    /// Suppresses the flow of the execution context while events run. A process's async state machine captures
    /// the context at every await, and, when it captured one, runs every resumption through
    /// <see cref="ExecutionContext"/>.RunInternal. Events and continuations run inline on this one thread, so there
    /// is nothing to flow: with the flow suppressed the capture is null and a resumption calls the state machine
    /// directly. (So AsyncLocal values do not flow across a process's awaits, and work a handler hands to the thread
    /// pool does not inherit the caller's context.) Returns null when the flow is already suppressed; disposing the
    /// result (a <c>using</c>) restores the flow.
    /// </summary>
    private static AsyncFlowControl? SuppressContextFlow() =>
        ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();

    private void EnterRun(string method)
    {
        if (_running)
        {
            throw new InvalidOperationException(
                $"{method} was called from inside an event handler or process of the same simulation (at {Now}); the simulation is already running. Schedule the work, or call Stop and run again from outside.");
        }

        _running = true;
    }

    /// <summary>Asks the running <see cref="Run()"/> or <see cref="RunUntil"/> to return after the current event.</summary>
    public void Stop() => _stopRequested = true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Dispatch(CalendarEntry entry)
    {
        unchecked
        {
            // One flag on the hot path: the cancellation sets are looked at only while there is something in them.
            if (_cancelActivity && SkipIfCancelled(entry))
            {
                return;
            }

            _now = entry.Time;
            _currentSequence = entry.Sequence;
            EventsProcessed++;
            entry.Handler(this, entry.State);
        }
    }

    /// <summary>Drops a cancelled event (true), or tidies the cancellation bookkeeping before it runs (false).</summary>
    private bool SkipIfCancelled(in CalendarEntry entry)
    {
        // A cancelled event is dropped without moving the clock: a cancelled timeout far ahead must not leave
        // Now (and every time-average read at Now) at its due time after the run.
        if (_cancelled.Count > 0 && _cancelled.Remove(entry.Sequence))
        {
            if (_skippedCancelled.Count == 0 || IsAfter(entry.Time, entry.Sequence, _skippedTime, _skippedSequence))
            {
                _skippedTime = entry.Time;
                _skippedSequence = entry.Sequence;
            }

            _skippedCancelled.Add(entry.Sequence);
            return true;
        }

        if (_skippedCancelled.Count > 0 && IsAfter(entry.Time, entry.Sequence, _skippedTime, _skippedSequence))
        {
            _skippedCancelled.Clear();
        }

        _cancelActivity = _cancelled.Count > 0 || _skippedCancelled.Count > 0;
        return false;
    }

    private static bool IsAfter(long time, long sequence, long otherTime, long otherSequence) =>
        time > otherTime || (time == otherTime && sequence > otherSequence);

    internal EventHandle Enqueue(long time, Action<Simulation, object?> handler, object? state)
    {
        unchecked
        {
            long sequence = _nextSequence++;
            _calendar.Push(new CalendarEntry { Time = time, Sequence = sequence, Handler = handler, State = state });
            return new EventHandle(time, sequence);
        }
    }

    internal void Fault(Exception exception)
    {
        _fault ??= exception;
        _stopRequested = true;
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            _fault = null;
            throw fault;
        }
    }
}
