using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary><c>corridorsim study</c> end to end on the baseline sample with a small uncertainty section.</summary>
public sealed class StudyCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The baseline sample with an uncertainty section of two inputs and <paramref name="samples"/> samples.</summary>
    private string Scenario(int samples, string? replace = null)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(CliHarness.SamplePath("titr-baseline-2024")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        root["$schema"] = null;
        root.AsObject().Remove("$schema");
        root["uncertainty"] = JsonNode.Parse(replace ?? $$"""
            {
              "samples": {{samples}},
              "inputs": [
                { "name": "demand", "kind": "demandLevel", "distribution": { "uniform": [0.8, 1.3] }, "source": "E: test" },
                { "name": "ferry-berths", "kind": "parameter", "path": "ports[port:kuryk].berths", "distribution": { "uniform": [0.5, 2.5] }, "source": "E: test" }
              ]
            }
            """);
        string path = _dir["study.json"];
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    [Fact]
    public void Study_SmallSection_WritesSummaryTablesAndCharts()
    {
        string outDir = _dir["out"];
        CliResult r = CliHarness.Run("study", Scenario(4), "--threads", "2", "--out", outDir);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Study of ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 Latin hypercube samples × 1 replication(s)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("First year service capacity ≥", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Sensitivity of serviceCapacityTons", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Scenario discovery: ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("summary.json conforms to schema v2.", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("simulated corridor-years", r.Stdout, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement study = summary.RootElement.GetProperty("study");
        Assert.Equal(4, study.GetProperty("samples").GetInt32());
        Assert.Equal(2, study.GetProperty("inputs").GetArrayLength());
        JsonElement year = study.GetProperty("years")[0];
        Assert.Equal(4, year.GetProperty("probabilityCapacityMet").GetProperty("trials").GetInt32());
        Assert.Equal(4, summary.RootElement.GetProperty("replications").GetInt32()); // the pooled projection: one row per sample
        string[] samples = File.ReadAllLines(Path.Combine(outDir, "samples.csv"));
        Assert.Equal("sample,year,demand,ferry-berths,demandTons,deliveredTons,serviceCapacityTons", samples[0]);
        Assert.Equal(5, samples.Length);
        Assert.StartsWith("output,year,method,input,", File.ReadAllLines(Path.Combine(outDir, "sensitivity.csv"))[0], StringComparison.Ordinal);
        Assert.Contains("probabilityCapacityMetLow", File.ReadAllText(Path.Combine(outDir, "study.csv")), StringComparison.Ordinal);
        foreach (string chart in new[] { "fan.png", "first-year.png", "sensitivity.png", "capacity.png", "throughput.png" })
        {
            ChartTests.AssertPng(Path.Combine(outDir, chart));
        }

        // The folder holds only files a study writes, so the next study may replace it.
        CorridorSim.Cli.OutputFolder.Prepare(outDir).Dispose();
    }

    [Fact]
    public void Study_ScenarioWithoutUncertainty_IsInvalidInput()
    {
        CliResult r = CliHarness.Run("study", CliHarness.SamplePath("titr-baseline-2024"), "--out", _dir["out"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.uncertainty: the scenario has no uncertainty section", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir["out"]));
    }

    [Fact]
    public void Validate_BadUncertainInput_IsInvalidInputWithItsPath()
    {
        string path = Scenario(4, """
            { "inputs": [ { "name": "x", "kind": "demandLevel", "distribution": { "normal": [1, 1] }, "flows": ["nowhere"], "source": "E" } ] }
            """);
        CliResult r = CliHarness.Run("validate", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("study.json: $.uncertainty.inputs[0].flows[0]:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("study.json: $.uncertainty.inputs[0].distribution:", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodSection_SaysHowManySimulations()
    {
        CliResult r = CliHarness.Run("validate", Scenario(6));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("uncertainty: 2 inputs, 6 simulations (6 Latin hypercube samples × 1 replications)", r.Stdout, StringComparison.Ordinal);
    }
}
