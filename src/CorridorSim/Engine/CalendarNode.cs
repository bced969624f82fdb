using System.Runtime.CompilerServices;

namespace CorridorSim.Engine;

/// <summary>
/// One pending event in the calendar's node pool, from the moment it is scheduled until it runs. Only its index moves
/// between the calendar's structures: moving the references would cost a GC write barrier each.
/// </summary>
internal struct CalendarNode
{
    /// <summary>The index that names no node (the end of a list).</summary>
    public const int None = -1;

    public long Time;
    public long Sequence;
    public int Next; // the next node of its bucket list, or of the free list
    public Action<Simulation, object?> Handler;
    public object? State;
}

/// <summary>A reference-free sort key of a node in the window being drained.</summary>
internal struct CalendarKey
{
    public long Time;
    public long Sequence;
    public int Node;

    /// <summary>Whether <paramref name="a"/> runs before <paramref name="b"/>: (time, sequence) order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Less(in CalendarKey a, in CalendarKey b) =>
        (a.Time < b.Time) | ((a.Time == b.Time) & (a.Sequence < b.Sequence)); // no short-circuit: no branches
}
