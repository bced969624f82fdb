using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.ExceptionServices;
using CorridorSim.Corridor;
using MathNet.Numerics.Distributions;

namespace CorridorSim.Experiments;

/// <summary>Overrides of a scenario's <see cref="SimulationSettings"/> for one projection, and how many threads to use.</summary>
public sealed record ProjectionOptions
{
    /// <summary>Replications to run (1..10000); null: the scenario's <see cref="SimulationSettings.Replications"/>.</summary>
    public int? Replications { get; init; }

    /// <summary>Master seed; null: the scenario's <see cref="SimulationSettings.Seed"/>.</summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// The most replications run at once, on that many threads (at least 1); default <see cref="Environment.ProcessorCount"/>.
    /// Results do not depend on it: replication i always draws the same random streams and is aggregated in index order.
    /// </summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// A quantity estimated across replications: one observation per replication, in replication-index order.
/// Observations that are NaN (for example the transit time of a replication that delivered nothing) are left out.
/// </summary>
public sealed record Estimate
{
    /// <summary>The mean of the observations; NaN when there are none.</summary>
    public required double Mean { get; init; }

    /// <summary>
    /// Lower end of the 95% confidence interval of the mean: mean − t(0.975, n − 1) · s / √n, with Student's t
    /// quantile (MathNet <c>StudentT.InvCDF</c>). With one observation the interval collapses to the mean.
    /// </summary>
    public required double Ci95Low { get; init; }

    /// <summary>Upper end of the 95% confidence interval of the mean (see <see cref="Ci95Low"/>).</summary>
    public required double Ci95High { get; init; }

    /// <summary>10th percentile of the observations (linear interpolation between order statistics, Hyndman–Fan type 7).</summary>
    public required double P10 { get; init; }

    /// <summary>90th percentile of the observations (as <see cref="P10"/>).</summary>
    public required double P90 { get; init; }

    /// <summary>Sample standard deviation (divisor n − 1); 0 with one observation, NaN with none.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>The number of observations (replications with a finite value).</summary>
    public required int Count { get; init; }

    /// <summary>
    /// Estimates from observations given in replication-index order; the sums run sequentially in that order, so
    /// the result is bit-identical however the replications were scheduled.
    /// </summary>
    internal static Estimate Of(IEnumerable<double> observations)
    {
        List<double> x = observations.Where(double.IsFinite).ToList();
        int n = x.Count;
        if (n == 0)
        {
            return new Estimate
            {
                Mean = double.NaN, Ci95Low = double.NaN, Ci95High = double.NaN,
                P10 = double.NaN, P90 = double.NaN, StandardDeviation = double.NaN, Count = 0,
            };
        }

        double sum = 0;
        foreach (double v in x)
        {
            sum += v;
        }

        double mean = sum / n;
        double squares = 0;
        foreach (double v in x)
        {
            squares += (v - mean) * (v - mean);
        }

        double sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        double half = n > 1 && sd > 0 ? StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n) : 0;
        x.Sort();
        return new Estimate
        {
            Mean = mean,
            Ci95Low = mean - half,
            Ci95High = mean + half,
            P10 = Quantile(x, 0.10),
            P90 = Quantile(x, 0.90),
            StandardDeviation = sd,
            Count = n,
        };
    }

    /// <summary>The mean of the finite observations, summed in the order given; NaN when there are none.</summary>
    internal static double MeanOf(IEnumerable<double> observations)
    {
        double sum = 0;
        int n = 0;
        foreach (double v in observations)
        {
            if (double.IsFinite(v))
            {
                sum += v;
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }

    private static double Quantile(List<double> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int lower = (int)Math.Floor(h);
        if (lower >= sorted.Count - 1)
        {
            return sorted[^1];
        }

        double fraction = h - lower;
        return fraction == 0 ? sorted[lower] : sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower]));
    }
}

