using CorridorSim.Corridor;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void SmallCorridor_OneYear_DeliversAboutDemand()
    {
        CorridorModel model = TestCorridors.Small().BuildModel();
        CorridorRun run = model.CreateRun(seed: 1, replication: 0, firstYear: 2024, warmupDays: 60);
        YearResult y = run.RunYear();
        output.WriteLine($"generated {y.GeneratedTons:F0} delivered {y.DeliveredTons:F0} in system {y.TonsInSystemAtYearEnd:F0} transit {y.MeanTransitDays:F2} d, bottleneck {y.Bottleneck}, events {y.Events}");
        foreach (ComponentKpi c in y.Components)
        {
            output.WriteLine($"{c.Id} {c.Kind} tons {c.TonsThrough:F0} util {c.Utilization:F3} wait {c.MeanWaitHours:F1} p95 {c.P95WaitHours:F1} q {c.MeanQueue:F1} port {c.MeanPortTimeHours}");
        }

        Assert.InRange(y.DeliveredTons, 0.9e6, 1.1e6);
    }
}
