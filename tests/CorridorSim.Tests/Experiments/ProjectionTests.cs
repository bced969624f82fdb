using System.Collections.Concurrent;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using CorridorSim.Tests.Corridor;

namespace CorridorSim.Tests.Experiments;

/// <summary>Small scenarios for the experiment tests: the small test corridor wrapped in a <see cref="Scenario"/>.</summary>
internal static class TestScenarios
{
    /// <summary>The small corridor (rail → ferry → rail) with a light demand, so a year runs in milliseconds.</summary>
    public static Scenario Small(double annualTons = 200_000, int years = 1, int replications = 3, double targetTons = 150_000,
        double growthPerYear = 0, int vessels = 3, double targetProbability = 0.9)
    {
        CorridorDefinition corridor = TestCorridors.Small(annualTons, vessels).Build();
        corridor = corridor with { Flows = [corridor.Flows[0] with { GrowthPerYear = growthPerYear }] };
        return new Scenario
        {
            Name = "small-test",
            Simulation = new SimulationSettings
            {
                StartYear = 2024,
                Years = years,
                WarmupDays = 30,
                Replications = replications,
                Seed = 7,
                TargetTons = targetTons,
                TargetProbability = targetProbability,
            },
            Corridor = corridor,
        };
    }
}

public sealed class ProjectionTests
{
    [Fact]
    public void Run_OneThreadVersusTwo_ByteIdenticalSummary()
    {
        Scenario scenario = TestScenarios.Small(years: 2, replications: 4);

        ProjectionResult one = Projection.Run(scenario, new ProjectionOptions { MaxThreads = 1 });
        ProjectionResult two = Projection.Run(scenario, new ProjectionOptions { MaxThreads = 2 });

        Assert.Equal(SummaryWriter.ToJson(one), SummaryWriter.ToJson(two));
        Assert.Equal(SummaryWriter.YearsCsv(one), SummaryWriter.YearsCsv(two));
        Assert.Equal(SummaryWriter.ComponentsCsv(one), SummaryWriter.ComponentsCsv(two));
        Assert.Equal(SummaryWriter.FlowsCsv(one), SummaryWriter.FlowsCsv(two));
        // Not only the rounded text: the aggregates themselves are bit-identical.
        Assert.Equal(one.Years[1].DeliveredTons.Mean, two.Years[1].DeliveredTons.Mean);
        Assert.Equal(one.Components[0].MeanWaitHours.Ci95High, two.Components[0].MeanWaitHours.Ci95High);
    }

    [Fact]
    public void RunReplications_ReplicationI_SameYearsWhateverTheReplicationCount()
    {
        Scenario scenario = TestScenarios.Small(years: 2);
        var model = new CorridorModel(scenario.Corridor);

        IReadOnlyList<YearResult>[] two = Projection.RunReplications(model, scenario.Simulation, 7, 0, 2, 2, null, default);
        IReadOnlyList<YearResult>[] four = Projection.RunReplications(model, scenario.Simulation, 7, 0, 4, 2, null, default);
        IReadOnlyList<YearResult>[] third = Projection.RunReplications(model, scenario.Simulation, 7, 2, 1, 1, null, default);

        for (int i = 0; i < 2; i++)
        {
            for (int y = 0; y < 2; y++)
            {
                AssertSameYear(two[i][y], four[i][y]);
            }
        }

        AssertSameYear(third[0][1], four[2][1]);
        Assert.NotEqual(four[0][0].DeliveredTons, four[1][0].DeliveredTons);
    }

    [Fact]
    public void Run_OneReplication_IsReplicationZeroAndCiCollapsesToMean()
    {
        Scenario scenario = TestScenarios.Small();
        YearResult direct = new CorridorModel(scenario.Corridor).CreateRun(7, 0, 2024, 30).RunYear();

        ProjectionResult r = Projection.Run(scenario, new ProjectionOptions { Replications = 1 });

        Estimate tons = r.Years[0].DeliveredTons;
        Assert.Equal(direct.DeliveredTons, tons.Mean);
        Assert.Equal(tons.Mean, tons.Ci95Low);
        Assert.Equal(tons.Mean, tons.Ci95High);
        Assert.Equal(tons.Mean, tons.P10);
        Assert.Equal(direct.MeanTransitDays, r.Years[0].TransitDays.Mean);
        Assert.Equal(direct.Bottleneck, r.Years[0].Bottleneck);
        Assert.Equal(1.0, r.Years[0].BottleneckShare);
    }

