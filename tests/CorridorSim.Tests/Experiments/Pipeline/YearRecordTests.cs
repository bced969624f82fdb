using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class YearRecordTests
{
    [Fact]
    public void From_SimulatedYear_CopiesEveryValueTheAnalysesUse()
    {
        Scenario s = TestScenarios.Small();
        YearResult y = new CorridorModel(s.Corridor).CreateRun(7, 0, 2024, 30).RunYear();

        YearRecord r = YearRecord.From(y);

        Assert.Equal((y.Year, y.GeneratedTons, y.DeliveredTons, y.TonsInSystemAtYearEnd, y.MeanTransitDays, y.P50TransitDays, y.P95TransitDays, y.Bottleneck),
            (r.Year, r.GeneratedTons, r.DeliveredTons, r.TonsInSystemAtYearEnd, r.MeanTransitDays, r.P50TransitDays, r.P95TransitDays, r.Bottleneck));
        Assert.Equal(y.DeliveredTonsByCommodity.OrderBy(kv => kv.Key, StringComparer.Ordinal), r.DeliveredTonsByCommodity.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal((y.DeliveredFromBacklogTons, y.DivertedTons, y.Unstable, y.TransitHistogram), (r.DeliveredFromBacklogTons, r.DivertedTons, r.Unstable, r.TransitHistogram));
        Assert.NotNull(r.TransitHistogram);
        Assert.Equal(y.DivertedTonsByCommodity.OrderBy(kv => kv.Key, StringComparer.Ordinal), r.DivertedTonsByCommodity.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(y.Components.Select(c => new ComponentRecord(c.Id, c.Kind, c.Utilization, c.MeanWaitHours, c.P95WaitHours, c.TonsThrough, c.MeanQueue) { TimeStates = c.TimeStates }), r.Components);
        Assert.Equal(
            y.Flows.Select(f => new FlowRecord(f.Id, f.Commodity, f.GeneratedTons, f.DeliveredTons, f.MeanTransitDays, f.P50TransitDays, f.P95TransitDays)
            {
                DeliveredFromBacklogTons = f.DeliveredFromBacklogTons, DivertedTons = f.DivertedTons, TransitHistogram = f.TransitHistogram,
            }),
            r.Flows);
        Assert.NotEmpty(r.Components);
    }
}