/// <summary>Origin → destination transit days of one year, averaged across replications.</summary>
/// <remarks>
/// Each field is the mean across replications of that replication's statistic over every unit it delivered in the
/// year (all flows, weighted per unit): <see cref="P95"/> is the mean of the replications' 95th percentiles, not the
/// 95th percentile of all units pooled. Replications that delivered nothing in the year are left out; NaN when none delivered.
/// </remarks>
public sealed record TransitSummary
{
    /// <summary>Mean across replications of each replication's mean transit, in days.</summary>
    public required double Mean { get; init; }

    /// <summary>Mean across replications of each replication's median transit, in days.</summary>
    public required double P50 { get; init; }

    /// <summary>Mean across replications of each replication's 95th percentile transit, in days.</summary>
    public required double P95 { get; init; }
}

/// <summary>One component in one year, as means across replications (the per-year table behind components.csv).</summary>
public sealed record ComponentYearSummary
{
    /// <summary>Component id.</summary>
    public required string Id { get; init; }

    /// <summary>Component kind (<see cref="ComponentKpi.Kind"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.Utilization"/> (0..1).</summary>
    public required double Utilization { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.MeanWaitHours"/>, in hours.</summary>
    public required double MeanWaitHours { get; init; }

    /// <summary>Mean of the replications' <see cref="ComponentKpi.P95WaitHours"/>, in hours.</summary>
    public required double P95WaitHours { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.TonsThrough"/>, in tons.</summary>
    public required double TonsThrough { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.MeanQueue"/> (time-average units waiting; vessels for ports).</summary>
    public required double MeanQueue { get; init; }
}

/// <summary>One cargo flow in one year, across replications.</summary>
public sealed record FlowYearSummary
{
    /// <summary>Flow id.</summary>
    public required string Id { get; init; }

    /// <summary>Commodity.</summary>
    public required string Commodity { get; init; }

    /// <summary>Mean tons generated (demand) in the year.</summary>
    public required double GeneratedTons { get; init; }

    /// <summary>Tons delivered in the year across replications.</summary>
    public required Estimate DeliveredTons { get; init; }

    /// <summary>Mean across replications of the flow's mean transit, in days (replications that delivered none of the flow left out; NaN if none did).</summary>
    public required double MeanTransitDays { get; init; }

    /// <summary>Mean across replications of the flow's median transit, in days.</summary>
    public required double P50TransitDays { get; init; }

    /// <summary>Mean across replications of the flow's 95th percentile transit, in days.</summary>
    public required double P95TransitDays { get; init; }
}

/// <summary>One projected calendar year across replications.</summary>
public sealed record YearSummary
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>Mean tons generated (demand) in the year.</summary>
    public required double GeneratedTons { get; init; }

    /// <summary>Tons delivered in the year: mean, 95% confidence interval of the mean, 10th and 90th percentiles across replications.</summary>
    public required Estimate DeliveredTons { get; init; }

    /// <summary>Mean tons in the system (queued, in transit, aboard) at the end of the year.</summary>
    public required double TonsInSystemAtYearEnd { get; init; }

    /// <summary>Transit days; see <see cref="TransitSummary"/> for how replications are combined.</summary>
    public required TransitSummary TransitDays { get; init; }

    /// <summary>Share of replications whose delivered tons in the year reached the target (delivered ≥ target tons), 0..1.</summary>
    public required double ProbabilityTargetMet { get; init; }

    /// <summary>
    /// The component most often the year's bottleneck (<see cref="YearResult.Bottleneck"/>) across replications;
    /// ties go to the ordinal-first id. Empty when the corridor has no components.
    /// </summary>
    public required string Bottleneck { get; init; }

    /// <summary>Share of replications in which <see cref="Bottleneck"/> was the bottleneck, 0..1.</summary>
    public required double BottleneckShare { get; init; }

    /// <summary>Mean delivered tons by commodity, every commodity of the corridor's flows, in ordinal order of the name.</summary>
    public required IReadOnlyDictionary<string, double> DeliveredTonsByCommodity { get; init; }

    /// <summary>Per-component means, in the corridor's component order (ports, stages, vessel legs).</summary>
    public required IReadOnlyList<ComponentYearSummary> Components { get; init; }

    /// <summary>Per-flow figures, in the corridor's flow order.</summary>
    public required IReadOnlyList<FlowYearSummary> Flows { get; init; }
}

/// <summary>One component over the whole projection.</summary>
public sealed record ComponentSummary
{
    /// <summary>Component id.</summary>
    public required string Id { get; init; }

    /// <summary>Component kind (<see cref="ComponentKpi.Kind"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>Utilization (0..1): one observation per replication, the unweighted mean of its yearly utilizations.</summary>
    public required Estimate Utilization { get; init; }

    /// <summary>Mean wait in hours: one observation per replication, the unweighted mean of its yearly mean waits.</summary>
    public required Estimate MeanWaitHours { get; init; }
}

/// <summary>A year and the probability with which the target was met in it.</summary>
public sealed record TargetMetYear
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>Share of replications that met the target in that year, 0..1.</summary>
    public required double Probability { get; init; }
}

/// <summary>The transit part of a calibration check: a flow's simulated mean transit against a reported range.</summary>
public sealed record TransitCalibration
{
    /// <summary>The flow checked (<see cref="CalibrationTarget.TransitFlow"/>).</summary>
    public required string Flow { get; init; }

