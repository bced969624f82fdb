using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;
using Xunit;

namespace CorridorSim.Tests.Experiments.Uncertainty;

/// <summary>Uncertainty studies against closed forms, their determinism, slippage and validation.</summary>
public sealed class StudyTests
{
    private static readonly StudyOptions NoCapacity = new() { Capacity = null, MaxThreads = 2 };

    /// <summary>Asserts <paramref name="expected"/> lies within the Wilson 95 % interval of <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    private static void AssertWithinWilson(double expected, int successes, int n, string what)
    {
        (double low, double high) = Proportions.Wilson(successes, n);
        Assert.True(low <= expected && expected <= high, $"{what}: closed form {expected:F3} outside the Wilson interval [{low:F3}, {high:F3}] of {successes}/{n}");
    }

    [Fact]
    public void Run_UncertainDemandFarBelowCapacity_ProbabilityAndFirstYearMatchTheClosedForm()
    {
        // Delivered ≈ f · 200 kt · 1.1^y with f ~ U(0.5, 1.5), so P(delivered ≥ 240 kt in year y) = 1.5 − 1.2 / 1.1^y.
        Scenario s = StudyScenarios.With(TestScenarios.Small(annualTons: 200_000, years: 4, targetTons: 240_000, growthPerYear: 0.1), 100, 1,
            StudyScenarios.DemandFactor(0.5, 1.5));
        StudyResult r = Study.Run(s, NoCapacity);

        int cumulative = 0;
        for (int y = 0; y < 4; y++)
        {
            double expected = 1.5 - (1.2 / Math.Pow(1.1, y));
            Probability p = r.Years[y].DeliveredMeetsTarget;
            AssertWithinWilson(expected, p.Successes, p.Trials, $"P(delivered ≥ target) in {r.Years[y].Year}");
            Assert.True(p.Low <= p.Value && p.Value <= p.High);
            cumulative += r.FirstYearDelivered.Counts[y];
            AssertWithinWilson(expected, cumulative, 100, $"share first met by {r.Years[y].Year}");
        }

        Assert.Equal(1 - (cumulative / 100.0), r.FirstYearDelivered.ShareNever, 12);
        Assert.Null(r.FirstYearCapacity);
        Assert.All(r.SampleResults, x => Assert.InRange(x.Years[0].DeliveredTons / (x.Values[0] * 200_000), 0.9, 1.1));
        SensitivityTable delivered = r.Sensitivity.Single(t => t.Output == "deliveredTons");
        Assert.Equal("srrc", delivered.Method);
        Assert.True(delivered.Indices[0].Value > 0.9, $"SRRC of the only input {delivered.Indices[0].Value}");
    }

    [Fact]
    public void Run_UncertainFleetOnTheBindingLeg_CapacityMeetsTheTargetExactlyWithFourVessels()
    {
        // The ferry leg binds: a target between the 3- and 4-vessel capacities is met by a sample iff its fleet rounds to 4.
        CapacityOptions search = StudyOptions.DefaultCapacity;
        Scenario three = TestScenarios.Small(vessels: 3), four = TestScenarios.Small(vessels: 4);
        double c3 = CapacitySearch.Run(three.Corridor, three.Simulation, 2024, three.Simulation.Seed, 0, search, null)!.ServiceTons;
        double c4 = CapacitySearch.Run(four.Corridor, four.Simulation, 2024, four.Simulation.Seed, 0, search, null)!.ServiceTons;
        Assert.True(c4 > 1.2 * c3, $"capacity {c3:F0} t with 3 vessels, {c4:F0} t with 4");
        var fleet = new UncertainInput
        {
            Name = "fleet", Kind = UncertainInputKind.Parameter, Path = "vesselLegs[ferry:kuryk-alat].vessels",
            Distribution = Distribution.Uniform(1.5, 4.5), Source = "E: test",
        };
        Scenario s = StudyScenarios.With(TestScenarios.Small(targetTons: (c3 + c4) / 2), 24, 1, fleet);
        StudyResult r = Study.Run(s, new StudyOptions { MaxThreads = 2 });

        foreach (StudySample sample in r.SampleResults)
        {
            bool fourVessels = Math.Round(sample.Values[0], MidpointRounding.AwayFromZero) == 4;
            Assert.True(fourVessels == sample.Years[0].ServiceCapacityTons >= s.Simulation.TargetTons,
                $"sample {sample.Index}: fleet {sample.Values[0]:F2}, capacity {sample.Years[0].ServiceCapacityTons:F0} t, target {s.Simulation.TargetTons:F0} t");
        }

        Probability p = r.Years[0].CapacityMeetsTarget!;
        Assert.Equal(8, p.Successes); // a Latin hypercube puts exactly a third of 24 samples in [3.5, 4.5)
        Assert.NotNull(r.Projection.Capacity);
        Assert.True(r.SimulatedYears > 24);
    }

