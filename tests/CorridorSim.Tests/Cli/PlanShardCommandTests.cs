using System.Text.Json;
using System.Text.Json.Nodes;
using CorridorSim.Cli;
using Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary><c>plan --shard</c> and its merge: an exhaustive plan of the baseline sample, with a triggered candidate, run whole and as three shards.</summary>
public sealed class PlanShardCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The baseline sample over two years with a three-candidate menu (one triggered, two thresholds), searched <paramref name="search"/>.</summary>
    private string Scenario(string search)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(CliHarness.SamplePath("titr-baseline-2024")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        root.AsObject().Remove("$schema");
        root["plan"] = JsonNode.Parse($$"""
            {
              "targetYear": 2025,
              "samples": 2,
              "confirmSamples": 2,
              "search": "{{search}}",
              "classes": [ { "name": "ships", "onTimeProbability": 0.2, "delayYears": { "uniform": [0.1, 0.5] }, "source": "E: test" } ],
              "candidates": [
                { "name": "ferries", "capexUsd": 78000000, "class": "ships", "leadTimeYears": 0,
                  "changes": [ { "component": "ferry:kuryk-alat", "kind": "addVessels", "vessels": [ { "name": "new-1", "capacityUnits": 50 }, { "name": "new-2", "capacityUnits": 50 } ] } ],
                  "source": "E: test" },
                { "name": "berths", "capexUsd": 20000000, "leadTimeYears": 0, "requires": ["ferries"],
                  "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 4 } ], "source": "E: test" },
                { "name": "kuryk-berth", "capexUsd": 30000000, "leadTimeYears": 0, "earliestStart": "2024-01-01",
                  "trigger": { "component": "ferry:kuryk-alat", "thresholds": [0.01, 0.99] },
                  "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 3 } ], "source": "E: test" }
              ]
            }
            """);
        root["simulation"]!["replications"] = 2;
        root["simulation"]!["years"] = 2;
        string path = _dir[search + ".json"];
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    [Fact]
    public void Merge_OfPlanShardsInAnyOrder_IsTheWholePlanByteForByte()
    {
        string scenario = Scenario("exhaustive");
        string whole = _dir["whole"], merged = _dir["merged"];
        ShardedStudy.Expect(CliHarness.Run("plan", scenario, "--threads", "2", "--out", whole));
        string[] shards = [_dir["s0"], _dir["s1"], _dir["s2"]];
        for (int i = 0; i < 3; i++)
        {
            CliResult shard = CliHarness.Run("plan", scenario, "--threads", "1", "--shard", $"{i}/3", "--out", shards[i]);
            ShardedStudy.Expect(shard);
            Assert.Contains($"Shard {i}/3 of corridorsim plan exhaustive.json --samples 2 --confirm-samples 2 --seed 2024:", shard.Stdout, StringComparison.Ordinal);
        }

        using (JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(shards[1], Commands.ManifestName))))
        {
            Assert.Equal("plan", manifest.RootElement.GetProperty("command").GetString());
            // Plans: none, ferries, ferries + berths, and each of those with one of the two thresholds: 9 plans × 2 samples.
            Assert.Equal(18, manifest.RootElement.GetProperty("rowCount").GetInt32());
        }

        CliResult r = CliHarness.Run("merge", shards[2], shards[0], shards[1], "--out", merged);

        ShardedStudy.Expect(r);
        Assert.Contains("the chosen plan's confirmation and projection are simulated here", r.Stdout, StringComparison.Ordinal);
        string[] names = [.. Directory.GetFiles(whole).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(["components.csv", "flows.csv", "plan-items.csv", "plan.csv", "plan.png", "summary.json", "years.csv"], names);
        Assert.Equal(names, Directory.GetFiles(merged).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string name in names)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(whole, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, name))), name + " differs");
        }

        // A shard given twice and one missing: refused, nothing written.
        CliResult bad = CliHarness.Run("merge", shards[0], shards[0], shards[1], "--out", _dir["bad"]);
        Assert.Equal(Program.InvalidInput, bad.ExitCode);
        Assert.Contains("shard 0/3 is duplicated", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("shard 2/3 is missing (rows 2, 5, 8, 11, 14, …)", bad.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir["bad"]));

        CliResult records = CliHarness.Run("merge", shards[0], shards[1], shards[2], "--out", _dir["r"], "--records", _dir["r.parquet"]);
        Assert.Equal(Program.InvalidInput, records.ExitCode);
        Assert.Contains("merge a plan without --records", records.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_GreedySearchWithShard_IsInvalidInputWithTheReason()
    {
        CliResult r = CliHarness.Run("plan", Scenario("greedy"), "--shard", "0/2", "--out", _dir["out"]);

        Assert.Equal(Program.InvalidInput, r.ExitCode);
        Assert.Contains("greedy.json: plan --shard needs \"search\": \"exhaustive\"", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir["out"]));
    }
}
