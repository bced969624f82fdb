using System.Collections.Concurrent;
using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

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
    public void Run_BacklogPastTheLimitBeforeAnyYearEnds_ThrowsAndOtherwiseIsComplete()
    {
        Scenario scenario = TestScenarios.Small(years: 2, replications: 2);
        Scenario tight = scenario with { Simulation = scenario.Simulation with { MaxTonsInSystem = 1 } };

        var ex = Assert.Throws<BacklogLimitException>(() => Projection.Run(tight));
        ProjectionResult complete = Projection.Run(scenario);

        Assert.Equal(1, ex.LimitTons);
        Assert.Null(complete.PartialReason);
        Assert.DoesNotContain("\"partial\"", SummaryWriter.ToJson(complete), StringComparison.Ordinal);
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
    public void Run_UnreachableTarget_ProbabilityZeroAndNoFirstYear()
    {
        ProjectionResult r = Projection.Run(TestScenarios.Small(targetTons: 1e10));

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
}
