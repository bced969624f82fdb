namespace CorridorSim.Corridor;

/// <summary>A cargo flow: what, how much, when, from where to where, and by which routes.</summary>
public sealed record CargoFlowDefinition
{
    /// <summary>
    /// The most units a flow may generate in one simulated year (demand in tons over <see cref="TonsPerUnit"/>): every
    /// unit is simulated one by one, so more would take memory and time without bound.
    /// </summary>
    public const double MaxUnitsPerYear = 10_000_000;

    /// <summary>Unique flow id.</summary>
    public required string Id { get; init; }

    /// <summary>Commodity: containers, oil, grain, metals, other.</summary>
    public string Commodity { get; init; } = "containers";

    /// <summary>The unit type.</summary>
    public required string Unit { get; init; }

    /// <summary>Tons per unit [P7: 14 t/TEU; P8: 60 t/wagon].</summary>
    public required double TonsPerUnit { get; init; }

    /// <summary>Demand in tons per year in <see cref="BaseYear"/>.</summary>
    public required double AnnualTons { get; init; }

    /// <summary>The year <see cref="AnnualTons"/> refers to.</summary>
    public int BaseYear { get; init; } = 2024;

    /// <summary>Demand growth per year as a fraction (0.2 = +20 %/yr), compounding from <see cref="BaseYear"/>.</summary>
    public double GrowthPerYear { get; init; }

    /// <summary>Explicit demand by year in tons, overriding base and growth for the years listed.</summary>
    public IReadOnlyDictionary<int, double> AnnualTonsByYear { get; init; } = new Dictionary<int, double>();

    /// <summary>Relative demand by calendar month (12 values, January first; normalised); empty for flat.</summary>
    public IReadOnlyList<double> Seasonality { get; init; } = [];

    /// <summary>The node where units appear.</summary>
    public required string Origin { get; init; }

    /// <summary>The node where units are delivered.</summary>
    public required string Destination { get; init; }

    /// <summary>Alternative routes (at least one).</summary>
    public required IReadOnlyList<RouteDefinition> Routes { get; init; }

    /// <summary>How a unit chooses its route.</summary>
    public RouteChoice RouteChoice { get; init; } = RouteChoice.FixedShares;

    /// <summary>When units give up waiting at their first component and leave for an alternative; on by default (see <see cref="DiversionRule"/>).</summary>
    public DiversionRule Diversion { get; init; } = new();

    /// <summary>Demand in tons for a calendar year.</summary>
    public double TonsInYear(int year) =>
        AnnualTonsByYear.TryGetValue(year, out double t) ? t : AnnualTons * Math.Pow(1 + GrowthPerYear, year - BaseYear);

    /// <summary>
    /// Demand after growth stays within the range of annualTons in every simulated year, and units per year within
    /// <see cref="MaxUnitsPerYear"/>; without the simulated years (a definition checked on its own), the years the
    /// definition names.
    /// </summary>
    private void CheckDemand(ValidationContext context, string p)
    {
        double maxTons = FlowFields.Flow["annualTons"]!.Max!.Value;
        IEnumerable<int> years = context.Years is { } y
            ? Enumerable.Range(y.First, y.Last - y.First + 1)
            : AnnualTonsByYear.Keys.Append(BaseYear);
        static string F(double v) => ValidationContext.Format(v);
        foreach (int year in years.Order())
        {
            double tons = TonsInYear(year);
            if (!AnnualTonsByYear.ContainsKey(year) && !(tons <= maxTons) && GrowthPerYear != 0)
            {
                context.Error(p + ".growthPerYear", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"flow '{Id}': demand grows from {F(AnnualTons)} t in {BaseYear} at {F(GrowthPerYear)} a year to {F(tons)} t in {year}; expected at most {Field.F(maxTons)} t in every simulated year."));
                return;
            }

            if (TonsPerUnit > 0 && !(tons / TonsPerUnit <= MaxUnitsPerYear))
            {
                context.Error(p + ".tonsPerUnit", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"flow '{Id}': {F(tons)} t in {year} at {F(TonsPerUnit)} t per unit is {F(tons / TonsPerUnit)} units; expected at most {Field.F(MaxUnitsPerYear)} units a year (each unit is simulated): raise tonsPerUnit or lower the demand."));
                return;
            }
        }
    }

    internal void Validate(ValidationContext context, string p, IReadOnlyDictionary<string, ComponentDefinition> components)
    {
        context.CheckUnit(p + ".unit", $"flow '{Id}'", Unit);
        // Ranges (tons, growth, seasonality values, route shares, diversion days): FlowFields (ValidationContext.CheckRanges).
        if (Diversion is null)
        {
            context.Error(p + ".diversion", $"flow '{Id}': a diversion rule is required; use mode \"off\" for none.");
        }
        if (Seasonality.Count is not (0 or 12) || (Seasonality.Count == 12 && !(Seasonality.Sum() > 0)))
        {
            context.Error(p + ".seasonality", $"flow '{Id}': seasonality needs 12 values (January first), each within {FlowFields.Flow["seasonality"]!.RangeText}, with a positive sum, or none; found {Seasonality.Count} value(s){(Seasonality.Count == 12 ? " summing to 0" : string.Empty)}.");
        }

        CheckDemand(context, p);
        if (Routes is null || Routes.Count == 0)
        {
            context.Error(p + ".routes", $"flow '{Id}': at least one route is required.");
            return;
        }

        for (int r = 0; r < Routes.Count; r++)
        {
            RouteDefinition route = Routes[r];
            string rp = $"{p}.routes[{r}]";
            string node = Origin;
            for (int k = 0; k < route.Legs.Count; k++)
            {
                string leg = route.Legs[k];
                string lp = $"{rp}.legs[{k}]";
                if (!components.TryGetValue(leg, out ComponentDefinition? component))
                {
                    context.Error(lp, $"flow '{Id}': route leg '{leg}' is not a route leg defined in the corridor.");
                    continue;
                }

                if (component.Pass(node, out string next, out _) is { } refused)
                {
                    context.Error(lp, $"flow '{Id}': {refused}");
                }

                if (component.RefuseUnit(Unit) is { } wrongUnit)
                {
                    context.Error(lp, $"flow '{Id}': {wrongUnit}");
                }

                node = next;
            }

            if (node != Destination)
            {
                context.Error(rp + ".legs", $"flow '{Id}': route {r} ends at '{node}', expected the destination '{Destination}'.");
            }
        }

        if (RouteChoice == RouteChoice.FixedShares && Routes.Sum(x => x.Share) <= 0)
        {
            context.Error(p + ".routes", $"flow '{Id}': the route shares sum to 0; at least one must be positive.");
        }
    }
}
