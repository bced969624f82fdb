using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;

namespace CorridorSim.Cli;

/// <summary>
/// The shards of <c>run --capacity</c>: the design's rows are the replications, then one capacity row per simulated
/// year (that year's searches in every capacity replication and its bottleneck counterfactuals, which are chosen
/// from those searches, so they go together).
/// </summary>
internal static partial class Commands
{
    /// <summary>Runs shard <paramref name="shard"/> of a run with capacity and writes its records, capacity rows and manifest.</summary>
    private static int RunCapacityShard(TextWriter stdout, TextWriter stderr, RunInfo info, ShardSpec shard, Scenario scenario, ProjectionOptions options,
        CapacityOptions search, OutputFolder output, FileInfo? recordsFile, CancellationToken interrupt)
    {
        ScenarioDesign design = Projection.Design(scenario, options);
        int replications = design.Rows.Count, years = scenario.Simulation.Years, rowCount = replications + years;
        int[] mine = [.. Enumerable.Range(0, rowCount).Where(r => r % shard.Count == shard.Index)];
        Row[] rows = [.. mine.Where(r => r < replications).Select(r => design.Rows[r])];
        int[] capacityRows = [.. mine.Where(r => r >= replications)];
        int[] yearIndices = [.. capacityRows.Select(r => r - replications)];
        stdout.WriteLine(string.Create(Inv,
            $"Shard {shard.Index}/{shard.Count} of {info.CommandLine}: {mine.Length} of {rowCount} rows ({rows.Length} replications, capacity searches of {yearIndices.Length} year(s))."));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            int steps = rows.Length + CapacityStudy.Steps(scenario, search, yearIndices.Length);
            (RowRecord[] records, YearSearches[] searches) = RunWithProgress(Console(stdout), stdout, "replications and capacity searches", steps, progress =>
            {
                RowRecord[] done = Runner.Run(design, rows, options.MaxThreads, progress, interrupt, keepStopped: true);
                YearSearches[] found = CapacityStudy.RunYears(scenario, options.Seed ?? scenario.Simulation.Seed, search, yearIndices, options.MaxThreads, new OffsetProgress(progress, rows.Length), interrupt);
                return (done, found);
            });
            clock.Stop();
            interrupt.ThrowIfCancellationRequested();
            ShardRecords.Write(output.File(ShardRecordsName), records, null, years);
            CapacityShardRecords.Write(output.File(CapacityShardRecords.FileName), capacityRows, searches);
            WriteManifest(output, info, shard, rowCount, mine, clock.Elapsed.TotalSeconds, CapacityShardRecords.FileName);
            interrupt.ThrowIfCancellationRequested();
            output.Commit();
            if (recordsFile is not null)
            {
                RecordsTable.Write(recordsFile.FullName, records, null, years, null);
            }
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Interrupted(stderr, output, [ShardRecordsName, CapacityShardRecords.FileName, ManifestName]);
        }

        stdout.WriteLine(string.Create(Inv, $"Wrote {string.Join(", ", output.Written)} to {output.Target} ({clock.Elapsed.TotalSeconds:F1} s of simulation); merge every shard with `{ToolName} merge`."));
        return Program.Success;
    }

    /// <summary>The replication rows of a run's design: all its rows, less one capacity row per year when it searches capacity.</summary>
    private static int ProjectionRows(ShardManifest m, Scenario scenario) =>
        m.CapacityRecords is null ? m.RowCount : m.RowCount - scenario.Simulation.Years;

    /// <summary>
    /// Reads every shard's capacity rows into one entry per simulated year, adding to <paramref name="problems"/> each
    /// file that cannot be read, holds other rows than its manifest's, or a year or replication count the design does not give.
    /// </summary>
    private static YearSearches[] ReadCapacityRows(List<(string Dir, ShardManifest Manifest)> shards, Scenario scenario, int capacityReplications, List<string> problems)
    {
        SimulationSettings sim = scenario.Simulation;
        int replications = ProjectionRows(shards[0].Manifest, scenario);
        var years = new YearSearches[sim.Years];
        foreach ((string dir, ShardManifest m) in shards)
        {
            if (m.CapacityRecords is null)
            {
                problems.Add($"{Path.Combine(dir, ManifestName)}: names no capacity records, but the run searched capacity.");
                continue;
            }

            string path = Path.Combine(dir, m.CapacityRecords);
            if (ReadShardFile(path, "capacity rows", CapacityShardRecords.Read, problems) is not { } read)
            {
                continue;
            }

            if (!read.Select(r => r.Index).SequenceEqual(m.Rows.Where(r => r >= replications)))
            {
                problems.Add($"{path}: its capacity rows are not the ones its manifest lists.");
                continue;
            }

            foreach ((int index, YearSearches found) in read)
            {
                int year = sim.StartYear + index - replications;
                if (found.Year != year || found.Baseline.Count != capacityReplications || found.Relieved.Count != found.Candidates.Count * capacityReplications)
                {
                    problems.Add(string.Create(Inv, $"{path}: row {index} is not the capacity searches of {year} in {capacityReplications} replication(s) of this scenario's design."));
                    break;
                }

                years[index - replications] = found;
            }
        }

        return years;
    }
}
