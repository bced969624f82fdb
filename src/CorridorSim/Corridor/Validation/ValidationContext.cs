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

    /// <summary>
    /// The longest a duration's mean or standard deviation may be, and the longest interval derived from a rate (a
    /// train headway), in hours: ten years. A sample or interval far past it could not be added to the simulated
    /// clock; one this long is already longer than any run.
    /// </summary>
    public const double MaxDurationHours = 24 * 365 * 10;

    /// <summary>The definition being checked.</summary>
    public CorridorDefinition Definition { get; } = definition;

    /// <summary>The calendar years simulated (warm-up included), when known: rules on demand over time need them.</summary>
    public (int First, int Last)? Years { get; init; }

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

    /// <summary>
    /// Checks every ranged number of <paramref name="record"/> (and of the records it holds) against its field table,
    /// the ranges a scenario file is read with: a definition built in code meets the same rules.
    /// </summary>
    /// <param name="path">The record's JSON path.</param>
    /// <param name="owner">How messages name the record, e.g. <c>port 'port:aktau'</c>.</param>
    /// <param name="record">The record.</param>
    public void CheckRanges(string path, string owner, object? record)
    {
        if (record is null || ScenarioFields.For(record.GetType()) is not { } shape)
        {
            return;
        }

        foreach (Field f in shape.Fields)
        {
            string at = $"{path}.{f.Name}";
            switch (Shape.Property(record.GetType(), f)?.GetValue(record))
            {
                case int or double or ulong when f.HasRange:
                    double v = Convert.ToDouble(Shape.Property(record.GetType(), f)!.GetValue(record), CultureInfo.InvariantCulture);
                    Range(at, $"{owner}: {f.Name}", f, v);
                    break;
                case IReadOnlyList<double> values:
                    for (int i = 0; i < values.Count; i++)
                    {
                        Range($"{at}[{i}]", $"{owner}: {f.Name}[{i}]", f, values[i]);
                    }

                    break;
                case IReadOnlyDictionary<int, double> years:
                    foreach ((int year, double y) in years)
                    {
                        Range($"{at}.{year}", $"{owner}: {f.Name} for {year}", f, y);
                    }

                    break;
                case System.Collections.IEnumerable items when f.Item is { } item:
                    int k = 0;
                    foreach (object? x in items)
                    {
                        string name = item.Type.GetProperty("Name")?.GetValue(x) as string ?? item.Type.GetProperty("Id")?.GetValue(x) as string ?? k.ToString(CultureInfo.InvariantCulture);
                        CheckRanges($"{at}[{k++}]", $"{owner}, {item.Title[(item.Title.IndexOf(' ', StringComparison.Ordinal) + 1)..]} '{name}'", x);
                    }

                    break;
                case { } child when f.Form == Form.Object:
                    CheckRanges(at, owner, child);
                    break;
                default:
                    break;
            }
        }
    }

    private void Range(string path, string what, Field f, double value)
    {
        if (!f.InRange(value))
        {
            Error(path, $"{what} must be {(f.Min is not null && f.Max is not null ? "within " : string.Empty)}{f.RangeText}, found {Format(value)}.");
        }
    }

    public void CheckDistribution(string path, string? owner, Distribution? distribution)
    {
        if (distribution is null)
        {
            Error(path, $"'{owner}': a distribution is required.");
        }
        else if (!(distribution.Mean >= 0) || !double.IsFinite(distribution.Mean) || distribution.Mean > MaxDurationHours)
        {
            Error(path, $"'{owner}': {distribution} has mean {Format(distribution.Mean)} hours; expected a non-negative duration under ten years.");
        }
        else if (!(distribution.StandardDeviation <= MaxDurationHours))
        {
            string sd = double.IsFinite(distribution.StandardDeviation) ? $"standard deviation {Format(distribution.StandardDeviation)} hours" : "a standard deviation too large to represent";
            Error(path, $"'{owner}': {distribution} has {sd}; expected at most ten years ({Format(MaxDurationHours)} hours), so that its samples stay within the simulated time that can be represented.");
        }
    }

    /// <summary>
    /// Checks the interval between trains that a capacity in trains per day gives, slowed down by <paramref name="factor"/>:
    /// at most <see cref="MaxDurationHours"/>, so that the stage's next train is a time the clock can reach.
    /// </summary>
    public void CheckHeadway(string path, string owner, double trainsPerDay, double factor)
    {
        double headway = 24 / (trainsPerDay * factor);
        if (trainsPerDay > 0 && factor > 0 && !(headway <= MaxDurationHours))
        {
            string slowed = factor == 1 ? string.Empty : $" at capacity factor {Format(factor)}";
            Error(path, $"{owner}: {Format(trainsPerDay)} trains per day{slowed} is one train every {Format(headway)} hours; expected at most one every ten years ({Format(MaxDurationHours)} hours), i.e. at least {Format(24 / MaxDurationHours / factor)} trains per day.");
        }
    }
}
