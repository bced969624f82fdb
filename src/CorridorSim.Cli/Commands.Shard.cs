using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Cli;

/// <summary>Shards (<c>--shard i/n</c>), their manifests, the run metadata of summary.json and <c>--records</c>.</summary>
internal static partial class Commands
{
    /// <summary>The environment variables a batch scheduler sets to a task's index, in the order they are read.</summary>
    public static readonly IReadOnlyList<string> ShardIndexVariables = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX"];

    /// <summary>The name of a shard's manifest in its output folder.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>The name of a shard's records in its output folder.</summary>
    public const string ShardRecordsName = "records.parquet";

    /// <summary>The version of the manifest layout.</summary>
    public const int ManifestVersion = 1;

    private static Option<string?> ShardOption() => new("--shard")
    {
        Description = "Run only shard i of n (i/n, 0-based: rows i, i+n, …), writing its records and manifest.json for `corridorsim merge`; 'auto' reads i from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX (with --shards n).",
    };

    private static Option<int?> ShardsOption() => new("--shards")
    {
        Description = "The number of shards n, with --shard auto.",
        CustomParser = r => ParseWhole(r, "--shards"),
    };

    private static Option<FileInfo?> RecordsOption() => new("--records")
    {
        Description = "Also write every row's per-year figures to this Parquet file (one row per design row and year; see docs/records.md).",
    };

