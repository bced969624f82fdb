using System.Globalization;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// The rules of a plan section a field table cannot state: the years against the simulated ones, names and
/// references (classes, requires, excludes), the slippage each candidate takes from its class or states itself,
/// distributions a field cannot use, and each change checked as the investment it becomes.
/// </summary>
internal static class PlanRules
{
    /// <summary>Below this a distribution's probability of falling outside a field's range counts as none.</summary>
    private const double Negligible = 1e-9;

    /// <summary>The section with every change that has no name labelled by its candidate's name.</summary>
    public static PlanDefinition Named(PlanDefinition plan) => plan with
    {
        Candidates = [.. plan.Candidates.Select(c => c with { Changes = [.. c.Changes.Select(x => x.Name is null ? x with { Name = c.Name } : x)] })],
    };

    /// <summary>The years a plan must reach the target in: <see cref="PlanDefinition.TargetYear"/> through <see cref="PlanDefinition.ThroughYear"/>.</summary>
    public static (int First, int Last) CheckedYears(PlanDefinition plan) => (plan.TargetYear, Math.Max(plan.TargetYear, plan.ThroughYear));

    /// <summary>When <paramref name="c"/> starts: its earliest start, or 1 January of the first simulated year.</summary>
    public static DateTime Start(PlanCandidate c, SimulationSettings s) => c.EarliestStart ?? new DateTime(s.StartYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>When <paramref name="c"/> is promised: its start plus its lead time, in whole months.</summary>
    public static DateTime Promised(PlanCandidate c, SimulationSettings s) => Start(c, s).AddMonths(Months(c.LeadTimeYears));

    /// <summary>Years as whole months, as investment delays are applied.</summary>
    public static int Months(double years) => (int)Math.Round(years * 12, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The candidates a plan with <paramref name="index"/> must also hold (its requires, transitively), itself
    /// included, as indices in menu order.
    /// </summary>
    public static IReadOnlyList<int> Closure(PlanDefinition plan, int index)
    {
        var byName = Index(plan);
        var seen = new SortedSet<int> { index };
        var todo = new Stack<int>([index]);
        while (todo.Count > 0)
        {
            foreach (string r in plan.Candidates[todo.Pop()].Requires)
            {
                if (byName.TryGetValue(r, out int k) && seen.Add(k))
                {
                    todo.Push(k);
                }
            }
        }

        return [.. seen];
    }

    /// <summary>Every problem of <paramref name="plan"/> in <paramref name="scenario"/>, with its JSON path.</summary>
    public static IReadOnlyList<ScenarioError> Check(Scenario scenario, PlanDefinition plan)
    {
        var errors = new List<ScenarioError>();
        void Error(string path, string message) => errors.Add(new ScenarioError(path, message));
        SimulationSettings s = scenario.Simulation;
        (int first, int last) = s.SimulatedYears;
        string years = $"{I(first)}..{I(last)}";
        if (plan.TargetYear < first || plan.TargetYear > last)
        {
            Error("$.plan.targetYear", $"found {I(plan.TargetYear)}, expected a simulated year ({years}).");
        }

        if (plan.ThroughYear != 0 && (plan.ThroughYear < plan.TargetYear || plan.ThroughYear > last))
        {
            Error("$.plan.throughYear", $"found {I(plan.ThroughYear)}, expected a simulated year from targetYear {I(plan.TargetYear)} to {I(last)}, or 0 for the target year only.");
        }

        if (plan.Objective == PlanObjective.MaximumProbability && !(plan.BudgetUsd > 0))
        {
            Error("$.plan.budgetUsd", "missing field 'budgetUsd', required with objective \"maximumProbability\": the most a plan may cost.");
        }

        int entries = plan.Candidates.Sum(c => c.Trigger is { } t ? Math.Max(1, t.Thresholds.Count) : 1);
        string counted = entries == plan.Candidates.Count ? "candidates" : "menu entries (each threshold of a trigger is one)";
        if (entries > PlanDefinition.MaxCandidates)
        {
            Error("$.plan.candidates", $"found {I(entries)} {counted}, expected at most {I(PlanDefinition.MaxCandidates)}.");
        }

        if (plan.Search == PlanSearch.Exhaustive && entries > PlanDefinition.MaxExhaustive)
        {
            Error("$.plan.search", $"search \"exhaustive\" evaluates 2^n plans: found {I(entries)} {counted}, expected at most {I(PlanDefinition.MaxExhaustive)}; use search \"greedy\".");
        }

        var classes = new Dictionary<string, ProjectClass>(StringComparer.Ordinal);
        for (int k = 0; k < plan.Classes.Count; k++)
        {
            ProjectClass c = plan.Classes[k];
            string p = Paths.Index("$.plan.classes", k);
            if (!classes.TryAdd(c.Name ?? string.Empty, c))
            {
                Error(p + ".name", $"class '{c.Name}': the name is used by an earlier class; expected each name once.");
            }

            CheckDelay(c.OnTimeProbability, c.DelayYears, p, $"class '{c.Name}'", Error);
        }

        var names = Index(plan);
        (int _, int lastChecked) = CheckedYears(plan);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < plan.Candidates.Count; k++)
        {
            PlanCandidate c = plan.Candidates[k];
            string p = Paths.Index("$.plan.candidates", k);
            string who = $"candidate '{c.Name}'";
            if (!seen.Add(c.Name ?? string.Empty))
            {
                Error(p + ".name", $"{who}: the name is used by an earlier candidate; expected each name once (it labels the plan and seeds its draws).");
            }

            if (c.Class is { } cls)
            {
                if (!classes.ContainsKey(cls))
                {
                    string hint = Paths.Suggest(cls, classes.Keys) is { } close ? $"; did you mean '{close}'?" : ".";
                    Error(p + ".class", $"{who}: found '{cls}', expected the name of a class in $.plan.classes{hint}");
                }

                if (c.DelayYears is not null || c.OnTimeProbability != 1)
                {
                    Error(p + (c.DelayYears is not null ? ".delayYears" : ".onTimeProbability"), $"{who}: its class '{cls}' gives the slippage; expected no onTimeProbability or delayYears beside class.");
                }
            }
            else
            {
                CheckDelay(c.OnTimeProbability, c.DelayYears, p, who, Error);
            }

            if (c.CostOverrun is { } overrun && !(overrun.CumulativeDistribution(-1) <= Negligible))
            {
                Error(p + ".costOverrun", $"{who}: {overrun} is at or below -1 with probability {F(overrun.CumulativeDistribution(-1))}; expected a share of capex above -1 (a cost cannot fall to zero or below).");
            }

            DateTime promised = Promised(c, s);
            if (promised.Year > lastChecked)
            {
                Error(p + (c.EarliestStart is null ? ".leadTimeYears" : ".earliestStart"), $"{who}: promised for {promised:yyyy-MM-dd}, after the last year checked ({I(lastChecked)}); expected a candidate that can complete by then.");
            }

            void References(IReadOnlyList<string> list, string field)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    if (list[i] == c.Name)
                    {
                        Error(Paths.Index(p + "." + field, i), $"{who}: names itself; expected other candidates.");
                    }
                    else if (!names.ContainsKey(list[i]))
                    {
                        string hint = Paths.Suggest(list[i], names.Keys) is { } close ? $"; did you mean '{close}'?" : ".";
                        Error(Paths.Index(p + "." + field, i), $"{who}: found '{list[i]}', expected the name of a candidate in $.plan.candidates{hint}");
                    }
                }
            }

            References(c.Requires, "requires");
            References(c.Excludes, "excludes");
            for (int i = 0; i < c.Requires.Count; i++)
            {
                if (names.TryGetValue(c.Requires[i], out int r) && plan.Candidates[r].Trigger is not null)
                {
                    Error(Paths.Index(p + ".requires", i), $"{who}: requires '{c.Requires[i]}', which has a trigger; expected a dated candidate (whether a triggered one is built depends on the simulation, so nothing can rely on it).");
                }
            }

            if (c.Trigger is { } trigger)
            {
                CheckTrigger(scenario.Corridor, trigger, p + ".trigger", who, Error);
            }
        }

