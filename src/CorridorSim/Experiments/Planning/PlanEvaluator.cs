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
    private long _triggerYears;

    public PlanEvaluator(Scenario scenario, ulong seed, PlanOptions options, IProgress<PlanProgress>? progress, CancellationToken ct)
    {
        _scenario = scenario;
        _plan = PlanRules.Expand(scenario.Plan!);
        _options = options;
        _seed = seed;
        _progress = progress;
        _ct = ct;
        (int first, int last) = PlanRules.CheckedYears(_plan);
        _years = [.. Enumerable.Range(first, last - first + 1)];
        _cost = [.. _plan.Candidates.Select(c => ExpectedCost(c, scenario.Simulation, _plan.DiscountRate))];
    }

    /// <summary>The plan section, its menu expanded (<see cref="PlanRules.Expand"/>: one entry per trigger threshold); masks index this menu.</summary>
    public PlanDefinition Plan => _plan;

    /// <summary>The years every plan is checked in.</summary>
    public IReadOnlyList<int> Years => _years;

    /// <summary>Probe years simulated so far.</summary>
    public long Probes => _probes;

    /// <summary>Years simulated so far to decide when triggered candidates start.</summary>
    public long TriggerYears => _triggerYears;

    /// <summary>The expected discounted cost of each candidate, in menu order.</summary>
    public IReadOnlyList<double> Costs => _cost;

    /// <summary>
    /// The expected discounted cost of <paramref name="c"/>: capex times one plus the overrun's mean, discounted at
    /// <paramref name="rate"/> from 1 January of the first simulated year to its start.
    /// </summary>
    public static double ExpectedCost(PlanCandidate c, SimulationSettings s, double rate) => CostAt(c, PlanRules.Start(c, s), s, rate);

    /// <summary>The expected cost of <paramref name="c"/> started on <paramref name="start"/>, discounted from 1 January of the first simulated year.</summary>
    private static double CostAt(PlanCandidate c, DateTime start, SimulationSettings s, double rate)
    {
        double years = Math.Max(0, (start - new DateTime(s.StartYear, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays / 365.25);
        return c.CapexUsd * (1 + (c.CostOverrun?.Mean ?? 0)) / Math.Pow(1 + rate, years);
    }

    /// <summary>Whether menu entry <paramref name="k"/> starts by a trigger rule.</summary>
    public bool Triggered(int k) => _plan.Candidates[k].Trigger is not null;

    /// <summary>
    /// The least the plan <paramref name="mask"/> can cost: its dated candidates' expected costs (a triggered one may
    /// never start); <see cref="Cost"/> is the most, with every trigger firing at the earliest start.
    /// </summary>
    public double LeastCost(ulong mask) => Members(mask).Where(k => !Triggered(k)).Sum(k => _cost[k]);

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
        // One slippage input per project: a triggered candidate's entries (one per threshold) share their draws.
        string[] projects = [.. _plan.Candidates.Select(Project).Distinct()];
        UncertainInput[] slips = [.. projects.Select(p => Slip(_plan.Candidates.First(c => Project(c) == p)))];
        int[] column = [.. _plan.Candidates.Select(c => System.Array.IndexOf(projects, Project(c)))];
        string[] names = [.. inputs.Select(i => i.Name), .. slips.Select(s => s.Name)];
        double[][] uniforms = LatinHypercube.Create(count, names, lhsSeed);
        var scenarios = new Scenario[count];
        var slipMonths = new int[count][];
        for (int i = 0; i < count; i++)
        {
            double[] row = uniforms[i];
            scenarios[i] = u is null ? _scenario : StudySamples.Apply(_scenario, u, [.. inputs.Select((x, k) => StudySamples.Value(x, row[k]))]);
            int[] months = [.. slips.Select((x, k) => PlanRules.Months(StudySamples.Value(x, row[inputs.Count + k])))];
            slipMonths[i] = [.. column.Select(j => months[j])];
        }

        return new SampleSet(scenarios, slipMonths, firstReplication);
    }

    private static string Project(PlanCandidate c) => c.Project ?? c.Name;

    /// <summary>The slippage of <paramref name="c"/> as an investment-delay input: its class's prior, or its own.</summary>
    private UncertainInput Slip(PlanCandidate c)
    {
        ProjectClass? cls = c.Class is { } name ? _plan.Classes.First(x => x.Name == name) : null;
        return new UncertainInput
        {
            Name = "slip:" + Project(c),
            Kind = UncertainInputKind.InvestmentDelay,
            OnTimeProbability = cls?.OnTimeProbability ?? c.OnTimeProbability,
            DelayYears = cls is null ? c.DelayYears : cls.DelayYears,
            MaxDelayYears = cls?.MaxDelayYears ?? c.MaxDelayYears,
            Investments = [Project(c)],
        };
    }

    /// <summary>When dated candidate <paramref name="k"/> completes in sample <paramref name="i"/> of <paramref name="set"/>.</summary>
    public DateTime Completion(SampleSet set, int i, int k) =>
        PlanRules.Promised(_plan.Candidates[k], _scenario.Simulation).AddMonths(set.SlipMonths[i][k]);

    /// <summary>The corridor <paramref name="c"/> with the changes of the candidates in <paramref name="at"/> (their completions, null: not built) appended.</summary>
    private static CorridorDefinition WithChanges(CorridorDefinition c, PlanDefinition plan, DateTime?[] at)
    {
        var added = new List<InvestmentDefinition>();
        for (int k = 0; k < at.Length; k++)
        {
            if (at[k] is { } date)
            {
                added.AddRange(plan.Candidates[k].Changes.Select(x => x with { Date = date }));
            }
        }

        return added.Count == 0 ? c : c with { Investments = [.. c.Investments, .. added] };
    }

    /// <summary>
    /// When each candidate of <paramref name="mask"/> starts and completes in sample <paramref name="i"/> (null: not
    /// in the plan, or a trigger that did not fire), and the years simulated to decide the triggers. Dated candidates
    /// start at their start; triggered ones are decided in one run of the sample's corridor (the plan's dated changes
    /// in place) from the first simulated year: at the end of each year before the last checked one, a trigger whose
    /// component's occupancy that year exceeds its threshold starts its candidate on the next 1 January (not before
    /// its earliest start), and the candidate's changes enter the same run at completion, so later years (and later
    /// triggers) see them.
    /// </summary>
    private Timing Decide(SampleSet set, int i, ulong mask)
    {
        SimulationSettings s = _scenario.Simulation;
        int n = _plan.Candidates.Count;
        var start = new DateTime?[n];
        var done = new DateTime?[n];
        var pending = new List<int>();
        foreach (int k in Members(mask))
        {
            if (Triggered(k))
            {
                pending.Add(k);
            }
            else
            {
                start[k] = PlanRules.Start(_plan.Candidates[k], s);
                done[k] = Completion(set, i, k);
            }
        }

        int years = 0;
        if (pending.Count > 0)
        {
            var model = new CorridorModel(WithChanges(set.Scenarios[i].Corridor, _plan, done));
            CorridorRun run = model.CreateRun(_seed, set.FirstReplication + i, s.StartYear, s.WarmupDays, s.MaxTonsInSystem);
            for (int year = s.StartYear; year < _years[^1] && pending.Count > 0; year++)
            {
                YearResult result = run.RunYear();
                years++;
                foreach (int k in pending.ToArray())
                {
                    PlanCandidate c = _plan.Candidates[k];
                    PlanTrigger t = c.Trigger!;
                    if (!(result.Components.First(x => x.Id == t.Component).Utilization > t.Thresholds[0]))
                    {
                        continue;
                    }

                    DateTime next = new(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                    DateTime from = c.EarliestStart is { } earliest && earliest > next ? earliest : next;
                    start[k] = from;
                    done[k] = from.AddMonths(PlanRules.Months(c.LeadTimeYears) + set.SlipMonths[i][k]);
                    foreach (InvestmentDefinition x in c.Changes)
                    {
                        run.Invest(x with { Date = done[k]!.Value });
                    }

                    pending.Remove(k);
                }
            }
        }

        return new Timing(start, done, years);
    }

    /// <summary>The evaluation of <paramref name="mask"/> on <paramref name="set"/> (memoised).</summary>
    public Outcome Evaluate(SampleSet set, ulong mask, string stage) => Evaluate(set, [mask], stage)[0];

    /// <summary>The evaluations of <paramref name="masks"/> on <paramref name="set"/>, those not yet known computed together.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public IReadOnlyList<Outcome> Evaluate(SampleSet set, IReadOnlyList<ulong> masks, string stage)
    {
        if (!set.Memo.ContainsKey(0))
        {
            Evaluated[] baseline = Search(set, [0UL], stage);
            set.Baseline = [.. baseline.Select(r => r.Searches)];
            set.Remember(Summarise(set, 0, [.. baseline.Select(r => r.Result)]));
        }

        ulong[] fresh = [.. masks.Distinct().Where(m => !set.Memo.ContainsKey(m))];
        if (fresh.Length > 0)
        {
            if (set.Baseline is null)
            {
                throw new InvalidOperationException("The sample set's evaluations were imported without the empty plan's searches; every plan must be imported.");
            }

            Evaluated[] found = Search(set, fresh, stage);
            int n = set.Scenarios.Length;
            for (int p = 0; p < fresh.Length; p++)
            {
                set.Remember(Summarise(set, fresh[p], [.. found.Skip(p * n).Take(n).Select(r => r.Result)]));
            }
        }

        return [.. masks.Select(m => set.Memo[m])];
    }

    /// <summary>
    /// The results of rows <paramref name="rows"/> of <paramref name="masks"/> × the samples of <paramref name="set"/>
    /// (row <c>p × samples + i</c>: plan p in sample i), for a shard; the empty plan's searches of every sample the
    /// rows meet are run first, as <see cref="Evaluate(SampleSet, IReadOnlyList{ulong}, string)"/> would, so each
    /// row's result is the one a whole run computes. <paramref name="masks"/> must start with the empty plan.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public SampleResult[] SearchRows(SampleSet set, IReadOnlyList<ulong> masks, IReadOnlyList<int> rows, string stage)
    {
        if (masks.Count == 0 || masks[0] != 0)
        {
            throw new ArgumentException("The plans of a sharded search start with the empty plan.", nameof(masks));
        }

        int n = set.Scenarios.Length;
        int[] samples = [.. rows.Select(r => r % n).Distinct().Order()];
        Evaluated[] baseline = Search(set, [0UL], stage, samples);
        var searches = new SearchResult?[n][];
        var results = new SampleResult?[n];
        for (int j = 0; j < samples.Length; j++)
        {
            searches[samples[j]] = baseline[j].Searches;
            results[samples[j]] = baseline[j].Result;
        }

        set.Baseline = searches;
        int[] others = [.. rows.Where(r => r >= n)];
        Evaluated[] rest = Search(set, [.. others.Select(r => masks[r / n])], stage, [.. others.Select(r => r % n)], pairwise: true);
        var found = new Dictionary<int, SampleResult>(others.Length);
        for (int k = 0; k < others.Length; k++)
        {
            found.Add(others[k], rest[k].Result);
        }

        return [.. rows.Select(r => r < n ? results[r]! : found[r])];
    }

    /// <summary>
    /// Remembers the results of every row of <paramref name="masks"/> × the samples of <paramref name="set"/> (all
    /// of them, in row order, as <see cref="SearchRows"/> computed them in the shards), as if evaluated here in the
    /// order of <paramref name="masks"/>, counting their probe and trigger years.
    /// </summary>
    public void Import(SampleSet set, IReadOnlyList<ulong> masks, IReadOnlyList<SampleResult> rows)
    {
        int n = set.Scenarios.Length;
        if (rows.Count != masks.Count * n)
        {
            throw new ArgumentException($"Expected {masks.Count * n} rows ({masks.Count} plans × {n} samples), found {rows.Count}.", nameof(rows));
        }

        for (int p = 0; p < masks.Count; p++)
        {
            set.Remember(Summarise(set, masks[p], [.. rows.Skip(p * n).Take(n)]));
        }

        _probes += rows.Sum(r => r.Probes);
        _triggerYears += rows.Sum(r => (long)r.Timing.Years);
    }

    /// <summary>
    /// The capacity searches of each mask in each sample, <c>[mask × samples + sample]</c>, each with its candidates'
    /// timing; with <paramref name="only"/>, of each mask in those samples only (<c>[mask × only + j]</c>), or, with
    /// <paramref name="pairwise"/>, of mask k in sample <c>only[k]</c>.
    /// </summary>
    private Evaluated[] Search(SampleSet set, ulong[] masks, string stage, int[]? only = null, bool pairwise = false)
    {
        int n = only?.Length ?? set.Scenarios.Length;
        int count = pairwise ? masks.Length : masks.Length * n;
        int before = _done;
        _total += count;
        _progress?.Report(new PlanProgress(_done, _total, stage));
        IProgress<int>? inner = _progress is null ? null : new Reporter(k => _progress.Report(new PlanProgress(before + k, _total, stage)));
        SimulationSettings settings = _scenario.Simulation;
        Evaluated[] results = Runner.Map(count, _options.MaxThreads, k =>
        {
            if (_ct.IsCancellationRequested)
            {
                return null!;
            }

            int i = pairwise ? only![k] : only is null ? k % n : only[k % n];
            ulong mask = masks[pairwise ? k : k / n];
            Timing timing = Decide(set, i, mask);
            if (mask != 0 && timing.Completion.All(d => d is null))
            {
                // No trigger fired: the corridor is the empty plan's, and so is its search (no probe is run).
                SearchResult?[] same = set.Baseline![i];
                return new Evaluated(same, new SampleResult([.. same.Select(s => s?.ServiceTons ?? 0)], 0, timing));
            }

            CorridorDefinition corridor = WithChanges(set.Scenarios[i].Corridor, _plan, timing.Completion);
            var searches = new SearchResult?[_years.Length];
            for (int y = 0; y < _years.Length; y++)
            {
                SearchResult? baseline = mask == 0 ? null : set.Baseline![i][y];
                searches[y] = CapacitySearch.Run(corridor, settings, _years[y], _seed, set.FirstReplication + i, _options.Capacity, baseline, settings.TargetTons);
            }

            return new Evaluated(searches, new SampleResult([.. searches.Select(s => s?.ServiceTons ?? 0)], searches.Sum(s => (long)(s?.Probes ?? 0)), timing));
        }, inner, _ct);
        _ct.ThrowIfCancellationRequested();
        _done = before + count;
        _probes += results.Sum(r => r.Result.Probes);
        _triggerYears += results.Sum(r => (long)r.Result.Timing.Years);
        return results;
    }

    private Outcome Summarise(SampleSet set, ulong mask, SampleResult[] runs)
    {
        double target = _scenario.Simulation.TargetTons;
        int n = runs.Length;
        var capacity = new double[n];
        var met = new bool[n];
        double shortfall = 0;
        for (int i = 0; i < n; i++)
        {
            double least = double.PositiveInfinity;
            bool all = true;
            foreach (double tons in runs[i].ServiceTons)
            {
                least = Math.Min(least, tons);
                all &= CapacitySearch.Reaches(tons, target);
                shortfall += Math.Max(0, target - tons);
            }

            capacity[i] = least;
            met[i] = all;
        }

        // A dated candidate costs its expected cost; a triggered one the mean, across samples, of its cost where it started.
        var memberCost = new double[_plan.Candidates.Count];
        foreach (int k in Members(mask))
        {
            memberCost[k] = !Triggered(k) ? _cost[k]
                : runs.Average(r => r.Timing.Start[k] is { } at ? CostAt(_plan.Candidates[k], at, _scenario.Simulation, _plan.DiscountRate) : 0);
        }

        int successes = met.Count(x => x);
        (double low, double high) = Proportions.Wilson(successes, n);
        var evaluation = new PlanEvaluation
        {
            Candidates = [.. Members(mask).Select(k => _plan.Candidates[k].Name)],
            CapexUsd = Members(mask).Sum(k => _plan.Candidates[k].CapexUsd),
            CostUsd = Members(mask).Sum(k => memberCost[k]),
            Probability = (double)successes / n,
            ProbabilityLow = low,
            ProbabilityHigh = high,
            Samples = n,
            MeanCapacityTons = capacity.Average(),
            MeanShortfallTons = shortfall / n,
        };
        return new Outcome(mask, capacity, met, evaluation, memberCost, [.. runs.Select(r => r.Timing)]);
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

    /// <summary>
    /// One plan on one sample set: per sample its capacity (the least over the checked years) and whether it met the
    /// target in every checked year; each candidate's expected cost in this plan (indexed by menu entry), and per
    /// sample when its candidates started and completed.
    /// </summary>
    internal sealed record Outcome(ulong Mask, double[] Capacity, bool[] Met, PlanEvaluation Evaluation, double[] MemberCost, Timing[] Timings);

    /// <summary>When each menu entry starts and completes in one sample (null: not in the plan, or not triggered), and the years simulated to decide it.</summary>
    internal sealed record Timing(DateTime?[] Start, DateTime?[] Completion, int Years);

    /// <summary>
    /// One plan in one sample, all that its evaluation keeps: the service capacity of each checked year (0 where a
    /// search found no demand), the probe years simulated for it (0 when it reused the empty plan's searches), and its
    /// candidates' timing.
    /// </summary>
    internal sealed record SampleResult(double[] ServiceTons, long Probes, Timing Timing);

    /// <summary>One plan's capacity searches in one sample (the empty plan's are the later plans' starting points), and its result.</summary>
    private sealed record Evaluated(SearchResult?[] Searches, SampleResult Result);
}
