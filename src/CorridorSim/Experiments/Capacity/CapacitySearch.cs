using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>What one year's capacity search found in one replication.</summary>
/// <param name="ServiceTons">Service capacity: the largest demand at the year's mix found carried as a service.</param>
/// <param name="CeilingTons">Ceiling: tons delivered by the saturated probe.</param>
/// <param name="ServiceFactor">The demand factor of <paramref name="ServiceTons"/>.</param>
/// <param name="CeilingFactor">The demand factor of the saturated probe.</param>
/// <param name="ServiceTonsByCommodity">Service capacity by commodity (the factor times each commodity's demand).</param>
/// <param name="CeilingTonsByCommodity">Tons delivered by commodity in the saturated probe.</param>
/// <param name="ReferenceP95">Each flow's p95 transit at half the ceiling, the service limit's reference.</param>
/// <param name="Boundary">The least-loaded probe found not served (the saturated one if none was): its utilisations pick the bottleneck candidates.</param>
/// <param name="Probes">Probe years simulated.</param>
internal sealed record SearchResult(
    double ServiceTons,
    double CeilingTons,
    double ServiceFactor,
    double CeilingFactor,
    IReadOnlyDictionary<string, double> ServiceTonsByCommodity,
    IReadOnlyDictionary<string, double> CeilingTonsByCommodity,
    IReadOnlyList<double> ReferenceP95,
    Probe Boundary,
    int Probes);

/// <summary>
/// The capacity search of one year in one replication, with common random numbers: every probe draws the streams
/// of (seed, replication). The ceiling is what a saturated probe delivers (demand doubled from twice the year's
/// until the corridor delivers under 90 % of it). The service capacity is found by bisection between half the
/// ceiling (which also gives the service limit's reference transit) and the ceiling, each at the year's mix; should
/// the ceiling's demand itself be served (the saturated probe's split of a shared leg can differ from the mix's),
/// the bracket grows by half until a demand is not.
/// </summary>
internal static class CapacitySearch
{
    /// <summary>A probe delivering less than this share of what it generates is saturated.</summary>
    private const double SaturatedShare = 0.9;

    /// <summary>Demand factor of the first saturation probe (twice the year's demand).</summary>
    private const double FirstOverload = 2;

    /// <summary>Doublings of the overload before the search takes the last probe as the ceiling.</summary>
    private const int MaxDoublings = 4;

    /// <summary>The most tons a year a flow's demand may be (the range of <c>annualTons</c> in the flow field table).</summary>
    private static readonly double MaxFlowTons = FlowFields.Flow.Fields.First(f => f.Name == "annualTons").Max!.Value;

    /// <summary>
    /// Whether a service capacity reaches <paramref name="targetTons"/>: within a relative 1e-9, so a search whose
    /// probe at the target was served (its capacity the target's factor times the demand) counts as reaching it.
    /// </summary>
    public static bool Reaches(double serviceTons, double targetTons) => serviceTons >= targetTons * (1 - 1e-9);

