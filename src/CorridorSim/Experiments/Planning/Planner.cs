using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Experiments;

/// <summary>
/// The capacity planner: the cheapest set of dated candidate investments (<see cref="Scenario.Plan"/>) whose
/// corridor reaches the scenario's target service capacity with the stated probability, over samples of the
/// scenario's uncertain inputs and of each candidate's completion slippage, common to every plan compared. The
/// greedy search adds the move (a candidate with what it requires) that removes the most capacity shortfall per
/// expected dollar, then tries removing and swapping each item; the exhaustive search evaluates every admissible
/// plan. The chosen plan is confirmed on fresh samples.
/// </summary>
public static class Planner
{
    /// <summary>The most single moves whose pairs the greedy search tries when no single move gains (the cheapest).</summary>
    private const int MaxPairMoves = 10;

    /// <summary>The most rounds of swaps the greedy search makes.</summary>
    private const int MaxSwapRounds = 8;

    /// <summary>Runs the plan of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario, with a plan section.</param>
    /// <param name="options">Overrides of the samples and seed; the threads and the capacity search. Null: the scenario's.</param>
    /// <param name="progress">Told the capacity searches done and planned so far (the total grows as the search goes).</param>
    /// <param name="ct">Cancels the plan between simulated years.</param>
    /// <exception cref="ScenarioException">The plan cannot run (<see cref="Check"/> lists every reason).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static PlanResult Run(Scenario scenario, PlanOptions? options = null, IProgress<PlanProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new PlanOptions();
        IReadOnlyList<ScenarioError> errors = Check(scenario, options);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        ulong seed = options.Seed ?? scenario.Simulation.Seed;
        var evaluator = new PlanEvaluator(scenario, seed, options, progress, ct);
        PlanEvaluator.SampleSet set = evaluator.Samples(options.Samples ?? evaluator.Plan.Samples, seed, 0);
        var steps = new List<PlanStep>();
        PlanEvaluator.Outcome chosen = evaluator.Plan.Search == PlanSearch.Exhaustive
            ? Exhaustive(evaluator, set, steps)
            : Greedy(evaluator, set, steps);
        return Finish(scenario, options, evaluator, set, chosen, steps, seed, ct);
    }

    /// <summary>
    /// Why the plan of <paramref name="scenario"/> cannot be split into shards, or null when it can: a greedy search
    /// picks each step from the last step's results, so only the exhaustive search's (plan, sample) rows are independent.
    /// </summary>
    internal static string? WhyNotShardable(Scenario scenario) => scenario.Plan is { Search: not PlanSearch.Exhaustive }
        ? "plan --shard needs \"search\": \"exhaustive\" in the plan section: the greedy search picks each step from the previous step's results, so its evaluations are not independent rows. Shard an exhaustive search (at most 10 menu entries), or run the greedy search whole with --threads."
        : null;

    /// <summary>
    /// The rows of a sharded plan: every admissible plan of the exhaustive search (the empty plan first) in every
    /// sample, row <c>p × samples + i</c>; <see cref="RunShard"/> runs some of them and <see cref="Merge"/> finishes the plan from all.
    /// </summary>
    /// <exception cref="ScenarioException">The plan cannot run.</exception>
    /// <exception cref="InvalidOperationException">The plan's search is greedy (<see cref="WhyNotShardable"/>).</exception>
    internal static (IReadOnlyList<ulong> Masks, int Samples) ShardDesign(Scenario scenario, PlanOptions options)
    {
        ThrowIfNotShardable(scenario, options);
        var evaluator = new PlanEvaluator(scenario, options.Seed ?? scenario.Simulation.Seed, options, null, default);
        return (ExhaustiveMasks(evaluator), options.Samples ?? evaluator.Plan.Samples);
    }

    /// <summary>The results of <paramref name="rows"/> of the <see cref="ShardDesign"/>, each the one a whole run computes for it.</summary>
    /// <exception cref="ScenarioException">The plan cannot run.</exception>
    /// <exception cref="InvalidOperationException">The plan's search is greedy (<see cref="WhyNotShardable"/>).</exception>
    internal static IReadOnlyList<PlanEvaluator.SampleResult> RunShard(Scenario scenario, PlanOptions options, IReadOnlyList<int> rows, IProgress<PlanProgress>? progress, CancellationToken ct)
    {
        ThrowIfNotShardable(scenario, options);
        ulong seed = options.Seed ?? scenario.Simulation.Seed;
        var evaluator = new PlanEvaluator(scenario, seed, options, progress, ct);
        PlanEvaluator.SampleSet set = evaluator.Samples(options.Samples ?? evaluator.Plan.Samples, seed, 0);
        return evaluator.SearchRows(set, ExhaustiveMasks(evaluator), rows, "shard: plans × samples");
    }

    /// <summary>
    /// The plan of <paramref name="scenario"/> from every row of its <see cref="ShardDesign"/> (in row order): the
    /// same result as <see cref="Run"/>, its choice, items and curve from the rows, its confirmation and projection
    /// simulated here.
    /// </summary>
    /// <exception cref="ScenarioException">The plan cannot run.</exception>
    /// <exception cref="InvalidOperationException">The plan's search is greedy (<see cref="WhyNotShardable"/>).</exception>
    internal static PlanResult Merge(Scenario scenario, PlanOptions options, IReadOnlyList<PlanEvaluator.SampleResult> rows, IProgress<PlanProgress>? progress, CancellationToken ct)
    {
        ThrowIfNotShardable(scenario, options);
        ulong seed = options.Seed ?? scenario.Simulation.Seed;
        var evaluator = new PlanEvaluator(scenario, seed, options, progress, ct);
        PlanEvaluator.SampleSet set = evaluator.Samples(options.Samples ?? evaluator.Plan.Samples, seed, 0);
        evaluator.Import(set, ExhaustiveMasks(evaluator), rows);
        var steps = new List<PlanStep>();
        return Finish(scenario, options, evaluator, set, Exhaustive(evaluator, set, steps), steps, seed, ct);
    }

    private static void ThrowIfNotShardable(Scenario scenario, PlanOptions options)
    {
        IReadOnlyList<ScenarioError> errors = Check(scenario, options);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        if (WhyNotShardable(scenario) is { } why)
        {
            throw new InvalidOperationException(why);
        }
    }

    /// <summary>The plan's outputs once the search has chosen: its items, curve, confirmation on fresh samples and projection.</summary>
    private static PlanResult Finish(Scenario scenario, PlanOptions options, PlanEvaluator evaluator, PlanEvaluator.SampleSet set, PlanEvaluator.Outcome chosen,
        List<PlanStep> steps, ulong seed, CancellationToken ct)
    {
        PlanDefinition plan = evaluator.Plan;
        int n = set.Scenarios.Length, m = options.ConfirmSamples ?? plan.ConfirmSamples;
        bool withinBudget(PlanEvaluator.Outcome o) => plan.BudgetUsd <= 0 || o.Evaluation.CostUsd <= plan.BudgetUsd;
        PlanEvaluator.Outcome[] all = [.. set.Order.Select(k => set.Memo[k])];
        bool reached = chosen.Evaluation.Probability >= plan.Probability;
        string? reason = null;
        if (!reached)
        {
            string among = plan.Search == PlanSearch.Exhaustive ? "of the admissible plans" : $"of the {all.Length} plans the greedy search evaluated";
            string budget = plan.BudgetUsd > 0 ? string.Create(CultureInfo.InvariantCulture, $" within the budget of {Usd(plan.BudgetUsd)}") : string.Empty;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"No plan reaches P(capacity ≥ {Tons(scenario.Simulation.TargetTons)} in {Years(evaluator)}) ≥ {plan.Probability:0.##}{budget}: the best {among} reaches {chosen.Evaluation.Probability:0.00} with a mean capacity of {Tons(chosen.Evaluation.MeanCapacityTons)} ({Name(chosen.Evaluation)}, {Usd(chosen.Evaluation.CostUsd)}).");
        }

        // Items: when each comes and what the system gains from it (the plan without it, and without what needs it).
        int[] members = [.. evaluator.Members(chosen.Mask)];
        ulong[] without = [.. members.Select(k => Without(plan, chosen.Mask, k))];
        IReadOnlyList<PlanEvaluator.Outcome> lesser = evaluator.Evaluate(set, without, "system gain of each item");
        var items = new List<PlanItem>();
        DateTime?[] projected = new DateTime?[plan.Candidates.Count];
        for (int j = 0; j < members.Length; j++)
        {
            int k = members[j];
            PlanCandidate c = plan.Candidates[k];
            // A trigger that did not fire sorts last: a median or p90 past every sample that fired is "not built".
            DateTime?[] starts = [.. chosen.Timings.Select(t => t.Start[k]).OrderBy(d => d ?? DateTime.MaxValue)];
            DateTime?[] done = [.. chosen.Timings.Select(t => t.Completion[k]).OrderBy(d => d ?? DateTime.MaxValue)];
            int median = (n - 1) / 2, p90 = Math.Min(n - 1, (int)Math.Ceiling(0.9 * n) - 1);
            DateTime? start = c.Trigger is null ? PlanRules.Start(c, scenario.Simulation) : starts[median];
            DateTime? promised = start?.AddMonths(PlanRules.Months(c.LeadTimeYears));
            projected[k] = promised;
            double gain = chosen.Capacity.Average() - lesser[j].Capacity.Average();
            items.Add(new PlanItem
            {
                Name = c.Name,
                Trigger = c.Trigger is { } t ? string.Create(CultureInfo.InvariantCulture, $"occupancy of {t.Component} above {t.Thresholds[0]:0.###}") : null,
                StartedShare = (double)starts.Count(d => d is not null) / n,
                Start = start,
                Promised = promised,
                MedianCompletion = done[median],
                P90Completion = done[p90],
                OnTimeShare = (double)Enumerable.Range(0, n).Count(i => set.SlipMonths[i][k] == 0) / n,
                CapexUsd = c.CapexUsd,
                CostUsd = chosen.MemberCost[k],
                SystemGainTons = gain,
                UsdPerTonYear = gain > 0 ? chosen.MemberCost[k] / gain : double.NaN,
                Source = c.Source,
            });
        }

        // The curve: each plan evaluated that is more likely than every cheaper one; regret against the curve and the chosen plan.
        PlanEvaluator.Outcome[] front = Front(all.Where(withinBudget));
        PlanEvaluator.Outcome[] compared = [.. front.Append(chosen).DistinctBy(o => o.Mask)];
        double[] best = [.. Enumerable.Range(0, n).Select(i => compared.Max(o => o.Capacity[i]))];
        PlanEvaluation WithRegret(PlanEvaluator.Outcome o, bool onCurve) => o.Evaluation with
        {
            MeanRegretTons = Enumerable.Range(0, n).Average(i => best[i] - o.Capacity[i]),
            MaxRegretTons = Enumerable.Range(0, n).Max(i => best[i] - o.Capacity[i]),
            OnCurve = onCurve,
        };
        HashSet<ulong> onFront = [.. front.Select(o => o.Mask)];

        // Confirmation on fresh samples: their own Latin hypercube and replications after the search's.
        PlanEvaluator.SampleSet fresh = evaluator.Samples(m, ConfirmSeed(seed), n);
        PlanEvaluation confirmed = evaluator.Evaluate(fresh, chosen.Mask, "confirming the chosen plan on fresh samples").Evaluation;

        // The corridor with the chosen plan completed on its promised dates (a triggered item's from its median start,
        // if it started in at least half the samples), projected as `run` would.
        CorridorDefinition corridor = scenario.Corridor;
        Scenario withPlan = scenario with
        {
            Corridor = corridor with
            {
                Investments = [.. corridor.Investments, .. members.Where(k => projected[k] is not null).SelectMany(k => plan.Candidates[k].Changes.Select(x => x with { Date = projected[k]!.Value }))],
            },
        };
        ProjectionResult projection = Projection.Run(withPlan, new ProjectionOptions { Seed = seed, MaxThreads = options.MaxThreads }, null, ct);
        long projectedYears = (long)scenario.Simulation.Replications * scenario.Simulation.Years;
        (int first, int last) = PlanRules.CheckedYears(plan);
        return new PlanResult
        {
            ScenarioName = scenario.Name,
            Seed = seed,
            TargetTons = scenario.Simulation.TargetTons,
            TargetYear = first,
            ThroughYear = last,
            RequiredProbability = plan.Probability,
            Objective = plan.Objective,
            Search = plan.Search,
            BudgetUsd = plan.BudgetUsd,
            DiscountRate = plan.DiscountRate,
            Reached = reached,
            NotReachedReason = reason,
            Baseline = WithRegret(set.Memo[0], onFront.Contains(0)),
            Chosen = WithRegret(chosen, onFront.Contains(chosen.Mask)),
            Confirmed = confirmed,
            Items = items,
            Curve = [.. front.Select(o => WithRegret(o, true))],
            Evaluated = [.. all.Select(o => o.Evaluation with { OnCurve = onFront.Contains(o.Mask) })],
            Steps = steps,
            Samples = n,
            ConfirmSamples = m,
            SearchYears = evaluator.Probes,
            TriggerYears = evaluator.TriggerYears,
            SimulatedYears = evaluator.Probes + evaluator.TriggerYears + projectedYears,
            Projection = projection,
        };
    }

    /// <summary>
    /// Every reason the plan of <paramref name="scenario"/> cannot run, each with its JSON path: no plan section; the
    /// section's rules; a checked year without demand; out-of-range options; and, with an uncertainty section, what a
    /// study of its samples would report. Empty when it can run.
    /// </summary>
    public static IReadOnlyList<ScenarioError> Check(Scenario scenario, PlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new PlanOptions();
        var errors = new List<ScenarioError>();
        if (scenario.Plan is not { } plan)
        {
            errors.Add(new ScenarioError("$.plan", "the scenario has no plan section; a plan needs the candidate investments and the probability to reach (see docs/scenario-format.md#plan)."));
            return errors;
        }

        var context = new ValidationContext(scenario.Corridor);
        context.CheckRanges("$.plan", "the plan section", plan);
        errors.AddRange(context.Errors);
        errors.AddRange(PlanRules.Check(scenario, plan));
        void Range(int? value, string name, string path)
        {
            if (value is < 1 or > 10_000)
            {
                errors.Add(new ScenarioError(path, $"options.{name} must be within 1..10000, found {value}."));
            }
        }

        Range(options.Samples, "Samples", "$.plan.samples");
        Range(options.ConfirmSamples, "ConfirmSamples", "$.plan.confirmSamples");
        if (options.MaxThreads < 1)
        {
            errors.Add(new ScenarioError("$.plan", $"options.MaxThreads must be at least 1, found {options.MaxThreads}."));
        }

        errors.AddRange(options.Capacity.Problems().Select(p => new ScenarioError("$.plan", p)));
        (int first, int last) = PlanRules.CheckedYears(plan);
        for (int y = first; y <= last && errors.Count == 0; y++)
        {
            if (!(scenario.Corridor.Flows.Sum(f => f.TonsInYear(y)) > 0))
            {
                errors.Add(new ScenarioError("$.plan.targetYear", string.Create(CultureInfo.InvariantCulture, $"{y} has no demand: a capacity search scales the year's demand, so a checked year needs some; expected a year with flows.")));
            }
        }

        if (errors.Count == 0 && scenario.Uncertainty is { } u)
        {
            // The plan's samples draw the inputs with a Latin hypercube, so each sample's scenario is checked as a study of that design would be.
            Scenario asStudy = scenario with { Uncertainty = u with { Design = SampleDesign.LatinHypercube, Replications = 1 } };
            ulong seed = options.Seed ?? scenario.Simulation.Seed;
            // Both sample sets: the search's and the confirmation's, so `validate` accepts no file `plan` fails on.
            errors.AddRange(Study.Check(asStudy, new StudyOptions { Samples = options.Samples ?? plan.Samples, Seed = seed, Capacity = null }));
            if (errors.Count == 0)
            {
                errors.AddRange(Study.Check(asStudy, new StudyOptions { Samples = options.ConfirmSamples ?? plan.ConfirmSamples, Seed = ConfirmSeed(seed), Capacity = null })
                    .Select(e => e with { Message = "confirmation " + e.Message }));
            }
        }

        return errors;
    }

    /// <summary>
    /// The greedy search: from the empty plan, add the admissible move (a candidate with what it requires) that removes
    /// the most shortfall per expected dollar — pairs of moves when no single move removes any — until the plan
    /// reaches the probability (or, maximising the probability, while the budget allows); then remove items the plan
    /// does not need and swap items for cheaper ones while it still reaches it.
    /// </summary>
    private static PlanEvaluator.Outcome Greedy(PlanEvaluator e, PlanEvaluator.SampleSet set, List<PlanStep> steps)
    {
        PlanDefinition plan = e.Plan;
        PlanEvaluator.Outcome current = e.Evaluate(set, 0, "baseline: no investment");
        steps.Add(new PlanStep("start", string.Empty, 1, current.Evaluation));
        bool maximise = plan.Objective == PlanObjective.MaximumProbability;
        for (int round = 1; current.Evaluation.Probability < (maximise ? 1 : plan.Probability); round++)
        {
            ulong[] moves = [.. Moves(e, current.Mask)];
            if (moves.Length == 0)
            {
                break;
            }

            int known = set.Memo.Count;
            PlanEvaluator.Outcome? next = Best(e, current, e.Evaluate(set, moves, string.Create(CultureInfo.InvariantCulture, $"greedy step {round}: {moves.Length} moves")));
            if (next is null)
            {
                ulong[] cheapest = [.. moves.OrderBy(x => e.Cost(x & ~current.Mask)).ThenBy(x => x).Take(MaxPairMoves)];
                ulong[] pairs = [.. cheapest.SelectMany((a, i) => cheapest.Skip(i + 1).Select(b => a | b)).Distinct().Where(x => Admissible(e, x)).Order()];
                next = pairs.Length == 0 ? null : Best(e, current, e.Evaluate(set, pairs, string.Create(CultureInfo.InvariantCulture, $"greedy step {round}: {pairs.Length} pairs of moves")));
            }

            if (next is null)
            {
                break;
            }

            steps.Add(new PlanStep("add", Change(plan, current.Mask, next.Mask), set.Memo.Count - known, next.Evaluation));
            current = next;
        }

        if (maximise)
        {
            // The most likely plan evaluated within the budget, the cheaper on ties.
            return set.Order.Select(k => set.Memo[k]).Where(o => Admissible(e, o.Mask))
                .OrderByDescending(o => o.Evaluation.Probability).ThenBy(o => o.Evaluation.CostUsd).ThenBy(o => o.Mask).First();
        }

        if (current.Evaluation.Probability < plan.Probability)
        {
            return Closest(set.Order.Select(k => set.Memo[k]).Where(o => Admissible(e, o.Mask)));
        }

        // Remove what the plan does not need, the dearest first.
        bool removed = true;
        while (removed)
        {
            removed = false;
            foreach (int k in e.Members(current.Mask).OrderByDescending(k => current.MemberCost[k]).ThenBy(k => k).ToArray())
            {
                int known = set.Memo.Count;
                PlanEvaluator.Outcome less = e.Evaluate(set, Without(plan, current.Mask, k), "removing items the plan does not need");
                if (less.Evaluation.Probability >= plan.Probability)
                {
                    steps.Add(new PlanStep("remove", Change(plan, current.Mask, less.Mask), set.Memo.Count - known, less.Evaluation));
                    current = less;
                    removed = true;
                    break;
                }
            }
        }

        // Swap an item (and what needs it) for a cheaper candidate (and what it needs) while the plan still reaches the probability.
        for (int round = 0; round < MaxSwapRounds; round++)
        {
            double cost = current.Evaluation.CostUsd;
            ulong mask = current.Mask;
            ulong[] swaps = [.. e.Members(mask)
                .SelectMany(k => Enumerable.Range(0, plan.Candidates.Count).Where(j => (mask & (1UL << j)) == 0)
                    .Select(j => Without(plan, mask, k) | Closure(plan, j)))
                .Distinct()
                .Where(x => x != mask && Admissible(e, x) && e.LeastCost(x) < cost)
                .Order()];
            if (swaps.Length == 0)
            {
                break;
            }

            int known = set.Memo.Count;
            PlanEvaluator.Outcome? cheaper = e.Evaluate(set, swaps, string.Create(CultureInfo.InvariantCulture, $"swap round {round + 1}: {swaps.Length} swaps"))
                .Where(o => o.Evaluation.Probability >= plan.Probability && o.Evaluation.CostUsd < cost)
                .OrderBy(o => o.Evaluation.CostUsd).ThenByDescending(o => o.Evaluation.Probability).ThenBy(o => o.Mask).FirstOrDefault();
            if (cheaper is null)
            {
                break;
            }

            steps.Add(new PlanStep("swap", Change(plan, current.Mask, cheaper.Mask), set.Memo.Count - known, cheaper.Evaluation));
            current = cheaper;
        }

        return current;
    }

    /// <summary>The exhaustive search: every admissible plan, then the cheapest that reaches the probability (or the most likely).</summary>
    private static PlanEvaluator.Outcome Exhaustive(PlanEvaluator e, PlanEvaluator.SampleSet set, List<PlanStep> steps)
    {
        PlanDefinition plan = e.Plan;
        ulong[] masks = ExhaustiveMasks(e);
        IReadOnlyList<PlanEvaluator.Outcome> all = e.Evaluate(set, masks, string.Create(CultureInfo.InvariantCulture, $"exhaustive: {masks.Length} plans"));
        PlanEvaluator.Outcome chosen = plan.Objective == PlanObjective.MinimumCost && all.Where(o => o.Evaluation.Probability >= plan.Probability).ToArray() is { Length: > 0 } reaching
            ? reaching.OrderBy(o => o.Evaluation.CostUsd).ThenByDescending(o => o.Evaluation.Probability).ThenBy(o => o.Mask).First()
            : plan.Objective == PlanObjective.MinimumCost ? Closest(all)
            : all.OrderByDescending(o => o.Evaluation.Probability).ThenBy(o => o.Evaluation.CostUsd).ThenBy(o => o.Mask).First();
        steps.Add(new PlanStep("enumerate", string.Empty, masks.Length, chosen.Evaluation));
        return chosen;
    }

    /// <summary>Every admissible plan whose candidates have what they require, in mask order (the empty plan first).</summary>
    private static ulong[] ExhaustiveMasks(PlanEvaluator e) =>
        [.. Enumerable.Range(0, 1 << e.Plan.Candidates.Count).Select(x => (ulong)x).Where(x => Admissible(e, x) && Closed(e.Plan, x))];

    /// <summary>The seed of the confirmation samples' Latin hypercube: its own stream of the master seed.</summary>
    private static ulong ConfirmSeed(ulong seed) => RandomStream.DeriveSeed(seed, "plan/confirm", 0);

    /// <summary>When no plan reaches the probability: the most likely, then the one with the least shortfall (closest to the target), then the cheaper.</summary>
    private static PlanEvaluator.Outcome Closest(IEnumerable<PlanEvaluator.Outcome> plans) => plans
        .OrderByDescending(o => o.Evaluation.Probability).ThenBy(o => o.Evaluation.MeanShortfallTons).ThenBy(o => o.Evaluation.CostUsd).ThenBy(o => o.Mask).First();

    /// <summary>The move with the most shortfall removed per expected dollar, if any removes some (ties: the more likely, then the cheaper).</summary>
    private static PlanEvaluator.Outcome? Best(PlanEvaluator e, PlanEvaluator.Outcome current, IReadOnlyList<PlanEvaluator.Outcome> options)
    {
        double now = current.Evaluation.MeanShortfallTons;
        return options
            .Select(o => (Outcome: o, Gain: now - o.Evaluation.MeanShortfallTons, Cost: e.Members(o.Mask & ~current.Mask).Sum(k => o.MemberCost[k])))
            .Where(x => x.Gain > 1e-9 * Math.Max(1, now) || x.Outcome.Evaluation.Probability > current.Evaluation.Probability)
            .OrderByDescending(x => Math.Max(x.Gain, 0) / Math.Max(x.Cost, 1))
            .ThenByDescending(x => x.Outcome.Evaluation.Probability)
            .ThenBy(x => x.Cost)
            .ThenBy(x => x.Outcome.Mask)
            .Select(x => x.Outcome)
            .FirstOrDefault();
    }

    /// <summary>The plans one move from <paramref name="mask"/>: each candidate not in it with what it requires, admissible.</summary>
    private static IEnumerable<ulong> Moves(PlanEvaluator e, ulong mask)
    {
        var seen = new HashSet<ulong>();
        for (int k = 0; k < e.Plan.Candidates.Count; k++)
        {
            ulong next = mask | Closure(e.Plan, k);
            if ((mask & (1UL << k)) == 0 && Admissible(e, next) && seen.Add(next))
            {
                yield return next;
            }
        }
    }

    /// <summary>Whether <paramref name="mask"/> holds no two candidates that exclude each other and keeps within the budget.</summary>
    private static bool Admissible(PlanEvaluator e, ulong mask) =>
        PlanRules.Conflict(e.Plan, e.Members(mask).ToArray()) is null && (e.Plan.BudgetUsd <= 0 || e.Cost(mask) <= e.Plan.BudgetUsd * (1 + 1e-12));

    /// <summary>Whether every candidate of <paramref name="mask"/> has what it requires.</summary>
    private static bool Closed(PlanDefinition plan, ulong mask)
    {
        for (int k = 0; k < plan.Candidates.Count; k++)
        {
            if ((mask & (1UL << k)) != 0 && (Closure(plan, k) & ~mask) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static ulong Closure(PlanDefinition plan, int k) => PlanRules.Closure(plan, k).Aggregate(0UL, (m, j) => m | (1UL << j));

    /// <summary>The plan <paramref name="mask"/> without candidate <paramref name="k"/> and without every candidate that requires it.</summary>
    private static ulong Without(PlanDefinition plan, ulong mask, int k)
    {
        ulong result = mask & ~(1UL << k);
        for (int j = 0; j < plan.Candidates.Count; j++)
        {
            if ((result & (1UL << j)) != 0 && (Closure(plan, j) & (1UL << k)) != 0)
            {
                result &= ~(1UL << j);
            }
        }

        return result;
    }

    /// <summary>The plans that no cheaper (or equally cheap, earlier) plan matches in probability, by cost.</summary>
    private static PlanEvaluator.Outcome[] Front(IEnumerable<PlanEvaluator.Outcome> plans)
    {
        var front = new List<PlanEvaluator.Outcome>();
        double best = double.NegativeInfinity;
        foreach (PlanEvaluator.Outcome o in plans.OrderBy(o => o.Evaluation.CostUsd).ThenByDescending(o => o.Evaluation.Probability).ThenBy(o => o.Mask))
        {
            if (o.Evaluation.Probability > best)
            {
                front.Add(o);
                best = o.Evaluation.Probability;
            }
        }

        return [.. front];
    }

    private static string Change(PlanDefinition plan, ulong from, ulong to)
    {
        IEnumerable<string> Names(ulong m) => Enumerable.Range(0, plan.Candidates.Count).Where(k => (m & (1UL << k)) != 0).Select(k => plan.Candidates[k].Name);
        return string.Join(" ", Names(to & ~from).Select(x => "+" + x).Concat(Names(from & ~to).Select(x => "-" + x)));
    }

    private static string Name(PlanEvaluation p) => p.Candidates.Count == 0 ? "no investment" : string.Join(" + ", p.Candidates);

    private static string Years(PlanEvaluator e) => e.Years.Count == 1
        ? e.Years[0].ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"every year {e.Years[0]}–{e.Years[^1]}");

    private static string Tons(double t) => (t / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " Mt";

    private static string Usd(double usd) => "$" + (usd / 1e6).ToString("#,0.#", CultureInfo.InvariantCulture) + " M";
}