    /// <summary>Mean across replications of the flow's mean transit in the calibration year, in days; NaN if nothing of it was delivered.</summary>
    public required double SimulatedMeanDays { get; init; }

    /// <summary>Lowest reported transit, in days.</summary>
    public required double MinDays { get; init; }

    /// <summary>Highest reported transit, in days.</summary>
    public required double MaxDays { get; init; }

    /// <summary>Whether <see cref="SimulatedMeanDays"/> lies within [<see cref="MinDays"/>, <see cref="MaxDays"/>].</summary>
    public required bool WithinRange { get; init; }

    /// <summary>Where the reported transit comes from.</summary>
    public required string Source { get; init; }
}

/// <summary>The projection compared with a scenario's <see cref="CalibrationTarget"/>.</summary>
public sealed record CalibrationResult
{
    /// <summary>The calendar year compared.</summary>
    public required int Year { get; init; }

    /// <summary>Reported tons delivered in that year.</summary>
    public required double ReportedTons { get; init; }

    /// <summary>Mean simulated tons delivered in that year.</summary>
    public required double SimulatedTons { get; init; }

    /// <summary>(simulated − reported) / reported.</summary>
    public required double RelativeError { get; init; }

    /// <summary>Allowed absolute relative error.</summary>
    public required double Tolerance { get; init; }

    /// <summary>Whether |<see cref="RelativeError"/>| ≤ <see cref="Tolerance"/>.</summary>
    public required bool WithinTolerance { get; init; }

    /// <summary>Where the reported tons come from.</summary>
    public required string Source { get; init; }

    /// <summary>The transit check; null when the target names no transit flow.</summary>
    public TransitCalibration? Transit { get; init; }
}

/// <summary>
/// What a projection found: per-year delivered tons with confidence intervals, transit times, the probability of
/// meeting the target, bottlenecks, component indicators and the calibration check. Deterministic for a scenario,
/// seed and replication count (no wall-clock time), whatever the thread count.
/// </summary>
public sealed record ProjectionResult
{
    /// <summary>The scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The master seed used.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications run (indices 0 .. Replications − 1).</summary>
    public required int Replications { get; init; }

    /// <summary>The target in tons per year.</summary>
    public required double TargetTons { get; init; }

    /// <summary>The probability with which the target must be met (<see cref="SimulationSettings.TargetProbability"/>).</summary>
    public required double TargetProbability { get; init; }

    /// <summary>One summary per simulated year, in calendar order.</summary>
    public required IReadOnlyList<YearSummary> Years { get; init; }

