using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Cli;

/// <summary>The merge command: the outputs of a single run, from the records of its shards.</summary>
internal static partial class Commands
{
    private static Command BuildMerge(TextWriter stdout, TextWriter stderr, Option<bool> verbose, CancellationToken interrupt)
    {
        var dirs = new Argument<DirectoryInfo[]>("DIR")
        {
            Description = "The output folders of the shards (each with manifest.json and records.parquet), in any order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outDir = new Option<DirectoryInfo?>("--out", "-o") { Description = "Output folder (default: the single run's, out/<scenario name>[-sweep|-study|-plan])." };
        var scenarioOpt = new Option<FileInfo?>("--scenario")
        {
            Description = "The scenario file, checked against the manifests' SHA-256 (default: the scenario text the manifests carry).",
        };
        var noCharts = new Option<bool>("--no-charts") { Description = "Skip the PNG charts (run, study and plan)." };
        var records = RecordsOption();
        var cmd = new Command("merge", "Merge the shards of a run, sweep, study or exhaustive plan (--shard i/n): check that every row is there once and every manifest agrees, then write the single run's outputs, byte for byte.")
        {
            dirs, outDir, scenarioOpt, noCharts, records,
        };
        cmd.SetAction(parse => Guard(stderr, parse.GetValue(verbose), () =>
            Merge(stdout, stderr, parse.GetValue(dirs) ?? [], parse.GetValue(outDir), parse.GetValue(scenarioOpt), !parse.GetValue(noCharts), parse.GetValue(records), interrupt)));
        return cmd;
    }

    private static int Merge(TextWriter stdout, TextWriter stderr, DirectoryInfo[] dirs, DirectoryInfo? outDir, FileInfo? scenarioFile, bool charts,
        FileInfo? recordsFile, CancellationToken interrupt)
    {
        var problems = new List<string>();
        var shards = new List<(string Dir, ShardManifest Manifest)>();
        foreach (DirectoryInfo dir in dirs)
        {
            string path = Path.Combine(dir.FullName, ManifestName);
            if (!File.Exists(path))
            {
                problems.Add($"{dir.FullName}: no {ManifestName} (not the output folder of a `--shard` run).");
                continue;
            }

            try
            {
                shards.Add((dir.FullName, JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), ShardManifest.JsonOptions)
                    ?? throw new JsonException("the file is empty.")));
            }
            catch (JsonException ex)
            {
                problems.Add($"{path}: not a shard manifest: {ex.Message}");
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(CheckShards(shards, scenarioFile));
        }

        if (problems.Count == 0 && shards[0].Manifest.Command == "plan")
        {
            return MergePlan(stdout, stderr, shards, outDir, charts, recordsFile, interrupt);
        }

        // Read every shard's records before anything is written, so a bad file is one more problem on the list.
        RowRecord[] rows = [];
        SearchResult?[]? searches = null;
        YearSearches[]? capacityRows = null;
        Scenario? scenario = null;
        if (problems.Count == 0)
        {
            ShardManifest first = shards[0].Manifest;
            scenario = ScenarioLoader.Parse(first.Scenario, first.ScenarioFile);
            int years = scenario.Simulation.Years;
            int projectionRows = ProjectionRows(first, scenario);
            rows = new RowRecord[projectionRows];
            if (first.CapacityRecords is not null)
            {
                capacityRows = ReadCapacityRows(shards, scenario, RunInfoFrom(first).CapacityReplications ?? 0, problems);
            }

            foreach ((string dir, ShardManifest m) in shards)
            {
                string path = Path.Combine(dir, m.Records);
                if (ReadShardFile(path, "records", ShardRecords.Read, problems) is not { } read)
                {
                    continue;
                }

                int[] listed = [.. m.Rows.Where(r => r < projectionRows)];
                if (!read.Select(r => r.Record.Row.Index).SequenceEqual(listed))
                {
                    problems.Add($"{path}: its rows are not the {listed.Length} rows its manifest lists.");
                    continue;
                }

                foreach ((RowRecord record, SearchResult?[]? found) in read)
                {
                    rows[record.Row.Index] = record;
                    if (found is not null)
                    {
                        searches ??= new SearchResult?[rows.Length * years];
                        Array.Copy(found, 0, searches, record.Row.Index * years, years);
                    }
                }
            }
        }

        if (problems.Count > 0)
        {
            return CannotMerge(stderr, problems);
        }

        ShardManifest m0 = shards[0].Manifest;
        RunInfo info = RunInfoFrom(m0);
        stdout.WriteLine(string.Create(Inv, $"Merging {shards.Count} shard(s) of {m0.CommandLine}: {rows.Length} rows."));
        switch (info.Command)
        {
            case "run":
            {
                var options = new ProjectionOptions
                {
                    Replications = info.Replications,
                    Seed = info.Seed,
                    MaxThreads = Environment.ProcessorCount,
                    Capacity = info.Capacity ? CapacityOptionsOf(info.CapacityReplications) : null,
                };
                using OutputFolder output = OutputFolder.Prepare(outDir?.FullName ?? OutputFolder.DefaultFor(scenario!.Name), ("--records", recordsFile?.FullName));
                return Run(stdout, stderr, scenario!, options, output, charts, info, recordsFile, rows, interrupt, mergedCapacity: capacityRows);
            }

            case "sweep":
            {
                var options = new ProjectionOptions { Replications = info.Replications, Seed = info.Seed, MaxThreads = Environment.ProcessorCount };
                List<SweepParameter> parameters = [.. info.Vary.Select(SweepParameter.Parse)];
                using OutputFolder output = OutputFolder.Prepare(outDir?.FullName ?? OutputFolder.DefaultFor(scenario!.Name, "-sweep"), ("--records", recordsFile?.FullName));
                return RunSweep(stdout, stderr, scenario!, parameters, options, output, info, recordsFile, rows, interrupt);
            }

            default:
            {
                var options = new StudyOptions
                {
                    Samples = info.Samples,
                    Replications = info.Replications,
                    Seed = info.Seed,
                    MaxThreads = Environment.ProcessorCount,
                    Capacity = info.Capacity ? StudyOptions.DefaultCapacity : null,
                };
                CheckStudy(scenario!, options, m0.ScenarioFile);
                using OutputFolder output = OutputFolder.Prepare(outDir?.FullName ?? OutputFolder.DefaultFor(scenario!.Name, "-study"), ("--records", recordsFile?.FullName));
                return RunStudy(stdout, stderr, scenario!, options, output, charts, info, recordsFile, (rows, searches), interrupt);
            }
        }
    }

    /// <summary>Reads a shard's file with <paramref name="read"/>; a file it cannot read is one more problem on the list (null).</summary>
    private static T? ReadShardFile<T>(string path, string what, Func<string, T> read, List<string> problems)
        where T : class
    {
        try
        {
            return read(path);
        }
#pragma warning disable CA1031 // Any unreadable file is a problem on the list, whatever the reader throws.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            problems.Add($"{path}: cannot read the {what}: {ex.Message}");
            return null;
        }
    }

