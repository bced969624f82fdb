using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// Evaluates candidate plans (sets of menu candidates, as bit masks in menu order) on a set of samples with common
/// random numbers: every plan meets sample i with the same uncertain inputs, the same slippage draws and the same
/// replication's random streams, and each plan's capacity search starts from the empty plan's in that sample.
/// Results are memoised per mask, and computed on the pipeline's runner, so they are identical at any thread count.
/// </summary>
internal sealed class PlanEvaluator
{
    private readonly Scenario _scenario;
    private readonly PlanDefinition _plan;
    private readonly PlanOptions _options;
    private readonly ulong _seed;
    private readonly IProgress<PlanProgress>? _progress;
    private readonly CancellationToken _ct;
    private readonly int[] _years;
    private readonly double[] _cost;
    private int _done;
    private int _total;
    private long _probes;

    public PlanEvaluator(Scenario scenario, ulong seed, PlanOptions options, IProgress<PlanProgress>? progress, CancellationToken ct)
    {
        _scenario = scenario;
        _plan = scenario.Plan!;
        _options = options;
        _seed = seed;
        _progress = progress;
        _ct = ct;
        (int first, int last) = PlanRules.CheckedYears(_plan);
        _years = [.. Enumerable.Range(first, last - first + 1)];
        _cost = [.. _plan.Candidates.Select(c => ExpectedCost(c, scenario.Simulation, _plan.DiscountRate))];
    }

    /// <summary>The plan section.</summary>
    public PlanDefinition Plan => _plan;

    /// <summary>The years every plan is checked in.</summary>
    public IReadOnlyList<int> Years => _years;

    /// <summary>Probe years simulated so far.</summary>
    public long Probes => _probes;

    /// <summary>The expected discounted cost of each candidate, in menu order.</summary>
    public IReadOnlyList<double> Costs => _cost;

