using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary><c>corridorsim plan</c> end to end on the baseline sample with a small menu.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The baseline sample with a plan section of two candidates (or <paramref name="replace"/>).</summary>
    private string Scenario(string? replace = null)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(CliHarness.SamplePath("titr-baseline-2024")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        root.AsObject().Remove("$schema");
        root["plan"] = JsonNode.Parse(replace ?? """
            {
              "targetYear": 2024,
              "samples": 2,
              "confirmSamples": 2,
              "classes": [ { "name": "ships", "onTimeProbability": 0.2, "delayYears": { "uniform": [0.1, 0.5] }, "source": "E: test" } ],
              "candidates": [
                { "name": "ferries", "capexUsd": 78000000, "class": "ships", "leadTimeYears": 0,
                  "changes": [ { "component": "ferry:kuryk-alat", "kind": "addVessels", "vessels": [ { "name": "new-1", "capacityUnits": 50 }, { "name": "new-2", "capacityUnits": 50 } ] } ],
                  "source": "E: test" },
                { "name": "berths", "capexUsd": 20000000, "leadTimeYears": 0, "requires": ["ferries"],
                  "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 4 } ], "source": "E: test" }
              ]
            }
            """);
        root["simulation"]!["replications"] = 2;
        string path = _dir["plan.json"];
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    [Fact]
    public void Plan_SmallMenu_WritesSummaryTablesAndChart()
    {
        string outDir = _dir["out"];
        CliResult r = CliHarness.Run("plan", Scenario(), "--threads", "2", "--out", outDir);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Plan for ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Confirmed on fresh samples: P = ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cost–probability curve", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("summary.json conforms to schema v2.", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("simulated corridor-years", r.Stdout, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement plan = summary.RootElement.GetProperty("plan");
        Assert.Equal(2, plan.GetProperty("samples").GetInt32());
        Assert.Equal(2, plan.GetProperty("confirmed").GetProperty("samples").GetInt32());
        Assert.True(plan.GetProperty("plansEvaluated").GetInt32() >= 2);
        Assert.True(plan.GetProperty("searchYears").GetInt64() > 0);
        Assert.Equal(0, plan.GetProperty("triggerYears").GetInt64());
        JsonElement run = summary.RootElement.GetProperty("run");
        Assert.Equal("plan", run.GetProperty("command").GetString());
        Assert.Equal("corridorsim plan plan.json --samples 2 --confirm-samples 2 --seed 2024", run.GetProperty("commandLine").GetString());
        string[] plans = File.ReadAllLines(Path.Combine(outDir, "plan.csv"));
        Assert.Equal("plan,candidates,capexUsd,costUsd,probability,low,high,samples,meanCapacityTons,meanShortfallTons,onCurve,chosen", plans[0]);
        Assert.Equal(plan.GetProperty("plansEvaluated").GetInt32() + 1, plans.Length);
        Assert.StartsWith("name,trigger,startedShare,start,promised,", File.ReadAllLines(Path.Combine(outDir, "plan-items.csv"))[0], StringComparison.Ordinal);
        ChartTests.AssertPng(Path.Combine(outDir, "plan.png"));

        // The folder holds only files a plan writes, so the next plan may replace it.
        CorridorSim.Cli.OutputFolder.Prepare(outDir).Dispose();
    }

    [Fact]
    public void Plan_ScenarioWithoutPlan_IsInvalidInput()
    {
        CliResult r = CliHarness.Run("plan", CliHarness.SamplePath("titr-baseline-2024"), "--out", _dir["out"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.plan: the scenario has no plan section", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir["out"]));
    }

    [Fact]
    public void Validate_BadCandidate_IsInvalidInputWithItsPath()
    {
        string path = Scenario("""
            { "targetYear": 2024, "candidates": [ { "name": "x", "capexUsd": 1, "class": "none", "requires": ["y"],
              "changes": [ { "component": "port:nowhere", "kind": "berths", "value": 2 } ], "source": "E" } ] }
            """);
        CliResult r = CliHarness.Run("validate", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("plan.json: $.plan.candidates[0].class:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("plan.json: $.plan.candidates[0].requires[0]:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("plan.json: $.plan.candidates[0].changes[0].component:", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTrigger_IsInvalidInputWithItsPaths()
    {
        string path = Scenario("""
            { "targetYear": 2024, "candidates": [
              { "name": "x", "capexUsd": 1, "trigger": { "component": "port:kurik", "thresholds": [0.8, 1.5, 0.8] },
                "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 4 } ], "source": "E" },
              { "name": "y", "capexUsd": 1, "requires": ["x"],
                "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 5 } ], "source": "E" } ] }
            """);
        CliResult r = CliHarness.Run("validate", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("plan.json: $.plan.candidates[0].trigger.thresholds[1]: found 1.5, expected a number within (0, 1]", r.Stderr, StringComparison.Ordinal);

        path = Scenario("""
            { "targetYear": 2024, "candidates": [
              { "name": "x", "capexUsd": 1, "trigger": { "component": "port:kurik", "thresholds": [0.8, 0.9, 0.8] },
                "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 4 } ], "source": "E" },
              { "name": "y", "capexUsd": 1, "requires": ["x"],
                "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 5 } ], "source": "E" } ] }
            """);
        r = CliHarness.Run("validate", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("plan.json: $.plan.candidates[0].trigger.component: candidate 'x': found 'port:kurik', expected the id of a component in the corridor, whose occupancy the trigger watches; did you mean 'port:kuryk'?", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("plan.json: $.plan.candidates[0].trigger.thresholds[2]: candidate 'x': threshold 0.8 is listed twice", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("plan.json: $.plan.candidates[1].requires[0]: candidate 'y': requires 'x', which has a trigger", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlanWithATrigger_CountsItsMenuEntries()
    {
        string path = Scenario("""
            { "targetYear": 2024, "candidates": [
              { "name": "berths", "capexUsd": 1, "leadTimeYears": 0, "trigger": { "component": "port:kuryk", "thresholds": [0.5, 0.7, 0.9] },
                "changes": [ { "component": "port:kuryk", "kind": "berths", "value": 4 } ], "source": "E" } ] }
            """);
        CliResult r = CliHarness.Run("validate", path);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("plan: 1 candidates, 1 with trigger rules (3 menu entries, one per threshold), 0 project classes", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodPlan_SaysWhatThePlanHolds()
    {
        CliResult r = CliHarness.Run("validate", Scenario());

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("plan: 2 candidates, 1 project classes, target year 2024", r.Stdout, StringComparison.Ordinal);
    }
}
