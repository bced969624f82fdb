namespace CorridorSim.Tests.Experiments;

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class SyncProgress(Action<int> report) : IProgress<int>
{
    public void Report(int value) => report(value);
}
