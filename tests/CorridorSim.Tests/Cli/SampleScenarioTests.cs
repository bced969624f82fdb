using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CorridorSim.Cli;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using Json.Schema;

namespace CorridorSim.Tests.Cli;

/// <summary>Every sample scenario through the command line: validate, run, and the summary.json it writes.</summary>
[Collection(SampleRunsCollection.Name)]
public sealed class SampleScenarioTests(SampleRuns runs)
{
    // Built once: JsonSchema.Net registers a schema under its $id and refuses a second, different instance.
    private static readonly Lazy<JsonSchema> ReferenceSchema = new(() => JsonSchema.FromText(SummaryWriter.GetJsonSchema()));

    [Fact]
    public void Samples_Folder_HasTheSixScenarios()
    {
        Assert.Equal(["caspian-storms", "sea-level-decline", "titr-10mt-2030", "titr-baseline-2024", "titr-history-2022-2025", "titr-plan-2028", "titr-plan-2030"], CliHarness.SampleNames);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Samples), MemberType = typeof(CliHarness))]
    public void Validate_Sample_ExitsZeroAndSaysValid(string name)
    {
        CliResult r = CliHarness.Run("validate", CliHarness.SamplePath(name));

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.StartsWith(name + ".json: valid.", r.Stdout, StringComparison.Ordinal);
        Assert.Empty(r.Stderr);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Samples), MemberType = typeof(CliHarness))]
    public void Run_Sample_ExitsZeroWritesTheTablesAndVouchesForTheSummary(string name)
    {
        SampleRun run = runs[name];

        Assert.True(run.Result.ExitCode == Program.Success, run.Result.ToString());
        Assert.Empty(run.Result.Stderr);
        Assert.Contains("summary.json conforms to schema v2.", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{SampleRuns.Replications} replications, seed ", run.Result.Stdout, StringComparison.Ordinal);
        foreach (string file in (string[])["summary.json", "years.csv", "components.csv", "flows.csv"])
        {
            var info = new FileInfo(Path.Combine(run.OutDirectory, file));
            Assert.True(info.Exists && info.Length > 0, $"{file} missing or empty");
        }

        Assert.False(File.Exists(Path.Combine(run.OutDirectory, "throughput.png")), "--no-charts wrote a chart");
    }

    [Theory]
    [MemberData(nameof(CliHarness.Samples), MemberType = typeof(CliHarness))]
    public void Run_Sample_SummaryValidAgainstTheSchemaWithJsonSchemaNet(string name)
    {
        SampleRun run = runs[name];
        Assert.True(run.Result.ExitCode == Program.Success, run.Result.ToString());

        EvaluationResults results = ReferenceSchema.Value.Evaluate(JsonDocument.Parse(File.ReadAllText(run.SummaryPath)).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, string.Join(Environment.NewLine,
            (results.Details ?? []).Where(d => d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Theory]
    [MemberData(nameof(CliHarness.Samples), MemberType = typeof(CliHarness))]
    public void Run_Sample_SummaryHasTheDesignFieldsAndConsistentFigures(string name)
    {
        SampleRun run = runs[name];
        Assert.True(run.Result.ExitCode == Program.Success, run.Result.ToString());
        Scenario scenario = ScenarioLoader.Load(CliHarness.SamplePath(name));
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(run.SummaryPath));
        JsonElement root = doc.RootElement;

        // DESIGN.md, "Results: summary.json".
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(scenario.Name, root.GetProperty("scenario").GetString());
        Assert.Equal(scenario.Simulation.Seed, root.GetProperty("seed").GetUInt64());
        Assert.Equal(SampleRuns.Replications, root.GetProperty("replications").GetInt32());
        Assert.Equal(scenario.Simulation.TargetTons, root.GetProperty("targetTons").GetDouble());
        JsonElement[] years = [.. root.GetProperty("years").EnumerateArray()];
        Assert.Equal(
            Enumerable.Range(scenario.Simulation.StartYear, scenario.Simulation.Years),
            years.Select(y => y.GetProperty("year").GetInt32()));
        var componentIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement c in root.GetProperty("components").EnumerateArray())
        {
            Assert.True(componentIds.Add(c.GetProperty("id").GetString()!));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("kind").GetString()));
            JsonElement u = c.GetProperty("utilization");
            Assert.InRange(u.GetProperty("mean").GetDouble(), 0, 1);
            AssertOrdered(u.GetProperty("ci95Low"), u.GetProperty("mean"), u.GetProperty("ci95High"));
            JsonElement w = c.GetProperty("meanWaitHours");
            Assert.True(w.GetProperty("mean").GetDouble() >= 0, $"{c.GetProperty("id")}: negative mean wait");
            AssertOrdered(w.GetProperty("ci95Low"), w.GetProperty("mean"), w.GetProperty("ci95High"));
        }

        Assert.Equal(
            scenario.Corridor.Ports.Select(p => p.Id).Concat(scenario.Corridor.Stages.Select(s => s.Id)).Concat(scenario.Corridor.VesselLegs.Select(v => v.Id)).Concat(scenario.Corridor.Components.OfType<RoadLegDefinition>().Select(v => v.Id)).Order(StringComparer.Ordinal),
            componentIds.Order(StringComparer.Ordinal));

        foreach (JsonElement y in years)
        {
            JsonElement d = y.GetProperty("deliveredTons");
            Assert.True(d.GetProperty("mean").GetDouble() > 0, $"{y.GetProperty("year")}: nothing delivered");
            AssertOrdered(d.GetProperty("ci95Low"), d.GetProperty("mean"), d.GetProperty("ci95High"));
            AssertOrdered(d.GetProperty("p10"), d.GetProperty("mean"), d.GetProperty("p90"));
            JsonElement t = y.GetProperty("transitDays");
            Assert.True(t.GetProperty("mean").GetDouble() > 0);
            Assert.True(t.GetProperty("p50").GetDouble() <= t.GetProperty("p95").GetDouble());
            Assert.InRange(y.GetProperty("probabilityTargetMet").GetDouble(), 0, 1);
            Assert.Contains(y.GetProperty("bottleneck").GetString()!, componentIds);
        }

        JsonElement first = root.GetProperty("firstYearTargetMet");
        if (first.ValueKind != JsonValueKind.Null)
        {
            int year = first.GetProperty("year").GetInt32();
            JsonElement met = years.Single(y => y.GetProperty("year").GetInt32() == year);
            Assert.True(met.GetProperty("probabilityTargetMet").GetDouble() >= scenario.Simulation.TargetProbability);
            Assert.Equal(met.GetProperty("probabilityTargetMet").GetDouble(), first.GetProperty("probability").GetDouble());
        }

        // The calibration block appears exactly when the scenario's calibration year was simulated.
        bool calibrated = scenario.Calibration is { } cal &&
            cal.Year >= scenario.Simulation.StartYear && cal.Year < scenario.Simulation.StartYear + scenario.Simulation.Years;
        Assert.Equal(calibrated, root.TryGetProperty("calibration", out _));
    }

    [Fact]
    public void Run_Baseline_PrintsTheCalibrationLines()
    {
        SampleRun run = runs["titr-baseline-2024"];

        Assert.Contains("Calibration 2024: simulated ", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Calibration 2024: transit of ", run.Result.Stdout, StringComparison.Ordinal);
    }

    private static void AssertOrdered(JsonElement low, JsonElement mid, JsonElement high)
    {
        double l = low.GetDouble(), m = mid.GetDouble(), h = high.GetDouble();

        // Figures are rounded to 6 significant digits, so allow that much slack.
        double slack = 1e-5 * Math.Max(1, Math.Abs(m));
        Assert.True(l <= m + slack && m <= h + slack, string.Create(CultureInfo.InvariantCulture, $"expected {l} <= {m} <= {h}"));
    }
}
