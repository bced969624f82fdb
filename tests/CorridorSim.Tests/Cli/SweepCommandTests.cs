using System.Text.Json;
using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary><c>corridorsim sweep</c> on the baseline sample (one simulated year, one replication per point).</summary>
public sealed class SweepCommandTests : IDisposable
{
    private const string Ferries = "vesselLegs[ferry:kuryk-alat].vessels";
    private const string Berths = "ports[port:kuryk].berths";

    private static readonly string Baseline = CliHarness.SamplePath("titr-baseline-2024");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Sweep_OneParameter_WritesCsvJsonAndChart()
    {
        CliResult r = CliHarness.Run("sweep", Baseline, "--vary", Ferries + "=4..6:2", "-r", "1", "--out", _dir.Path);

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.Empty(r.Stderr);
        Assert.Contains("2 grid point(s) × 1 replications", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("grid points 2/2, done in ", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("grid points 3/", r.Stdout, StringComparison.Ordinal);
        JsonElement root = ReadSweep();
        JsonElement parameter = Assert.Single(root.GetProperty("parameters").EnumerateArray());
        Assert.Equal(Ferries, parameter.GetProperty("path").GetString());
        Assert.Equal([4.0, 6.0], parameter.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([[4.0], [6.0]], Points(root));
        string[] csv = File.ReadAllLines(_dir["sweep.csv"]);
        Assert.StartsWith(Ferries + ",year,", csv[0], StringComparison.Ordinal);
        Assert.Equal(3, csv.Length);
        ChartTests.AssertPng(_dir["sweep.png"]);
    }

    [Fact]
    public void Sweep_TwoParameters_WritesTheFullGrid()
    {
        CliResult r = CliHarness.Run("sweep", Baseline, "--vary", Berths + "=1,2", "--vary", Ferries + "=4,6", "-r", "1", "--out", _dir.Path);

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.Contains("4 grid point(s)", r.Stdout, StringComparison.Ordinal);
        JsonElement root = ReadSweep();
        Assert.Equal([Berths, Ferries], root.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
        Assert.Equal([[1.0, 4.0], [1.0, 6.0], [2.0, 4.0], [2.0, 6.0]], Points(root));
        string[] csv = File.ReadAllLines(_dir["sweep.csv"]);
        Assert.StartsWith($"{Berths},{Ferries},year,", csv[0], StringComparison.Ordinal);
        Assert.Equal(5, csv.Length);
    }

    [Theory]
    [InlineData("no equals sign", "garbage")]
    [InlineData("unknown path", "ports[port:kuryk].cranes=1..2")]
    [InlineData("unknown id", "ports[port:nowhere].berths=1..2")]
    [InlineData("reversed range", Berths + "=3..1")]
    [InlineData("zero step", Berths + "=1..3:0")]
    [InlineData("not a number", Berths + "=one,two")]
    [InlineData("fractional count", Berths + "=1.5")]
    [InlineData("too many values", Berths + "=1..100000")]
    [InlineData("grid point with an invalid corridor", Ferries + "=0,4")]
    [InlineData("same path twice", Berths + "=1,2", Berths + "=3,4")]
    [InlineData("three parameters", Berths + "=1,2", Ferries + "=4,6", "stages[rail:dostyk-moyinty].trainsPerDay=10,20")]
    public void Sweep_MalformedVary_ExitTwoBeforeAnySimulation(string why, params string[] specs)
    {
        string[] args = ["sweep", Baseline, .. specs.SelectMany(s => new[] { "--vary", s }), "-r", "1", "--out", _dir["out"]];

        CliResult r = CliHarness.Run(args);

        Assert.True(r.ExitCode == Program.InvalidInput, $"{why}: {r}");
        Assert.StartsWith("error: ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("grid points 1/", r.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir["out"]), $"{why}: output written");
    }

    private JsonElement ReadSweep()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(_dir["sweep.json"]));
        return doc.RootElement.Clone();
    }

    private static double[][] Points(JsonElement root) =>
        [.. root.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray())];
}
