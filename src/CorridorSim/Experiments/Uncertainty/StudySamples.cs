using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Experiments;

/// <summary>
/// The samples of a study: the uniforms of its design turned into each input's values, and each sample's scenario
/// (the inputs applied in the order listed). Sample i's values depend only on the master seed, the input names, the
/// design and the sample count, so the same sample index draws the same values in any scenario that states the
/// same inputs (common samples across alternatives).
/// </summary>
internal static class StudySamples
{
    /// <summary>
    /// The values of every sample, <c>[sample][input]</c>: for <see cref="SampleDesign.Saltelli"/> the N × (k + 2)
    /// points of the scheme in its run order (A, B, then each AB_i), otherwise <see cref="UncertaintyDefinition.Samples"/> rows.
    /// </summary>
    public static double[][] Values(UncertaintyDefinition u, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(u);
        IReadOnlyList<string> names = [.. u.Inputs.Select(i => i.Name)];
        double[][] uniforms = u.Design switch
        {
            SampleDesign.Sobol => SobolSequence.Create(u.Samples, names.Count, seed, scramble: true),
            SampleDesign.Saltelli => [.. Saltelli.Create(u.Samples, names.Count, seed).RunOrder()],
            _ => LatinHypercube.Create(u.Samples, names, seed),
        };
        return [.. uniforms.Select(row => u.Inputs.Select((input, k) => Value(input, row[k])).ToArray())];
    }

    /// <summary>
    /// The value of <paramref name="input"/> at probability <paramref name="p"/>: the distribution's quantile, or for
    /// an investment delay 0 below the on-time probability and the truncated delay's quantile above it.
    /// </summary>
    public static double Value(UncertainInput input, double p)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Kind != UncertainInputKind.InvestmentDelay)
        {
            return Quantile(input.Distribution!, p);
        }

        if (p < input.OnTimeProbability || input.DelayYears is not { } delay)
        {
            return 0;
        }

        double late = (p - input.OnTimeProbability) / (1 - input.OnTimeProbability);
        return Math.Min(input.MaxDelayYears, Quantile(delay, late * delay.CumulativeDistribution(input.MaxDelayYears)));
    }

    /// <summary>The smallest x with F(x) ≥ p, by bisection on the distribution's CDF (to about 1e-12 of its scale).</summary>
    public static double Quantile(Distribution d, double p)
    {
        ArgumentNullException.ThrowIfNull(d);
        // The ends of (0, 1) map to the support's ends, where a bisection on the CDF finds them.
        p = Math.Clamp(p, 1e-12, 1 - 1e-12);
        double scale = Math.Max(Math.Max(d.StandardDeviation, Math.Abs(d.Mean)), 1);
        double lo = d.Mean - scale, hi = d.Mean + scale;
        for (int i = 0; i < 200 && d.CumulativeDistribution(lo) >= p; i++)
        {
            lo -= scale * (1 << Math.Min(i, 30));
        }

        for (int i = 0; i < 200 && d.CumulativeDistribution(hi) < p; i++)
        {
            hi += scale * (1 << Math.Min(i, 30));
        }

        for (int i = 0; i < 200 && hi - lo > 1e-12 * scale; i++)
        {
            double mid = lo + ((hi - lo) / 2);
            if (d.CumulativeDistribution(mid) >= p)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>The scenario of one sample: <paramref name="scenario"/> with each input set to its value, in the order listed.</summary>
    /// <exception cref="ArgumentException">A parameter path does not apply to the scenario (the message names it).</exception>
    public static Scenario Apply(Scenario scenario, UncertaintyDefinition u, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(u);
        for (int k = 0; k < u.Inputs.Count; k++)
        {
            scenario = Apply(scenario, u.Inputs[k], values[k]);
        }

        return scenario;
    }

    private static Scenario Apply(Scenario s, UncertainInput input, double v)
    {
        CorridorDefinition c = s.Corridor;
        SimulationSettings settings = s.Simulation;
        (int first, int last) = settings.SimulatedYears;
        switch (input.Kind)
        {
            case UncertainInputKind.DemandLevel:
                return s with { Corridor = c with { Flows = [.. c.Flows.Select(f => Selects(input, f) ? WithDemand(f, first, last, y => f.TonsInYear(y) * v) with { AnnualTons = f.AnnualTons * v } : f)] } };
            case UncertainInputKind.DemandGrowth:
                int from = input.FromYear == 0 ? settings.StartYear : input.FromYear;
                return s with { Corridor = c with { Flows = [.. c.Flows.Select(f => Selects(input, f) ? WithDemand(f, first, last, y => y <= from ? f.TonsInYear(y) : f.TonsInYear(from) * Math.Pow(1 + v, y - from)) : f)] } };
            case UncertainInputKind.InvestmentDelay:
                int months = (int)Math.Round(v * 12, MidpointRounding.AwayFromZero);
                return months == 0 ? s : s with { Corridor = c with { Investments = [.. c.Investments.Select(i => input.Investments.Contains(i.Name) ? i with { Date = i.Date.AddMonths(months) } : i)] } };
            case UncertainInputKind.Parameter:
                return Parameter(s, input.Path!, v);
            case UncertainInputKind.StormRate or UncertainInputKind.StormDuration:
                return s with
                {
                    Corridor = c with
                    {
                        Components = [.. c.Components.Select(x => x is PortDefinition { Storms: { } storms } port && (input.Ports.Count == 0 || input.Ports.Contains(port.Id))
                            ? port with
                            {
                                Storms = input.Kind == UncertainInputKind.StormRate
                                    ? storms with { EpisodesPerMonth = [.. storms.EpisodesPerMonth.Select(e => e * v)] }
                                    : storms with { DurationHours = ScaledDistribution.Of(storms.DurationHours, Math.Max(v, double.Epsilon)) },
                            }
                            : x)],
                    },
                };
            default:
                return SeaLevel.Falling(s, input, v);
        }
    }

    /// <summary>The scenario with the parameter at <paramref name="path"/> set to <paramref name="v"/>, rounded for a count.</summary>
    /// <exception cref="ArgumentException">The path does not apply to the scenario.</exception>
    public static Scenario Parameter(Scenario s, string path, double v)
    {
        SweepPaths.Target target = SweepPaths.Parse(path);
        return target.Apply(s, target.Rule.IsCount ? Math.Round(v, MidpointRounding.AwayFromZero) : v);
    }

    private static bool Selects(UncertainInput input, CargoFlowDefinition f) =>
        (input.Flows.Count == 0 && input.Commodities.Count == 0) || input.Flows.Contains(f.Id) || input.Commodities.Contains(f.Commodity);

    /// <summary>The flow with its demand of every simulated year (warm-up included) given by <paramref name="tons"/>.</summary>
    private static CargoFlowDefinition WithDemand(CargoFlowDefinition f, int first, int last, Func<int, double> tons) =>
        f with { AnnualTonsByYear = Enumerable.Range(first, last - first + 1).ToDictionary(y => y, tons) };
}
