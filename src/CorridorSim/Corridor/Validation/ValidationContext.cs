using System.Globalization;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// What a definition's own <c>Validate</c> needs: the whole definition (for references), the error list, and the
/// checks every kind shares, each with its message stated once.
/// </summary>
internal sealed class ValidationContext(CorridorDefinition definition)
{
    private readonly HashSet<string> _units = new(definition.Units.Select(u => u.Id ?? string.Empty), StringComparer.Ordinal);
    private readonly List<ScenarioError> _errors = [];

    /// <summary>The definition being checked.</summary>
    public CorridorDefinition Definition { get; } = definition;

    /// <summary>Every error so far, in the order found.</summary>
    public IReadOnlyList<ScenarioError> Errors => _errors;

    /// <summary>A number as messages print it (invariant culture, shortest round-trip form).</summary>
    public static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    public void Error(string path, string message) => _errors.Add(new ScenarioError(path, message));

    public void CheckUnit(string path, string owner, string? unit)
    {
        if (!_units.Contains(unit ?? string.Empty))
        {
            Error(path, $"{owner}: unit '{unit}' is not a unit type defined in $.units.");
        }
    }

    public void CheckPort(string path, ComponentDefinition owner, string field, string? port)
    {
        if (!Definition.Components.Any(c => c is PortDefinition && c.Id == port))
        {
            Error(path, $"{owner.What} '{owner.Id}': {field} '{port}' is not a port defined in $.ports.");
        }
    }

    /// <summary>An hours field within 0..8760 (or (0, 8760] when zero is not allowed).</summary>
    public void CheckHours(string path, string owner, string field, double hours, bool zeroAllowed)
    {
        bool ok = (zeroAllowed ? hours >= 0 : hours > 0) && hours <= 24 * 365;
        if (!ok)
        {
            string range = zeroAllowed ? "0..8760" : "(0, 8760]";
            Error(path, $"{owner}: {field} must be within {range}, found {Format(hours)}.");
        }
    }

    public void CheckVessels(string path, string? owner, IReadOnlyList<VesselDefinition> vessels)
    {
        for (int k = 0; k < vessels.Count; k++)
        {
            if (vessels[k].CapacityUnits < 1 || vessels[k].CapacityUnits > 100_000)
            {
                Error($"{path}[{k}].capacityUnits", $"vessel '{vessels[k].Name}' of '{owner}': capacityUnits must be within 1..100000, found {vessels[k].CapacityUnits}.");
            }
        }
    }

    public void CheckDistribution(string path, string? owner, Distribution? distribution)
    {
        if (distribution is null)
        {
            Error(path, $"'{owner}': a distribution is required.");
        }
        else if (!(distribution.Mean >= 0) || !double.IsFinite(distribution.Mean) || distribution.Mean > 24 * 365 * 10)
        {
            Error(path, $"'{owner}': {distribution} has mean {Format(distribution.Mean)} hours; expected a non-negative duration under ten years.");
        }
    }
}
