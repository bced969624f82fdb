using System.Globalization;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// The analyses of a study: pure functions of its sample values, its records in row order and its capacity searches
/// in task order, so the result does not depend on the thread count or on which machine ran which row.
/// </summary>
internal static class StudyAnalysis
{
    /// <summary>The outputs' names, as reports and summary.json give them.</summary>
    public const string Capacity = "serviceCapacityTons", Delivered = "deliveredTons";

    public static StudyResult Summarise(Scenario scenario, UncertaintyDefinition u, ulong seed, double[][] values,
        IReadOnlyList<RowRecord> records, IReadOnlyList<SearchResult?>? searches, int bootstrap)
    {
        SimulationSettings settings = scenario.Simulation;
        int n = values.Length, reps = u.Replications, years = settings.Years, first = settings.StartYear, last = first + years - 1;
        double target = settings.TargetTons;
        bool withCapacity = searches is not null;

        // Each sample's mean over its replications, [sample][year].
        double[][] Mean(Func<int, int, double> of) => [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, years).Select(y =>
        {
            double sum = 0;
            for (int r = 0; r < reps; r++)
            {
                sum += of((i * reps) + r, y);
            }

            return sum / reps;
        }).ToArray())];
        double[][] demand = Mean((row, y) => records[row].Years[y].GeneratedTons);
        double[][] delivered = Mean((row, y) => records[row].Years[y].DeliveredTons);
        double[][]? capacity = withCapacity ? Mean((row, y) => searches![(row * years) + y]?.ServiceTons ?? double.NaN) : null;

        var studyYears = new List<StudyYear>(years);
        for (int y = 0; y < years; y++)
        {
            int yi = y;
            studyYears.Add(new StudyYear
            {
                Year = first + y,
                DemandTons = FanOf(demand.Select(s => s[yi])),
                DeliveredTons = FanOf(delivered.Select(s => s[yi])),
                ServiceCapacityTons = capacity is null ? null : FanOf(capacity.Select(s => s[yi])),
                DeliveredMeetsTarget = ProbabilityOf(delivered.Count(s => s[yi] >= target), n),
                CapacityMeetsTarget = capacity is null ? null : ProbabilityOf(capacity.Count(s => s[yi] >= target), n),
            });
        }

        int[] firstDelivered = [.. delivered.Select(s => FirstMet(s, target, u.ConsecutiveYears))];
        int[]? firstCapacity = capacity is null ? null : [.. capacity.Select(s => FirstMet(s, target, u.ConsecutiveYears))];
        int sensitivityYear = u.SensitivityYear == 0 ? last : u.SensitivityYear;
        int discoveryYear = u.DiscoveryYear == 0 ? sensitivityYear : u.DiscoveryYear;
        int sy = sensitivityYear - first, dy = discoveryYear - first;
        string[] names = [.. u.Inputs.Select(i => i.Name)];

        var outputs = new List<(string Name, int Year, double[] Y)>();
        if (capacity is not null)
        {
            outputs.Add((Capacity, sensitivityYear, [.. capacity.Select(s => s[sy])]));
        }

        outputs.Add((Delivered, sensitivityYear, [.. delivered.Select(s => s[sy])]));
        int[] firstMet = firstCapacity ?? firstDelivered;
        outputs.Add((firstCapacity is null ? "firstYearDeliveredMet" : "firstYearCapacityMet", last, [.. firstMet.Select(f => (double)(f < 0 ? last + 1 : first + f))]));
        List<SensitivityTable> sensitivity = [.. outputs.Select(o => Sensitivity(o.Name, o.Year, o.Y, values, names, u, seed, bootstrap))];

        var variance = new List<VarianceSplit>();
        if (reps >= 2)
        {
            variance.Add(Split(Delivered, sensitivityYear, i => Enumerable.Range(0, reps).Select(r => records[(i * reps) + r].Years[sy].DeliveredTons).ToArray(), n));
            if (withCapacity)
            {
                variance.Add(Split(Capacity, sensitivityYear, i => Enumerable.Range(0, reps).Select(r => searches![(((i * reps) + r) * years) + sy]?.ServiceTons ?? double.NaN).ToArray(), n));
            }
        }

        double[][] tested = capacity ?? delivered;
        bool[] misses = [.. tested.Select(s => !(s[dy] >= target))];
        DiscoveryResult discovery = Discover(capacity is null ? Delivered : Capacity, discoveryYear, values, misses, names, target);

        ProjectionResult pooled = ProjectionAnalysis.Summarise(scenario, seed, records);
        if (searches is not null)
        {
            pooled = pooled with { Capacity = PooledCapacity(scenario, searches, records.Count, demand) };
        }

        return new StudyResult
        {
            Projection = pooled,
            Samples = n,
            ReplicationsPerSample = reps,
            Design = u.Design,
            Inputs = u.Inputs,
            ConsecutiveYears = u.ConsecutiveYears,
            Years = studyYears.AsReadOnly(),
            FirstYearDelivered = FirstYears(firstDelivered, first, years),
            FirstYearCapacity = firstCapacity is null ? null : FirstYears(firstCapacity, first, years),
            Sensitivity = sensitivity.AsReadOnly(),
            Variance = variance.AsReadOnly(),
            Discovery = discovery,
            SampleResults = [.. Enumerable.Range(0, n).Select(i => new StudySample
            {
                Index = i,
                Values = Array.AsReadOnly(values[i]),
                Years = [.. Enumerable.Range(0, years).Select(y => new StudySampleYear
                {
                    Year = first + y, DemandTons = demand[i][y], DeliveredTons = delivered[i][y], ServiceCapacityTons = capacity?[i][y] ?? double.NaN,
                })],
            })],
            SimulatedYears = ((long)records.Count * years) + (searches?.Sum(s => (long)(s?.Probes ?? 0)) ?? 0),
        };
    }

    /// <summary>The index of the first year of <paramref name="series"/> that begins <paramref name="consecutive"/> years at or above the target; −1 if none by the horizon.</summary>
    internal static int FirstMet(IReadOnlyList<double> series, double target, int consecutive)
    {
        for (int y = 0; y + consecutive <= series.Count; y++)
        {
            bool met = true;
            for (int k = y; k < y + consecutive && met; k++)
            {
                met = series[k] >= target;
            }

            if (met)
            {
                return y;
            }
        }

        return -1;
    }

    private static FirstYearDistribution FirstYears(int[] firsts, int startYear, int years)
    {
        int[] counts = new int[years];
        foreach (int f in firsts.Where(f => f >= 0))
        {
            counts[f]++;
        }

        int? By(double p)
        {
            int cumulative = 0;
            for (int y = 0; y < years; y++)
            {
                cumulative += counts[y];
                if (cumulative >= p * firsts.Length)
                {
                    return startYear + y;
                }
            }

            return null;
        }

        return new FirstYearDistribution
        {
            P10 = By(0.1), P50 = By(0.5), P90 = By(0.9),
            ShareNever = (double)firsts.Count(f => f < 0) / firsts.Length,
            Counts = Array.AsReadOnly(counts),
        };
    }

    private static Fan FanOf(IEnumerable<double> values)
    {
        double[] v = [.. values.Where(double.IsFinite)];
        double Q(double p) => v.Length == 0 ? double.NaN : Quantiles.Of(v, p);
        return new Fan { P5 = Q(0.05), P25 = Q(0.25), P50 = Q(0.5), P75 = Q(0.75), P95 = Q(0.95) };
    }

    private static Probability ProbabilityOf(int successes, int trials)
    {
        (double low, double high) = Proportions.Wilson(successes, trials);
        return new Probability { Value = (double)successes / trials, Low = low, High = high, Successes = successes, Trials = trials };
    }

    private static SensitivityTable Sensitivity(string output, int year, double[] y, double[][] x, string[] names, UncertaintyDefinition u, ulong seed, int bootstrap)
    {
        int k = names.Length;
        bool sobol = u.Design == SampleDesign.Saltelli;
        string note = sobol
            ? $"Sobol first-order (Saltelli 2010) and total (Jansen 1999) indices from a Saltelli design of {u.Samples} base samples ({y.Length} runs), bootstrap 95 % intervals."
            : $"Standardised rank regression coefficients with bootstrap 95 % intervals: {y.Length} samples are too few for Sobol indices of {k} inputs (Saltelli's scheme needs N·(k + 2) runs for each N); R² says how much of the output's rank variance they explain.";
        if (y.Any(v => !double.IsFinite(v)) || y.All(v => v == y[0]))
        {
            return new SensitivityTable
            {
                Output = output, Year = year, Method = sobol ? "sobol" : "srrc", RSquared = double.NaN, Indices = [],
                Note = y.Any(v => !double.IsFinite(v)) ? "Not computed: some samples have no value (a year without demand)." : "Not computed: the output is the same in every sample, so no input moves it.",
            };
        }

        try
        {
            SensitivityResult r;
            if (sobol)
            {
                int n = u.Samples;
                r = SobolIndices.Estimate(y[..n], y[n..(2 * n)], [.. Enumerable.Range(0, k).Select(i => y[((2 + i) * n)..((3 + i) * n)])], bootstrap, seed);
            }
            else
            {
                r = RankRegression.Srrc(x, y, bootstrap, seed);
            }

            return new SensitivityTable
            {
                Output = output, Year = year, Method = r.Method, RSquared = r.RSquared, Note = note,
                Indices = [.. r.Indices.Select(i => new InputSensitivity
                {
                    Input = names[i.Input], Value = i.Value, Low = i.Low, High = i.High, Total = i.Total, TotalLow = i.TotalLow, TotalHigh = i.TotalHigh,
                })],
            };
        }
        catch (ArgumentException e)
        {
            return new SensitivityTable { Output = output, Year = year, Method = sobol ? "sobol" : "srrc", RSquared = double.NaN, Indices = [], Note = "Not computed: " + (e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message) };
        }
    }

    private static VarianceSplit Split(string output, int year, Func<int, double[]> replications, int n)
    {
        VarianceShare v = VarianceDecomposition.Of([.. Enumerable.Range(0, n).Select(i => (IReadOnlyList<double>)replications(i))]);
        return new VarianceSplit { Output = output, Year = year, Total = v.Total, Epistemic = v.Epistemic, Aleatory = v.Aleatory, EpistemicShare = v.EpistemicShare };
    }

    private static DiscoveryResult Discover(string output, int year, double[][] x, bool[] misses, string[] names, double target)
    {
        int count = misses.Count(m => m);
        string Tons(double t) => (t / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " Mt";
        DiscoveryResult None(string note) => new()
        {
            Year = year, Output = output, Misses = count, Limits = [], Coverage = double.NaN, Density = double.NaN, Support = 0, Note = note,
        };
        if (count == 0 || count == misses.Length)
        {
            return None(count == 0 ? $"No sample misses {Tons(target)} in {year}: there is no region to describe." : $"Every sample misses {Tons(target)} in {year}: the miss does not depend on the inputs' ranges.");
        }

        PrimBox? box = Prim.Find(x, misses, names);
        if (box is null || box.Limits.Count == 0)
        {
            return None($"{count} of {misses.Length} samples miss {Tons(target)} in {year}, but no box over the inputs concentrates them.");
        }

        string Limit(PrimLimit l) =>
            double.IsNegativeInfinity(l.Low) ? $"{l.Name} ≤ {G(l.High)}"
            : double.IsPositiveInfinity(l.High) ? $"{l.Name} ≥ {G(l.Low)}"
            : $"{G(l.Low)} ≤ {l.Name} ≤ {G(l.High)}";
        return new DiscoveryResult
        {
            Year = year, Output = output, Misses = count, Coverage = box.Coverage, Density = box.Density, Support = box.Support,
            Limits = [.. box.Limits.Select(l => new BoxLimit { Input = l.Name, Low = l.Low, High = l.High })],
            Note = string.Create(CultureInfo.InvariantCulture,
                $"{output} misses {Tons(target)} in {year} when {string.Join(" and ", box.Limits.Select(Limit))}: {box.Support} samples, {box.Density:P0} of them miss (density), holding {box.Coverage:P0} of the {count} misses (coverage)."),
        };
    }

    private static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>The capacity section over every search: a year's estimates across all (sample, replication) searches, in row order.</summary>
    private static CapacityResult PooledCapacity(Scenario scenario, IReadOnlyList<SearchResult?> searches, int rows, double[][] demand)
    {
        SimulationSettings settings = scenario.Simulation;
        int years = settings.Years;
        var summaries = new List<YearCapacity>();
        for (int y = 0; y < years; y++)
        {
            SearchResult[] found = [.. Enumerable.Range(0, rows).Select(r => searches[(r * years) + y]).OfType<SearchResult>()];
            if (found.Length == 0)
            {
                continue;
            }

            int yi = y;
            summaries.Add(new YearCapacity
            {
                Year = settings.StartYear + y,
                DemandTons = Estimate.MeanOf(demand.Select(s => s[yi])),
                ServiceCapacityTons = Estimate.Of(found.Select(s => s.ServiceTons)),
                CeilingTons = Estimate.Of(found.Select(s => s.CeilingTons)),
                ServiceCapacityTonsByCommodity = CapacityStudy.ByCommodity(found, s => s.ServiceTonsByCommodity),
                CeilingTonsByCommodity = CapacityStudy.ByCommodity(found, s => s.CeilingTonsByCommodity),
                ProbabilityTargetMet = (double)found.Count(s => CapacitySearch.Reaches(s.ServiceTons, settings.TargetTons)) / found.Length,
                Bottlenecks = [],
            });
        }

        YearCapacity? met = summaries.FirstOrDefault(s => s.ProbabilityTargetMet >= settings.TargetProbability);
        return new CapacityResult
        {
            Replications = rows,
            Years = summaries.AsReadOnly(),
            FirstYearTargetMet = met is null ? null : new TargetMetYear { Year = met.Year, Probability = met.ProbabilityTargetMet },
            Probes = searches.Sum(s => (long)(s?.Probes ?? 0)),
        };
    }
}