    [Fact]
    public void Run_ResultIsIdenticalAtAnyThreadCount()
    {
        Scenario s = StudyScenarios.With(TestScenarios.Small(years: 2), 6, 2, StudyScenarios.DemandFactor(0.5, 3));
        string one = SummaryWriter.ToJson(Study.Run(s, new StudyOptions { MaxThreads = 1 }));
        string two = SummaryWriter.ToJson(Study.Run(s, new StudyOptions { MaxThreads = 2 }));
        Assert.Equal(one, two);
        Assert.Contains("\"epistemicShare\"", one, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvestmentAlwaysOneYearLate_IsTheProjectionWithTheInvestmentDatedOneYearLater()
    {
        DateTime date = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        Scenario baseScenario = TestScenarios.Small(annualTons: 1_500_000, years: 3, replications: 2, vessels: 2);
        var delay = new UncertainInput
        {
            Name = "ferries-late", Kind = UncertainInputKind.InvestmentDelay, Investments = ["two more ferries"],
            OnTimeProbability = 0, DelayYears = Distribution.Constant(1), Source = "E: test",
        };
        Scenario uncertain = StudyScenarios.With(baseScenario with { Corridor = baseScenario.Corridor with { Investments = [StudyScenarios.MoreFerries(date)] } }, 2, 1, delay);
        Scenario later = baseScenario with { Corridor = baseScenario.Corridor with { Investments = [StudyScenarios.MoreFerries(date.AddYears(1))] } };
        StudyResult study = Study.Run(uncertain, NoCapacity);
        ProjectionResult projection = Projection.Run(later);

        // Sample i's replication is replication index i, so two samples of one replication are the projection's two replications.
        Assert.Equal(SummaryWriter.ToJson(projection), SummaryWriter.ToJson(study.Projection));
    }

    [Fact]
    public void Check_ReportsEveryProblemWithItsPath()
    {
        Scenario s = TestScenarios.Small() with { Corridor = TestScenarios.Small().Corridor with { Investments = [StudyScenarios.MoreFerries(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc))] } };
        Scenario bad = StudyScenarios.With(s, 10, 1,
            new UncertainInput { Name = "late", Kind = UncertainInputKind.InvestmentDelay, Investments = ["two more ferry"], DelayYears = Distribution.Constant(1), Source = "E" },
            new UncertainInput { Name = "cranes", Kind = UncertainInputKind.Parameter, Path = "ports[port:kuryk].cranes", Distribution = Distribution.Uniform(1, 2), Source = "E" },
            new UncertainInput { Name = "level", Kind = UncertainInputKind.DemandLevel, Distribution = Distribution.Normal(1, 0.5), Source = "E" },
            new UncertainInput { Name = "level", Kind = UncertainInputKind.StormRate, Path = "x", Distribution = Distribution.Uniform(0, 1), Source = "E" });
        IReadOnlyList<ScenarioError> errors = Study.Check(bad);
        string all = string.Join("\n", errors);
        Assert.Contains(errors, e => e.Path == "$.uncertainty.inputs[0].investments[0]" && e.Message.Contains("did you mean 'two more ferries'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.uncertainty.inputs[1].path" && e.Message.Contains("'cranes' is not a field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.uncertainty.inputs[2].distribution" && e.Message.Contains("normal(1, 0.5)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.uncertainty.inputs[3].name");
        Assert.Contains(errors, e => e.Path == "$.uncertainty.inputs[3].path" && e.Message.Contains("only used with kind parameter", StringComparison.Ordinal));
        Assert.Equal(5, errors.Count);
        Assert.Throws<ScenarioException>(() => Study.Run(bad));

        Assert.Equal("$.uncertainty", Assert.Single(Study.Check(TestScenarios.Small())).Path);
    }

    [Fact]
    public void Check_SampleWhoseScenarioIsInvalid_NamesTheSampleAndItsValues()
    {
        var berths = new UncertainInput { Name = "berths", Kind = UncertainInputKind.Parameter, Path = "ports[port:kuryk].berths", Distribution = Distribution.Uniform(-0.4, 2.4), Source = "E" };
        IReadOnlyList<ScenarioError> errors = Study.Check(StudyScenarios.With(TestScenarios.Small(), 10, 1, berths));
        Assert.NotEmpty(errors);
        Assert.All(errors.Where(e => e.Message.StartsWith("sample", StringComparison.Ordinal)), e => Assert.Contains("(berths = ", e.Message, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("sample ", StringComparison.Ordinal));
    }
}
