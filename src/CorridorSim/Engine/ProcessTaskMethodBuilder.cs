using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>
/// The async method builder of <see cref="ProcessTask"/>. The C# compiler calls it; user code does not.
/// </summary>
/// <remarks>
/// Calling the body runs none of its code: the state machine moves into a <see cref="ProcessBox{TStateMachine}"/>,
/// which <see cref="Simulation.Start"/> keeps and first runs at the process's
/// start event. At each await that suspends, a simulation awaitable hands the box to its process (no delegate); any
/// other awaiter gets the box's <c>MoveNext</c> as an <see cref="Action"/>. Nothing captures or restores an execution
/// context.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ProcessTaskMethodBuilder
{
    private ProcessBox? _box;

    /// <summary>Creates a builder (called by the compiler).</summary>
    public static ProcessTaskMethodBuilder Create() => default;

    /// <summary>The body's handle (called by the compiler right after <see cref="Start{TStateMachine}(ref TStateMachine)"/>).</summary>
    public readonly ProcessTask Task => new(_box!);

    /// <summary>
    /// Prepares the body (called by the compiler when the body is called): moves its state machine into a box and
    /// runs nothing. The process runs the body from its start event on, so calling the body at
    /// <see cref="Simulation.Start"/> allocates the box next to its process.
    /// </summary>
    /// <typeparam name="TStateMachine">The compiler-generated state machine.</typeparam>
    /// <param name="stateMachine">The state machine.</param>
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => GetBox(ref stateMachine);

    /// <summary>Not used: the state machine is boxed by the builder itself.</summary>
    /// <param name="stateMachine">Ignored.</param>
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Marks the body completed (called by the compiler).</summary>
    public readonly void SetResult() => _box!.IsCompleted = true;

    /// <summary>Marks the body failed with <paramref name="exception"/> (called by the compiler).</summary>
    /// <param name="exception">The exception that left the body.</param>
    public readonly void SetException(Exception exception)
    {
        ProcessBox box = _box!; // Start created it: the body only runs from its box
        box.Exception = exception;
        box.IsCompleted = true;
    }

    /// <summary>Suspends the body at an await of an <see cref="INotifyCompletion"/> awaiter (called by the compiler).</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The compiler-generated state machine.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine.</param>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(GetBox(ref stateMachine).MoveNextAction);

    /// <summary>Suspends the body at an await of an <see cref="ICriticalNotifyCompletion"/> awaiter (called by the compiler).</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The compiler-generated state machine.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine.</param>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine
    {
        ProcessBox box = GetBox(ref stateMachine);
        if (SimAwaiter<TAwaiter>.Is)
        {
            // A simulation awaiter: its process resumes the box directly. Read through its only field, without
            // boxing the awaiter (an interface cast would box it until the JIT optimises this method).
            Unsafe.As<TAwaiter, AwaiterCore>(ref awaiter).Process.Suspend(box);
        }
        else
        {
            awaiter.UnsafeOnCompleted(box.MoveNextAction);
        }
    }

    private ProcessBox GetBox<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        if (_box is { } existing)
        {
            return existing;
        }

        // This builder lives inside the state machine: setting the box first makes the copy moved into the box
        // know its box too.
        var box = new ProcessBox<TStateMachine>();
        _box = box;
        box.StateMachine = stateMachine;
        return box;
    }
}

/// <summary>Marks the engine's awaiters, each a struct whose only field is an <see cref="AwaiterCore"/>.</summary>
internal interface ISimAwaiter
{
}

/// <summary>Whether <typeparamref name="TAwaiter"/> is one of the engine's awaiters (decided once per type).</summary>
/// <typeparam name="TAwaiter">An awaiter type.</typeparam>
internal static class SimAwaiter<TAwaiter>
{
    /// <summary>True for the engine's awaiters; their layout is then that of <see cref="AwaiterCore"/>.</summary>
    public static readonly bool Is =
        typeof(TAwaiter).IsValueType && typeof(ISimAwaiter).IsAssignableFrom(typeof(TAwaiter)) &&
        Unsafe.SizeOf<TAwaiter>() == Unsafe.SizeOf<AwaiterCore>();
}
