using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>The heap home of a suspended <see cref="ProcessTask"/> body's state machine.</summary>
internal abstract class ProcessBox
{
    private Action? _moveNextAction;

    /// <summary>Whether the body has returned or thrown.</summary>
    internal bool IsCompleted;

    /// <summary>The exception that ended the body, or null.</summary>
    internal Exception? Exception;

    /// <summary>
    /// Whether the engine is resuming the body through an <c>async Task</c> helper's continuation, the one time a
    /// foreign awaiter's completion (the helper's task) may run the body.
    /// </summary>
    internal bool ResumeExpected;

    /// <summary><see cref="MoveNext"/> as a delegate, for awaiters that are not the engine's (created once).</summary>
    internal Action MoveNextAction => _moveNextAction ??= MoveNextIfExpected;

    // Any other completion (Task.Delay, Task.Yield, on another thread) must not run the body: the process fails instead.
    private void MoveNextIfExpected()
    {
        if (ResumeExpected)
        {
            MoveNext();
        }
    }

    /// <summary>Resumes the body.</summary>
    internal abstract void MoveNext();
}

/// <summary>The box of one state machine type.</summary>
/// <typeparam name="TStateMachine">The compiler-generated state machine.</typeparam>
internal sealed class ProcessBox<TStateMachine> : ProcessBox
    where TStateMachine : IAsyncStateMachine
{
    /// <summary>The state machine (a copy of the one the body started on).</summary>
    internal TStateMachine StateMachine = default!;

    internal override void MoveNext() => StateMachine.MoveNext();
}
