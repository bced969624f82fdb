using CorridorSim.Corridor;
using CorridorSim.Tests.Cli;

namespace CorridorSim.Tests.Corridor.Running;

/// <summary>The direct walks of the tons a component holds, against its list of units held.</summary>
public sealed class TonsHeldTests
{
    [Fact]
    public void AddTonsHeld_SaturatedSampleMidYear_EqualsTheSumOverUnitsHeldToTheBit()
    {
        // The 10 Mt sample at twice its 2030 demand, stopped mid-year: lanes, trains forming and running, vessel
        // queues and cargo aboard, and the road gate's trucks all hold units.
        Scenario s = ScenarioLoader.Load(Path.Combine(CliHarness.SamplesDirectory, "titr-10mt-2030.json"));
        CorridorRun run = new CorridorModel(s.Corridor.AtDemand(2030, 2)).CreateRun(s.Simulation.Seed, 0, 2030, s.Simulation.WarmupDays);
        run.RunUntil(new DateTime(2030, 6, 17, 13, 0, 0, DateTimeKind.Utc));

        int holding = 0;
        foreach (ComponentDefinition d in s.Corridor.Components)
        {
            ComponentRuntime c = run.Component(d.Id);
            double expected = 12_345.678; // a start that is not zero: the walk must add to it, in the list's order
            foreach (CargoUnit u in c.UnitsHeld())
            {
                expected += u.Tons;
            }

            holding += expected != 12_345.678 ? 1 : 0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(c.AddTonsHeld(12_345.678)));
        }

        Assert.True(holding >= 10, $"only {holding} components hold units");
    }
}
