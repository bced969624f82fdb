using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

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
