using System.Globalization;

namespace CorridorSim.Corridor;

/// <summary>
/// Checks a whole <see cref="CorridorDefinition"/> and reports every error with its path: ids, unit types, each
/// component by its own rules, then the rules that span components (routes, slowdowns, investments).
/// </summary>
internal static class CorridorValidator
{
    public static IReadOnlyList<ScenarioError> Validate(CorridorDefinition d, (int First, int Last)? years = null)
    {
        var context = new ValidationContext(d) { Years = years };
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        void Id(string path, string? id, string what)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                context.Error(path, $"{what} has no id; expected a non-empty string.");
            }
            else if (id.Length > CorridorDefinition.MaxIdLength)
            {
                context.Error(path, $"{what} id of {id.Length.ToString(CultureInfo.InvariantCulture)} characters is too long; expected at most {CorridorDefinition.MaxIdLength.ToString(CultureInfo.InvariantCulture)}.");
            }
            else if (!ids.TryAdd(id, path))
            {
                context.Error(path, $"{what} id '{id}' is already used at {ids[id]}; ids must be unique.");
            }
        }

        var units = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < d.Units.Count; i++)
        {
            UnitType u = d.Units[i];
            string p = $"$.units[{i}]";
            if (string.IsNullOrWhiteSpace(u.Id) || !units.Add(u.Id))
            {
                context.Error(p + ".id", $"unit type id '{u.Id}' is empty or duplicated.");
            }
            else if (u.Id.Length > CorridorDefinition.MaxIdLength)
            {
                context.Error(p + ".id", $"unit type id of {u.Id.Length.ToString(CultureInfo.InvariantCulture)} characters is too long; expected at most {CorridorDefinition.MaxIdLength.ToString(CultureInfo.InvariantCulture)}.");
            }

            context.CheckRanges(p, $"unit type '{u.Id}'", u);
        }

        var components = new Dictionary<string, ComponentDefinition>(StringComparer.Ordinal);
        foreach ((ComponentDefinition c, string p) in Paths(d))
        {
            Id(p + ".id", c.Id, c.What);
            components.TryAdd(c.Id ?? string.Empty, c);
            context.CheckRanges(p, $"{c.What} '{c.Id}'", c);
            c.Validate(context, p);
        }

        for (int i = 0; i < d.Flows.Count; i++)
        {
            string p = $"$.flows[{i}]";
            Id(p + ".id", d.Flows[i].Id, "flow");
            context.CheckRanges(p, $"flow '{d.Flows[i].Id}'", d.Flows[i]);
            d.Flows[i].Validate(context, p, components);
        }

        for (int i = 0; i < d.Slowdowns.Count; i++)
        {
            context.CheckRanges($"$.slowdowns[{i}]", $"slowdown of '{d.Slowdowns[i].Component}'", d.Slowdowns[i]);
            d.Slowdowns[i].Validate(context, $"$.slowdowns[{i}]", components);
        }

        for (int i = 0; i < d.Investments.Count; i++)
        {
            context.CheckRanges($"$.investments[{i}]", $"investment '{d.Investments[i].Name}'", d.Investments[i]);
            d.Investments[i].Validate(context, $"$.investments[{i}]", components);
        }

        return context.Errors;
    }

    /// <summary>Each component with its JSON path: its kind's array and its index there.</summary>
    internal static IEnumerable<(ComponentDefinition Component, string Path)> Paths(CorridorDefinition d)
    {
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (ComponentDefinition c in d.Components)
        {
            string array = ComponentKinds.Of(c).Array;
            int index = next.GetValueOrDefault(array);
            next[array] = index + 1;
            yield return (c, $"$.{array}[{index}]");
        }
    }
}
