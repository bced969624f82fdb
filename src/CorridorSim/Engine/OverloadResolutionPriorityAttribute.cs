#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// The C# 13 overload-priority attribute, which .NET 8 does not ship. The compiler recognises it by name, so the
/// net8.0 build of the package steers <c>async p =&gt; …</c> lambdas to the <see cref="CorridorSim.Engine.ProcessTask"/>
/// overload of <see cref="CorridorSim.Engine.Simulation.Start(Func{CorridorSim.Engine.SimProcess, CorridorSim.Engine.ProcessTask}, string?)"/>
/// exactly as the net10.0 build does.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="priority">Higher wins among applicable overloads.</param>
    public OverloadResolutionPriorityAttribute(int priority) => Priority = priority;

    /// <summary>The overload's priority.</summary>
    public int Priority { get; }
}
#endif