    /// <summary>
    /// The expected discounted cost of <paramref name="c"/>: capex times one plus the overrun's mean, discounted at
    /// <paramref name="rate"/> from 1 January of the first simulated year to its start.
    /// </summary>
    public static double ExpectedCost(PlanCandidate c, SimulationSettings s, double rate)
    {
        double years = Math.Max(0, (PlanRules.Start(c, s) - new DateTime(s.StartYear, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays / 365.25);
        return c.CapexUsd * (1 + (c.CostOverrun?.Mean ?? 0)) / Math.Pow(1 + rate, years);
    }

    /// <summary>The expected cost of the plan <paramref name="mask"/>.</summary>
    public double Cost(ulong mask) => Members(mask).Sum(k => _cost[k]);

    /// <summary>The candidates of <paramref name="mask"/>, as indices in menu order.</summary>
    public IEnumerable<int> Members(ulong mask)
    {
        for (int k = 0; k < _plan.Candidates.Count; k++)
        {
            if ((mask & (1UL << k)) != 0)
            {
                yield return k;
            }
        }
    }

    /// <summary>
    /// The samples of a set: <paramref name="count"/> Latin hypercube points over the scenario's uncertain inputs (if
    /// any) and one slippage input per candidate (<c>"slip:" + name</c>), drawn with <paramref name="lhsSeed"/>; sample
    /// i's capacity searches use replication <paramref name="firstReplication"/> + i.
    /// </summary>
    public SampleSet Samples(int count, ulong lhsSeed, int firstReplication)
    {
        UncertaintyDefinition? u = _scenario.Uncertainty;
        IReadOnlyList<UncertainInput> inputs = u?.Inputs ?? [];
        UncertainInput[] slips = [.. _plan.Candidates.Select(Slip)];
        string[] names = [.. inputs.Select(i => i.Name), .. slips.Select(s => s.Name)];
        double[][] uniforms = LatinHypercube.Create(count, names, lhsSeed);
        var scenarios = new Scenario[count];
        var slipMonths = new int[count][];
        for (int i = 0; i < count; i++)
        {
            double[] row = uniforms[i];
            scenarios[i] = u is null ? _scenario : StudySamples.Apply(_scenario, u, [.. inputs.Select((x, k) => StudySamples.Value(x, row[k]))]);
            slipMonths[i] = [.. slips.Select((x, k) => PlanRules.Months(StudySamples.Value(x, row[inputs.Count + k])))];
        }

        return new SampleSet(scenarios, slipMonths, firstReplication);
    }

    /// <summary>The slippage of <paramref name="c"/> as an investment-delay input: its class's prior, or its own.</summary>
    private UncertainInput Slip(PlanCandidate c)
    {
        ProjectClass? cls = c.Class is { } name ? _plan.Classes.First(x => x.Name == name) : null;
        return new UncertainInput
        {
            Name = "slip:" + c.Name,
            Kind = UncertainInputKind.InvestmentDelay,
            OnTimeProbability = cls?.OnTimeProbability ?? c.OnTimeProbability,
            DelayYears = cls is null ? c.DelayYears : cls.DelayYears,
            MaxDelayYears = cls?.MaxDelayYears ?? c.MaxDelayYears,
            Investments = [c.Name],
        };
    }

    /// <summary>When candidate <paramref name="k"/> completes in sample <paramref name="i"/> of <paramref name="set"/>.</summary>
    public DateTime Completion(SampleSet set, int i, int k) =>
        PlanRules.Promised(_plan.Candidates[k], _scenario.Simulation).AddMonths(set.SlipMonths[i][k]);

    /// <summary>The corridor of sample <paramref name="i"/> with the plan <paramref name="mask"/>'s changes dated at their completions.</summary>
    public CorridorDefinition Corridor(SampleSet set, int i, ulong mask)
    {
        CorridorDefinition c = set.Scenarios[i].Corridor;
        if (mask == 0)
        {
            return c;
        }

        var added = new List<InvestmentDefinition>();
        foreach (int k in Members(mask))
        {
            DateTime at = Completion(set, i, k);
            added.AddRange(_plan.Candidates[k].Changes.Select(x => x with { Date = at }));
        }

        return c with { Investments = [.. c.Investments, .. added] };
    }

    /// <summary>The evaluation of <paramref name="mask"/> on <paramref name="set"/> (memoised).</summary>
    public Outcome Evaluate(SampleSet set, ulong mask, string stage) => Evaluate(set, [mask], stage)[0];

    /// <summary>The evaluations of <paramref name="masks"/> on <paramref name="set"/>, those not yet known computed together.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public IReadOnlyList<Outcome> Evaluate(SampleSet set, IReadOnlyList<ulong> masks, string stage)
    {
        if (set.Baseline is null)
        {
            SearchResult?[][] baseline = Search(set, [0UL], stage);
            set.Baseline = baseline;
            set.Remember(Summarise(set, 0, baseline));
        }

        ulong[] fresh = [.. masks.Distinct().Where(m => !set.Memo.ContainsKey(m))];
        if (fresh.Length > 0)
        {
            SearchResult?[][] found = Search(set, fresh, stage);
            int n = set.Scenarios.Length;
            for (int p = 0; p < fresh.Length; p++)
            {
                set.Remember(Summarise(set, fresh[p], found.Skip(p * n).Take(n).ToArray()));
            }
        }

        return [.. masks.Select(m => set.Memo[m])];
    }

    /// <summary>The capacity searches of each mask in each sample, <c>[mask × samples + sample][year]</c>.</summary>
    private SearchResult?[][] Search(SampleSet set, ulong[] masks, string stage)
    {
        int n = set.Scenarios.Length;
        int count = masks.Length * n;
        int before = _done;
        _total += count;
        _progress?.Report(new PlanProgress(_done, _total, stage));
        IProgress<int>? inner = _progress is null ? null : new Reporter(k => _progress.Report(new PlanProgress(before + k, _total, stage)));
        SimulationSettings settings = _scenario.Simulation;
        SearchResult?[][] results = Runner.Map(count, _options.MaxThreads, k =>
        {
            if (_ct.IsCancellationRequested)
            {
                return null;
            }

            int i = k % n;
            ulong mask = masks[k / n];
            CorridorDefinition corridor = Corridor(set, i, mask);
            var searches = new SearchResult?[_years.Length];
            for (int y = 0; y < _years.Length; y++)
            {
                SearchResult? baseline = mask == 0 ? null : set.Baseline![i][y];
                searches[y] = CapacitySearch.Run(corridor, settings, _years[y], _seed, set.FirstReplication + i, _options.Capacity, baseline, settings.TargetTons);
            }

            return searches;
        }, inner, _ct);
        _ct.ThrowIfCancellationRequested();
        _done = before + count;
        _probes += results.Sum(r => r.Sum(s => (long)(s?.Probes ?? 0)));
        return results;
    }

    private Outcome Summarise(SampleSet set, ulong mask, SearchResult?[][] searches)
    {
        double target = _scenario.Simulation.TargetTons;
        int n = searches.Length;
        var capacity = new double[n];
        var met = new bool[n];
        double shortfall = 0;
        for (int i = 0; i < n; i++)
        {
            double least = double.PositiveInfinity;
            bool all = true;
            foreach (SearchResult? s in searches[i])
            {
                double tons = s?.ServiceTons ?? 0;
                least = Math.Min(least, tons);
                all &= CapacitySearch.Reaches(tons, target);
                shortfall += Math.Max(0, target - tons);
            }

            capacity[i] = least;
            met[i] = all;
        }

        int successes = met.Count(x => x);
        (double low, double high) = Proportions.Wilson(successes, n);
        var evaluation = new PlanEvaluation
        {
            Candidates = [.. Members(mask).Select(k => _plan.Candidates[k].Name)],
            CapexUsd = Members(mask).Sum(k => _plan.Candidates[k].CapexUsd),
            CostUsd = Cost(mask),
            Probability = (double)successes / n,
            ProbabilityLow = low,
            ProbabilityHigh = high,
            Samples = n,
            MeanCapacityTons = capacity.Average(),
            MeanShortfallTons = shortfall / n,
        };
        return new Outcome(mask, capacity, met, evaluation);
    }

    /// <summary>The samples of one evaluation set and the plans evaluated on it.</summary>
    internal sealed class SampleSet(Scenario[] scenarios, int[][] slipMonths, int firstReplication)
    {
        /// <summary>Each sample's scenario: the uncertain inputs applied, no candidate yet.</summary>
        public Scenario[] Scenarios { get; } = scenarios;

        /// <summary>Each sample's slippage of each candidate, whole months, <c>[sample][candidate]</c>.</summary>
        public int[][] SlipMonths { get; } = slipMonths;

        /// <summary>The replication of sample 0's capacity searches.</summary>
        public int FirstReplication { get; } = firstReplication;

        /// <summary>The empty plan's searches, <c>[sample][year]</c>, once evaluated.</summary>
        public SearchResult?[][]? Baseline { get; set; }

        /// <summary>The plans evaluated, by mask.</summary>
        public Dictionary<ulong, Outcome> Memo { get; } = [];

        /// <summary>The masks in the order first evaluated.</summary>
        public List<ulong> Order { get; } = [];

        public void Remember(Outcome o)
        {
            Memo.Add(o.Mask, o);
            Order.Add(o.Mask);
        }
    }

    /// <summary>Reports synchronously, on the worker that finished (<see cref="Progress{T}"/> would lose the order).</summary>
    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>One plan on one sample set: per sample its capacity (the least over the checked years) and whether it met the target in every checked year.</summary>
    internal sealed record Outcome(ulong Mask, double[] Capacity, bool[] Met, PlanEvaluation Evaluation);
}
