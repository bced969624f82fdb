namespace CorridorSim.Tests.Engine;

/// <summary>
/// Measures what the current thread allocates in a steady-state loop over several consecutive windows, so that a
/// zero-allocation test fails on an allocation the engine makes again and again, not on one the runtime makes once.
/// </summary>
/// <remarks>
/// The runtime now and then allocates on the thread that runs the code under test, outside the engine's control: a CI
/// run of the whole suite once saw 2,544 bytes within one window of 100,000 awaits that allocates nothing when the
/// test runs alone and in three local runs of the whole suite. Tiered compilation promotes methods to optimised code
/// on a timer, at a moment no warm-up count controls, and the promotion can bill a few kilobytes to the thread that
/// runs them (BenchmarkDotNet's memory diagnoser met the same effect: dotnet/BenchmarkDotNet issue 1542). An allocation
/// by the engine itself repeats with the work and shows in every window; so the assertions compare the smallest window
/// with the bound and print every window when they fail.
/// </remarks>
internal static class SteadyStateAllocation
{
    /// <summary>Runs <paramref name="window"/> <paramref name="windows"/> times and returns the bytes this thread allocated in each.</summary>
    public static long[] Measure(Action window, int windows = 3)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 2);
        var bytes = new long[windows];
        for (int i = 0; i < windows; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window();
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return bytes;
    }

    /// <summary>Asserts that at least one window allocated at most <paramref name="maxBytes"/> bytes.</summary>
    public static void AssertAtMost(long[] windows, long maxBytes, string work)
    {
        long smallest = windows.Min();
        Assert.True(
            smallest <= maxBytes,
            $"every window of {work} allocated more than {maxBytes} bytes: {string.Join(", ", windows)} bytes");
    }
}