    /// <summary>The corridorsim version a manifest and summary.json record (the tool's informational version).</summary>
    internal static string ToolVersion { get; } =
        typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// The shard of <c>--shard</c> and <c>--shards</c>: null for a whole run; <c>i/n</c>; or <c>auto</c> with the index from
    /// the first of <see cref="ShardIndexVariables"/> that <paramref name="environment"/> has. Any problem is a usage error (exit 2).
    /// </summary>
    internal static ShardSpec? ResolveShard(string? shard, int? shards, Func<string, string?> environment)
    {
        if (shard is null)
        {
            if (shards is not null)
            {
                throw new UsageException("--shards is only used with --shard auto.");
            }

            return null;
        }

        if (shard == "auto")
        {
            if (shards is not { } n)
            {
                throw new UsageException("--shard auto needs --shards n, the number of shards (the scheduler's array size).");
            }

            if (n < 1)
            {
                throw new UsageException(string.Create(Inv, $"--shards must be at least 1, found {n}."));
            }

            foreach (string variable in ShardIndexVariables)
            {
                if (environment(variable) is not { } value)
                {
                    continue;
                }

                if (!int.TryParse(value, NumberStyles.None, Inv, out int i) || i >= n)
                {
                    throw new UsageException(string.Create(Inv, $"--shard auto: {variable} is '{value}', expected a whole number from 0 to {n - 1} (--shards {n})."));
                }

                return new ShardSpec(i, n);
            }

            throw new UsageException($"--shard auto: none of {string.Join(", ", ShardIndexVariables)} is set; run it as a task of an indexed job or array, or give --shard i/n.");
        }

        if (shards is not null)
        {
            throw new UsageException("--shards is only used with --shard auto; --shard i/n states n itself.");
        }

        string[] parts = shard.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, Inv, out int index)
            && int.TryParse(parts[1], NumberStyles.None, Inv, out int count)
            && count >= 1 && index < count)
        {
            return new ShardSpec(index, count);
        }

        throw new UsageException($"--shard expects i/n with 0 ≤ i < n (e.g. 0/4), or auto, found '{shard}'.");
    }

    /// <summary>Loads the scenario and keeps what a manifest records of its file: the name, the text and the SHA-256 of the bytes.</summary>
    private static (Scenario Scenario, ScenarioSource Source) LoadScenarioSource(FileInfo file)
    {
        Scenario scenario = LoadScenario(file);
        byte[] bytes = File.ReadAllBytes(file.FullName);
        return (scenario, new ScenarioSource(file.Name, Sha256(bytes), Encoding.UTF8.GetString(bytes)));
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The run metadata appended to summary.json as its last member, <c>"run"</c>: the same for a single run and
    /// for the merge of its shards, since it states the design's options, never argv.
    /// </summary>
    internal static string WithRunSection(string summaryJson, RunInfo info)
    {
        string section = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("run");
            w.WriteString("corridorSimVersion", ToolVersion);
            w.WriteString("command", info.Command);
            w.WriteString("scenarioFile", info.Source.FileName);
            w.WriteString("scenarioSha256", info.Source.Sha256);
            w.WriteNumber("seed", info.Seed);
            w.WriteStartObject("design");
            w.WriteNumber("replications", info.Replications);
            if (info.Samples is { } samples)
            {
                w.WriteNumber("samples", samples);
            }

            if (info.ConfirmSamples is { } confirm)
            {
                w.WriteNumber("confirmSamples", confirm);
            }

            w.WriteBoolean("capacity", info.Capacity);
            if (info.CapacityReplications is { } cr)
            {
                w.WriteNumber("capacityReplications", cr);
            }

            w.WriteEndObject();
            w.WriteString("commandLine", info.CommandLine);
            w.WriteEndObject();
            w.WriteEndObject();
        });

        // Both texts are JsonText's: "{\n" … "\n}\n"; the section's members join the summary's at its end.
        int end = summaryJson.LastIndexOf('}');
        return summaryJson[..end].TrimEnd('\n') + ",\n" + section[2..];
    }

    /// <summary>
    /// Runs a shard's rows and writes its records and manifest (no analyses: <c>merge</c> runs them over every shard);
    /// <paramref name="stepsPerRow"/> is the progress steps of one row (a study's searches are steps too).
    /// </summary>
    private static int RunShard(TextWriter stdout, TextWriter stderr, RunInfo info, ShardSpec shard, IReadOnlyList<Row> allRows, int years,
        Func<IReadOnlyList<Row>, IProgress<int>, (RowRecord[] Records, SearchResult?[]? Searches)> run, int stepsPerRow,
        OutputFolder output, FileInfo? recordsFile, Func<Row, IEnumerable<(string Name, double Value)>>? rowColumns, CancellationToken interrupt)
    {
        IReadOnlyList<Row> rows = Experiments.Rows.Shard(allRows, shard.Index, shard.Count);
        stdout.WriteLine(string.Create(Inv, $"Shard {shard.Index}/{shard.Count} of {info.CommandLine}: {rows.Count} of {allRows.Count} rows."));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            (RowRecord[] records, SearchResult?[]? searches) = RunWithProgress(Console(stdout), stdout, stepsPerRow == 1 ? "rows" : "rows and capacity searches", rows.Count * stepsPerRow, progress => run(rows, progress));
            clock.Stop();
            interrupt.ThrowIfCancellationRequested();
            ShardRecords.Write(output.File(ShardRecordsName), records, searches, years);
            WriteManifest(output, info, shard, allRows.Count, rows.Select(r => r.Index), clock.Elapsed.TotalSeconds);
            interrupt.ThrowIfCancellationRequested();
            output.Commit();
            if (recordsFile is not null)
            {
                RecordsTable.Write(recordsFile.FullName, records, searches, years, rowColumns);
            }
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Interrupted(stderr, output, [ShardRecordsName, ManifestName]);
        }

        stdout.WriteLine(string.Create(Inv, $"Wrote {string.Join(", ", output.Written)} to {output.Target} ({clock.Elapsed.TotalSeconds:F1} s of simulation); merge every shard with `{ToolName} merge`."));
        return Program.Success;
    }

    /// <summary>Writes a shard's manifest.json: the run it belongs to, the rows it did of the design's <paramref name="rowCount"/>, and its wall time.</summary>
    private static void WriteManifest(OutputFolder output, RunInfo info, ShardSpec shard, int rowCount, IEnumerable<int> rows, double wallSeconds,
        string? capacityRecords = null)
    {
        var manifest = new ShardManifest
        {
            ManifestVersion = ManifestVersion,
            CorridorSimVersion = ToolVersion,
            Command = info.Command,
            CommandLine = info.CommandLine,
            Arguments = [.. info.Arguments],
            ScenarioFile = info.Source.FileName,
            ScenarioSha256 = info.Source.Sha256,
            Seed = info.Seed,
            Shard = shard.Index,
            Shards = shard.Count,
            RowCount = rowCount,
            Rows = [.. rows],
            Records = ShardRecordsName,
            CapacityRecords = capacityRecords,
            WallSeconds = wallSeconds,
            Scenario = info.Source.Text,
        };
        File.WriteAllText(output.File(ManifestName), JsonSerializer.Serialize(manifest, ShardManifest.JsonOptions) + "\n");
    }

    /// <summary>The default output folder's suffix for a shard (none for a whole run).</summary>
    private static string ShardSuffix(ShardSpec? shard) => shard is { } s ? string.Create(Inv, $"-shard-{s.Index}-of-{s.Count}") : "";

    /// <summary>The run metadata of <c>run</c> (and, with its command and grid changed, of <c>sweep</c>).</summary>
    private static RunInfo RunInfoOf(ScenarioSource source, Scenario scenario, ProjectionOptions options) => new(
        "run", source, options.Seed ?? scenario.Simulation.Seed, options.Replications ?? scenario.Simulation.Replications, null,
        options.Capacity is not null, options.Capacity?.Replications, []);

    /// <summary>The run metadata of <c>plan</c>: its samples, confirmation samples and seed (the projection's replications are the scenario's).</summary>
    private static RunInfo PlanInfoOf(ScenarioSource source, Scenario scenario, PlanOptions options) => new(
        "plan", source, options.Seed ?? scenario.Simulation.Seed, scenario.Simulation.Replications, options.Samples ?? scenario.Plan!.Samples, true, null, [])
    {
        ConfirmSamples = options.ConfirmSamples ?? scenario.Plan!.ConfirmSamples,
    };

    /// <summary>The run metadata of <c>study</c>.</summary>
    private static RunInfo StudyInfoOf(ScenarioSource source, Scenario scenario, StudyOptions options) => new(
        "study", source, options.Seed ?? scenario.Simulation.Seed, options.Replications ?? scenario.Uncertainty!.Replications,
        options.Samples ?? scenario.Uncertainty!.Samples, options.Capacity is not null, null, []);

    /// <summary>A study's per-row record columns: each uncertain input's drawn value, <c>input.&lt;name&gt;</c>.</summary>
    private static Func<Row, IEnumerable<(string Name, double Value)>> StudyColumns(StudyDesign design) =>
        row => design.Uncertainty!.Inputs.Select((input, k) => ("input." + input.Name, design.Values![row.Sample][k]));

    /// <summary>A sweep's per-row record columns: the grid point's value of each parameter, <c>vary.&lt;path&gt;</c>.</summary>
    private static Func<Row, IEnumerable<(string Name, double Value)>> SweepColumns(IReadOnlyList<SweepParameter> parameters, List<double[]> grid) =>
        row => parameters.Select((p, i) => ("vary." + p.Path, grid[row.Variant][i]));

    /// <summary>The flat <c>--records</c> file of a whole run, when asked for.</summary>
    private static void WriteRecords(FileInfo? recordsFile, RowRecord[] records, SearchResult?[]? searches, int years,
        Func<Row, IEnumerable<(string Name, double Value)>>? rowColumns, TextWriter stdout)
    {
        if (recordsFile is null)
        {
            return;
        }

        RecordsTable.Write(recordsFile.FullName, records, searches, years, rowColumns);
        stdout.WriteLine($"Wrote the records of {records.Length} rows to {recordsFile.FullName}.");
    }
}

