using CorridorSim.Corridor;
using CorridorSim.Tests.Corridor;

namespace CorridorSim.Tests.Experiments;

/// <summary>Small scenarios for the experiment tests: the small test corridor wrapped in a <see cref="Scenario"/>.</summary>
internal static class TestScenarios
{
    /// <summary>The small corridor (rail → ferry → rail) with a light demand, so a year runs in milliseconds.</summary>
    public static Scenario Small(double annualTons = 200_000, int years = 1, int replications = 3, double targetTons = 150_000,
        double growthPerYear = 0, int vessels = 3, double targetProbability = 0.9)
    {
        CorridorDefinition corridor = TestCorridors.Small(annualTons, vessels).Build();
        corridor = corridor with { Flows = [corridor.Flows[0] with { GrowthPerYear = growthPerYear }] };
        return new Scenario
        {
            Name = "small-test",
            Simulation = new SimulationSettings
            {
                StartYear = 2024,
                Years = years,
                WarmupDays = 30,
                Replications = replications,
                Seed = 7,
                TargetTons = targetTons,
                TargetProbability = targetProbability,
            },
            Corridor = corridor,
        };
    }
}