    /// <summary>The first year whose <see cref="YearSummary.ProbabilityTargetMet"/> reaches <see cref="TargetProbability"/>; null if none does.</summary>
    public TargetMetYear? FirstYearTargetMet { get; init; }

    /// <summary>Per-component indicators over all years, in the corridor's component order.</summary>
    public required IReadOnlyList<ComponentSummary> Components { get; init; }

    /// <summary>The calibration check; null when the scenario has no calibration target or does not simulate its year.</summary>
    public CalibrationResult? Calibration { get; init; }
}

/// <summary>
/// Multi-year projections: runs a scenario's replications in parallel, each over consecutive years, and summarises
/// them across replications.
/// </summary>
public static class Projection
{
    /// <summary>
    /// Runs <paramref name="scenario"/>: replication i (0-based) is <see cref="CorridorModel.CreateRun"/> with the seed
    /// and index i, run for <see cref="SimulationSettings.Years"/> years from <see cref="SimulationSettings.StartYear"/>.
    /// Replications run in parallel on up to <see cref="ProjectionOptions.MaxThreads"/> threads; results are kept by
    /// index and aggregated sequentially in index order, so the result is bit-identical at any thread count.
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Overrides of the replication count and seed, and the thread count; null for the scenario's settings.</param>
    /// <param name="progress">Told the number of replications finished after each one (may be called from worker threads; values increase).</param>
    /// <param name="ct">Cancels the projection between simulated years.</param>
    /// <returns>The summary across replications.</returns>
    /// <exception cref="ArgumentException">The settings or options are out of range; every problem is listed.</exception>
    /// <exception cref="ScenarioException">The corridor definition is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static ProjectionResult Run(Scenario scenario, ProjectionOptions? options = null, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new ProjectionOptions();
        Validate(scenario, options);
        var model = new CorridorModel(scenario.Corridor);
        int replications = options.Replications ?? scenario.Simulation.Replications;
        ulong seed = options.Seed ?? scenario.Simulation.Seed;
        IReadOnlyList<YearResult>[] results = RunReplications(model, scenario.Simulation, seed, 0, replications, options.MaxThreads, progress, ct);
        return Aggregate(scenario, seed, results);
    }

