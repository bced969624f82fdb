using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CorridorSim.Engine;

/// <summary>
/// Software prefetch: asks the CPU to start loading an object or an array element that the event loop will read a
/// few events from now, so that its cache miss overlaps the current event's work instead of stalling the next one.
/// </summary>
/// <remarks>
/// A prefetch is only a hint: it never faults, reads nothing the program sees and changes no result, so an address
/// made stale by the garbage collector moving the object costs nothing but the wasted hint. On processors without
/// SSE (ARM) every method here compiles to nothing.
/// </remarks>
internal static unsafe class CacheHint
{
    /// <summary>Prefetches the first two cache lines of <paramref name="obj"/> (header and first fields).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Object(object? obj) => Object(obj, 2);

    /// <summary>Prefetches <paramref name="lines"/> cache lines from the start of <paramref name="obj"/> on (it may end sooner: a hint).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Object(object? obj, int lines)
    {
        if (Sse.IsSupported)
        {
            unchecked
            {
                byte* p = (byte*)Unsafe.As<object?, nint>(ref obj);
                for (int i = 0; i < lines; i++)
                {
                    Sse.Prefetch0(p + (i * 64));
                }
            }
        }
    }

    /// <summary>Prefetches the cache line holding <paramref name="location"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Line<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
