using System.Globalization;
using System.Text;

namespace CorridorSim.Experiments;

/// <summary>
/// Writes a <see cref="ProjectionResult"/> as summary.json (the public contract of DESIGN.md, schema
/// <c>summary.schema.json</c>) and as CSV tables.
/// </summary>
/// <remarks>
/// Output is deterministic, so golden files compare byte for byte across machines: fields in a fixed order,
/// invariant culture, numbers rounded to 6 significant digits (plain decimals from 1e-6 to 1e15, exponent notation
/// outside), NaN and infinities written as <c>null</c> in JSON and as empty cells in CSV, two-space indentation,
/// <c>\n</c> line endings and a final newline.
/// </remarks>
public static class SummaryWriter
{
    /// <summary>The summary.json schema version written in <c>schemaVersion</c>.</summary>
    public const int SchemaVersion = 2;

    /// <summary>The manifest resource name of the JSON Schema (draft 2020-12) of summary.json.</summary>
    public const string SchemaResourceName = "CorridorSim.summary.schema.json";

    /// <summary>
    /// summary.json:
    /// <c>{ "schemaVersion": 2, "scenario", "seed", "replications", "targetTons",
    /// "years": [ { "year", "deliveredTons": { "mean", "ci95Low", "ci95High", "p10", "p90" },
    /// "deliveredFromBacklogTons", "divertedTons": { "mean", "ci95Low", "ci95High" }, "tonsInSystemAtYearEnd",
    /// "shareUnstable", "transitDays": { "mean", "p50", "p95" }, "probabilityTargetMet", "bottleneck" } ],
    /// "firstYearTargetMet": { "year", "probability" } or null,
    /// "components": [ { "id", "kind", "utilization": { "mean", "ci95Low", "ci95High" },
    /// "meanWaitHours": { "mean", "ci95Low", "ci95High" }, "timeStates": { "working", "sailing", "loading",
    /// "waitingForBerth", "weatherBound", "waitingForBackhaul", "idle" } } ] }</c>,
    /// followed, only when the capacity was searched (<see cref="ProjectionOptions.Capacity"/>), by
    /// <c>"capacity": { "replications", "probes", "firstYearTargetMet", "years": [ { "year", "demandTons",
    /// "serviceCapacityTons", "ceilingTons" (each { "mean", "ci95Low", "ci95High" }), "byCommodity": { NAME:
    /// { "serviceCapacityTons", "ceilingTons" } }, "probabilityTargetMet", "bottlenecks": [ { "component", "relief",
    /// "serviceCapacityGainTons", "ceilingGainTons" } ] } ] }</c>, and then, only when the scenario's calibration year
    /// was simulated, by
    /// <c>"calibration": { "year", "reportedTons", "simulatedTons", "relativeError", "tolerance", "withinTolerance",
    /// "source", "transit": null or { "flow", "simulatedMeanDays", "minDays", "maxDays", "withinRange", "source" } }</c>,
    /// and, only when the run stopped early (<see cref="ProjectionResult.PartialReason"/>), by <c>"partial": true</c>
    /// and <c>"partialReason"</c>: then <c>years</c> holds only the years every replication completed.
    /// </summary>
    /// <remarks>
    /// <c>transitDays</c>: the mean is the mean of the replications' means, p50 and p95 percentiles of all units pooled (see <see cref="TransitSummary"/>);
    /// <c>utilization</c> and <c>meanWaitHours</c> estimate, across replications, each replication's mean over all years.
    /// </remarks>
    /// <param name="r">The projection.</param>
    /// <returns>The JSON text, UTF-16; write it as UTF-8 without a byte order mark.</returns>
    public static string ToJson(ProjectionResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return ToJson(r, null);
    }