    /// <summary>
    /// Runs replications <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> − 1 in
    /// parallel and returns their years by position (replication first + k at k). The unit a shard runs.
    /// </summary>
    internal static IReadOnlyList<YearResult>[] RunReplications(CorridorModel model, SimulationSettings settings, ulong seed,
        int first, int count, int maxThreads, IProgress<int>? progress, CancellationToken ct)
    {
        var results = new IReadOnlyList<YearResult>[count];
        int done = 0;
        var gate = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads, CancellationToken = ct };
        try
        {
            Parallel.For(0, count, parallel, k =>
            {
                CorridorRun run = model.CreateRun(seed, first + k, settings.StartYear, settings.WarmupDays);
                var years = new YearResult[settings.Years];
                for (int y = 0; y < years.Length; y++)
                {
                    if (ct.IsCancellationRequested)
                    {
                        return;
                    }

                    years[y] = run.RunYear();
                }

                results[k] = Array.AsReadOnly(years);
                if (progress is not null)
                {
                    // Once per replication, not on the hot path; keeps the reported counts increasing.
                    lock (gate)
                    {
                        progress.Report(++done);
                    }
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        ct.ThrowIfCancellationRequested();
        return results;
    }

    /// <summary>
    /// Summarises replications given in index order (replication i at position i). Sequential, so the result does
    /// not depend on how the replications were computed.
    /// </summary>
    internal static ProjectionResult Aggregate(Scenario scenario, ulong seed, IReadOnlyList<IReadOnlyList<YearResult>> replications)
    {
        SimulationSettings settings = scenario.Simulation;
        int n = replications.Count;
        int yearCount = replications[0].Count;
        double target = settings.TargetTons;
        string[] commodities = scenario.Corridor.Flows.Select(f => f.Commodity).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();

        // Component and flow order: as the model reports them (ports, stages, vessel legs; flows as defined).
        IReadOnlyList<ComponentKpi> componentOrder = replications[0][0].Components;
        IReadOnlyList<FlowKpi> flowOrder = replications[0][0].Flows;
        var componentIndex = replications.Select(r => r.Select(y => y.Components.ToDictionary(c => c.Id, StringComparer.Ordinal)).ToArray()).ToArray();
        var flowIndex = replications.Select(r => r.Select(y => y.Flows.ToDictionary(f => f.Id, StringComparer.Ordinal)).ToArray()).ToArray();

        var years = new List<YearSummary>(yearCount);
        for (int y = 0; y < yearCount; y++)
        {
            int yi = y;
            IEnumerable<YearResult> all = replications.Select(r => r[yi]);
            int met = all.Count(r => r.DeliveredTons >= target);
            (string bottleneck, int bottleneckCount) = Mode(all.Select(r => r.Bottleneck));
            var byCommodity = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (string c in commodities)
            {
                byCommodity.Add(c, Estimate.MeanOf(all.Select(r => r.DeliveredTonsByCommodity.GetValueOrDefault(c))));
            }

            years.Add(new YearSummary
            {
                Year = replications[0][y].Year,
                GeneratedTons = Estimate.MeanOf(all.Select(r => r.GeneratedTons)),
                DeliveredTons = Estimate.Of(all.Select(r => r.DeliveredTons)),
                TonsInSystemAtYearEnd = Estimate.MeanOf(all.Select(r => r.TonsInSystemAtYearEnd)),
                TransitDays = new TransitSummary
                {
                    Mean = Estimate.MeanOf(all.Select(r => r.MeanTransitDays)),
                    P50 = Estimate.MeanOf(all.Select(r => r.P50TransitDays)),
                    P95 = Estimate.MeanOf(all.Select(r => r.P95TransitDays)),
                },
                ProbabilityTargetMet = (double)met / n,
                Bottleneck = bottleneck,
                BottleneckShare = (double)bottleneckCount / n,
                DeliveredTonsByCommodity = new ReadOnlyDictionary<string, double>(byCommodity),
                Components = componentOrder.Select(c =>
                {
                    ComponentKpi[] k = componentIndex.Select(r => r[yi][c.Id]).ToArray();
                    return new ComponentYearSummary
                    {
                        Id = c.Id,
                        Kind = c.Kind,
                        Utilization = Estimate.MeanOf(k.Select(x => x.Utilization)),
                        MeanWaitHours = Estimate.MeanOf(k.Select(x => x.MeanWaitHours)),
                        P95WaitHours = Estimate.MeanOf(k.Select(x => x.P95WaitHours)),
                        TonsThrough = Estimate.MeanOf(k.Select(x => x.TonsThrough)),
                        MeanQueue = Estimate.MeanOf(k.Select(x => x.MeanQueue)),
                    };
                }).ToList().AsReadOnly(),
                Flows = flowOrder.Select(f =>
                {
                    FlowKpi[] k = flowIndex.Select(r => r[yi][f.Id]).ToArray();
                    return new FlowYearSummary
                    {
                        Id = f.Id,
                        Commodity = f.Commodity,
                        GeneratedTons = Estimate.MeanOf(k.Select(x => x.GeneratedTons)),
                        DeliveredTons = Estimate.Of(k.Select(x => x.DeliveredTons)),
                        MeanTransitDays = Estimate.MeanOf(k.Select(x => x.MeanTransitDays)),
                        P50TransitDays = Estimate.MeanOf(k.Select(x => x.P50TransitDays)),
                        P95TransitDays = Estimate.MeanOf(k.Select(x => x.P95TransitDays)),
                    };
                }).ToList().AsReadOnly(),
            });
        }

        YearSummary? first = years.FirstOrDefault(s => s.ProbabilityTargetMet >= settings.TargetProbability);
        List<ComponentSummary> components = componentOrder.Select(c =>
        {
            ComponentKpi[][] k = componentIndex.Select(r => r.Select(year => year[c.Id]).ToArray()).ToArray();
            return new ComponentSummary
            {
                Id = c.Id,
                Kind = c.Kind,
                Utilization = Estimate.Of(k.Select(r => Estimate.MeanOf(r.Select(x => x.Utilization)))),
                MeanWaitHours = Estimate.Of(k.Select(r => Estimate.MeanOf(r.Select(x => x.MeanWaitHours)))),
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

    private static CalibrationResult? Calibrate(CalibrationTarget? target, List<YearSummary> years, Dictionary<string, FlowKpi>[][] flowIndex)
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
        };
    }

    /// <summary>The most frequent value and its count; ties go to the ordinal-first value.</summary>
    private static (string Value, int Count) Mode(IEnumerable<string> values)
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

    /// <summary>Checks the settings a projection uses and the options, listing every problem in one exception.</summary>
    private static void Validate(Scenario scenario, ProjectionOptions options)
    {
        var errors = new List<string>();
        static string F(double v) => v.ToString("G", CultureInfo.InvariantCulture);
        SimulationSettings? s = scenario.Simulation;
        if (s is null)
        {
            errors.Add("simulation: the scenario has no simulation settings.");
        }
        else
        {
            if (s.StartYear < 1900 || s.StartYear > 2200)
            {
                errors.Add($"simulation.startYear must be within 1900..2200, found {s.StartYear}.");
            }

            if (s.Years < 1 || s.Years > 50)
            {
                errors.Add($"simulation.years must be within 1..50, found {s.Years}.");
            }

            if (!(s.WarmupDays >= 0 && s.WarmupDays <= 3650))
            {
                errors.Add($"simulation.warmupDays must be within 0..3650, found {F(s.WarmupDays)}.");
            }

            if (options.Replications is null && (s.Replications < 1 || s.Replications > 10_000))
            {
                errors.Add($"simulation.replications must be within 1..10000, found {s.Replications}.");
            }

            if (!(s.TargetTons >= 0 && double.IsFinite(s.TargetTons)))
            {
                errors.Add($"simulation.targetTons must be finite and not negative, found {F(s.TargetTons)}.");
            }

            if (!(s.TargetProbability > 0 && s.TargetProbability <= 1))
            {
                errors.Add($"simulation.targetProbability must be within (0, 1], found {F(s.TargetProbability)}.");
            }
        }

        if (scenario.Corridor is null)
        {
            errors.Add("corridor: the scenario has no corridor.");
        }

        if (scenario.Calibration is { } c)
        {
            if (!(c.ReportedTons > 0 && double.IsFinite(c.ReportedTons)))
            {
                errors.Add($"calibration.reportedTons must be positive, found {F(c.ReportedTons)}.");
            }

            if (!(c.Tolerance >= 0))
            {
                errors.Add($"calibration.tolerance must not be negative, found {F(c.Tolerance)}.");
            }

            if (c.TransitFlow is { } flow && scenario.Corridor is { } corridor && !corridor.Flows.Any(f => f.Id == flow))
            {
                errors.Add($"calibration.transitFlow '{flow}' is not a flow of the corridor; flows are: {string.Join(", ", corridor.Flows.Select(f => f.Id))}.");
            }
        }

        if (options.Replications is { } r && (r < 1 || r > 10_000))
        {
            errors.Add($"options.Replications must be within 1..10000, found {r}.");
        }

        if (options.MaxThreads < 1)
        {
            errors.Add($"options.MaxThreads must be at least 1, found {options.MaxThreads}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"The projection of scenario '{scenario.Name}' cannot run ({errors.Count} problem(s)):\n  " + string.Join("\n  ", errors),
                nameof(scenario));
        }
    }
}
