using System.Collections.ObjectModel;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// The projection summary of one variant: a pure function of its records in row order. Sums run sequentially in
/// that order, so the result does not depend on how, where or on how many threads the rows were computed.
/// </summary>
internal static class ProjectionAnalysis
{
    /// <summary>Summarises the records of one variant of <paramref name="scenario"/>, replication i at position i.</summary>
    /// <param name="scenario">The variant's scenario (its settings give the target and the calibration check).</param>
    /// <param name="seed">The master seed the rows used.</param>
    /// <param name="records">The variant's records, in row order; at least one, each with at least one year.</param>
    /// <exception cref="ArgumentException">No records, or records of more than one variant.</exception>
    public static ProjectionResult Summarise(Scenario scenario, ulong seed, IReadOnlyList<RowRecord> records)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0 || records.Any(r => r.Row.Variant != records[0].Row.Variant))
        {
            throw new ArgumentException("A projection summarises the records of exactly one variant, at least one.", nameof(records));
        }

        SimulationSettings settings = scenario.Simulation;
        int n = records.Count;
        int yearCount = records[0].Years.Count;
        double target = settings.TargetTons;
        string[] commodities = scenario.Corridor.Flows.Select(f => f.Commodity).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();

        // Component and flow order: as the model reports them (ports, stages, vessel legs; flows as defined).
        IReadOnlyList<ComponentRecord> componentOrder = records[0].Years[0].Components;
        IReadOnlyList<FlowRecord> flowOrder = records[0].Years[0].Flows;
        var componentIndex = records.Select(r => r.Years.Select(y => y.Components.ToDictionary(c => c.Id, StringComparer.Ordinal)).ToArray()).ToArray();
        var flowIndex = records.Select(r => r.Years.Select(y => y.Flows.ToDictionary(f => f.Id, StringComparer.Ordinal)).ToArray()).ToArray();

        var years = new List<YearSummary>(yearCount);
        for (int y = 0; y < yearCount; y++)
        {
            int yi = y;
            IEnumerable<YearRecord> all = records.Select(r => r.Years[yi]);
            int met = all.Count(r => r.DeliveredTons >= target);
            (string bottleneck, int bottleneckCount) = Mode(all.Select(r => r.Bottleneck));
            var byCommodity = new SortedDictionary<string, double>(StringComparer.Ordinal);
            var divertedByCommodity = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (string c in commodities)
            {
                byCommodity.Add(c, Estimate.MeanOf(all.Select(r => r.DeliveredTonsByCommodity.GetValueOrDefault(c))));
                divertedByCommodity.Add(c, Estimate.MeanOf(all.Select(r => r.DivertedTonsByCommodity.GetValueOrDefault(c))));
            }

            years.Add(new YearSummary
            {
                Year = records[0].Years[y].Year,
                GeneratedTons = Estimate.MeanOf(all.Select(r => r.GeneratedTons)),
                DeliveredTons = Estimate.Of(all.Select(r => r.DeliveredTons)),
                TonsInSystemAtYearEnd = Estimate.MeanOf(all.Select(r => r.TonsInSystemAtYearEnd)),
                DeliveredFromBacklogTons = Estimate.MeanOf(all.Select(r => r.DeliveredFromBacklogTons)),
                DivertedTons = Estimate.Of(all.Select(r => r.DivertedTons)),
                DivertedTonsByCommodity = new ReadOnlyDictionary<string, double>(divertedByCommodity),
                ShareUnstable = (double)all.Count(r => r.Unstable) / n,
                TransitDays = new TransitSummary
                {
                    Mean = Estimate.MeanOf(all.Select(r => r.MeanTransitDays)),
                    P50 = Pooled(all.Select(r => r.TransitHistogram), 0.5),
                    P95 = Pooled(all.Select(r => r.TransitHistogram), 0.95),
                },
                ProbabilityTargetMet = (double)met / n,
                Bottleneck = bottleneck,
                BottleneckShare = (double)bottleneckCount / n,
                DeliveredTonsByCommodity = new ReadOnlyDictionary<string, double>(byCommodity),
                Components = componentOrder.Select(c =>
                {
                    ComponentRecord[] k = componentIndex.Select(r => r[yi][c.Id]).ToArray();
                    return new ComponentYearSummary
                    {
                        Id = c.Id,
                        Kind = c.Kind,
                        Utilization = Estimate.MeanOf(k.Select(x => x.Utilization)),
                        MeanWaitHours = Estimate.MeanOf(k.Select(x => x.MeanWaitHours)),
                        P95WaitHours = Estimate.MeanOf(k.Select(x => x.P95WaitHours)),
                        TonsThrough = Estimate.MeanOf(k.Select(x => x.TonsThrough)),
                        MeanQueue = Estimate.MeanOf(k.Select(x => x.MeanQueue)),
                        TimeStates = MeanStates(k.Select(x => x.TimeStates)),
                    };
                }).ToList().AsReadOnly(),
                Flows = flowOrder.Select(f =>
                {
                    FlowRecord[] k = flowIndex.Select(r => r[yi][f.Id]).ToArray();
                    return new FlowYearSummary
                    {
                        Id = f.Id,
                        Commodity = f.Commodity,
                        GeneratedTons = Estimate.MeanOf(k.Select(x => x.GeneratedTons)),
                        DeliveredTons = Estimate.Of(k.Select(x => x.DeliveredTons)),
                        DeliveredFromBacklogTons = Estimate.MeanOf(k.Select(x => x.DeliveredFromBacklogTons)),
                        DivertedTons = Estimate.MeanOf(k.Select(x => x.DivertedTons)),
                        MeanTransitDays = Estimate.MeanOf(k.Select(x => x.MeanTransitDays)),
                        P50TransitDays = Pooled(k.Select(x => x.TransitHistogram), 0.5),
                        P95TransitDays = Pooled(k.Select(x => x.TransitHistogram), 0.95),
                    };
                }).ToList().AsReadOnly(),
            });
        }

        YearSummary? first = years.FirstOrDefault(s => s.ProbabilityTargetMet >= settings.TargetProbability);
        List<ComponentSummary> components = componentOrder.Select(c =>
        {
            ComponentRecord[][] k = componentIndex.Select(r => r.Select(year => year[c.Id]).ToArray()).ToArray();
            return new ComponentSummary
            {
                Id = c.Id,
                Kind = c.Kind,
                Utilization = Estimate.Of(k.Select(r => Estimate.MeanOf(r.Select(x => x.Utilization)))),
                MeanWaitHours = Estimate.Of(k.Select(r => Estimate.MeanOf(r.Select(x => x.MeanWaitHours)))),
                TimeStates = MeanStates(k.Select(r => MeanStates(r.Select(x => x.TimeStates)))),
            };
        }).ToList();

        return new ProjectionResult
        {
            ScenarioName = scenario.Name,
            Seed = seed,
            Replications = n,
            TargetTons = target,
            TargetProbability = settings.TargetProbability,
            Years = years.AsReadOnly(),
            FirstYearTargetMet = first is null ? null : new TargetMetYear { Year = first.Year, Probability = first.ProbabilityTargetMet },
            Components = components.AsReadOnly(),
            Calibration = Calibrate(scenario.Calibration, years, flowIndex),
        };
    }

    /// <summary>The <paramref name="q"/>-quantile of every replication's units pooled (their histograms merged); NaN when none delivered.</summary>
    internal static double Pooled(IEnumerable<Engine.BinnedCounts?> histograms, double q) =>
        Engine.BinnedCounts.Merge(histograms) is { } merged ? merged.Quantile(q) : double.NaN;

    /// <summary>The state-by-state mean of time states (means of shares that sum to 1 sum to 1).</summary>
    internal static ComponentTimeStates MeanStates(IEnumerable<ComponentTimeStates> states)
    {
        ComponentTimeStates[] s = states.ToArray();
        return s.Length == 0 ? ComponentTimeStates.AllIdle : new ComponentTimeStates
        {
            Working = s.Average(x => x.Working),
            Sailing = s.Average(x => x.Sailing),
            Loading = s.Average(x => x.Loading),
            WaitingForBerth = s.Average(x => x.WaitingForBerth),
            WeatherBound = s.Average(x => x.WeatherBound),
            WaitingForBackhaul = s.Average(x => x.WaitingForBackhaul),
            Idle = s.Average(x => x.Idle),
        };
    }

    /// <summary>
    /// The bottleneck mode rule: the most frequent value and its count; ties go to the ordinal-first value; empty
    /// and 0 when there are no values.
    /// </summary>
    internal static (string Value, int Count) Mode(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        string best = string.Empty;
        int bestCount = 0;
        foreach (string v in counts.Keys.Order(StringComparer.Ordinal))
        {
            if (counts[v] > bestCount)
            {
                best = v;
                bestCount = counts[v];
            }
        }

        return (best, bestCount);
    }

    /// <summary>The calibration check: the simulated year of the target against the reported tons and transit; null when that year was not simulated.</summary>
    private static CalibrationResult? Calibrate(CalibrationTarget? target, List<YearSummary> years, Dictionary<string, FlowRecord>[][] flowIndex)
    {
        int y = target is null ? -1 : years.FindIndex(s => s.Year == target.Year);
        if (target is null || y < 0)
        {
            return null;
        }

        double simulated = years[y].DeliveredTons.Mean;
        double error = (simulated - target.ReportedTons) / target.ReportedTons;
        TransitCalibration? transit = null;
        if (target.TransitFlow is { } flow)
        {
            double days = Estimate.MeanOf(flowIndex.Select(r => r[y][flow].MeanTransitDays));
            transit = new TransitCalibration
            {
                Flow = flow,
                SimulatedMeanDays = days,
                MinDays = target.TransitDaysMin,
                MaxDays = target.TransitDaysMax,
                WithinRange = days >= target.TransitDaysMin && days <= target.TransitDaysMax,
                Source = target.TransitSource,
            };
        }

        return new CalibrationResult
        {
            Year = target.Year,
            ReportedTons = target.ReportedTons,
            SimulatedTons = simulated,
            RelativeError = error,
            Tolerance = target.Tolerance,
            WithinTolerance = Math.Abs(error) <= target.Tolerance,
            Source = target.Source,
            Transit = transit,
            Backtest = [.. years.Where(s => target.ReportedTonsByYear.ContainsKey(s.Year)).Select(s =>
            {
                double reported = target.ReportedTonsByYear[s.Year];
                double e = (s.DeliveredTons.Mean - reported) / reported;
                return new BacktestYear
                {
                    Year = s.Year,
                    ReportedTons = reported,
                    SimulatedTons = s.DeliveredTons.Mean,
                    RelativeError = e,
                    WithinTolerance = Math.Abs(e) <= target.Tolerance,
                    StatedCapacityTons = target.StatedCapacityTonsByYear.TryGetValue(s.Year, out double stated) ? stated : null,
                };
            })],
            StatedCapacitySource = target.StatedCapacitySource,
        };
    }
}
