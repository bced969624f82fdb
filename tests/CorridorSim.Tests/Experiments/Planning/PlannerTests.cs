using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;
using Xunit;

namespace CorridorSim.Tests.Experiments.Planning;

/// <summary>Known-answer menus for the capacity planner on the small corridor (rail → ferry → rail), the ferry binding.</summary>
public sealed class PlannerTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The small corridor's service capacity in 2025 without investment (sample 0's search), and its scenario.</summary>
    private static (Scenario Scenario, double Capacity) Base(double railTrainsPerDay = 10)
    {
        Scenario s = TestScenarios.Small(annualTons: 2_000_000, years: 2, replications: 1);
        s = s with
        {
            Corridor = s.Corridor with
            {
                Components = [.. s.Corridor.Components.Select(c => c is StageDefinition { Id: "rail:az-ge" } st ? st with { TrainsPerDay = railTrainsPerDay } : c)],
            },
        };
        SearchResult found = CapacitySearch.Run(s.Corridor, s.Simulation, 2025, s.Simulation.Seed, 0, StudyOptions.DefaultCapacity, null)!;
        return (s, found.ServiceTons);
    }

    private static PlanCandidate Candidate(string name, double capex, InvestmentDefinition change, params string[] requires) => new()
    {
        Name = name, CapexUsd = capex, LeadTimeYears = 0.5, Changes = [change], Requires = requires, Source = "E: test",
    };

    private static InvestmentDefinition Ferries(int count) => new()
    {
        Name = "ferries", Date = default, Component = "ferry:kuryk-alat", Kind = InvestmentKind.AddVessels,
        Vessels = [.. Enumerable.Range(1, count).Select(i => new VesselDefinition { Name = "new-ferry-" + i, CapacityUnits = 50 })],
    };

    private static InvestmentDefinition Trains(string component, double perDay) => new()
    {
        Name = "trains", Date = default, Component = component, Kind = InvestmentKind.TrainsPerDay, Value = perDay,
    };

    private static Scenario WithPlan(Scenario s, double target, PlanDefinition plan) =>
        s with { Simulation = s.Simulation with { TargetTons = target }, Plan = plan };

    private static readonly PlanOptions Fast = new() { Samples = 4, ConfirmSamples = 4, MaxThreads = 2 };

    [Fact]
    public void Run_OnlyOneCandidateRelievesTheBindingLeg_ChoosesItWhateverTheOtherCosts()
    {
        (Scenario s, double capacity) = Base();
        var plan = new PlanDefinition
        {
            TargetYear = 2025,
            Probability = 0.75,
            Candidates = [Candidate("more-rail", 1_000, Trains("rail:kz", 20)), Candidate("more-ferries", 50_000_000, Ferries(3))],
        };

        PlanResult r = Planner.Run(WithPlan(s, 1.3 * capacity, plan), Fast);

        Assert.True(r.Reached);
        Assert.Equal(["more-ferries"], r.Chosen.Candidates);
        Assert.Equal(0, r.Baseline.Probability);
        Assert.Equal(1, r.Chosen.Probability);
        Assert.Equal(1, r.Confirmed.Probability);
        Assert.Single(r.Items);
        Assert.True(r.Items[0].SystemGainTons > 0.3 * capacity, $"gain {r.Items[0].SystemGainTons} of base {capacity}");
        Assert.Equal(50_000_000 / r.Items[0].SystemGainTons, r.Items[0].UsdPerTonYear, 9);
    }

    [Fact]
    public void Run_TargetNeedsTwoItems_GreedyFindsTheExhaustiveOptimum()
    {
        // The second rail leg set just above the ferry: neither ferries nor trains alone reach 1.3 × the base capacity.
        (Scenario probe, double ferryBound) = Base(railTrainsPerDay: 10);
        double perDay = Math.Round(1.15 * ferryBound / (50 * 60 * 365), 2);
        (Scenario s, double capacity) = Base(perDay);
        var candidates = new PlanCandidate[]
        {
            Candidate("ferries", 40_000_000, Ferries(3)),
            Candidate("big-ferries", 90_000_000, Ferries(4)),
            Candidate("rail-az", 30_000_000, Trains("rail:az-ge", 3 * perDay)),
            Candidate("rail-kz", 1_000_000, Trains("rail:kz", 30)),
        };
        var plan = new PlanDefinition { TargetYear = 2025, Probability = 0.75, Candidates = candidates };
        Scenario scenario = WithPlan(s, 1.3 * capacity, plan);

        PlanResult greedy = Planner.Run(scenario, Fast);
        PlanResult exhaustive = Planner.Run(scenario with { Plan = plan with { Search = PlanSearch.Exhaustive } }, Fast);

        Assert.True(exhaustive.Reached);
        Assert.Equal(["ferries", "rail-az"], exhaustive.Chosen.Candidates);
        Assert.Equal(exhaustive.Chosen.Candidates, greedy.Chosen.Candidates);
        Assert.Equal(exhaustive.Chosen.CostUsd, greedy.Chosen.CostUsd);
        Assert.True(exhaustive.Evaluated.Count > greedy.Evaluated.Count, $"{exhaustive.Evaluated.Count} vs {greedy.Evaluated.Count}");
        Assert.Equal(16, exhaustive.Evaluated.Count);
        foreach (string single in new[] { "ferries", "rail-az" })
        {
            Assert.True(exhaustive.Evaluated.Single(e => e.Candidates.SequenceEqual([single])).Probability < 0.75, single);
        }
    }

    [Fact]
    public void Run_BudgetBelowEveryPlan_SaysNoPlanReachesItWithTheBestProbability()
    {
        (Scenario s, double capacity) = Base();
        var plan = new PlanDefinition
        {
            TargetYear = 2025,
            BudgetUsd = 10_000_000,
            Candidates = [Candidate("more-ferries", 50_000_000, Ferries(3))],
        };

        PlanResult r = Planner.Run(WithPlan(s, 1.3 * capacity, plan), Fast);

        Assert.False(r.Reached);
        Assert.Empty(r.Chosen.Candidates);
        Assert.Equal(0, r.Chosen.Probability);
        Assert.Contains("No plan reaches", r.NotReachedReason, StringComparison.Ordinal);
        Assert.Contains("0.00", r.NotReachedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AnyThreadCount_GivesTheSameSummary()
    {
        (Scenario s, double capacity) = Base();
        var plan = new PlanDefinition
        {
            TargetYear = 2025,
            Classes = [new ProjectClass { Name = "ships", OnTimeProbability = 0.2, DelayYears = Distribution.LogNormal(0.5, 0.4), MaxDelayYears = 2, Source = "E: test" }],
            Candidates = [Candidate("more-rail", 1_000, Trains("rail:kz", 20)), Candidate("more-ferries", 50_000_000, Ferries(3)) with { Class = "ships" }],
        };
        Scenario scenario = WithPlan(s, 1.2 * capacity, plan);

        string one = SummaryWriter.ToJson(Planner.Run(scenario, Fast with { MaxThreads = 1 }));
        string two = SummaryWriter.ToJson(Planner.Run(scenario, Fast with { MaxThreads = 2 }));

        Assert.Equal(one, two);
    }

    [Fact]
    public void Run_NeverOnTimeWithAFixedYearOfDelay_IsTheCandidatePromisedAYearLater()
    {
        (Scenario s, double capacity) = Base();
        PlanCandidate onTime = Candidate("more-ferries", 50_000_000, Ferries(3)) with { LeadTimeYears = 1.25 };
        PlanCandidate late = onTime with { LeadTimeYears = 0.25, OnTimeProbability = 0, DelayYears = Distribution.Constant(1), MaxDelayYears = 5 };
        PlanResult Plan(PlanCandidate c) => Planner.Run(WithPlan(s, 1.05 * capacity, new PlanDefinition { TargetYear = 2025, Search = PlanSearch.Exhaustive, Candidates = [c] }), Fast);

        PlanResult a = Plan(onTime), b = Plan(late);

        Assert.Equal(2, a.Evaluated.Count);
        Assert.True(a.Evaluated[1].MeanCapacityTons > a.Evaluated[0].MeanCapacityTons, "the ferries from April 2025 add capacity in 2025");
        Assert.Equal(a.Evaluated.Select(e => (e.Probability, e.MeanCapacityTons)), b.Evaluated.Select(e => (e.Probability, e.MeanCapacityTons)));
    }

    /// <summary>The ferry's 2024 occupancy in each sample's trigger run: replication i of the corridor as `run` simulates it.</summary>
    private static double[] FerryOccupancy2024(Scenario s, int samples) =>
        [.. Enumerable.Range(0, samples).Select(i => new CorridorModel(s.Corridor)
            .CreateRun(s.Simulation.Seed, i, s.Simulation.StartYear, s.Simulation.WarmupDays, s.Simulation.MaxTonsInSystem)
            .RunYear().Components.Single(c => c.Id == "ferry:kuryk-alat").Utilization)];

    private static PlanTrigger OnFerry(params double[] thresholds) => new() { Component = "ferry:kuryk-alat", Thresholds = thresholds };

    [Fact]
    public void Run_TriggerThatAlwaysFires_IsTheCandidateDatedAtTheNextJanuary()
    {
        (Scenario s, double capacity) = Base();
        PlanCandidate triggered = Candidate("more-ferries", 50_000_000, Ferries(3)) with { LeadTimeYears = 0.25, Trigger = OnFerry(0.01) };
        PlanCandidate dated = Candidate("more-ferries", 50_000_000, Ferries(3)) with { LeadTimeYears = 0.25, EarliestStart = Start.AddYears(1) };
        PlanResult Plan(PlanCandidate c) => Planner.Run(WithPlan(s, 1.15 * capacity, new PlanDefinition { TargetYear = 2025, Search = PlanSearch.Exhaustive, Probability = 0.75, DiscountRate = 0.1, Candidates = [c] }), Fast);

        PlanResult a = Plan(triggered), b = Plan(dated);

        Assert.Equal(2, a.Evaluated.Count);
        Assert.Equal(["more-ferries@0.01"], a.Evaluated[1].Candidates);
        Assert.True(a.Evaluated[1].MeanCapacityTons > a.Evaluated[0].MeanCapacityTons, "the ferries from April 2025 add capacity in 2025");
        Assert.Equal(b.Evaluated.Select(e => (e.Probability, e.MeanCapacityTons, e.CostUsd)), a.Evaluated.Select(e => (e.Probability, e.MeanCapacityTons, e.CostUsd)));
        // Discounted from 2024-01-01 to 2025-01-01: 366 days of 365.25.
        Assert.Equal(50_000_000 / Math.Pow(1.1, 366 / 365.25), a.Evaluated[1].CostUsd, 6);
        PlanItem item = Assert.Single(a.Items);
        Assert.Equal(1, item.StartedShare);
        Assert.Equal(Start.AddYears(1), item.Start);
        Assert.Equal(Start.AddYears(1).AddMonths(3), item.MedianCompletion);
        Assert.Equal("occupancy of ferry:kuryk-alat above 0.01", item.Trigger);
        // One year (2024) decides the trigger, once per sample: four searched, four confirming.
        Assert.Equal(8, a.TriggerYears);
    }

    [Fact]
    public void Run_TriggersThatNeverFire_SimulateNoProbeForTheirPlans()
    {
        (Scenario s, double capacity) = Base();
        PlanCandidate Never(string name) => Candidate(name, 50_000_000, Ferries(3)) with { Trigger = OnFerry(1) };
        PlanResult Plan(params PlanCandidate[] menu) => Planner.Run(WithPlan(s, 1.15 * capacity, new PlanDefinition { TargetYear = 2025, Search = PlanSearch.Exhaustive, Probability = 0.75, Candidates = menu }), Fast);

        PlanResult one = Plan(Never("a")), two = Plan(Never("a"), Never("b"));

        Assert.Equal(2, one.Evaluated.Count);
        Assert.Equal(4, two.Evaluated.Count);
        // Every plan but the empty one reuses the empty plan's searches, so the probe years are the empty plan's and the confirmation's.
        Assert.Equal(one.SearchYears, two.SearchYears);
        Assert.True(two.TriggerYears > one.TriggerYears, "each plan's triggers are still decided in its own run");
    }

    [Fact]
    public void Merge_OfShardRowsInAnyOrder_IsTheWholeRun()
    {
        (Scenario s, double capacity) = Base();
        var plan = new PlanDefinition
        {
            TargetYear = 2025,
            Search = PlanSearch.Exhaustive,
            Probability = 0.75,
            DiscountRate = 0.05,
            Candidates =
            [
                Candidate("more-rail", 1_000, Trains("rail:kz", 20)),
                Candidate("more-ferries", 50_000_000, Ferries(3)) with { Trigger = OnFerry(0.01, 0.99) },
                Candidate("rail-az", 2_000_000, Trains("rail:az-ge", 20), "more-rail"),
            ],
        };
        Scenario scenario = WithPlan(s, 1.15 * capacity, plan);
        string whole = SummaryWriter.ToJson(Planner.Run(scenario, Fast));

        (IReadOnlyList<ulong> masks, int samples) = Planner.ShardDesign(scenario, Fast);
        int count = masks.Count * samples;
        var rows = new PlanEvaluator.SampleResult[count];
        foreach (int shard in new[] { 2, 0, 1 })
        {
            int[] mine = [.. Enumerable.Range(0, count).Where(r => r % 3 == shard)];
            IReadOnlyList<PlanEvaluator.SampleResult> found = Planner.RunShard(scenario, Fast with { MaxThreads = 1 + shard % 2 }, mine, null, default);
            for (int k = 0; k < mine.Length; k++)
            {
                rows[mine[k]] = found[k];
            }
        }

        Assert.Equal(0UL, masks[0]);
        Assert.Equal(whole, SummaryWriter.ToJson(Planner.Merge(scenario, Fast, rows, null, default)));
    }

    [Fact]
    public void RunShard_GreedySearch_IsRefusedWithTheReason()
    {
        (Scenario s, double capacity) = Base();
        Scenario scenario = WithPlan(s, 1.15 * capacity, new PlanDefinition { TargetYear = 2025, Probability = 0.75, Candidates = [Candidate("more-ferries", 50_000_000, Ferries(3))] });

        Assert.Contains("\"search\": \"exhaustive\"", Planner.WhyNotShardable(scenario), StringComparison.Ordinal);
        Assert.Null(Planner.WhyNotShardable(scenario with { Plan = scenario.Plan! with { Search = PlanSearch.Exhaustive } }));
        Assert.Throws<InvalidOperationException>(() => Planner.RunShard(scenario, Fast, [0], null, default));
    }

    [Fact]
    public void Run_Trigger_FiresInExactlyTheSamplesWhoseSimulatedOccupancyExceedsTheThreshold()
    {
        (Scenario s, double capacity) = Base();
        double[] occupancy = FerryOccupancy2024(s, Fast.Samples!.Value);
        double[] sorted = [.. occupancy.Order()];
        Assert.True(sorted[1] < sorted[2], "the samples' occupancies differ");
        double theta = (sorted[1] + sorted[2]) / 2;
        PlanCandidate c = Candidate("more-ferries", 50_000_000, Ferries(3)) with { LeadTimeYears = 0.25, Trigger = OnFerry(theta, 1) };
        var plan = new PlanDefinition { TargetYear = 2025, Search = PlanSearch.Exhaustive, Probability = 0.5, Candidates = [c] };

        PlanResult r = Planner.Run(WithPlan(s, 1.15 * capacity, plan), Fast);

        // The two thresholds are two entries that exclude each other: no plan holds both.
        Assert.Equal(3, r.Evaluated.Count);
        PlanEvaluation low = r.Evaluated.Single(e => e.Candidates.SequenceEqual([$"more-ferries@{theta:G4}"]));
        PlanEvaluation never = r.Evaluated.Single(e => e.Candidates.SequenceEqual(["more-ferries@1"]));
        Assert.Equal(0, never.CostUsd);
        Assert.Equal(r.Baseline.MeanCapacityTons, never.MeanCapacityTons);
        Assert.Equal(0.5 * 50_000_000, low.CostUsd, 0);
        Assert.Equal(0.5, low.Probability);
        Assert.Equal(low.Candidates, r.Chosen.Candidates);
        PlanItem item = Assert.Single(r.Items);
        Assert.Equal(0.5, item.StartedShare);
        // The lower median of four samples, two of them fired, is a fired one; the p90 is a sample where it never started.
        Assert.Equal(Start.AddYears(1), item.Start);
        Assert.Equal(Start.AddYears(1).AddMonths(3), item.MedianCompletion);
        Assert.Null(item.P90Completion);
    }

    [Fact]
    public void Check_BadTrigger_ListsEachWithItsPath()
    {
        (Scenario s, _) = Base();
        var plan = new PlanDefinition
        {
            TargetYear = 2025,
            Search = PlanSearch.Exhaustive,
            Candidates =
            [
                Candidate("a", 1, Ferries(1)) with { Trigger = new PlanTrigger { Component = "ferry:kuryk-alt", Thresholds = [.. Enumerable.Range(1, 11).Select(i => i / 11.0)] } },
                Candidate("b", 1, Trains("rail:kz", 20), "a"),
            ],
        };

        string[] paths = [.. Planner.Check(s with { Plan = plan }).Select(e => e.Path)];

        Assert.Contains("$.plan.candidates[0].trigger.component", paths);
        Assert.Contains("$.plan.candidates[0].trigger.thresholds", paths);
        Assert.Contains("$.plan.candidates[1].requires[0]", paths);
        Assert.Contains("$.plan.search", paths);
    }

    [Fact]
    public void Check_BadReferences_ListsEachWithItsPath()
    {
        (Scenario s, _) = Base();
        var plan = new PlanDefinition
        {
            TargetYear = 2030,
            Objective = PlanObjective.MaximumProbability,
            Candidates =
            [
                Candidate("a", 1, Trains("rail:nowhere", 20), "b") with { Class = "missing" },
                Candidate("a", 1, Ferries(1)) with { Excludes = ["zzz"] },
            ],
        };

        string[] paths = [.. Planner.Check(s with { Plan = plan }).Select(e => e.Path)];

        Assert.Contains("$.plan.targetYear", paths);
        Assert.Contains("$.plan.budgetUsd", paths);
        Assert.Contains("$.plan.candidates[0].class", paths);
        Assert.Contains("$.plan.candidates[0].requires[0]", paths);
        Assert.Contains("$.plan.candidates[1].name", paths);
        Assert.Contains("$.plan.candidates[1].excludes[0]", paths);
        Assert.Contains("$.plan.candidates[0].changes[0].component", paths);
    }
}
