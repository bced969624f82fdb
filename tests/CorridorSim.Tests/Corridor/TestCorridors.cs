using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Tests.Corridor;

/// <summary>Small corridors used across the corridor tests.</summary>
internal static class TestCorridors
{
    /// <summary>
    /// China border → (rail) → Kuryk → (ferry) → Alat → (rail) → Poti: one wagon flow of
    /// <paramref name="annualTons"/> tons per year.
    /// </summary>
    public static CorridorBuilder Small(double annualTons = 1_000_000, int vessels = 3, int berths = 2,
        double trainsPerDay = 10, StormDefinition? kurykStorms = null)
    {
        var b = new CorridorBuilder("small")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddRail("rail:kz", "dostyk", "port:kuryk", trainsPerDay, Distribution.Triangular(100, 120, 150))
            .Add(new PortDefinition { Id = "port:kuryk", Berths = berths, HandlingHours = Distribution.Triangular(6, 8, 12), Storms = kurykStorms })
            .AddPort("port:alat", berths: berths, handlingHours: Distribution.Triangular(6, 8, 12))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat",
                PortA = "port:kuryk",
                PortB = "port:alat",
                Unit = "wagon",
                Vessels = Enumerable.Range(1, vessels).Select(i => new VesselDefinition { Name = "ferry-" + i, CapacityUnits = 50 }).ToList(),
                SailingHours = Distribution.Triangular(18, 20, 24),
                MaxWaitHours = 72,
            })
            .AddRail("rail:az-ge", "port:alat", "poti", trainsPerDay, Distribution.Triangular(30, 34, 40))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "westbound",
                Commodity = "other",
                Unit = "wagon",
                TonsPerUnit = 60,
                AnnualTons = annualTons,
                BaseYear = 2024,
                Origin = "dostyk",
                Destination = "poti",
                Routes = [new RouteDefinition { Legs = ["rail:kz", "ferry:kuryk-alat", "rail:az-ge"] }],
            });
        return b;
    }
}
