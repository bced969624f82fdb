using System.Globalization;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// The rules of an uncertainty section a field table cannot state: references to flows, commodities, investments and
/// ports; the fields each kind takes; distributions whose values a kind cannot use. The parameter paths are checked
/// by the study, which owns them.
/// </summary>
internal static class UncertaintyRules
{
    /// <summary>Below this a distribution's probability of falling outside a kind's range counts as none.</summary>
    private const double Negligible = 1e-9;

    /// <summary>Every problem of <paramref name="u"/> in <paramref name="scenario"/>, with its JSON path.</summary>
    public static IReadOnlyList<ScenarioError> Check(Scenario scenario, UncertaintyDefinition u)
    {
        var errors = new List<ScenarioError>();
        void Error(string path, string message) => errors.Add(new ScenarioError(path, message));
        CorridorDefinition c = scenario.Corridor;
        SimulationSettings s = scenario.Simulation;
        int first = s.StartYear, last = s.StartYear + s.Years - 1;
        string years = $"{I(first)}..{I(last)}";
        if (u.SensitivityYear != 0 && (u.SensitivityYear < first || u.SensitivityYear > last))
        {
            Error("$.uncertainty.sensitivityYear", $"found {I(u.SensitivityYear)}, expected a simulated year ({years}) or 0 for the last.");
        }

        if (u.DiscoveryYear != 0 && (u.DiscoveryYear < first || u.DiscoveryYear > last))
        {
            Error("$.uncertainty.discoveryYear", $"found {I(u.DiscoveryYear)}, expected a simulated year ({years}) or 0 for the sensitivity year.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string> flows = [.. c.Flows.Select(f => f.Id)], commodities = [.. c.Flows.Select(f => f.Commodity)];
        HashSet<string> investments = [.. c.Investments.Select(i => i.Name)];
        HashSet<string> stormPorts = [.. c.Ports.Where(p => p.Storms is { EpisodesPerMonth.Count: > 0 }).Select(p => p.Id)];
        for (int k = 0; k < u.Inputs.Count; k++)
        {
            UncertainInput input = u.Inputs[k];
            string p = Paths.Index("$.uncertainty.inputs", k);
            string who = $"input '{input.Name}'";
            if (!names.Add(input.Name))
            {
                Error(p + ".name", $"{who}: the name is used by an earlier input; expected each name once (it seeds the input's draws).");
            }

            UncertainInputKind kind = input.Kind;
            bool demand = kind is UncertainInputKind.DemandLevel or UncertainInputKind.DemandGrowth;
            bool storm = kind is UncertainInputKind.StormRate or UncertainInputKind.StormDuration;
            bool delay = kind == UncertainInputKind.InvestmentDelay;
            string word = char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
            void NotUsed(bool present, string field, string usedWith)
            {
                if (present)
                {
                    Error(p + "." + field, $"{who}: '{field}' is only used with {usedWith}, found kind \"{word}\"; expected no '{field}'.");
                }
            }

            NotUsed(!demand && (input.Flows.Count > 0 || input.Commodities.Count > 0), input.Flows.Count > 0 ? "flows" : "commodities", "kinds demandLevel and demandGrowth");
            NotUsed(!delay && input.Investments.Count > 0, "investments", "kind investmentDelay");
            NotUsed(!delay && input.DelayYears is not null, "delayYears", "kind investmentDelay");
            NotUsed(!delay && input.OnTimeProbability != 0, "onTimeProbability", "kind investmentDelay");
            NotUsed(kind != UncertainInputKind.Parameter && input.Path is not null, "path", "kind parameter");
            NotUsed(!storm && input.Ports.Count > 0, "ports", "kinds stormRate and stormDuration");
            NotUsed(kind is not (UncertainInputKind.DemandGrowth or UncertainInputKind.SeaLevelFall) && input.FromYear != 0, "fromYear", "kinds demandGrowth and seaLevelFall");
            NotUsed(delay && input.Distribution is not null, "distribution", "every kind but investmentDelay (which draws onTimeProbability and delayYears)");
            if (!delay && input.Distribution is null)
            {
                Error(p + ".distribution", $"missing field 'distribution', required with kind \"{word}\": the distribution of the drawn value.");
            }

            for (int i = 0; i < input.Flows.Count; i++)
            {
                if (!flows.Contains(input.Flows[i]))
                {
                    Error(Paths.Index(p + ".flows", i), $"{who}: found '{input.Flows[i]}', expected the id of a flow in $.flows ({string.Join(", ", flows)}).");
                }
            }

            for (int i = 0; i < input.Commodities.Count; i++)
            {
                if (!commodities.Contains(input.Commodities[i]))
                {
                    Error(Paths.Index(p + ".commodities", i), $"{who}: found '{input.Commodities[i]}', expected a commodity of the flows ({string.Join(", ", commodities.Order(StringComparer.Ordinal))}).");
                }
            }

            for (int i = 0; i < input.Investments.Count; i++)
            {
                if (!investments.Contains(input.Investments[i]))
                {
                    string hint = Paths.Suggest(input.Investments[i], investments) is { } close ? $"; did you mean '{close}'?" : ".";
                    Error(Paths.Index(p + ".investments", i), $"{who}: found '{input.Investments[i]}', expected the name of an investment in $.investments{hint}");
                }
            }

            for (int i = 0; i < input.Ports.Count; i++)
            {
                if (!stormPorts.Contains(input.Ports[i]))
                {
                    Error(Paths.Index(p + ".ports", i), $"{who}: found '{input.Ports[i]}', expected the id of a port with storms ({string.Join(", ", stormPorts)}).");
                }
            }

            switch (kind)
            {
                case UncertainInputKind.InvestmentDelay:
                    if (input.Investments.Count == 0)
                    {
                        Error(p + ".investments", $"missing field 'investments', required with kind \"investmentDelay\": the names of the investments delayed.");
                    }

                    if (input.DelayYears is null && input.OnTimeProbability < 1)
                    {
                        Error(p + ".delayYears", $"missing field 'delayYears', required with kind \"investmentDelay\" unless onTimeProbability is 1: the delay in years when late.");
                    }
                    else if (input.DelayYears is { } d && input.OnTimeProbability < 1 && !(d.CumulativeDistribution(0) <= Negligible))
                    {
                        Error(p + ".delayYears", $"{who}: {d} is below 0 with probability {F(d.CumulativeDistribution(0))}; expected a delay distribution of values above 0 (log-normal, gamma, uniform or triangular on positive values).");
                    }

                    break;
                case UncertainInputKind.Parameter when input.Path is null:
                    Error(p + ".path", "missing field 'path', required with kind \"parameter\": the scenario parameter set to the drawn value.");
                    break;
                case UncertainInputKind.DemandLevel or UncertainInputKind.StormRate or UncertainInputKind.StormDuration or UncertainInputKind.SeaLevelFall:
                    CheckAtLeast(input, 0, kind == UncertainInputKind.SeaLevelFall ? "a fall in cm a year" : "a factor", p, Error);
                    break;
                case UncertainInputKind.DemandGrowth:
                    CheckAtLeast(input, -1, "a growth rate a year above -1", p, Error);
                    if (input.FromYear != 0 && (input.FromYear < first - 1 || input.FromYear > last))
                    {
                        Error(p + ".fromYear", $"{who}: found {I(input.FromYear)}, expected a year within {I(first - 1)}..{I(last)} or 0 for the first simulated year.");
                    }

                    break;
            }
        }

        return errors;
    }

    private static void CheckAtLeast(UncertainInput input, double least, string what, string p, Action<string, string> error)
    {
        if (input.Distribution is { } d && !(d.CumulativeDistribution(least) <= Negligible))
        {
            error(p + ".distribution", $"input '{input.Name}': {d} is at or below {F(least)} with probability {F(d.CumulativeDistribution(least))}; expected {what}: a distribution of values above {F(least)} (uniform, triangular, log-normal, gamma on such values).");
        }
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
