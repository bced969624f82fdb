using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>
/// The return type of a process body written for the engine: <c>async ProcessTask Body(SimProcess p)</c>, or any
/// <c>async p =&gt; …</c> lambda given to <see cref="Simulation.Start(Func{SimProcess, ProcessTask}, string?)"/>.
/// </summary>
/// <remarks>
/// <para>
/// A process body returning <see cref="Task"/> works too, but each of its awaits goes through the task machinery of
/// .NET: a continuation delegate, the async method's task object and an execution-context check on every resumption.
/// A <see cref="ProcessTask"/> body keeps its state machine in one engine object that the process resumes directly, so
/// a resumption touches two objects (the process and its state machine) instead of four, and allocates nothing.
/// </para>
/// <para>
/// A <see cref="ProcessTask"/> is not awaitable: it is only the handle through which <see cref="Simulation.Start(Func{SimProcess, ProcessTask}, string?)"/>
/// follows the body. Helper methods awaited inside a process body (<c>await port.Handle(p)</c>) return
/// <see cref="Task"/>, as before.
/// </para>
/// </remarks>
[AsyncMethodBuilder(typeof(ProcessTaskMethodBuilder))]
public readonly struct ProcessTask
{
    internal ProcessTask(ProcessBox? box, Exception? exception)
    {
        Box = box;
        Exception = exception;
    }

    /// <summary>The body's state machine when it suspended at least once; null when it ran to its end at once.</summary>
    internal ProcessBox? Box { get; }

    /// <summary>The exception that ended a body that never suspended, or null.</summary>
    internal Exception? Exception { get; }
}

/// <summary>
/// The async method builder of <see cref="ProcessTask"/>. The C# compiler calls it; user code does not.
/// </summary>
/// <remarks>
/// On the first await that suspends, the body's state machine moves into a <see cref="ProcessBox{TStateMachine}"/>;
/// a simulation awaitable then hands that box to its process (no delegate), any other awaiter gets the box's
/// <c>MoveNext</c> as an <see cref="Action"/>. Nothing captures or restores an execution context.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ProcessTaskMethodBuilder
{
    private ProcessBox? _box;
    private Exception? _exception;

    /// <summary>Creates a builder (called by the compiler).</summary>
    public static ProcessTaskMethodBuilder Create() => default;

    /// <summary>The body's handle (called by the compiler once the body first suspends or ends).</summary>
    public readonly ProcessTask Task => new(_box, _exception);

    /// <summary>Runs the body up to its first suspension (called by the compiler).</summary>
    /// <typeparam name="TStateMachine">The compiler-generated state machine.</typeparam>
    /// <param name="stateMachine">The state machine.</param>
    public readonly void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    /// <summary>Not used: the state machine is boxed by the builder itself.</summary>
    /// <param name="stateMachine">Ignored.</param>
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Marks the body completed (called by the compiler).</summary>
    public readonly void SetResult()
    {
        if (_box is { } box)
        {
            box.IsCompleted = true;
        }
    }

    /// <summary>Marks the body failed with <paramref name="exception"/> (called by the compiler).</summary>
    /// <param name="exception">The exception that left the body.</param>
    public void SetException(Exception exception)
    {
        if (_box is { } box)
        {
            box.Exception = exception;
            box.IsCompleted = true;
        }
        else
        {
            _exception = exception;
        }
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

/// <summary>The heap home of a suspended <see cref="ProcessTask"/> body's state machine.</summary>
internal abstract class ProcessBox
{
    private Action? _moveNextAction;

    /// <summary>Whether the body has returned or thrown.</summary>
    internal bool IsCompleted;

    /// <summary>The exception that ended the body, or null.</summary>
    internal Exception? Exception;

    /// <summary><see cref="MoveNext"/> as a delegate, for awaiters that are not the engine's (created once).</summary>
    internal Action MoveNextAction => _moveNextAction ??= MoveNext;

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
