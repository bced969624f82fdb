using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// A scenario parameter to vary and the values it takes. The path addresses a definition field by component id:
/// <c>ports[ID].berths</c>, <c>stages[ID].trainsPerDay</c>, <c>vesselLegs[ID].vessels</c> (the fleet size),
/// <c>vesselLegs[ID].maxWaitHours</c>, <c>flows[ID].annualTons</c>, <c>flows[ID].growthPerYear</c> or
/// <c>simulation.targetTons</c>. The id may be quoted (<c>ports['port:aktau'].berths</c>).
/// </summary>
public sealed partial class SweepParameter
{
    /// <summary>The most values one parameter may take.</summary>
    public const int MaxValues = 1000;

    private const string ValidForms =
        "valid paths are ports[ID].berths, stages[ID].trainsPerDay, vesselLegs[ID].vessels, vesselLegs[ID].maxWaitHours, " +
        "flows[ID].annualTons, flows[ID].growthPerYear and simulation.targetTons; a spec is PATH=a..b, PATH=a..b:step or PATH=v1,v2,...";

    private readonly string _collection;
    private readonly string _id;
    private readonly string _field;

    /// <summary>Creates a parameter.</summary>
    /// <param name="path">The path (see the class summary).</param>
    /// <param name="values">The values, finite, 1..<see cref="MaxValues"/> of them.</param>
    /// <exception cref="ArgumentException">The path is not one of the valid forms, or the values are empty or not finite.</exception>
    public SweepParameter(string path, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(values);
        (_collection, _id, _field) = ParsePath(path);
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
            throw new ArgumentException($"Sweep spec '{spec}' has no PATH=VALUES; {ValidForms}.", nameof(spec));
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
        CorridorDefinition c = scenario.Corridor;
        switch (_collection)
        {
            case "simulation":
                return scenario with { Simulation = scenario.Simulation with { TargetTons = value } };
            case "ports":
            {
                int i = IndexOf(scenario, c.Ports, p => p.Id, "port");
                int berths = Count(value);
                return scenario with { Corridor = c with { Components = ReplaceComponent(c, c.Ports[i], c.Ports[i] with { Berths = berths }) } };
            }

            case "stages":
            {
                int i = IndexOf(scenario, c.Stages, s => s.Id, "stage");
                return scenario with { Corridor = c with { Components = ReplaceComponent(c, c.Stages[i], c.Stages[i] with { TrainsPerDay = value }) } };
            }

            case "vesselLegs":
            {
                int i = IndexOf(scenario, c.VesselLegs, l => l.Id, "vessel leg");
                VesselLegDefinition leg = c.VesselLegs[i];
                leg = _field == "vessels" ? leg with { Vessels = Fleet(leg, Count(value)) } : leg with { MaxWaitHours = value };
                return scenario with { Corridor = c with { Components = ReplaceComponent(c, c.VesselLegs[i], leg) } };
            }

            default:
            {
                int i = IndexOf(scenario, c.Flows, f => f.Id, "flow");
                CargoFlowDefinition f = c.Flows[i];
                f = _field == "annualTons" ? f with { AnnualTons = value } : f with { GrowthPerYear = value };
                return scenario with { Corridor = c with { Flows = Replace(c.Flows, i, f) } };
            }
        }
    }

    private static ComponentDefinition[] ReplaceComponent(CorridorDefinition c, ComponentDefinition old, ComponentDefinition replacement) =>
        [.. c.Components.Select(x => ReferenceEquals(x, old) ? replacement : x)];

    /// <summary>The path.</summary>
    public override string ToString() => Path;

    [GeneratedRegex(@"^(?<collection>ports|stages|vesselLegs|flows)\[(?<quote>['""]?)(?<id>[^\]'""]+)\k<quote>\]\.(?<field>[A-Za-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    private static (string Collection, string Id, string Field) ParsePath(string path)
    {
        if (path == "simulation.targetTons")
        {
            return ("simulation", string.Empty, "targetTons");
        }

        Match m = PathPattern().Match(path);
        if (!m.Success)
        {
            throw new ArgumentException($"Sweep path '{path}' is not recognised; {ValidForms}.", nameof(path));
        }

        string collection = m.Groups["collection"].Value;
        string field = m.Groups["field"].Value;
        bool known = (collection, field) switch
        {
            ("ports", "berths") => true,
            ("stages", "trainsPerDay") => true,
            ("vesselLegs", "vessels" or "maxWaitHours") => true,
            ("flows", "annualTons" or "growthPerYear") => true,
            _ => false,
        };
        if (!known)
        {
            throw new ArgumentException($"Sweep path '{path}': '{field}' is not a field that can be swept on {collection}; {ValidForms}.", nameof(path));
        }

        return (collection, m.Groups["id"].Value, field);
    }

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
            throw new ArgumentException($"Sweep spec '{spec}': '{text.Trim()}' is not a number; {ValidForms}.", nameof(spec));
        }

        return v;
    }

