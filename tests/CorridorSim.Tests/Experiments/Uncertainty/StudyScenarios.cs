using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Tests.Experiments.Uncertainty;

/// <summary>Small scenarios with an uncertainty section, for the study tests.</summary>
internal static class StudyScenarios
{
    /// <summary>A dated fleet addition on the small corridor's ferry leg.</summary>
    public static InvestmentDefinition MoreFerries(DateTime date) => new()
    {
        Name = "two more ferries",
        Date = date,
        Component = "ferry:kuryk-alat",
        Kind = InvestmentKind.AddVessels,
        Vessels = [new VesselDefinition { Name = "ferry-new-1", CapacityUnits = 50 }, new VesselDefinition { Name = "ferry-new-2", CapacityUnits = 50 }],
    };

    /// <summary>The small scenario with the inputs given and a study design of <paramref name="samples"/> × <paramref name="replications"/>.</summary>
    public static Scenario With(Scenario scenario, int samples, int replications, params UncertainInput[] inputs) => scenario with
    {
        Uncertainty = new UncertaintyDefinition { Samples = samples, Replications = replications, Inputs = inputs },
    };

    public static UncertainInput DemandFactor(double low, double high, string name = "demand") => new()
    {
        Name = name, Kind = UncertainInputKind.DemandLevel, Distribution = Distribution.Uniform(low, high), Source = "E: test",
    };
}