/// <summary>Shard <paramref name="Index"/> of <paramref name="Count"/> (0-based).</summary>
internal sealed record ShardSpec(int Index, int Count);

/// <summary>The scenario file as a manifest records it.</summary>
/// <param name="FileName">The file's name (no folder: shards and merge run in different places).</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
/// <param name="Text">The file's text (its bytes as UTF-8).</param>
internal sealed record ScenarioSource(string FileName, string Sha256, string Text);

/// <summary>
/// What a run is, as far as its results go: the command, scenario, seed and design options (not threads, output
/// folders, shards or charts). Its <see cref="Arguments"/> are the normalised command line summary.json records.
/// </summary>
internal sealed record RunInfo(string Command, ScenarioSource Source, ulong Seed, int Replications, int? Samples, bool Capacity, int? CapacityReplications, IReadOnlyList<string> Vary)
{
    /// <summary>A plan's confirmation samples; null for every other command.</summary>
    public int? ConfirmSamples { get; init; }

    /// <summary>The command and its design options, in a fixed order, with the scenario file's name.</summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            var args = new List<string> { Command, Source.FileName };
            foreach (string v in Vary)
            {
                args.Add("--vary");
                args.Add(v);
            }

            if (Samples is { } n)
            {
                args.Add("--samples");
                args.Add(n.ToString(CultureInfo.InvariantCulture));
            }

            if (ConfirmSamples is { } m)
            {
                args.Add("--confirm-samples");
                args.Add(m.ToString(CultureInfo.InvariantCulture));
            }

            // A plan's projection takes the scenario's replications: the command has no option for them.
            if (Command != "plan")
            {
                args.Add("--replications");
                args.Add(Replications.ToString(CultureInfo.InvariantCulture));
            }

            args.Add("--seed");
            args.Add(Seed.ToString(CultureInfo.InvariantCulture));
            if (Command == "study" && !Capacity)
            {
                args.Add("--no-capacity");
            }

            if (Command == "run" && CapacityReplications is { } cr)
            {
                args.Add("--capacity-replications");
                args.Add(cr.ToString(CultureInfo.InvariantCulture));
            }

            return args;
        }
    }

    /// <summary>The <see cref="Arguments"/> as one line, each argument with spaces or quotes single-quoted.</summary>
    public string CommandLine => Commands.ToolName + " " + string.Join(" ", Arguments.Select(Quote));

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,[]+".Contains(c, StringComparison.Ordinal)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>A shard's manifest.json (docs/records.md): what was run, by which version, of which scenario, and which rows.</summary>
internal sealed class ShardManifest
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int ManifestVersion { get; set; }

    public string CorridorSimVersion { get; set; } = "";

    public string Command { get; set; } = "";

    public string CommandLine { get; set; } = "";

    public List<string> Arguments { get; set; } = [];

    public string ScenarioFile { get; set; } = "";

    public string ScenarioSha256 { get; set; } = "";

    public ulong Seed { get; set; }

    public int Shard { get; set; }

    public int Shards { get; set; }

    public int RowCount { get; set; }

    public List<int> Rows { get; set; } = [];

    public string Records { get; set; } = "";

    /// <summary>The file of a <c>run --capacity</c> shard's capacity rows; absent for every other design.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? CapacityRecords { get; set; }

    public double WallSeconds { get; set; }

    public string Scenario { get; set; } = "";
}