    /// <summary>
    /// The summary.json of an uncertainty study: <see cref="ToJson(ProjectionResult)"/> of the projection pooled over
    /// every (sample, replication) row, with the <c>"study"</c> section after <c>"calibration"</c> (see <see cref="StudyWriter"/>).
    /// </summary>
    /// <param name="study">The study.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(StudyResult study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return ToJson(study.Projection, w => StudyWriter.Section(w, study));
    }

    /// <summary>
    /// The summary.json of a capacity plan: <see cref="ToJson(ProjectionResult)"/> of the corridor with the chosen plan
    /// completed on its promised dates, with the <c>"plan"</c> section after <c>"calibration"</c> (see <see cref="PlanWriter"/>).
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(PlanResult plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ToJson(plan.Projection, w => PlanWriter.Section(w, plan));
    }

    private static string ToJson(ProjectionResult r, Action<System.Text.Json.Utf8JsonWriter>? section)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("scenario", r.ScenarioName);
            w.WriteNumber("seed", r.Seed);
            w.WriteNumber("replications", r.Replications);
            JsonText.Number(w, "targetTons", r.TargetTons);
            w.WriteStartArray("years");
            foreach (YearSummary y in r.Years)
            {
                JsonText.Year(w, y, withBottleneckShare: false, withSaturation: true);
            }

            w.WriteEndArray();
            JsonText.TargetMet(w, "firstYearTargetMet", r.FirstYearTargetMet);
            w.WriteStartArray("components");
            foreach (ComponentSummary c in r.Components)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("kind", c.Kind);
                JsonText.Interval(w, "utilization", c.Utilization);
                JsonText.Interval(w, "meanWaitHours", c.MeanWaitHours);
                JsonText.TimeStates(w, "timeStates", c.TimeStates);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (r.Capacity is { } capacity)
            {
                Capacity(w, capacity);
            }

            if (r.Calibration is { } cal)
            {
                w.WriteStartObject("calibration");
                w.WriteNumber("year", cal.Year);
                JsonText.Number(w, "reportedTons", cal.ReportedTons);
                JsonText.Number(w, "simulatedTons", cal.SimulatedTons);
                JsonText.Number(w, "relativeError", cal.RelativeError);
                JsonText.Number(w, "tolerance", cal.Tolerance);
                w.WriteBoolean("withinTolerance", cal.WithinTolerance);
                w.WriteString("source", cal.Source);
                if (cal.Transit is { } t)
                {
                    w.WriteStartObject("transit");
                    w.WriteString("flow", t.Flow);
                    JsonText.Number(w, "simulatedMeanDays", t.SimulatedMeanDays);
                    JsonText.Number(w, "minDays", t.MinDays);
                    JsonText.Number(w, "maxDays", t.MaxDays);
                    w.WriteBoolean("withinRange", t.WithinRange);
                    w.WriteString("source", t.Source);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("transit");
                }

                if (cal.Backtest.Count > 0)
                {
                    w.WriteStartArray("backtest");
                    foreach (BacktestYear b in cal.Backtest)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("year", b.Year);
                        JsonText.Number(w, "reportedTons", b.ReportedTons);
                        JsonText.Number(w, "simulatedTons", b.SimulatedTons);
                        JsonText.Number(w, "relativeError", b.RelativeError);
                        w.WriteBoolean("withinTolerance", b.WithinTolerance);
                        if (b.StatedCapacityTons is { } stated)
                        {
                            JsonText.Number(w, "statedCapacityTons", stated);
                        }
                        else
                        {
                            w.WriteNull("statedCapacityTons");
                        }

                        if (r.Capacity?.Years.FirstOrDefault(y => y.Year == b.Year) is { } service)
                        {
                            JsonText.Number(w, "serviceCapacityTons", service.ServiceCapacityTons.Mean);
                        }
                        else
                        {
                            w.WriteNull("serviceCapacityTons");
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteString("statedCapacitySource", cal.StatedCapacitySource);
                }

                w.WriteEndObject();
            }

            section?.Invoke(w);
            if (r.PartialReason is { } reason)
            {
                w.WriteBoolean("partial", true);
                w.WriteString("partialReason", reason);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Writes three CSV tables into <paramref name="directory"/> (created if missing; existing files replaced), UTF-8
    /// without a byte order mark, a header row, <c>\n</c> line endings, figures as in <see cref="ToJson(ProjectionResult)"/> (NaN: empty cell):
    /// <list type="bullet">
    /// <item><c>years.csv</c>, long (tidy) form, one row per year and measure: <c>year, measure, unit, commodity,
    /// component, value</c>. Measures (corridor-wide, commodity and component empty): <c>generatedTonsMean,
    /// deliveredTonsMean, deliveredTonsCi95Low, deliveredTonsCi95High, deliveredTonsP10, deliveredTonsP90,
    /// tonsInSystemAtYearEndMean, deliveredFromBacklogTonsMean, divertedTonsMean, divertedTonsCi95Low,
    /// divertedTonsCi95High</c> (unit <c>t</c>), <c>transitDaysMean, transitDaysP50, transitDaysP95</c>
    /// (<c>d</c>), <c>probabilityTargetMet, shareUnstable</c> (<c>1</c>); then <c>bottleneckShare</c> (<c>1</c>, the bottleneck's id
    /// in component) and <c>deliveredTonsMean</c> and <c>divertedTonsMean</c> per commodity (ordinal order, the commodity in commodity).</item>
    /// <item><c>components.csv</c>, one row per year and component: <c>year, id, kind, utilizationMean,
    /// meanWaitHoursMean, p95WaitHoursMean, tonsThroughMean, meanQueueMean, working, sailing, loading,
    /// waitingForBerth, weatherBound, waitingForBackhaul, idle</c> (the time states' mean shares).</item>
    /// <item><c>flows.csv</c>, one row per year and flow: <c>year, id, commodity, generatedTonsMean, deliveredTonsMean,
    /// deliveredTonsCi95Low, deliveredTonsCi95High, transitDaysMean, transitDaysP50, transitDaysP95,
    /// deliveredFromBacklogTonsMean, divertedTonsMean</c>.</item>
    /// <item><c>capacity.csv</c>, only when the capacity was searched: see <see cref="CapacityCsv"/>.</item>
    /// </list>
    /// All means are across replications (see <see cref="YearSummary"/>).
    /// </summary>
    /// <param name="r">The projection.</param>
    /// <param name="directory">The output directory.</param>
    public static void WriteCsv(ProjectionResult r, string directory)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(directory, "years.csv"), YearsCsv(r), utf8);
        File.WriteAllText(Path.Combine(directory, "components.csv"), ComponentsCsv(r), utf8);
        File.WriteAllText(Path.Combine(directory, "flows.csv"), FlowsCsv(r), utf8);
        if (r.Capacity is { } capacity)
        {
            File.WriteAllText(Path.Combine(directory, "capacity.csv"), CapacityCsv(capacity), utf8);
        }
    }

    /// <summary>
    /// The JSON Schema (draft 2020-12) of summary.json, embedded in the assembly as <see cref="SchemaResourceName"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly (a build error).</exception>
    public static string GetJsonSchema()
    {
        using Stream? stream = typeof(SummaryWriter).Assembly.GetManifestResourceStream(SchemaResourceName);
        if (stream is null)
        {
            throw new InvalidOperationException($"The embedded resource '{SchemaResourceName}' is missing from {typeof(SummaryWriter).Assembly.GetName().Name}.");
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The corridor-wide figures of years.csv, one line each: measure name, unit, figure.</summary>
    private static readonly (string Measure, string Unit, Func<YearSummary, double> Value)[] YearMeasures =
    [
        ("generatedTonsMean", "t", y => y.GeneratedTons),
        ("deliveredTonsMean", "t", y => y.DeliveredTons.Mean),
        ("deliveredTonsCi95Low", "t", y => y.DeliveredTons.Ci95Low),
        ("deliveredTonsCi95High", "t", y => y.DeliveredTons.Ci95High),
        ("deliveredTonsP10", "t", y => y.DeliveredTons.P10),
        ("deliveredTonsP90", "t", y => y.DeliveredTons.P90),
        ("tonsInSystemAtYearEndMean", "t", y => y.TonsInSystemAtYearEnd),
        ("deliveredFromBacklogTonsMean", "t", y => y.DeliveredFromBacklogTons),
        ("divertedTonsMean", "t", y => y.DivertedTons.Mean),
        ("divertedTonsCi95Low", "t", y => y.DivertedTons.Ci95Low),
        ("divertedTonsCi95High", "t", y => y.DivertedTons.Ci95High),
        ("transitDaysMean", "d", y => y.TransitDays.Mean),
        ("transitDaysP50", "d", y => y.TransitDays.P50),
        ("transitDaysP95", "d", y => y.TransitDays.P95),
        ("probabilityTargetMet", "1", y => y.ProbabilityTargetMet),
        ("shareUnstable", "1", y => y.ShareUnstable),
    ];

    internal static string YearsCsv(ProjectionResult r)
    {
        var csv = new CsvText();
        csv.Row(["year", "measure", "unit", "commodity", "component", "value"]);
        foreach (YearSummary y in r.Years)
        {
            string year = Int(y.Year);
            foreach ((string measure, string unit, Func<YearSummary, double> value) in YearMeasures)
            {
                csv.Row([year, measure, unit, "", "", Num(value(y))]);
            }

            csv.Row([year, "bottleneckShare", "1", "", y.Bottleneck, Num(y.BottleneckShare)]);
            foreach ((string commodity, double tons) in y.DeliveredTonsByCommodity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                csv.Row([year, "deliveredTonsMean", "t", commodity, "", Num(tons)]);
            }
            foreach ((string commodity, double tons) in y.DivertedTonsByCommodity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                csv.Row([year, "divertedTonsMean", "t", commodity, "", Num(tons)]);
            }
        }

        return csv.ToString();
    }

    internal static string ComponentsCsv(ProjectionResult r)
    {
        var csv = new CsvText();
        csv.Row([
            "year", "id", "kind", "utilizationMean", "meanWaitHoursMean", "p95WaitHoursMean", "tonsThroughMean", "meanQueueMean",
            "working", "sailing", "loading", "waitingForBerth", "weatherBound", "waitingForBackhaul", "idle",
        ]);
        foreach (YearSummary y in r.Years)
        {
            foreach (ComponentYearSummary c in y.Components)
            {
                Corridor.ComponentTimeStates s = c.TimeStates;
                csv.Row([
                    Int(y.Year), c.Id, c.Kind, Num(c.Utilization), Num(c.MeanWaitHours), Num(c.P95WaitHours), Num(c.TonsThrough), Num(c.MeanQueue),
                    Num(s.Working), Num(s.Sailing), Num(s.Loading), Num(s.WaitingForBerth), Num(s.WeatherBound), Num(s.WaitingForBackhaul), Num(s.Idle),
                ]);
            }
        }

        return csv.ToString();
    }

    internal static string FlowsCsv(ProjectionResult r)
    {
        var csv = new CsvText();
        csv.Row([
            "year", "id", "commodity", "generatedTonsMean", "deliveredTonsMean", "deliveredTonsCi95Low",
            "deliveredTonsCi95High", "transitDaysMean", "transitDaysP50", "transitDaysP95", "deliveredFromBacklogTonsMean",
            "divertedTonsMean",
        ]);
        foreach (YearSummary y in r.Years)
        {
            foreach (FlowYearSummary f in y.Flows)
            {
                csv.Row([
                    Int(y.Year), f.Id, f.Commodity, Num(f.GeneratedTons), Num(f.DeliveredTons.Mean),
                    Num(f.DeliveredTons.Ci95Low), Num(f.DeliveredTons.Ci95High), Num(f.MeanTransitDays),
                    Num(f.P50TransitDays), Num(f.P95TransitDays), Num(f.DeliveredFromBacklogTons), Num(f.DivertedTons),
                ]);
            }
        }

        return csv.ToString();
    }

    private static void Capacity(System.Text.Json.Utf8JsonWriter w, CapacityResult capacity)
    {
        w.WriteStartObject("capacity");
        w.WriteNumber("replications", capacity.Replications);
        w.WriteNumber("probes", capacity.Probes);
        JsonText.TargetMet(w, "firstYearTargetMet", capacity.FirstYearTargetMet);
        w.WriteStartArray("years");
        foreach (YearCapacity y in capacity.Years)
        {
            w.WriteStartObject();
            w.WriteNumber("year", y.Year);
            JsonText.Number(w, "demandTons", y.DemandTons);
            JsonText.Interval(w, "serviceCapacityTons", y.ServiceCapacityTons);
            JsonText.Interval(w, "ceilingTons", y.CeilingTons);
            w.WriteStartObject("byCommodity");
            foreach (string c in y.ServiceCapacityTonsByCommodity.Keys)
            {
                w.WriteStartObject(c);
                JsonText.Interval(w, "serviceCapacityTons", y.ServiceCapacityTonsByCommodity[c]);
                JsonText.Interval(w, "ceilingTons", y.CeilingTonsByCommodity[c]);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            JsonText.Number(w, "probabilityTargetMet", y.ProbabilityTargetMet);
            w.WriteStartArray("bottlenecks");
            foreach (BottleneckGain b in y.Bottlenecks)
            {
                w.WriteStartObject();
                w.WriteString("component", b.Component);
                w.WriteString("relief", b.Relief);
                JsonText.Interval(w, "serviceCapacityGainTons", b.ServiceCapacityGainTons);
                JsonText.Interval(w, "ceilingGainTons", b.CeilingGainTons);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// capacity.csv, tidy: one row per year, measure (<c>serviceCapacityTons</c>, <c>ceilingTons</c>, or
    /// <c>gainTons:COMPONENT</c> for each bottleneck candidate's service-capacity gain) and commodity (<c>all</c> or a
    /// name): <c>year, measure, commodity, mean, ci95Low, ci95High</c>.
    /// </summary>
    internal static string CapacityCsv(CapacityResult capacity)
    {
        var csv = new CsvText();
        csv.Row(["year", "measure", "commodity", "mean", "ci95Low", "ci95High"]);
        void Row(int year, string measure, string commodity, Estimate e) =>
            csv.Row([Int(year), measure, commodity, Num(e.Mean), Num(e.Ci95Low), Num(e.Ci95High)]);
        foreach (YearCapacity y in capacity.Years)
        {
            Row(y.Year, "serviceCapacityTons", "all", y.ServiceCapacityTons);
            Row(y.Year, "ceilingTons", "all", y.CeilingTons);
            foreach (string c in y.ServiceCapacityTonsByCommodity.Keys)
            {
                Row(y.Year, "serviceCapacityTons", c, y.ServiceCapacityTonsByCommodity[c]);
                Row(y.Year, "ceilingTons", c, y.CeilingTonsByCommodity[c]);
            }

            foreach (BottleneckGain b in y.Bottlenecks)
            {
                Row(y.Year, "gainTons:" + b.Component, "all", b.ServiceCapacityGainTons);
            }
        }

        return csv.ToString();
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Num(double v) => NumberText.Format(v) ?? string.Empty;
}
