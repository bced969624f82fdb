using System.Text.Json;
using Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary><c>corridorsim run --capacity</c> end to end: the table, summary.json's capacity section, capacity.csv and the chart.</summary>
public sealed class CapacityCommandTests
{
    [Fact]
    public void Run_WithCapacity_PrintsAndWritesServiceCapacityCeilingAndBottleneck()
    {
        using var dir = new TempDirectory();
        string outDir = dir["baseline"];

        CliResult result = CliHarness.Run("run", CliHarness.SamplePath("titr-baseline-2024"), "-r", "1", "--capacity-replications", "2",
            "--threads", "2", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Capacity per year", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("service capacity", result.Stdout, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement year = summary.RootElement.GetProperty("capacity").GetProperty("years")[0];
        double service = year.GetProperty("serviceCapacityTons").GetProperty("mean").GetDouble();
        double ceiling = year.GetProperty("ceilingTons").GetProperty("mean").GetDouble();
        double demand = year.GetProperty("demandTons").GetDouble();
        // The 2024 corridor carried its demand below saturation, and service never exceeds saturation.
        Assert.InRange(demand, 0, ceiling);
        Assert.InRange(service, 0, ceiling);
        Assert.Equal(3, year.GetProperty("bottlenecks").GetArrayLength());
        Assert.Contains("serviceCapacityTons,all", File.ReadAllText(Path.Combine(outDir, "capacity.csv")), StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(outDir, "capacity.png")).Length > 0);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void Run_CapacityReplicationsOutOfRange_IsInvalidInput(string value)
    {
        CliResult result = CliHarness.Run("run", CliHarness.SamplePath("titr-baseline-2024"), "--capacity-replications", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--capacity-replications must be within 1..1000", result.Stderr, StringComparison.Ordinal);
    }
}