    private static int CannotMerge(TextWriter stderr, List<string> problems)
    {
        stderr.WriteLine($"error: cannot merge ({problems.Count} problem(s)); nothing was written:");
        foreach (string p in problems)
        {
            stderr.WriteLine("  " + p);
        }

        return Program.InvalidInput;
    }

    /// <summary>
    /// Merges the shards of an exhaustive plan: reads every (plan, sample) row, checks each against the design, then
    /// finishes the plan as a whole run does — its choice from the rows, its confirmation and projection simulated here.
    /// </summary>
    private static int MergePlan(TextWriter stdout, TextWriter stderr, List<(string Dir, ShardManifest Manifest)> shards, DirectoryInfo? outDir, bool charts,
        FileInfo? recordsFile, CancellationToken interrupt)
    {
        if (recordsFile is not null)
        {
            throw new UsageException("--records: a plan's rows are (plan, sample) evaluations, not per-year records; merge a plan without --records.");
        }

        ShardManifest m0 = shards[0].Manifest;
        Scenario scenario = ScenarioLoader.Parse(m0.Scenario, m0.ScenarioFile);
        RunInfo read = RunInfoFrom(m0);
        var options = new PlanOptions { Samples = read.Samples, ConfirmSamples = read.ConfirmSamples, Seed = read.Seed, MaxThreads = Environment.ProcessorCount };
        CheckPlan(scenario, options, m0.ScenarioFile);
        (IReadOnlyList<ulong> masks, int samples) = Planner.ShardDesign(scenario, options);
        (int first, int last) = PlanRules.CheckedYears(scenario.Plan!);
        var problems = new List<string>();
        if (masks.Count * samples != m0.RowCount)
        {
            problems.Add(string.Create(Inv, $"the manifests list {m0.RowCount} rows, but the scenario's exhaustive plan has {masks.Count} plans × {samples} samples."));
        }

        var rows = new PlanEvaluator.SampleResult[problems.Count == 0 ? m0.RowCount : 0];
        foreach ((string dir, ShardManifest m) in problems.Count == 0 ? shards : [])
        {
            string path = Path.Combine(dir, m.Records);
            if (ReadShardFile(path, "records", PlanShardRecords.Read, problems) is not { } found)
            {
                continue;
            }

            if (!found.Select(r => r.Index).SequenceEqual(m.Rows))
            {
                problems.Add($"{path}: its rows are not the {m.Rows.Count} rows its manifest lists.");
                continue;
            }

            foreach ((int index, ulong mask, int sample, PlanEvaluator.SampleResult result) in found)
            {
                if (mask != masks[index / samples] || sample != index % samples || result.ServiceTons.Length != last - first + 1)
                {
                    problems.Add(string.Create(Inv, $"{path}: row {index} is not plan {masks[index / samples]} in sample {index % samples} of this scenario's design."));
                    break;
                }

                rows[index] = result;
            }
        }

        if (problems.Count > 0)
        {
            return CannotMerge(stderr, problems);
        }

        RunInfo info = PlanInfoOf(new ScenarioSource(m0.ScenarioFile, m0.ScenarioSha256, m0.Scenario), scenario, options);
        stdout.WriteLine(string.Create(Inv, $"Merging {shards.Count} shard(s) of {m0.CommandLine}: {rows.Length} rows ({masks.Count} plans × {samples} samples); the chosen plan's confirmation and projection are simulated here."));
        using OutputFolder output = OutputFolder.Prepare(outDir?.FullName ?? OutputFolder.DefaultFor(scenario.Name, "-plan"));
        return RunPlan(stdout, stderr, scenario, options, output, charts, info, rows, interrupt);
    }

