using CorridorSim.Corridor;
using CorridorSim.Experiments;
using CorridorSim.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Samples;

/// <summary>
/// The backtest sample (issue 15): the 2022 infrastructure with its investments dated as they happened must carry
/// each year's reported tons of the KZ Ministry of Transport series [S249] within the sample's tolerance.
/// </summary>
public sealed class BacktestTests(ITestOutputHelper output)
{
    [Fact]
    public void HistorySample_EveryReportedYear_IsDeliveredWithinTolerance()
    {
        Scenario s = ScenarioLoader.Load(CliHarness.SamplePath("titr-history-2022-2025"));
        CalibrationResult c = Projection.Run(s, new ProjectionOptions { Replications = 4 }).Calibration!;

        Assert.Equal([2022, 2023, 2024, 2025], c.Backtest.Select(b => b.Year));
        foreach (BacktestYear b in c.Backtest)
        {
            output.WriteLine($"{b.Year}: reported {b.ReportedTons / 1e6:F3} Mt, model {b.SimulatedTons / 1e6:F3} Mt, error {b.RelativeError:+0.0%;-0.0%}");
            Assert.True(b.WithinTolerance, $"{b.Year}: error {b.RelativeError:+0.0%;-0.0%}, tolerance ±{c.Tolerance:0%}");
        }

        Assert.Equal(0.10, c.Tolerance);
        Assert.Equal([null, null, 5_800_000, 6_000_000], c.Backtest.Select(b => b.StatedCapacityTons));
    }
}