        if (errors.Count == 0)
        {
            for (int k = 0; k < plan.Candidates.Count; k++)
            {
                IReadOnlyList<int> closure = Closure(plan, k);
                if (Conflict(plan, closure) is { } pair)
                {
                    Error(Paths.Index("$.plan.candidates", k) + ".requires", $"candidate '{plan.Candidates[k].Name}' needs '{plan.Candidates[pair.A].Name}' and '{plan.Candidates[pair.B].Name}', which exclude each other; expected a candidate some plan can hold.");
                }
            }
        }

        errors.AddRange(CheckChanges(scenario, plan));
        return errors;
    }

    private static void CheckTrigger(CorridorDefinition corridor, PlanTrigger trigger, string p, string who, Action<string, string> error)
    {
        string[] ids = [.. corridor.Components.Select(x => x.Id)];
        if (!ids.Contains(trigger.Component, StringComparer.Ordinal))
        {
            string hint = Paths.Suggest(trigger.Component ?? string.Empty, ids) is { } close ? $"; did you mean '{close}'?" : ".";
            error(p + ".component", $"{who}: found '{trigger.Component}', expected the id of a component in the corridor, whose occupancy the trigger watches{hint}");
        }

        if (trigger.Thresholds.Count > PlanTrigger.MaxThresholds)
        {
            error(p + ".thresholds", $"{who}: found {I(trigger.Thresholds.Count)} thresholds, expected 1..{I(PlanTrigger.MaxThresholds)}.");
        }

        for (int i = 0; i < trigger.Thresholds.Count; i++)
        {
            if (trigger.Thresholds.Take(i).Contains(trigger.Thresholds[i]))
            {
                error(Paths.Index(p + ".thresholds", i), $"{who}: threshold {F(trigger.Thresholds[i])} is listed twice; expected distinct thresholds.");
            }
        }
    }

    /// <summary>
    /// The menu the search works on: each triggered candidate becomes one entry per threshold, named
    /// <c>name@threshold</c>, the entries excluding each other and sharing the candidate's slippage draws
    /// (<see cref="PlanCandidate.Project"/>); excludes naming a triggered candidate name each of its entries. A menu
    /// without triggers is returned as it is.
    /// </summary>
    public static PlanDefinition Expand(PlanDefinition plan)
    {
        if (plan.Candidates.All(c => c.Trigger is null))
        {
            return plan;
        }

        var entries = plan.Candidates.ToDictionary(
            c => c.Name,
            c => c.Trigger is { } t ? t.Thresholds.Select(x => c.Name + "@" + F(x)).ToArray() : [c.Name],
            StringComparer.Ordinal);
        string[] Map(IEnumerable<string> names) => [.. names.SelectMany(n => entries.TryGetValue(n, out string[]? e) ? e : [n])];
        var menu = new List<PlanCandidate>();
        foreach (PlanCandidate c in plan.Candidates)
        {
            if (c.Trigger is not { } t)
            {
                menu.Add(c with { Excludes = Map(c.Excludes) });
                continue;
            }

            string[] own = entries[c.Name];
            for (int k = 0; k < t.Thresholds.Count; k++)
            {
                menu.Add(c with
                {
                    Name = own[k],
                    Project = c.Name,
                    Trigger = t with { Thresholds = [t.Thresholds[k]] },
                    Excludes = [.. Map(c.Excludes), .. own.Where((_, j) => j != k)],
                });
            }
        }

        return plan with { Candidates = menu };
    }

    /// <summary>Two candidates of <paramref name="set"/> that exclude each other (either way round), or null.</summary>
    public static (int A, int B)? Conflict(PlanDefinition plan, IReadOnlyCollection<int> set)
    {
        var byName = Index(plan);
        foreach (int a in set)
        {
            foreach (string x in plan.Candidates[a].Excludes)
            {
                if (byName.TryGetValue(x, out int b) && set.Contains(b))
                {
                    return (Math.Min(a, b), Math.Max(a, b));
                }
            }
        }

        return null;
    }

    private static Dictionary<string, int> Index(PlanDefinition plan)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < plan.Candidates.Count; k++)
        {
            byName.TryAdd(plan.Candidates[k].Name ?? string.Empty, k);
        }

        return byName;
    }

    private static void CheckDelay(double onTime, Distribution? delay, string p, string who, Action<string, string> error)
    {
        if (delay is null && onTime < 1)
        {
            error(p + ".delayYears", $"{who}: missing field 'delayYears', required when onTimeProbability is below 1: the delay in years when late.");
        }
        else if (delay is { } d && !(d.CumulativeDistribution(0) <= Negligible))
        {
            error(p + ".delayYears", $"{who}: {d} is below 0 with probability {F(d.CumulativeDistribution(0))}; expected a delay distribution of values above 0 (log-normal, gamma, uniform or triangular on positive values).");
        }
    }

    /// <summary>
    /// Each change as the investment it becomes: the corridor with every candidate's changes appended, dated at the
    /// start year, checked by the corridor's own rules, with the errors of the appended investments mapped to the changes' paths.
    /// </summary>
    private static IEnumerable<ScenarioError> CheckChanges(Scenario scenario, PlanDefinition plan)
    {
        CorridorDefinition c = scenario.Corridor;
        DateTime at = new(scenario.Simulation.StartYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var where = new List<string>();
        var added = new List<InvestmentDefinition>();
        for (int k = 0; k < plan.Candidates.Count; k++)
        {
            for (int j = 0; j < plan.Candidates[k].Changes.Count; j++)
            {
                added.Add(plan.Candidates[k].Changes[j] with { Date = at });
                where.Add(Paths.Index(Paths.Index("$.plan.candidates", k) + ".changes", j));
            }
        }

        if (added.Count == 0)
        {
            yield break;
        }

        int offset = c.Investments.Count;
        foreach (ScenarioError e in CorridorValidator.Validate(c with { Investments = [.. c.Investments, .. added] }))
        {
            if (!e.Path.StartsWith("$.investments[", StringComparison.Ordinal))
            {
                continue;
            }

            int close = e.Path.IndexOf(']', StringComparison.Ordinal);
            int index = int.Parse(e.Path.AsSpan(14, close - 14), CultureInfo.InvariantCulture);
            if (index >= offset)
            {
                yield return e with { Path = where[index - offset] + e.Path[(close + 1)..] };
            }
        }
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
