using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CorridorSim.Cli;
using Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary>A small study (the baseline sample over two years, two uncertain inputs) run whole and as three shards.</summary>
public sealed class ShardedStudy : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ShardedStudy()
    {
        Scenario = StudyScenario(_dir["study.json"], samples: 6, years: 2);
        Single = _dir["single"];
        Shards = [_dir["s0"], _dir["s1"], _dir["s2"]];
        Expect(CliHarness.Run(["study", Scenario, .. Options, "--out", Single]));
        for (int i = 0; i < 3; i++)
        {
            Expect(CliHarness.Run(["study", Scenario, .. Options, "--shard", $"{i}/3", "--out", Shards[i]]));
        }
    }

    /// <summary>The design options of every run of the fixture (the threads differ on purpose: results do not depend on them).</summary>
    public static string[] Options { get; } = ["--no-capacity", "--threads", "2"];

    public string Scenario { get; }

    public string Single { get; }

    public IReadOnlyList<string> Shards { get; }

    public string this[string name] => _dir[name];

    public void Dispose() => _dir.Dispose();

    /// <summary>The baseline sample with two uncertain inputs, <paramref name="samples"/> samples and <paramref name="years"/> years, written to <paramref name="path"/>.</summary>
    internal static string StudyScenario(string path, int samples, int years)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(CliHarness.SamplePath("titr-baseline-2024")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        root.AsObject().Remove("$schema");
        root["simulation"]!["years"] = years;
        root["uncertainty"] = JsonNode.Parse($$"""
            {
              "samples": {{samples}},
              "inputs": [
                { "name": "demand", "kind": "demandLevel", "distribution": { "uniform": [0.8, 1.3] }, "source": "E: test" },
                { "name": "ferry-berths", "kind": "parameter", "path": "ports[port:kuryk].berths", "distribution": { "uniform": [0.5, 2.5] }, "source": "E: test" }
              ]
            }
            """);
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    internal static void Expect(CliResult r) => Assert.True(r.ExitCode == Program.Success, r.ToString());
}

