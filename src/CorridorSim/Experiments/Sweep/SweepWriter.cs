using System.Globalization;
using System.Text.Json;

namespace CorridorSim.Experiments;

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
    /// point values in the order of <c>parameters</c>. Formatting as <see cref="SummaryWriter.ToJson(ProjectionResult)"/>.
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