    private int IndexOf<T>(Scenario scenario, IReadOnlyList<T> items, Func<T, string> id, string what)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (string.Equals(id(items[i]), _id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        string ids = items.Count == 0 ? "(none)" : string.Join(", ", items.Select(id));
        throw new ArgumentException($"Sweep path '{Path}': scenario '{scenario.Name}' has no {what} '{_id}'; its {_collection} are: {ids}.", nameof(scenario));
    }

    private int Count(double value)
    {
        if (value != Math.Round(value) || value < 0 || value > int.MaxValue)
        {
            throw new ArgumentException($"Sweep path '{Path}': {_field} is a count; expected a whole number, found {value.ToString(CultureInfo.InvariantCulture)}.", nameof(value));
        }

        return (int)value;
    }

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
}

/// <summary>One point of a sweep grid: the parameter values and the projection run there.</summary>
public sealed record SweepPoint
{
    /// <summary>The value of each parameter, in the order of <see cref="SweepResult.Parameters"/>.</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>The projection at this point (same seed and replication indices as every other point).</summary>
    public required ProjectionResult Result { get; init; }
}

/// <summary>The response of a projection to one or two parameters over a grid.</summary>
public sealed record SweepResult
{
    /// <summary>The base scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The master seed every point used.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>The parameters varied (one or two).</summary>
    public required IReadOnlyList<SweepParameter> Parameters { get; init; }

    /// <summary>The grid points: the first parameter varies slowest.</summary>
    public required IReadOnlyList<SweepPoint> Points { get; init; }
}

/// <summary>Parameter sweeps: a full projection at each point of a grid of one or two parameters.</summary>
public static class Sweep
{
    /// <summary>
    /// Runs a projection at every point of the grid spanned by <paramref name="parameters"/> (the first varies slowest),
    /// one point after another, each with the SAME seed and replication indices (common random numbers), so the
    /// differences between points carry far less noise than independent runs would. Every point's scenario is built
    /// and validated before anything runs.
    /// </summary>
    /// <param name="scenario">The base scenario (not changed).</param>
    /// <param name="parameters">One or two parameters with distinct paths.</param>
    /// <param name="options">As for <see cref="Projection.Run"/>, applied at every point.</param>
    /// <param name="progress">Told the total number of replications finished across all points.</param>
    /// <param name="ct">Cancels the sweep.</param>
    /// <exception cref="ArgumentException">Not one or two parameters, a duplicated path, an unknown id, or a point whose corridor is invalid (every such point listed).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static SweepResult Run(Scenario scenario, IReadOnlyList<SweepParameter> parameters, ProjectionOptions? options = null,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count is < 1 or > 2)
        {
            throw new ArgumentException($"A sweep varies one or two parameters, found {parameters.Count}.", nameof(parameters));
        }

        if (parameters.Count == 2 && parameters[0].Path == parameters[1].Path)
        {
            throw new ArgumentException($"The two sweep parameters have the same path '{parameters[0].Path}'.", nameof(parameters));
        }

        options ??= new ProjectionOptions();
        List<double[]> grid = parameters.Count == 1
            ? parameters[0].Values.Select(v => new[] { v }).ToList()
            : parameters[0].Values.SelectMany(a => parameters[1].Values.Select(b => new[] { a, b })).ToList();

        var scenarios = new List<Scenario>(grid.Count);
        var errors = new List<string>();
        foreach (double[] point in grid)
        {
            Scenario s = scenario;
            for (int p = 0; p < parameters.Count; p++)
            {
                s = parameters[p].Apply(s, point[p]);
            }

            foreach (ScenarioError e in CorridorModel.Validate(s.Corridor))
            {
                errors.Add($"{Describe(parameters, point)}: {e}");
            }

            scenarios.Add(s);
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"The sweep of scenario '{scenario.Name}' has invalid grid points:\n  " + string.Join("\n  ", errors), nameof(parameters));
        }

        int replications = options.Replications ?? scenario.Simulation.Replications;
        var points = new List<SweepPoint>(grid.Count);
        for (int i = 0; i < grid.Count; i++)
        {
            IProgress<int>? inner = progress is null ? null : new OffsetProgress(progress, i * replications);
            ProjectionResult result = Projection.Run(scenarios[i], options, inner, ct);
            points.Add(new SweepPoint { Values = Array.AsReadOnly(grid[i]), Result = result });
        }