/// <summary>
/// <c>--shard i/n</c> and <c>corridorsim merge</c>: shards merged give the single run's outputs byte for byte (summary.json,
/// CSVs and charts); missing, repeated and mismatched shards are invalid input, and nothing is written.
/// </summary>
public sealed class ShardCommandTests(ShardedStudy study) : IClassFixture<ShardedStudy>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Merge_StudyShardsInShuffledOrder_ByteIdenticalToTheSingleRun()
    {
        string merged = _dir["merged"];
        CliResult r = CliHarness.Run("merge", study.Shards[2], study.Shards[0], study.Shards[1], "--out", merged);

        ShardedStudy.Expect(r);
        AssertSameFolder(study.Single, merged);
        Assert.Contains("fan.png", Directory.GetFiles(merged).Select(Path.GetFileName));
    }

    [Fact]
    public void Shard_Study_WritesManifestWithItsRowsAndTheScenarioHash()
    {
        using JsonDocument m = JsonDocument.Parse(File.ReadAllText(Path.Combine(study.Shards[1], "manifest.json")));
        JsonElement root = m.RootElement;

        Assert.Equal([1, 4], root.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1, root.GetProperty("shard").GetInt32());
        Assert.Equal(3, root.GetProperty("shards").GetInt32());
        Assert.Equal(6, root.GetProperty("rowCount").GetInt32());
        Assert.Equal(Hash(study.Scenario), root.GetProperty("scenarioSha256").GetString());
        Assert.True(root.GetProperty("wallSeconds").GetDouble() > 0);
        Assert.Equal("corridorsim study study.json --samples 6 --replications 1 --seed 2024 --no-capacity", root.GetProperty("commandLine").GetString());
        Assert.True(File.Exists(Path.Combine(study.Shards[1], "records.parquet")));
    }

    [Fact]
    public void Summary_Study_HasRunMetadataOfTheDesignNotTheCommandLine()
    {
        using JsonDocument s = JsonDocument.Parse(File.ReadAllText(Path.Combine(study.Single, "summary.json")));
        JsonElement run = s.RootElement.GetProperty("run");

        Assert.Equal("study", run.GetProperty("command").GetString());
        Assert.Equal("study.json", run.GetProperty("scenarioFile").GetString());
        Assert.Equal(Hash(study.Scenario), run.GetProperty("scenarioSha256").GetString());
        Assert.Equal(2024UL, run.GetProperty("seed").GetUInt64());
        Assert.Equal(6, run.GetProperty("design").GetProperty("samples").GetInt32());
        Assert.False(run.GetProperty("design").GetProperty("capacity").GetBoolean());
        Assert.StartsWith("0.1.0", run.GetProperty("corridorSimVersion").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("--threads", run.GetProperty("commandLine").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_RepeatedShard_IsInvalidInputAndWritesNothing()
    {
        string merged = _dir["merged"];
        CliResult r = CliHarness.Run("merge", study.Shards[0], study.Shards[1], study.Shards[2], study.Shards[1], "--out", merged);

        Assert.Equal(Program.InvalidInput, r.ExitCode);
        Assert.Contains("shard 1/3 is duplicated", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void Merge_MissingShard_IsInvalidInputWithItsRows()
    {
        string merged = _dir["merged"];
        CliResult r = CliHarness.Run("merge", study.Shards[0], study.Shards[2], "--out", merged);

        Assert.Equal(Program.InvalidInput, r.ExitCode);
        Assert.Contains("shard 1/3 is missing (rows 1, 4)", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void Merge_ShardWithAnotherSeed_IsInvalidInput()
    {
        string other = _dir["seed7"];
        ShardedStudy.Expect(CliHarness.Run(["study", study.Scenario, .. ShardedStudy.Options, "--seed", "7", "--shard", "1/3", "--out", other]));
        string merged = _dir["merged"];

        CliResult r = CliHarness.Run("merge", study.Shards[0], other, study.Shards[2], "--out", merged);

        Assert.Equal(Program.InvalidInput, r.ExitCode);
        Assert.Contains("the seed is 7, but 2024", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void Merge_ScenarioFileNotTheShardsOne_IsInvalidInput()
    {
        CliResult r = CliHarness.Run("merge", study.Shards[0], study.Shards[1], study.Shards[2], "--scenario", CliHarness.SamplePath("titr-baseline-2024"), "--out", _dir["merged"]);

        Assert.Equal(Program.InvalidInput, r.ExitCode);
        Assert.Contains("is not the scenario the shards ran", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_FolderWithoutManifest_IsInvalidInput()
    {
        CliResult r = CliHarness.Run("merge", study.Single, "--out", _dir["merged"]);

        Assert.Equal(Program.InvalidInput, r.ExitCode);
        Assert.Contains("no manifest.json", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_StudyWithCapacityIncludingAnEmptyShard_ByteIdenticalToTheSingleRun()
    {
        // Two samples in three shards: shard 2 holds no rows; each row carries its years' capacity searches.
        string scenario = ShardedStudy.StudyScenario(_dir["cap.json"], samples: 2, years: 2);
        ShardedStudy.Expect(CliHarness.Run("study", scenario, "--no-charts", "--out", _dir["single"]));
        string[] shards = [_dir["c0"], _dir["c1"], _dir["c2"]];
        for (int i = 0; i < 3; i++)
        {
            ShardedStudy.Expect(CliHarness.Run("study", scenario, "--shard", $"{i}/3", "--threads", "1", "--out", shards[i]));
        }

        ShardedStudy.Expect(CliHarness.Run("merge", shards[1], shards[2], shards[0], "--no-charts", "--out", _dir["merged"]));

        AssertSameFolder(_dir["single"], _dir["merged"]);
        Assert.True(File.Exists(Path.Combine(_dir["merged"], "capacity.csv")));
    }

    [Fact]
    public void Merge_RunShards_ByteIdenticalToTheSingleRun()
    {
        string scenario = CliHarness.SamplePath("titr-baseline-2024");
        ShardedStudy.Expect(CliHarness.Run("run", scenario, "-r", "5", "--out", _dir["single"]));
        ShardedStudy.Expect(CliHarness.Run("run", scenario, "-r", "5", "--shard", "0/2", "--out", _dir["r0"]));
        ShardedStudy.Expect(CliHarness.Run("run", scenario, "-r", "5", "--shard", "1/2", "--out", _dir["r1"]));

        ShardedStudy.Expect(CliHarness.Run("merge", _dir["r1"], _dir["r0"], "--out", _dir["merged"]));

        AssertSameFolder(_dir["single"], _dir["merged"]);
    }

    [Fact]
    public void Merge_SweepShards_ByteIdenticalToTheSingleRun()
    {
        string[] sweep = ["sweep", CliHarness.SamplePath("titr-baseline-2024"), "--vary", "ports[port:kuryk].berths=2..4", "-r", "2"];
        ShardedStudy.Expect(CliHarness.Run([.. sweep, "--out", _dir["single"]]));
        for (int i = 0; i < 2; i++)
        {
            ShardedStudy.Expect(CliHarness.Run([.. sweep, "--shard", $"{i}/2", "--out", _dir[$"w{i}"]]));
        }

        ShardedStudy.Expect(CliHarness.Run("merge", _dir["w0"], _dir["w1"], "--out", _dir["merged"]));

        AssertSameFolder(_dir["single"], _dir["merged"]);
        Assert.Contains("\"run\": {", File.ReadAllText(Path.Combine(_dir["merged"], "sweep.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_RunWithCapacityShards_ByteIdenticalToTheSingleRun()
    {
        // Rows 0–1 are the replications, 2–3 the capacity searches of 2024 and 2025: shard 0 holds a replication and
        // a year, shard 1 a replication only, shard 2 a year only.
        string scenario = ShardedStudy.StudyScenario(_dir["cap.json"], samples: 2, years: 2);
        string[] run = ["run", scenario, "-r", "2", "--capacity-replications", "1"];
        ShardedStudy.Expect(CliHarness.Run([.. run, "--out", _dir["single"]]));
        for (int i = 0; i < 3; i++)
        {
            CliResult shard = CliHarness.Run([.. run, "--shard", $"{i}/3", "--threads", "1", "--out", _dir[$"k{i}"]]);
            ShardedStudy.Expect(shard);
            Assert.Contains(i == 1 ? "capacity searches of 0 year(s)" : "capacity searches of 1 year(s)", shard.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_dir[$"k{i}"], "capacity.parquet")));
        }

        JsonElement manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir["k0"], "manifest.json"))).RootElement;
        Assert.Equal(4, manifest.GetProperty("rowCount").GetInt32());
        Assert.Equal([0, 3], manifest.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("capacity.parquet", manifest.GetProperty("capacityRecords").GetString());

        ShardedStudy.Expect(CliHarness.Run("merge", _dir["k2"], _dir["k0"], _dir["k1"], "--out", _dir["merged"]));

        AssertSameFolder(_dir["single"], _dir["merged"]);
        Assert.True(File.Exists(Path.Combine(_dir["merged"], "capacity.csv")));

        // A shard without its capacity rows: exit 2 naming the file, nothing written.
        File.Delete(Path.Combine(_dir["k0"], "capacity.parquet"));
        CliResult broken = CliHarness.Run("merge", _dir["k0"], _dir["k1"], _dir["k2"], "--out", _dir["broken"]);
        Assert.Equal(Program.InvalidInput, broken.ExitCode);
        Assert.Contains("capacity.parquet: cannot read the capacity rows", broken.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broken.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir["broken"]));
    }

    [Theory]
    [InlineData("JOB_COMPLETION_INDEX")]
    [InlineData("SLURM_ARRAY_TASK_ID")]
    [InlineData("AWS_BATCH_JOB_ARRAY_INDEX")]
    public void ResolveShard_Auto_ReadsTheSchedulersIndex(string variable)
    {
        ShardSpec? s = Commands.ResolveShard("auto", 8, v => v == variable ? "5" : null);

        Assert.Equal(new ShardSpec(5, 8), s);
    }

    [Theory]
    [InlineData("auto", 4, null, "none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX is set")]
    [InlineData("auto", 4, "4", "SLURM_ARRAY_TASK_ID is '4', expected a whole number from 0 to 3")]
    [InlineData("auto", 4, "x", "SLURM_ARRAY_TASK_ID is 'x'")]
    [InlineData("auto", null, "1", "--shard auto needs --shards n")]
    [InlineData("3/3", null, null, "--shard expects i/n with 0 ≤ i < n")]
    [InlineData("1/0", null, null, "--shard expects i/n")]
    [InlineData("-1/2", null, null, "--shard expects i/n")]
    [InlineData("1/2", 2, null, "--shards is only used with --shard auto")]
    public void ResolveShard_Bad_IsAUsageErrorSayingWhy(string shard, int? shards, string? slurm, string message)
    {
        var e = Assert.Throws<UsageException>(() => Commands.ResolveShard(shard, shards, v => v == "SLURM_ARRAY_TASK_ID" ? slurm : null));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ShardAutoWithoutAnIndex_ExitsTwo()
    {
        // Skipped in the rare case that this test process itself runs as an array task.
        if (Commands.ShardIndexVariables.Any(v => Environment.GetEnvironmentVariable(v) is not null))
        {
            return;
        }

        CliResult r = CliHarness.Run("run", CliHarness.SamplePath("titr-baseline-2024"), "--shard", "auto", "--shards", "3", "--out", _dir["out"]);

        Assert.Equal(Program.InvalidInput, r.ExitCode);
        Assert.Contains("--shard auto: none of", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveShard_PlainIndex_IsThatShard()
    {
        Assert.Equal(new ShardSpec(2, 3), Commands.ResolveShard("2/3", null, _ => "1"));
        Assert.Null(Commands.ResolveShard(null, null, _ => "1"));
    }

    private static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The two folders hold the same file names with the same bytes.</summary>
    internal static void AssertSameFolder(string expected, string actual)
    {
        string[] names = [.. Directory.GetFiles(expected).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];
        Assert.Equal(names, Directory.GetFiles(actual).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
        Assert.NotEmpty(names);
        foreach (string name in names)
        {
            byte[] e = File.ReadAllBytes(Path.Combine(expected, name));
            byte[] a = File.ReadAllBytes(Path.Combine(actual, name));
            Assert.True(e.AsSpan().SequenceEqual(a), $"{name} differs between the single run and the merge.");
        }
    }
}
