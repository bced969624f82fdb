namespace CorridorSim.Engine;

/// <summary>
/// A continuous level between 0 and <see cref="Capacity"/>: tons in a yard, oil in a tank farm.
/// Puts wait until the amount fits, gets until the amount is there, each queue first come first served
/// (a blocked head blocks those behind it). Level watchers wait until the level is at least or at most a value.
/// </summary>
public sealed class Container : IWaitSource
{
    private readonly Simulation _simulation;
    private readonly List<Pending> _puts = [];
    private readonly List<Pending> _gets = [];
    private readonly List<Pending> _watchers = [];
    private readonly TimeWeighted _level;

    private struct Pending
    {
        public SimProcess Process;
        public double Amount;
        public bool AtLeast;
    }

    /// <summary>Creates a container.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="capacity">The largest level (same unit as the amounts, e.g. tons); positive, may be <see cref="double.PositiveInfinity"/>.</param>
    /// <param name="initialLevel">The level at the start, within [0, capacity].</param>
    /// <param name="name">A name for messages and reports.</param>
    public Container(Simulation simulation, double capacity, double initialLevel = 0, string name = "container")
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (double.IsNaN(capacity) || capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");
        }

        if (!double.IsFinite(initialLevel) || initialLevel < 0 || initialLevel > capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"The initial level must be within [0, {capacity}].");
        }

        _simulation = simulation;
        Capacity = capacity;
        Level = initialLevel;
        Name = name;
        _level = new TimeWeighted(simulation.Now, initialLevel);
    }

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>The largest level.</summary>
    public double Capacity { get; private set; }

    /// <summary>The current level.</summary>
    public double Level { get; private set; }

    /// <summary>The time-average level since the last <see cref="ResetStatistics"/>.</summary>
    public double MeanLevel => _level.Mean(_simulation.Now);

    /// <summary>The highest level seen since the last <see cref="ResetStatistics"/>.</summary>
    public double MaxLevel => _level.Max;

    /// <summary>Processes waiting to put.</summary>
    public int WaitingPuts => _puts.Count;

    /// <summary>Processes waiting to get.</summary>
    public int WaitingGets => _gets.Count;

    /// <summary>Restarts the statistics at the current instant.</summary>
    public void ResetStatistics() => _level.Reset(_simulation.Now);

    /// <summary>Changes the capacity (a yard extension); waiting puts that now fit proceed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive or below the current level.</exception>
    public void SetCapacity(double capacity)
    {
        if (double.IsNaN(capacity) || capacity <= 0 || capacity < Level)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"The capacity must be positive and at least the current level {Level}.");
        }

        Capacity = capacity;
        Settle();
    }

    /// <summary>Adds <paramref name="amount"/> at once if it fits and no put is waiting; for event-scheduled models.</summary>
    /// <returns>Whether the amount was added.</returns>
    public bool TryPut(double amount)
    {
        CheckAmount(amount);
        if (_puts.Count > 0 || Level + amount > Capacity)
        {
            return false;
        }

        SetLevel(Level + amount);
        Settle();
        return true;
    }

    /// <summary>Removes <paramref name="amount"/> at once if it is there and no get is waiting; for event-scheduled models.</summary>
    /// <returns>Whether the amount was removed.</returns>
    public bool TryGet(double amount)
    {
        CheckAmount(amount);
        if (_gets.Count > 0 || Level < amount)
        {
            return false;
        }

        SetLevel(Level - amount);
        Settle();
        return true;
    }

    internal bool PutFor(SimProcess process, double amount)
    {
        CheckAmount(amount);
        if (amount > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Container '{Name}': the amount exceeds the capacity {Capacity} and could never fit.");
        }

        if (TryPut(amount))
        {
            return true;
        }

        process.BeginWait(this);
        _puts.Add(new Pending { Process = process, Amount = amount });
        return false;
    }

    internal bool GetFor(SimProcess process, double amount)
    {
        CheckAmount(amount);
        if (amount > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Container '{Name}': the amount exceeds the capacity {Capacity} and could never be there.");
        }

        if (TryGet(amount))
        {
            return true;
        }

        process.BeginWait(this);
        _gets.Add(new Pending { Process = process, Amount = amount });
        return false;
    }

    internal bool WaitLevelFor(SimProcess process, double level, bool atLeast)
    {
        if (double.IsNaN(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be a number.");
        }

        if (atLeast ? Level >= level : Level <= level)
        {
            return true;
        }

        process.BeginWait(this);
        _watchers.Add(new Pending { Process = process, Amount = level, AtLeast = atLeast });
        return false;
    }

    void IWaitSource.CancelWait(SimProcess process)
    {
        if (RemoveFrom(_puts, process) || RemoveFrom(_gets, process) || RemoveFrom(_watchers, process))
        {
            Settle();
            return;
        }

        // A put or get completed but not yet delivered stays done: the material has moved, as it would have
        // had the interrupt come a moment later. The process learns of the interrupt at its await.
    }

    private static bool RemoveFrom(List<Pending> list, SimProcess process)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Process == process)
            {
                list.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    private static void CheckAmount(double amount)
    {
        if (!double.IsFinite(amount) || amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The amount must be finite and not negative.");
        }
    }

    private void SetLevel(double level) => _level.Update(_simulation.Now, Level = level);

    /// <summary>Serves waiting gets and puts until neither can proceed, then wakes satisfied level watchers.</summary>
    private void Settle()
    {
        bool progress = true;
        while (progress)
        {
            progress = false;
            while (_gets.Count > 0 && Level >= _gets[0].Amount)
            {
                Pending g = _gets[0];
                _gets.RemoveAt(0);
                SetLevel(Level - g.Amount);
                g.Process.ScheduleResume();
                progress = true;
            }

            while (_puts.Count > 0 && Level + _puts[0].Amount <= Capacity)
            {
                Pending p = _puts[0];
                _puts.RemoveAt(0);
                SetLevel(Level + p.Amount);
                p.Process.ScheduleResume();
                progress = true;
            }
        }

        for (int i = 0; i < _watchers.Count; i++)
        {
            Pending w = _watchers[i];
            if (w.AtLeast ? Level >= w.Amount : Level <= w.Amount)
            {
                _watchers.RemoveAt(i--);
                w.Process.ScheduleResume();
            }
        }
    }
}
