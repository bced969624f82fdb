using CorridorSim.Corridor;
using CorridorSim.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Samples;

/// <summary>
/// The 10 Mt sample's oil line against DOMAIN.md: 12–14 Kazakh tankers a month at Azerbaijan [S155], each loaded to
/// its draft-limited tonnage rather than rounded down to whole large parcels (issue 15).
/// </summary>
public sealed class TankerCallsTests(ITestOutputHelper output)
{
    private const int Replications = 10;
    private const string Leg = "tanker:aktau-sangachal";

    [Fact]
    public void TenMtSample_2025Tankers_CallTwelveToFourteenTimesAMonthWithFullLoads()
    {
        Scenario s = ScenarioLoader.Load(CliHarness.SamplePath("titr-10mt-2030"));
        var leg = (VesselLegDefinition)s.Corridor.Components.Single(c => c.Id == Leg);
        string[] ids = [leg.Id, leg.PortA, leg.PortB];
        var oilOnly = new CorridorDefinition
        {
            Name = "oil-only",
            Units = s.Corridor.Units,
            Components = [.. s.Corridor.Components.Where(c => ids.Contains(c.Id))],
            Flows = [.. s.Corridor.Flows.Where(f => f.Routes.All(r => r.Legs.SequenceEqual([Leg])))],
        };
        var model = new CorridorModel(oilOnly);
        var calls = new List<double>();
        var tonsPerCall = new List<double>();
        for (int r = 0; r < Replications; r++)
        {
            CorridorRun run = model.CreateRun(s.Simulation.Seed, r, 2025, s.Simulation.WarmupDays);
            var runtime = (VesselLegRuntime)run.Component(Leg);
            int before = runtime.Voyages;
            YearResult year = run.RunYear();
            double loaded = (runtime.Voyages - before) / 2.0; // every round trip sails out loaded and back empty
            calls.Add(loaded / 12);
            tonsPerCall.Add(year.Components.Single(c => c.Id == Leg).TonsThrough / loaded);
        }

        UnitType unit = s.Corridor.Units.Single(u => u.Id == s.Corridor.Flows.Single(f => f.Commodity == "oil").Unit);
        double parcel = s.Corridor.Flows.Single(f => f.Commodity == "oil").TonsPerUnit;
        double draftLimited = leg.Vessels.Max(v => v.CapacityUnits) * parcel * leg.LoadFactorByYear[2025];
        output.WriteLine($"{unit.Id}: {calls.Average():F1} calls/month, {tonsPerCall.Average():F0} t per call, draft-limited {draftLimited:F0} t");

        // DOMAIN.md 2.5: 12-14 tankers a month [S155]; the mean of the replications must fall inside.
        Assert.InRange(calls.Average(), 12, 14);

        // A load loses at most one parcel to rounding, and a tanker that waits its maximum may leave a little short.
        Assert.True(tonsPerCall.Average() >= 0.97 * draftLimited, $"{tonsPerCall.Average():F0} t per call, draft-limited {draftLimited:F0} t");
    }
}
