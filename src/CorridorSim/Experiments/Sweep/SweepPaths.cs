using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// The one table of sweepable fields: each path pattern (<c>ports[ID].berths</c>, …) and how a value is set on a
/// copy of a scenario. Parsing, the list of valid forms in messages and applying all read this table, so a field is
/// added (or the table re-pointed at a per-kind registry) in one place.
/// </summary>
internal static partial class SweepPaths
{
    private static readonly ImmutableArray<Rule> Table =
    [
        new("ports", "berths", "port", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.Ports, p => p.Id);
            int berths = t.Count(v);
            return s with { Corridor = c with { Components = ReplaceComponent(c, c.Ports[i], c.Ports[i] with { Berths = berths }) } };
        }) { IsCount = true },
        new("ports", "handlingHoursFactor", "port", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.Ports, p => p.Id);
            PortDefinition port = c.Ports[i];
            return s with { Corridor = c with { Components = ReplaceComponent(c, port, port with { HandlingHours = ScaledDistribution.Of(port.HandlingHours, t.Factor(v)) }) } };
        }),
        new("stages", "trainsPerDay", "stage", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.Stages, x => x.Id);
            return s with { Corridor = c with { Components = ReplaceComponent(c, c.Stages[i], c.Stages[i] with { TrainsPerDay = v }) } };
        }),
        new("stages", "transitHoursFactor", "stage", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.Stages, x => x.Id);
            StageDefinition stage = c.Stages[i];
            return s with { Corridor = c with { Components = ReplaceComponent(c, stage, stage with { TransitHours = ScaledDistribution.Of(stage.TransitHours, t.Factor(v)) }) } };
        }),
        new("vesselLegs", "vessels", "vessel leg", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.VesselLegs, l => l.Id);
            VesselLegDefinition leg = c.VesselLegs[i];
            return s with { Corridor = c with { Components = ReplaceComponent(c, leg, leg with { Vessels = Fleet(leg, t.Count(v)) }) } };
        }) { IsCount = true },
        new("vesselLegs", "maxWaitHours", "vessel leg", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.VesselLegs, l => l.Id);
            return s with { Corridor = c with { Components = ReplaceComponent(c, c.VesselLegs[i], c.VesselLegs[i] with { MaxWaitHours = v }) } };
        }),
        new("flows", "annualTons", "flow", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.Flows, f => f.Id);
            return s with { Corridor = c with { Flows = Replace(c.Flows, i, c.Flows[i] with { AnnualTons = v }) } };
        }),
        new("flows", "growthPerYear", "flow", (s, t, v) =>
        {
            CorridorDefinition c = s.Corridor;
            int i = t.IndexOf(s, c.Flows, f => f.Id);
            return s with { Corridor = c with { Flows = Replace(c.Flows, i, c.Flows[i] with { GrowthPerYear = v }) } };
        }),
        new("simulation", "targetTons", Item: null, (s, _, v) => s with { Simulation = s.Simulation with { TargetTons = v } }),
    ];

    // A component is replaced where it stands in the one list, so the run order and the reports keep their order.
    private static ComponentDefinition[] ReplaceComponent(CorridorDefinition c, ComponentDefinition old, ComponentDefinition replacement) =>
        [.. c.Components.Select(x => ReferenceEquals(x, old) ? replacement : x)];

    /// <summary>
    /// The valid forms, for messages: <c>valid paths are ports[ID].berths, …, flows[ID].growthPerYear and
    /// simulation.targetTons; a spec is PATH=a..b, PATH=a..b:step or PATH=v1,v2,...</c>.
    /// </summary>
    public static string ValidForms { get; } =
        "valid paths are " + string.Join(", ", Table[..^1].Select(r => r.Form)) + " and " + Table[^1].Form +
        "; a spec is PATH=a..b, PATH=a..b:step or PATH=v1,v2,...";

    /// <summary>Parses a path such as <c>vesselLegs[ferry:kuryk-alat].vessels</c> or <c>ports['port:aktau'].berths</c>.</summary>
    /// <exception cref="ArgumentException">The path is not one of the valid forms (the message lists them).</exception>
    public static Target Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Table.FirstOrDefault(r => r.Item is null && r.Form == path) is { } global)
        {
            return new Target(path, global, string.Empty);
        }

        Match m = PathPattern().Match(path);
        string collection = m.Groups["collection"].Value;
        if (!m.Success || !Table.Any(r => r.Item is not null && r.Collection == collection))
        {
            throw new ArgumentException($"Sweep path '{path}' is not recognised; {ValidForms}.", nameof(path));
        }

        string field = m.Groups["field"].Value;
        Rule rule = Table.FirstOrDefault(r => r.Collection == collection && r.Field == field)
            ?? throw new ArgumentException($"Sweep path '{path}': '{field}' is not a field that can be swept on {collection}; {ValidForms}.", nameof(path));
        return new Target(path, rule, m.Groups["id"].Value);
    }

    [GeneratedRegex(@"^(?<collection>[A-Za-z]+)\[(?<quote>['""]?)(?<id>[^\]'""]+)\k<quote>\]\.(?<field>[A-Za-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    private static List<VesselDefinition> Fleet(VesselLegDefinition leg, int count)
    {
        if (leg.Vessels.Count == 0 && count > 0)
        {
            throw new ArgumentException($"Vessel leg '{leg.Id}' has no vessel to copy; its fleet size cannot be swept.");
        }

        var fleet = leg.Vessels.Take(count).ToList();
        for (int k = fleet.Count; k < count; k++)
        {
            fleet.Add(leg.Vessels[0] with { Name = leg.Vessels[0].Name + "#" + (k + 1).ToString(CultureInfo.InvariantCulture) });
        }

        return fleet;
    }

    private static T[] Replace<T>(IReadOnlyList<T> items, int index, T item)
    {
        T[] copy = [.. items];
        copy[index] = item;
        return copy;
    }

    /// <summary>One sweepable field.</summary>
    /// <param name="Collection">The definition collection (<c>ports</c>, …) or <c>simulation</c>.</param>
    /// <param name="Field">The field name in the scenario format.</param>
    /// <param name="Item">What one entry of the collection is called in messages; null for a field addressed without an id.</param>
    /// <param name="Set">Sets the value on a copy of the scenario.</param>
    internal sealed record Rule(string Collection, string Field, string? Item, Func<Scenario, Target, double, Scenario> Set)
    {
        /// <summary>Whether the field is a count (a whole number); a drawn value is rounded to one.</summary>
        public bool IsCount { get; init; }

        /// <summary>The path pattern, e.g. <c>ports[ID].berths</c>.</summary>
        public string Form => Item is null ? $"{Collection}.{Field}" : $"{Collection}[ID].{Field}";
    }

    /// <summary>A parsed path: the rule and the component id it addresses.</summary>
    /// <param name="Path">The path as given.</param>
    /// <param name="Rule">The field.</param>
    /// <param name="Id">The id between the brackets, unquoted; empty for a field without one.</param>
    internal sealed record Target(string Path, Rule Rule, string Id)
    {
        /// <summary>A copy of <paramref name="scenario"/> with the field set to <paramref name="value"/>.</summary>
        public Scenario Apply(Scenario scenario, double value) => Rule.Set(scenario, this, value);

        /// <summary>The position of the entry with this id.</summary>
        /// <exception cref="ArgumentException">No entry has it; the message lists the ids there are.</exception>
        public int IndexOf<T>(Scenario scenario, IReadOnlyList<T> items, Func<T, string> id)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (string.Equals(id(items[i]), Id, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            string ids = items.Count == 0 ? "(none)" : string.Join(", ", items.Select(id));
            throw new ArgumentException($"Sweep path '{Path}': scenario '{scenario.Name}' has no {Rule.Item} '{Id}'; its {Rule.Collection} are: {ids}.", nameof(scenario));
        }

        /// <summary>The value as a factor on a duration distribution (the <c>…Factor</c> paths scale every sample by it).</summary>
        /// <exception cref="ArgumentException">It is not positive.</exception>
        public double Factor(double value) => value > 0 && value <= 100
            ? value
            : throw new ArgumentException($"Sweep path '{Path}': {Rule.Field} is a factor on the durations; expected a number within (0, 100], found {value.ToString(CultureInfo.InvariantCulture)}.", nameof(value));

        /// <summary>The value as a count.</summary>
        /// <exception cref="ArgumentException">It is not a whole number within 0..<see cref="int.MaxValue"/>.</exception>
        public int Count(double value)
        {
            if (value != Math.Round(value) || value < 0 || value > int.MaxValue)
            {
                throw new ArgumentException($"Sweep path '{Path}': {Rule.Field} is a count; expected a whole number, found {value.ToString(CultureInfo.InvariantCulture)}.", nameof(value));
            }

            return (int)value;
        }
    }
}
