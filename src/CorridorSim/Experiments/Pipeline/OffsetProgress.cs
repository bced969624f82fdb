namespace CorridorSim.Experiments;

/// <summary>
/// Reports a later phase's steps after an earlier phase's count, synchronously (<see cref="Progress{T}"/> would
/// post them to the thread pool and lose their order).
/// </summary>
internal sealed class OffsetProgress(IProgress<int> inner, int offset) : IProgress<int>
{
    public void Report(int value) => inner.Report(offset + value);
}
