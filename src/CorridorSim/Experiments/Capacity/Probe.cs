using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// One simulated steady-state year of a capacity search: the corridor at a demand factor (every flow scaled by it),
/// started empty <see cref="SimulationSettings.WarmupDays"/> before the year with the year's demand.
/// </summary>
/// <param name="Factor">The demand factor: generated demand is about this times the year's demand.</param>
/// <param name="GeneratedTons">Tons generated in the year.</param>
/// <param name="DeliveredTons">Tons delivered in the year.</param>
/// <param name="TonsInSystemAtStart">Tons in the system on 1 January, after the warm-up.</param>
/// <param name="TonsInSystemAtEnd">Tons in the system at the year's end.</param>
/// <param name="DivertedTons">Tons diverted in the year.</param>
/// <param name="DeliveredTonsByCommodity">Delivered tons by commodity.</param>
/// <param name="FlowP95TransitDays">Each flow's 95th-percentile transit, in the corridor's flow order (NaN: none delivered).</param>
/// <param name="Utilization">Each component's utilisation, in the corridor's component order.</param>
internal sealed record Probe(
    double Factor,
    double GeneratedTons,
    double DeliveredTons,
    double TonsInSystemAtStart,
    double TonsInSystemAtEnd,
    double DivertedTons,
    IReadOnlyDictionary<string, double> DeliveredTonsByCommodity,
    IReadOnlyList<double> FlowP95TransitDays,
    IReadOnlyList<(string Id, double Utilization)> Utilization)
{
    /// <summary>Simulates the probe year <paramref name="year"/> of <paramref name="corridor"/> at <paramref name="factor"/>.</summary>
    public static Probe Run(CorridorDefinition corridor, SimulationSettings settings, int year, double factor, ulong seed, int replication)
    {
        var model = new CorridorModel(corridor.AtDemand(year, factor));
        CorridorRun run = model.CreateRun(seed, replication, year, settings.WarmupDays, settings.MaxTonsInSystem);
        YearResult y = run.RunYear();
        return new Probe(
            factor, y.GeneratedTons, y.DeliveredTons, y.TonsInSystemAtYearStart, y.TonsInSystemAtYearEnd, y.DivertedTons, y.DeliveredTonsByCommodity,
            [.. y.Flows.Select(f => f.P95TransitDays)], [.. y.Components.Select(c => (c.Id, c.Utilization))]);
    }

    /// <summary>
    /// Whether the corridor carries this probe's demand as a service: the growth of the tons in the system plus the
    /// tons diverted stay within <see cref="YearResult.UnstableGrowthShare"/> of the demand (the unstable-year rule
    /// with diverted tons counted as not carried), and every flow's p95 transit is within
    /// <see cref="SimulationSettings.ServiceTransitFactor"/> × its reference p95 (a flow that delivered at the
    /// reference but not here fails).
    /// </summary>
    public bool IsServed(SimulationSettings settings, IReadOnlyList<double> referenceP95)
    {
        // Diverted tons are demand not carried, as much as tons left queued: the two together within the share.
        if (YearResult.IsUnstable(TonsInSystemAtStart, TonsInSystemAtEnd + DivertedTons, GeneratedTons))
        {
            return false;
        }

        for (int f = 0; f < referenceP95.Count; f++)
        {
            if (double.IsFinite(referenceP95[f]) && !(FlowP95TransitDays[f] <= settings.ServiceTransitFactor * referenceP95[f]))
            {
                return false;
            }
        }

        return true;
    }
}
