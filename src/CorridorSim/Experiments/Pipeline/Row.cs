namespace CorridorSim.Experiments;

/// <summary>
/// One simulation of a design, and everything that makes it reproducible: its random streams derive from
/// (<paramref name="Seed"/>, <paramref name="Replication"/>) only, so the row gives the same record on any thread,
/// machine or shard.
/// </summary>
/// <param name="Index">Position in the design's rows, 0-based; records and analyses keep this order.</param>
/// <param name="Variant">The scenario alternative (a sweep grid point; a projection has one).</param>
/// <param name="Sample">The uncertainty sample; 0 until a design draws samples.</param>
/// <param name="Replication">The replication index passed to <see cref="Corridor.CorridorModel.CreateRun"/>.</param>
/// <param name="Seed">The master seed passed to <see cref="Corridor.CorridorModel.CreateRun"/>.</param>
internal sealed record Row(int Index, int Variant, int Sample, int Replication, ulong Seed);
