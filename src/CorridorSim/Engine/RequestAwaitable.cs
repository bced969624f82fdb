using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

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