        return new SweepResult
        {
            ScenarioName = scenario.Name,
            Seed = options.Seed ?? scenario.Simulation.Seed,
            Replications = replications,
            Parameters = parameters.ToList().AsReadOnly(),
            Points = points.AsReadOnly(),
        };
    }

    private static string Describe(IReadOnlyList<SweepParameter> parameters, double[] point) =>
        string.Join(", ", parameters.Select((p, i) => p.Path + "=" + point[i].ToString(CultureInfo.InvariantCulture)));

    /// <summary>Forwards a point's progress, offset by the replications of the points before it, synchronously.</summary>
    private sealed class OffsetProgress(IProgress<int> outer, int offset) : IProgress<int>
    {
        public void Report(int value) => outer.Report(offset + value);
    }
}

/// <summary>Writes a <see cref="SweepResult"/> as CSV and JSON, with the number formatting of <see cref="SummaryWriter"/>.</summary>
public static class SweepWriter
{
    /// <summary>
    /// One row per grid point and year: one column per parameter (headed by its path), then <c>year, targetTons,
    /// deliveredTonsMean, deliveredTonsCi95Low, deliveredTonsCi95High, deliveredTonsP10, deliveredTonsP90,
    /// transitDaysMean, probabilityTargetMet, bottleneck, bottleneckShare, firstYearTargetMet, firstYearProbability</c>
    /// (the last two are the point's, empty when the target is never met). <c>\n</c> line endings.
    /// </summary>
    public static string ToCsv(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new CsvText();
        csv.Row([
            .. result.Parameters.Select(p => p.Path), "year", "targetTons", "deliveredTonsMean", "deliveredTonsCi95Low",
            "deliveredTonsCi95High", "deliveredTonsP10", "deliveredTonsP90", "transitDaysMean", "probabilityTargetMet",
            "bottleneck", "bottleneckShare", "firstYearTargetMet", "firstYearProbability",
        ]);
        foreach (SweepPoint point in result.Points)
        {
            ProjectionResult r = point.Result;
            string firstYear = r.FirstYearTargetMet?.Year.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            string firstProbability = r.FirstYearTargetMet is { } f ? Num(f.Probability) : string.Empty;
            foreach (YearSummary y in r.Years)
            {
                csv.Row([
                    .. point.Values.Select(Num), y.Year.ToString(CultureInfo.InvariantCulture), Num(r.TargetTons),
                    Num(y.DeliveredTons.Mean), Num(y.DeliveredTons.Ci95Low), Num(y.DeliveredTons.Ci95High),
                    Num(y.DeliveredTons.P10), Num(y.DeliveredTons.P90), Num(y.TransitDays.Mean),
                    Num(y.ProbabilityTargetMet), y.Bottleneck, Num(y.BottleneckShare), firstYear, firstProbability,
                ]);
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// <c>{ "schemaVersion": 1, "scenario", "seed", "replications", "parameters": [ { "path", "values": [] } ],
    /// "points": [ { "values": [], "targetTons", "firstYearTargetMet": { "year", "probability" } or null,
    /// "years": [ { "year", "deliveredTons": { "mean", "ci95Low", "ci95High", "p10", "p90" },
    /// "transitDays": { "mean", "p50", "p95" }, "probabilityTargetMet", "bottleneck", "bottleneckShare" } ] } ] }</c>;
    /// point values in the order of <c>parameters</c>. Formatting as <see cref="SummaryWriter.ToJson"/>.
    /// </summary>
    public static string ToJson(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SummaryWriter.SchemaVersion);
            w.WriteString("scenario", result.ScenarioName);
            w.WriteNumber("seed", result.Seed);
            w.WriteNumber("replications", result.Replications);
            w.WriteStartArray("parameters");
            foreach (SweepParameter p in result.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("path", p.Path);
                Numbers(w, "values", p.Values);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("points");
            foreach (SweepPoint point in result.Points)
            {
                ProjectionResult r = point.Result;
                w.WriteStartObject();
                Numbers(w, "values", point.Values);
                JsonText.Number(w, "targetTons", r.TargetTons);
                JsonText.TargetMet(w, "firstYearTargetMet", r.FirstYearTargetMet);
                w.WriteStartArray("years");
                foreach (YearSummary y in r.Years)
                {
                    JsonText.Year(w, y, withBottleneckShare: true);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            JsonText.Number(w, v);
        }

        w.WriteEndArray();
    }

    private static string Num(double v) => NumberText.Format(v) ?? string.Empty;
}