    [Fact]
    public void Run_MoreReplications_CiContainsMeanAndNarrows()
    {
        Scenario scenario = TestScenarios.Small();

        Estimate few = Projection.Run(scenario, new ProjectionOptions { Replications = 4 }).Years[0].DeliveredTons;
        Estimate many = Projection.Run(scenario, new ProjectionOptions { Replications = 16 }).Years[0].DeliveredTons;

        foreach (Estimate e in new[] { few, many })
        {
            Assert.True(e.Ci95Low < e.Mean && e.Mean < e.Ci95High, $"CI [{e.Ci95Low}, {e.Ci95High}] should contain {e.Mean}");
            Assert.InRange(e.P10, e.Ci95Low - (3 * e.StandardDeviation), e.P90);
        }

        Assert.True(many.Ci95High - many.Ci95Low < few.Ci95High - few.Ci95Low,
            $"16 replications: width {many.Ci95High - many.Ci95Low}; 4: {few.Ci95High - few.Ci95Low}");
    }

    [Fact]
    public void EstimateOf_KnownSample_StudentTInterval()
    {
        Estimate e = Estimate.Of([5, 1, 4, double.NaN, 2, 3]);

        Assert.Equal(5, e.Count);
        Assert.Equal(3, e.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), e.StandardDeviation, 12);
        double half = 2.7764451051977987 * Math.Sqrt(2.5) / Math.Sqrt(5); // t(0.975, 4)
        Assert.Equal(3 - half, e.Ci95Low, 9);
        Assert.Equal(3 + half, e.Ci95High, 9);
        Assert.Equal(1.4, e.P10, 12);
        Assert.Equal(4.6, e.P90, 12);
        Assert.True(double.IsNaN(Estimate.Of([double.NaN]).Mean));
    }

    [Fact]
    public void Run_UnreachableTarget_ProbabilityZeroAndNoFirstYear()
    {
        ProjectionResult r = Projection.Run(TestScenarios.Small(targetTons: 1e12));

        Assert.Equal(0.0, r.Years[0].ProbabilityTargetMet);
        Assert.Null(r.FirstYearTargetMet);
    }

    [Fact]
    public void Run_TriviallyMetTarget_ProbabilityOne()
    {
        ProjectionResult r = Projection.Run(TestScenarios.Small(targetTons: 1));

        Assert.Equal(1.0, r.Years[0].ProbabilityTargetMet);
        Assert.Equal(new TargetMetYear { Year = 2024, Probability = 1 }, r.FirstYearTargetMet);
    }

    [Fact]
    public void Run_GrowingDemand_FirstYearTargetMetIsTheYearDemandPassesTheTarget()
    {
        // Demand 100 kt, 200 kt, 400 kt in 2024..2026; the ferry carries about 1 Mt, so delivered ≈ demand.
        Scenario scenario = TestScenarios.Small(annualTons: 100_000, growthPerYear: 1.0, years: 3, targetTons: 300_000);

        ProjectionResult r = Projection.Run(scenario);

        Assert.Equal([2024, 2025, 2026], r.Years.Select(y => y.Year));
        Assert.Equal(0.0, r.Years[1].ProbabilityTargetMet);
        Assert.Equal(1.0, r.Years[2].ProbabilityTargetMet);
        Assert.Equal(new TargetMetYear { Year = 2026, Probability = 1 }, r.FirstYearTargetMet);
        Assert.True(r.Years[2].DeliveredTons.Mean > 1.5 * r.Years[1].DeliveredTons.Mean);
        Assert.InRange(r.Years[2].GeneratedTons, 360_000, 440_000);
    }

    [Fact]
    public void Run_Components_InCorridorOrderWithPerYearTables()
    {
        ProjectionResult r = Projection.Run(TestScenarios.Small(years: 2));

        string[] ids = ["port:kuryk", "port:alat", "rail:kz", "rail:az-ge", "ferry:kuryk-alat"];
        Assert.Equal(ids, r.Components.Select(c => c.Id));
        Assert.All(r.Years, y => Assert.Equal(ids, y.Components.Select(c => c.Id)));
        Assert.All(r.Components, c => Assert.InRange(c.Utilization.Mean, 0, 1));
        Assert.Equal("westbound", Assert.Single(r.Years[0].Flows).Id);
        Assert.Equal(r.Years[0].DeliveredTons.Mean, r.Years[0].Flows[0].DeliveredTons.Mean, 6);
        Assert.Equal(r.Years[0].DeliveredTons.Mean, r.Years[0].DeliveredTonsByCommodity["other"], 6);
        Assert.Contains(r.Years[0].Bottleneck, ids);
        Assert.Throws<NotSupportedException>(() => ((IList<YearSummary>)r.Years).Add(r.Years[0]));
    }

    [Fact]
    public void Run_Calibration_ReportsErrorAndTransitCheck()
    {
        Scenario scenario = TestScenarios.Small() with
        {
            Calibration = new CalibrationTarget
            {
                Year = 2024, ReportedTons = 190_000, Tolerance = 0.2, Source = "S0",
                TransitFlow = "westbound", TransitDaysMin = 1, TransitDaysMax = 60, TransitSource = "S1",
            },
        };

        ProjectionResult r = Projection.Run(scenario);

        CalibrationResult c = Assert.IsType<CalibrationResult>(r.Calibration);
        Assert.Equal(r.Years[0].DeliveredTons.Mean, c.SimulatedTons);
        Assert.Equal((c.SimulatedTons - 190_000) / 190_000, c.RelativeError, 12);
        Assert.True(c.WithinTolerance);
        TransitCalibration t = Assert.IsType<TransitCalibration>(c.Transit);
        Assert.Equal(r.Years[0].Flows[0].MeanTransitDays, t.SimulatedMeanDays);
        Assert.True(t.WithinRange);

        Scenario notSimulated = scenario with { Calibration = scenario.Calibration! with { Year = 2030 } };
        Assert.Null(Projection.Run(notSimulated).Calibration);
    }

    [Fact]
    public void Run_InvalidSettings_OneExceptionListingEveryProblem()
    {
        Scenario scenario = TestScenarios.Small() with
        {
            Calibration = new CalibrationTarget { Year = 2024, ReportedTons = 1, TransitFlow = "nope" },
        };

        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            Projection.Run(scenario, new ProjectionOptions { Replications = 0, MaxThreads = 0 }));

        Assert.Contains("options.Replications", e.Message, StringComparison.Ordinal);
        Assert.Contains("options.MaxThreads", e.Message, StringComparison.Ordinal);
        Assert.Contains("calibration.transitFlow 'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Progress_ReportsEachReplicationInIncreasingOrder()
    {
        var seen = new ConcurrentQueue<int>();

        Projection.Run(TestScenarios.Small(replications: 5), new ProjectionOptions { MaxThreads = 2 }, new SyncProgress(seen.Enqueue));

        Assert.Equal([1, 2, 3, 4, 5], seen);
    }

    [Fact]
    public void Run_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Projection.Run(TestScenarios.Small(), ct: cts.Token));
    }

    private static void AssertSameYear(YearResult a, YearResult b)
    {
        Assert.Equal(a.Year, b.Year);
        Assert.Equal(a.DeliveredTons, b.DeliveredTons);
        Assert.Equal(a.GeneratedTons, b.GeneratedTons);
        Assert.Equal(a.MeanTransitDays, b.MeanTransitDays);
        Assert.Equal(a.P95TransitDays, b.P95TransitDays);
        Assert.Equal(a.Bottleneck, b.Bottleneck);
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.Components, b.Components);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class SyncProgress(Action<int> report) : IProgress<int>
{
    public void Report(int value) => report(value);
}
