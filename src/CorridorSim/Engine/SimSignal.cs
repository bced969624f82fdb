namespace CorridorSim.Engine;

/// <summary>
/// A one-shot signal: processes wait for it (<see cref="SimProcess.Wait"/>, <see cref="SimProcess.WhenAny"/>,
/// <see cref="SimProcess.WhenAll"/>) until someone calls <see cref="Trigger"/>. Waiters resume at the instant
/// of the trigger, in the order they started waiting.
/// </summary>
public sealed class SimSignal
{
    private readonly Simulation _simulation;
    private List<(SimProcess Process, int Token, int Index, bool Any)>? _waiters;

    /// <summary>Creates an untriggered signal.</summary>
    public SimSignal(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
    }

    /// <summary>Whether <see cref="Trigger"/> has been called.</summary>
    public bool IsTriggered { get; private set; }

    /// <summary>When the signal was triggered, or null.</summary>
    public SimTime? TriggeredAt { get; private set; }

    /// <summary>Triggers the signal and wakes its waiters.</summary>
    /// <exception cref="InvalidOperationException">The signal was already triggered.</exception>
    public void Trigger()
    {
        if (IsTriggered)
        {
            throw new InvalidOperationException("The signal has already been triggered.");
        }

        IsTriggered = true;
        TriggeredAt = _simulation.Now;
        List<(SimProcess Process, int Token, int Index, bool Any)>? waiters = _waiters;
        _waiters = null;
        if (waiters is null)
        {
            return;
        }

        foreach ((SimProcess process, int token, int index, bool any) in waiters)
        {
            process.SignalFired(token, index, any);
        }
    }

    internal void TriggerIfNot()
    {
        if (!IsTriggered)
        {
            Trigger();
        }
    }

    internal void AddWaiter(SimProcess process, int token, int index, bool any) =>
        (_waiters ??= []).Add((process, token, index, any));
}