    /// <summary>Every reason the shards do not make up one run: disagreeing manifests, shards given twice or missing, a scenario that does not match.</summary>
    private static List<string> CheckShards(List<(string Dir, ShardManifest Manifest)> shards, FileInfo? scenarioFile)
    {
        var problems = new List<string>();
        (string dir0, ShardManifest m0) = shards[0];
        foreach ((string dir, ShardManifest m) in shards)
        {
            if (m.ManifestVersion != ManifestVersion)
            {
                problems.Add(string.Create(Inv, $"{dir}: manifest version {m.ManifestVersion}; this corridorsim reads version {ManifestVersion}."));
                continue;
            }

            void Differs(string what, object? value, object? expected)
            {
                if (!Equals(value, expected))
                {
                    problems.Add(string.Create(Inv, $"{dir}: {what} is {value}, but {expected} in {dir0}."));
                }
            }

            Differs("the corridorsim version", m.CorridorSimVersion, m0.CorridorSimVersion);
            Differs("the scenario's SHA-256", m.ScenarioSha256, m0.ScenarioSha256);
            Differs("the seed", m.Seed, m0.Seed);
            Differs("the design", $"`{m.CommandLine}`", $"`{m0.CommandLine}`");
            Differs("the number of shards", m.Shards, m0.Shards);
            Differs("the number of rows", m.RowCount, m0.RowCount);
            if (Sha256(Encoding.UTF8.GetBytes(m.Scenario)) != m.ScenarioSha256)
            {
                problems.Add($"{dir}: the scenario text in {ManifestName} does not match its SHA-256 (the manifest was edited).");
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        int n = m0.Shards;
        foreach (IGrouping<int, (string Dir, ShardManifest Manifest)> same in shards.GroupBy(s => s.Manifest.Shard).Where(g => g.Count() > 1).OrderBy(g => g.Key))
        {
            problems.Add(string.Create(Inv, $"shard {same.Key}/{n} is duplicated: {string.Join(", ", same.Select(s => s.Dir))}."));
        }

        foreach (int missing in Enumerable.Range(0, n).Except(shards.Select(s => s.Manifest.Shard)))
        {
            int[] lost = [.. Enumerable.Range(0, m0.RowCount).Where(r => r % n == missing)];
            problems.Add(string.Create(Inv, $"shard {missing}/{n} is missing (rows {string.Join(", ", lost.Take(5))}{(lost.Length > 5 ? ", …" : "")})."));
        }

        foreach ((string dir, ShardManifest m) in shards)
        {
            if (m.Shard < 0 || m.Shard >= n || !m.Rows.SequenceEqual(Enumerable.Range(0, m0.RowCount).Where(r => r % n == m.Shard)))
            {
                problems.Add(string.Create(Inv, $"{dir}: shard {m.Shard}/{n} does not hold its rows (rows {m.Shard}, {m.Shard + n}, … of {m0.RowCount})."));
            }
        }

        if (scenarioFile is not null)
        {
            if (!scenarioFile.Exists)
            {
                problems.Add($"--scenario: file not found: '{scenarioFile.FullName}'.");
            }
            else if (Sha256(File.ReadAllBytes(scenarioFile.FullName)) != m0.ScenarioSha256)
            {
                problems.Add($"--scenario '{scenarioFile.FullName}' is not the scenario the shards ran ({m0.ScenarioFile}, SHA-256 {m0.ScenarioSha256}).");
            }
        }

        return problems;
    }

    /// <summary>The run metadata a manifest records, read back from its normalised arguments.</summary>
    private static RunInfo RunInfoFrom(ShardManifest m)
    {
        var source = new ScenarioSource(m.ScenarioFile, m.ScenarioSha256, m.Scenario);
        var vary = new List<string>();
        int replications = 0;
        int? samples = null, confirmSamples = null, capacityReplications = null;
        bool noCapacity = false;
        List<string> a = m.Arguments;
        for (int i = 2; i < a.Count; i++)
        {
            switch (a[i])
            {
                case "--vary": vary.Add(a[++i]); break;
                case "--samples": samples = int.Parse(a[++i], CultureInfo.InvariantCulture); break;
                case "--confirm-samples": confirmSamples = int.Parse(a[++i], CultureInfo.InvariantCulture); break;
                case "--replications": replications = int.Parse(a[++i], CultureInfo.InvariantCulture); break;
                case "--seed": i++; break;
                case "--capacity-replications": capacityReplications = int.Parse(a[++i], CultureInfo.InvariantCulture); break;
                case "--no-capacity": noCapacity = true; break;
                default: throw new UsageException($"{ManifestName}: unknown argument '{a[i]}' in `{m.CommandLine}`.");
            }
        }

        bool capacity = m.Command == "study" ? !noCapacity : capacityReplications is not null;
        return new RunInfo(m.Command, source, m.Seed, replications, samples, capacity, capacityReplications, vary) { ConfirmSamples = confirmSamples };
    }
}
