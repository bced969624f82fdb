using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

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
