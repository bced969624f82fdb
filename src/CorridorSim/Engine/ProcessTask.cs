using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>
/// The return type of a process body written for the engine: <c>async ProcessTask Body(SimProcess p)</c>, or any
/// <c>async p =&gt; …</c> lambda given to <see cref="Simulation.Start"/>.
/// </summary>
/// <remarks>
/// <para>
/// The only process body type: a body keeps its state machine in one engine object that the process resumes directly,
/// so a resumption touches two objects (the process and its state machine) and allocates nothing, where a
/// <see cref="Task"/> goes through a continuation delegate, the task object and an execution-context check. One body
/// type also keeps <c>Start(async p =&gt; …)</c> unambiguous in every C# version; a <see cref="Task"/>-returning method
/// becomes a process as <c>Start(async p =&gt; await Method(p))</c>.
/// </para>
/// <para>
/// A <see cref="ProcessTask"/> is not awaitable: it is only the handle through which <see cref="Simulation.Start"/>
/// follows the body. Calling a <see cref="ProcessTask"/> method runs none of its code: the body runs only as a
/// process, from its start event, when the method (or a lambda) is given to <c>Start</c>. Helper methods awaited
/// inside a process body (<c>await port.Handle(p)</c>) return <see cref="Task"/>.
/// </para>
/// </remarks>
[AsyncMethodBuilder(typeof(ProcessTaskMethodBuilder))]
public readonly struct ProcessTask
{
    internal ProcessTask(ProcessBox box) => Box = box;

    /// <summary>The body's state machine, not yet run; null for <c>default(ProcessTask)</c> (a body that does nothing).</summary>
    internal ProcessBox? Box { get; }
}
