using System.Globalization;

namespace CorridorSim.Corridor;

/// <summary>One problem found in a corridor definition.</summary>
/// <param name="Path">Where, as a JSON path over the definition's camel-case field names (e.g. <c>$.stages[2].trainsPerDay</c>); a scenario file has the same shape.</param>
/// <param name="Message">What is wrong, naming the component, what was found and what was expected.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <summary>The error as <c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when a corridor definition is invalid; lists every error found, not only the first.</summary>
public sealed class CorridorValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorridorValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorridorValidationException(string message)
        : base(message)
    {
        Errors = [new ValidationError("$", message)];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public CorridorValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ValidationError("$", message)];
    }

    /// <summary>Creates the exception from the errors found.</summary>
    public CorridorValidationException(IReadOnlyList<ValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 0
            ? "The corridor definition is invalid."
            : $"The corridor definition has {errors.Count} error(s):" + Environment.NewLine +
              string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}

/// <summary>Checks a whole <see cref="CorridorDefinition"/> and reports every error with its path.</summary>
internal static class CorridorValidator
{
    public static IReadOnlyList<ValidationError> Validate(CorridorDefinition d)
    {
        var errors = new List<ValidationError>();
        void Err(string path, string message) => errors.Add(new ValidationError(path, message));
        static string F(double v) => v.ToString("G", CultureInfo.InvariantCulture);

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        void Id(string path, string? id, string what)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                Err(path, $"{what} has no id; expected a non-empty string.");
            }
            else if (!ids.TryAdd(id, path))
            {
                Err(path, $"{what} id '{id}' is already used at {ids[id]}; ids must be unique.");
            }
        }

        var units = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < d.Units.Count; i++)
        {
            UnitType u = d.Units[i];
            string p = $"$.units[{i}]";
            if (string.IsNullOrWhiteSpace(u.Id) || !units.Add(u.Id))
            {
                Err(p + ".id", $"unit type id '{u.Id}' is empty or duplicated.");
            }

            if (u.UnitsPerTrain <= 0 || u.UnitsPerTrain > 10_000)
            {
                Err(p + ".unitsPerTrain", $"unit type '{u.Id}': unitsPerTrain must be within 1..10000, found {u.UnitsPerTrain}.");
            }
        }

        var ports = new Dictionary<string, PortDefinition>(StringComparer.Ordinal);
        for (int i = 0; i < d.Ports.Count; i++)
        {
            PortDefinition port = d.Ports[i];
            string p = $"$.ports[{i}]";
            Id(p + ".id", port.Id, "port");
            ports.TryAdd(port.Id ?? string.Empty, port);
            if (port.Berths < 1 || port.Berths > 1000)
            {
                Err(p + ".berths", $"port '{port.Id}': berths must be within 1..1000, found {port.Berths}.");
            }

            CheckDistribution(p + ".handlingHours", port.Id, port.HandlingHours);
            if (!(port.PortTimeTargetHours > 0))
            {
                Err(p + ".portTimeTargetHours", $"port '{port.Id}': portTimeTargetHours must be positive, found {F(port.PortTimeTargetHours)}.");
            }

            if (port.Storms is { } s)
            {
                if (s.EpisodesPerMonth.Count is not (0 or 12))
                {
                    Err(p + ".storms.episodesPerMonth", $"port '{port.Id}': episodesPerMonth needs 12 values (January first), found {s.EpisodesPerMonth.Count}.");
                }

                for (int m = 0; m < s.EpisodesPerMonth.Count; m++)
                {
                    if (!(s.EpisodesPerMonth[m] >= 0 && s.EpisodesPerMonth[m] <= 31))
                    {
                        Err($"{p}.storms.episodesPerMonth[{m}]", $"port '{port.Id}': episodes per month must be within 0..31, found {F(s.EpisodesPerMonth[m])}.");
                    }
                }

                CheckDistribution(p + ".storms.durationHours", port.Id, s.DurationHours);
                for (int c = 0; c < s.Closures.Count; c++)
                {
                    if (!(s.Closures[c].DurationHours > 0))
                    {
                        Err($"{p}.storms.closures[{c}].durationHours", $"port '{port.Id}': a closure must last a positive number of hours, found {F(s.Closures[c].DurationHours)}.");
                    }
                }
            }
        }

        var stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal);
        for (int i = 0; i < d.Stages.Count; i++)
        {
            StageDefinition s = d.Stages[i];
            string p = $"$.stages[{i}]";
            Id(p + ".id", s.Id, "stage");
            stages.TryAdd(s.Id ?? string.Empty, s);
            if (!(s.TrainsPerDay > 0 && s.TrainsPerDay <= 10_000))
            {
                Err(p + ".trainsPerDay", $"stage '{s.Id}': trainsPerDay must be within (0, 10000], found {F(s.TrainsPerDay)}.");
            }

            if (!(s.MaxFormationWaitHours >= 0 && s.MaxFormationWaitHours <= 24 * 365))
            {
                Err(p + ".maxFormationWaitHours", $"stage '{s.Id}': maxFormationWaitHours must be within 0..8760, found {F(s.MaxFormationWaitHours)}.");
            }

            if (!(s.LengthKm >= 0 && s.LengthKm < 100_000))
            {
                Err(p + ".lengthKm", $"stage '{s.Id}': lengthKm must be within 0..100000, found {F(s.LengthKm)}.");
            }

            if (string.IsNullOrWhiteSpace(s.From) || string.IsNullOrWhiteSpace(s.To) || s.From == s.To)
            {
                Err(p, $"stage '{s.Id}': from and to must be two different nodes, found '{s.From}' → '{s.To}'.");
            }

            CheckDistribution(p + ".transitHours", s.Id, s.TransitHours);
        }

        var legs = new Dictionary<string, VesselLegDefinition>(StringComparer.Ordinal);
        for (int i = 0; i < d.VesselLegs.Count; i++)
        {
            VesselLegDefinition v = d.VesselLegs[i];
            string p = $"$.vesselLegs[{i}]";
            Id(p + ".id", v.Id, "vessel leg");
            legs.TryAdd(v.Id ?? string.Empty, v);
            if (!ports.ContainsKey(v.PortA ?? string.Empty))
            {
                Err(p + ".portA", $"vessel leg '{v.Id}': portA '{v.PortA}' is not a port defined in $.ports.");
            }

            if (!ports.ContainsKey(v.PortB ?? string.Empty))
            {
                Err(p + ".portB", $"vessel leg '{v.Id}': portB '{v.PortB}' is not a port defined in $.ports.");
            }

            if (v.PortA == v.PortB)
            {
                Err(p + ".portB", $"vessel leg '{v.Id}': portA and portB must differ, both are '{v.PortA}'.");
            }

            if (!units.Contains(v.Unit ?? string.Empty))
            {
                Err(p + ".unit", $"vessel leg '{v.Id}': unit '{v.Unit}' is not a unit type defined in $.units.");
            }

            if (v.Vessels is null || v.Vessels.Count == 0)
            {
                bool added = d.Investments.Any(inv => inv.Component == v.Id && inv.Kind == InvestmentKind.AddVessels);
                if (!added)
                {
                    Err(p + ".vessels", $"vessel leg '{v.Id}': the fleet is empty and no investment adds vessels; expected at least one vessel.");
                }
            }
            else
            {
                CheckVessels(p + ".vessels", v.Id, v.Vessels);
            }

            CheckDistribution(p + ".sailingHours", v.Id, v.SailingHours);
            if (!(v.MaxWaitHours >= 0 && v.MaxWaitHours <= 24 * 365))
            {
                Err(p + ".maxWaitHours", $"vessel leg '{v.Id}': maxWaitHours must be within 0..8760, found {F(v.MaxWaitHours)}.");
            }

            if (!(v.BackhaulMaxWaitHours >= 0 && v.BackhaulMaxWaitHours <= 24 * 365))
            {
                Err(p + ".backhaulMaxWaitHours", $"vessel leg '{v.Id}': backhaulMaxWaitHours must be within 0..8760, found {F(v.BackhaulMaxWaitHours)}.");
            }

            if (!(v.TimetableIntervalHours > 0 && v.TimetableIntervalHours <= 24 * 365))
            {
                Err(p + ".timetableIntervalHours", $"vessel leg '{v.Id}': timetableIntervalHours must be within (0, 8760], found {F(v.TimetableIntervalHours)}.");
            }

            foreach ((int year, double lf) in v.LoadFactorByYear)
            {
                if (!(lf > 0 && lf <= 1))
                {
                    Err($"{p}.loadFactorByYear.{year}", $"vessel leg '{v.Id}': a load factor must be within (0, 1], found {F(lf)} for {year}.");
                }
            }
        }

        for (int i = 0; i < d.Flows.Count; i++)
        {
            CargoFlowDefinition f = d.Flows[i];
            string p = $"$.flows[{i}]";
            Id(p + ".id", f.Id, "flow");
            if (!units.Contains(f.Unit ?? string.Empty))
            {
                Err(p + ".unit", $"flow '{f.Id}': unit '{f.Unit}' is not a unit type defined in $.units.");
            }

            if (!(f.TonsPerUnit > 0 && f.TonsPerUnit <= 1_000_000))
            {
                Err(p + ".tonsPerUnit", $"flow '{f.Id}': tonsPerUnit must be within (0, 1000000], found {F(f.TonsPerUnit)}.");
            }

            if (!(f.AnnualTons >= 0 && f.AnnualTons <= 1e9))
            {
                Err(p + ".annualTons", $"flow '{f.Id}': annualTons must be within 0..1e9, found {F(f.AnnualTons)}.");
            }

            if (!(f.GrowthPerYear > -1 && f.GrowthPerYear <= 10))
            {
                Err(p + ".growthPerYear", $"flow '{f.Id}': growthPerYear must be within (-1, 10], found {F(f.GrowthPerYear)}.");
            }

            foreach ((int year, double t) in f.AnnualTonsByYear)
            {
                if (!(t >= 0 && t <= 1e9))
                {
                    Err($"{p}.annualTonsByYear.{year}", $"flow '{f.Id}': tons for {year} must be within 0..1e9, found {F(t)}.");
                }
            }

            if (f.Seasonality.Count is not (0 or 12) || f.Seasonality.Any(x => !(x >= 0 && x < 1e6)) ||
                (f.Seasonality.Count == 12 && f.Seasonality.Sum() <= 0))
            {
                Err(p + ".seasonality", $"flow '{f.Id}': seasonality needs 12 non-negative values (January first) with a positive sum, or none.");
            }

            if (f.Routes is null || f.Routes.Count == 0)
            {
                Err(p + ".routes", $"flow '{f.Id}': at least one route is required.");
                continue;
            }

            for (int r = 0; r < f.Routes.Count; r++)
            {
                RouteDefinition route = f.Routes[r];
                string rp = $"{p}.routes[{r}]";
                if (!(route.Share >= 0 && double.IsFinite(route.Share)))
                {
                    Err(rp + ".share", $"flow '{f.Id}': a route share must be finite and not negative, found {F(route.Share)}.");
                }

                string node = f.Origin;
                for (int k = 0; k < route.Legs.Count; k++)
                {
                    string leg = route.Legs[k];
                    string lp = $"{rp}.legs[{k}]";
                    if (stages.TryGetValue(leg, out StageDefinition? st))
                    {
                        if (st.From != node)
                        {
                            Err(lp, $"flow '{f.Id}': stage '{leg}' starts at '{st.From}' but the route is at '{node}'.");
                        }

                        node = st.To;
                    }
                    else if (legs.TryGetValue(leg, out VesselLegDefinition? vl))
                    {
                        if (vl.PortA == node)
                        {
                            node = vl.PortB;
                        }
                        else if (vl.PortB == node)
                        {
                            node = vl.PortA;
                        }
                        else
                        {
                            Err(lp, $"flow '{f.Id}': vessel leg '{leg}' links '{vl.PortA}' and '{vl.PortB}' but the route is at '{node}'.");
                            node = vl.PortB;
                        }

                        if (vl.Unit != f.Unit)
                        {
                            Err(lp, $"flow '{f.Id}': vessel leg '{leg}' carries '{vl.Unit}' units, the flow's unit is '{f.Unit}'.");
                        }
                    }
                    else
                    {
                        Err(lp, $"flow '{f.Id}': route leg '{leg}' is not a stage or vessel leg defined in the corridor.");
                    }
                }

                if (node != f.Destination)
                {
                    Err(rp + ".legs", $"flow '{f.Id}': route {r} ends at '{node}', expected the destination '{f.Destination}'.");
                }
            }

            if (f.RouteChoice == RouteChoice.FixedShares && f.Routes.Sum(x => x.Share) <= 0)
            {
                Err(p + ".routes", $"flow '{f.Id}': the route shares sum to 0; at least one must be positive.");
            }
        }

        for (int i = 0; i < d.Slowdowns.Count; i++)
        {
            SlowdownDefinition s = d.Slowdowns[i];
            string p = $"$.slowdowns[{i}]";
            if (!stages.ContainsKey(s.Component ?? string.Empty))
            {
                Err(p + ".component", $"slowdown: '{s.Component}' is not a stage defined in $.stages.");
            }

            if (!(s.CapacityFactor > 0 && s.CapacityFactor <= 1))
            {
                Err(p + ".capacityFactor", $"slowdown of '{s.Component}': capacityFactor must be within (0, 1], found {F(s.CapacityFactor)}.");
            }

            if (!(s.DurationDays > 0 && s.DurationDays <= 3650))
            {
                Err(p + ".durationDays", $"slowdown of '{s.Component}': durationDays must be within (0, 3650], found {F(s.DurationDays)}.");
            }
        }

        for (int i = 0; i < d.Investments.Count; i++)
        {
            InvestmentDefinition inv = d.Investments[i];
            string p = $"$.investments[{i}]";
            bool ok = inv.Kind switch
            {
                InvestmentKind.Berths or InvestmentKind.HandlingTimeFactor => ports.ContainsKey(inv.Component ?? string.Empty),
                InvestmentKind.TrainsPerDay => stages.ContainsKey(inv.Component ?? string.Empty),
                InvestmentKind.AddVessels or InvestmentKind.LoadFactor => legs.ContainsKey(inv.Component ?? string.Empty),
                _ => false,
            };
            if (!ok)
            {
                string expected = inv.Kind switch
                {
                    InvestmentKind.Berths or InvestmentKind.HandlingTimeFactor => "a port",
                    InvestmentKind.TrainsPerDay => "a stage",
                    _ => "a vessel leg",
                };
                Err(p + ".component", $"investment '{inv.Name}': '{inv.Component}' is not {expected}, as kind {inv.Kind} requires.");
            }

            (bool valid, string range) = inv.Kind switch
            {
                InvestmentKind.Berths => (inv.Value >= 1 && inv.Value <= 1000 && inv.Value == Math.Floor(inv.Value), "a whole number within 1..1000"),
                InvestmentKind.TrainsPerDay => (inv.Value > 0 && inv.Value <= 10_000, "within (0, 10000]"),
                InvestmentKind.HandlingTimeFactor => (inv.Value > 0 && inv.Value <= 100, "within (0, 100]"),
                InvestmentKind.LoadFactor => (inv.Value > 0 && inv.Value <= 1, "within (0, 1]"),
                _ => (true, string.Empty),
            };
            if (!valid)
            {
                Err(p + ".value", $"investment '{inv.Name}': value must be {range} for kind {inv.Kind}, found {F(inv.Value)}.");
            }

            if (inv.Kind == InvestmentKind.AddVessels)
            {
                if (inv.Vessels.Count == 0)
                {
                    Err(p + ".vessels", $"investment '{inv.Name}': AddVessels needs at least one vessel.");
                }

                CheckVessels(p + ".vessels", inv.Component, inv.Vessels);
            }
        }

        return errors;

        void CheckVessels(string path, string? owner, IReadOnlyList<VesselDefinition> vessels)
        {
            for (int k = 0; k < vessels.Count; k++)
            {
                if (vessels[k].CapacityUnits < 1 || vessels[k].CapacityUnits > 100_000)
                {
                    Err($"{path}[{k}].capacityUnits", $"vessel '{vessels[k].Name}' of '{owner}': capacityUnits must be within 1..100000, found {vessels[k].CapacityUnits}.");
                }
            }
        }

        void CheckDistribution(string path, string? owner, Engine.Distribution? dist)
        {
            if (dist is null)
            {
                Err(path, $"'{owner}': a distribution is required.");
            }
            else if (!(dist.Mean >= 0) || !double.IsFinite(dist.Mean) || dist.Mean > 24 * 365 * 10)
            {
                Err(path, $"'{owner}': {dist} has mean {F(dist.Mean)} hours; expected a non-negative duration under ten years.");
            }
        }
    }
}
