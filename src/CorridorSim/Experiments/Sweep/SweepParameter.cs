using System.Globalization;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// A scenario parameter to vary and the values it takes. The path addresses a definition field by component id:
/// <c>ports[ID].berths</c>, <c>ports[ID].handlingHoursFactor</c> and <c>stages[ID].transitHoursFactor</c> (factors on the
/// handling or dwell time), <c>stages[ID].trainsPerDay</c>, <c>vesselLegs[ID].vessels</c> (the fleet size),
/// <c>vesselLegs[ID].maxWaitHours</c>, <c>flows[ID].annualTons</c>, <c>flows[ID].growthPerYear</c> or
/// <c>simulation.targetTons</c>. The id may be quoted (<c>ports['port:aktau'].berths</c>).
/// </summary>
public sealed class SweepParameter
{
    /// <summary>The most values one parameter may take.</summary>
    public const int MaxValues = 1000;

    private readonly SweepPaths.Target _target;

    /// <summary>Creates a parameter.</summary>
    /// <param name="path">The path (see the class summary).</param>
    /// <param name="values">The values, finite, 1..<see cref="MaxValues"/> of them.</param>
    /// <exception cref="ArgumentException">The path is not one of the valid forms, or the values are empty or not finite.</exception>
    public SweepParameter(string path, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(values);
        _target = SweepPaths.Parse(path);
        Path = path;
        double[] v = [.. values];
        if (v.Length == 0 || v.Length > MaxValues)
        {
            throw new ArgumentException($"Sweep parameter '{path}' needs 1..{MaxValues} values, found {v.Length}.", nameof(values));
        }

        if (v.Any(x => !double.IsFinite(x)))
        {
            throw new ArgumentException($"Sweep parameter '{path}': every value must be finite.", nameof(values));
        }

        Values = Array.AsReadOnly(v);
    }

    /// <summary>The path of the field varied, e.g. <c>vesselLegs[ferry:kuryk-alat].vessels</c>.</summary>
    public string Path { get; }

    /// <summary>The values, in sweep order.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>
    /// Parses <c>PATH=a..b</c> (step 1), <c>PATH=a..b:step</c> (a, a + step, … up to b inclusive; step positive) or
    /// <c>PATH=v1,v2,v3</c>; numbers in invariant culture.
    /// </summary>
    /// <param name="spec">The specification, e.g. <c>vesselLegs[ferry:kuryk-alat].vessels=2..6</c>.</param>
    /// <exception cref="ArgumentException">The spec is malformed; the message lists the valid forms.</exception>
    public static SweepParameter Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int eq = spec.LastIndexOf('=');
        if (eq <= 0 || eq == spec.Length - 1)
        {
            throw new ArgumentException($"Sweep spec '{spec}' has no PATH=VALUES; {SweepPaths.ValidForms}.", nameof(spec));
        }

        string path = spec[..eq].Trim();
        string text = spec[(eq + 1)..].Trim();
        return new SweepParameter(path, ParseValues(spec, text));
    }

    /// <summary>
    /// A copy of <paramref name="scenario"/> with this parameter's field set to <paramref name="value"/>; the
    /// original is not changed. For <c>vesselLegs[ID].vessels</c> the fleet keeps its first vessels up to the count
    /// and, beyond its size, adds copies of its first vessel named <c>NAME#k</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not in the scenario (the message lists the ids there are), or a count is not a whole number.</exception>
    public Scenario Apply(Scenario scenario, double value)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return _target.Apply(scenario, value);
    }

    /// <summary>The path.</summary>
    public override string ToString() => Path;

    private static List<double> ParseValues(string spec, string text)
    {
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            return text.Split(',').Select(t => Number(spec, t)).ToList();
        }

        string rest = text[(dots + 2)..];
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        double from = Number(spec, text[..dots]);
        double to = Number(spec, colon < 0 ? rest : rest[..colon]);
        double step = colon < 0 ? 1 : Number(spec, rest[(colon + 1)..]);
        if (!(step > 0))
        {
            throw new ArgumentException($"Sweep spec '{spec}': the step must be positive, found {step.ToString(CultureInfo.InvariantCulture)}.", nameof(spec));
        }

        if (to < from)
        {
            throw new ArgumentException($"Sweep spec '{spec}': the range a..b needs a <= b.", nameof(spec));
        }

        // Computed as from + k·step (no accumulated drift), with a small tolerance so that b itself is included.
        double count = Math.Floor(((to - from) / step) + 1e-9) + 1;
        if (count > MaxValues)
        {
            throw new ArgumentException($"Sweep spec '{spec}' gives {count.ToString(CultureInfo.InvariantCulture)} values; at most {MaxValues}.", nameof(spec));
        }

        var values = new List<double>((int)count);
        for (int k = 0; k < (int)count; k++)
        {
            double v = from + (k * step);
            values.Add(double.Parse(v.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        return values;
    }

    private static double Number(string spec, string text)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw new ArgumentException($"Sweep spec '{spec}': '{text.Trim()}' is not a number; {SweepPaths.ValidForms}.", nameof(spec));
        }

        return v;
    }
}
