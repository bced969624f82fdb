using CorridorSim.Engine;

namespace CorridorSim.Experiments;

/// <summary>Resampling with replacement for the percentile bootstrap (Efron 1979), from named streams.</summary>
internal static class Bootstrap
{
    /// <summary>
    /// Replicate <paramref name="replicate"/>'s resample of n rows: n indices drawn uniformly from 0 … n − 1 by
    /// <c>NextInt64(n)</c> of stream (<paramref name="seed"/>, <paramref name="streamName"/>, <paramref name="replicate"/>).
    /// </summary>
    internal static int[] Resample(int n, ulong seed, string streamName, int replicate)
    {
        RandomStream stream = RandomStream.Create(seed, streamName, replicate);
        var rows = new int[n];
        for (int t = 0; t < n; t++)
        {
            rows[t] = (int)stream.NextInt64(n);
        }

        return rows;
    }

    /// <summary>Throws unless <paramref name="bootstrap"/> (the number of replicates) is 0 or more.</summary>
    internal static void CheckCount(int bootstrap)
    {
        if (bootstrap < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bootstrap), bootstrap, $"The number of bootstrap replicates must be 0 or more (0: no intervals); it is {bootstrap}.");
        }
    }
}