    /// <summary>
    /// Searches <paramref name="year"/> of <paramref name="corridor"/>. With a <paramref name="baseline"/> (the
    /// unrelieved corridor's search in the same replication) the reference transit is the baseline's and the
    /// bisection starts from the baseline's service capacity; null when the year has no demand. A
    /// <c>pivotTons</c> inside the bracket is probed first (a study passes the target, so whether the service
    /// capacity reaches it is decided by a probe at it, not by the resolution); null for plain bisection.
    /// </summary>
    public static SearchResult? Run(CorridorDefinition corridor, SimulationSettings settings, int year, ulong seed, int replication, CapacityOptions options, SearchResult? baseline, double? pivotTons = null)
    {
        var demandByCommodity = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (CargoFlowDefinition f in corridor.Flows)
        {
            demandByCommodity[f.Commodity] = demandByCommodity.GetValueOrDefault(f.Commodity) + f.TonsInYear(year);
        }

        double demand = demandByCommodity.Values.Sum();
        if (!(demand > 0))
        {
            return null;
        }

        int probes = 0;
        var done = new List<Probe>();
        Probe At(double factor)
        {
            // With common random numbers a factor probed again gives the same year: when the half-ceiling probe is not
            // served, the bisection's first midpoint is that factor.
            foreach (Probe earlier in done)
            {
                if (earlier.Factor == factor)
                {
                    return earlier;
                }
            }

            probes++;
            Probe probe = Probe.Run(corridor, settings, year, factor, seed, replication);
            done.Add(probe);
            return probe;
        }

        double most = MostFactor(corridor, settings, year);
        double overload = Math.Min(baseline?.CeilingFactor ?? FirstOverload, most);
        Probe saturated = At(overload);
        for (int i = 0; i < MaxDoublings && overload < most && saturated.DeliveredTons >= SaturatedShare * saturated.GeneratedTons; i++)
        {
            overload = Math.Min(2 * overload, most);
            saturated = At(overload);
        }

        double ceiling = saturated.DeliveredTons;
        double hi = ceiling / demand;
        Probe? boundary = null;
        double lo;
        IReadOnlyList<double> reference;
        if (baseline is null)
        {
            Probe light = At(hi / 2);
            reference = light.FlowP95TransitDays;
            lo = light.IsServed(settings, reference) ? hi / 2 : 0;
        }
        else
        {
            reference = baseline.ReferenceP95;
            lo = Math.Min(baseline.ServiceFactor, hi);
        }

        int budget = options.MaxProbes;
        if (pivotTons / demand is { } pivot && pivot > lo && pivot < hi)
        {
            Probe probe = At(pivot);
            budget--;
            if (probe.IsServed(settings, reference))
            {
                lo = pivot;
            }
            else
            {
                hi = pivot;
                boundary = probe;
            }
        }

        while (true)
        {
            for (; budget > 0 && (hi - lo) * demand > options.Resolution * ceiling; budget--)
            {
                double mid = (lo + hi) / 2;
                Probe probe = At(mid);
                if (probe.IsServed(settings, reference))
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                    boundary = probe;
                }
            }

            if (boundary is not null || budget == 0)
            {
                break;
            }

            // Every probe was served: check that the bracket's top is not, else widen it.
            Probe top = At(hi);
            budget--;
            if (!top.IsServed(settings, reference))
            {
                boundary = top;
                break;
            }

            lo = hi;
            hi *= 1.5;
        }

        var service = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var ceilingByCommodity = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach ((string c, double tons) in demandByCommodity)
        {
            service.Add(c, lo * tons);
            ceilingByCommodity.Add(c, saturated.DeliveredTonsByCommodity.GetValueOrDefault(c));
        }

        return new SearchResult(lo * demand, ceiling, lo, overload, service, ceilingByCommodity, reference, boundary ?? saturated, probes);
    }

    /// <summary>
    /// The largest demand factor a probe may take and stay runnable: every flow within a scenario's demand and
    /// units-per-year limits, and all it generates from the warm-up on within <see cref="SimulationSettings.MaxTonsInSystem"/>
    /// (so the backlog cap cannot stop a probe, whatever the diversion rule).
    /// </summary>
    private static double MostFactor(CorridorDefinition corridor, SimulationSettings settings, int year)
    {
        double most = double.MaxValue, demand = 0;
        foreach (CargoFlowDefinition f in corridor.Flows)
        {
            double tons = f.TonsInYear(year);
            demand += tons;
            if (tons > 0)
            {
                most = Math.Min(most, Math.Min(MaxFlowTons, CargoFlowDefinition.MaxUnitsPerYear * f.TonsPerUnit) / tons);
            }
        }

        return Math.Min(most, settings.MaxTonsInSystem / (demand * (1 + (settings.WarmupDays / 365))));
    }

    /// <summary>
    /// The cheap detector: the components with relief in order of their utilisation in the boundary probes (mean
    /// over replications), each vessel leg followed by the ports it calls at (whose berths a queueing fleet waits
    /// for); the first <paramref name="count"/>.
    /// </summary>
    public static IReadOnlyList<string> Candidates(CorridorDefinition corridor, IReadOnlyList<SearchResult> searches, int count)
    {
        if (count == 0 || searches.Count == 0)
        {
            return [];
        }

        var byId = corridor.Components.ToDictionary(c => c.Id, StringComparer.Ordinal);
        IEnumerable<string> ranked = searches[0].Boundary.Utilization.Select((c, i) => (c.Id, Mean: searches.Average(s => s.Boundary.Utilization[i].Utilization)))
            .Where(c => byId[c.Id].Relief is not null)
            .OrderByDescending(c => c.Mean)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Id);
        var result = new List<string>();
        foreach (string id in ranked)
        {
            IEnumerable<string> withPorts = byId[id] is VesselLegDefinition leg ? [id, leg.PortA, leg.PortB] : [id];
            result.AddRange(withPorts.Where(x => !result.Contains(x) && byId[x].Relief is not null));
        }

        return result.Take(count).ToList();
    }
}
