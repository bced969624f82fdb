using System.Globalization;
using System.Text;
using System.Text.Json;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// Writes an uncertainty study's own results: the <c>"study"</c> section of summary.json and the tables
/// <c>study.csv</c>, <c>samples.csv</c> and <c>sensitivity.csv</c>, with the conventions of <see cref="SummaryWriter"/>.
/// </summary>
public static class StudyWriter
{
    /// <summary>
    /// Writes, into <paramref name="directory"/>, <see cref="SummaryWriter.WriteCsv"/>'s tables of the pooled projection and:
    /// <list type="bullet">
    /// <item><c>study.csv</c>, long form, one row per year and measure: <c>year, measure, value</c>; measures
    /// <c>demandTonsP5 … P95, deliveredTonsP5 … P95, serviceCapacityTonsP5 … P95</c> (the fan across samples),
    /// <c>probabilityDeliveredMet, probabilityDeliveredMetLow, probabilityDeliveredMetHigh</c> and the same for capacity (Wilson 95 %).</item>
    /// <item><c>samples.csv</c>, one row per sample and year: <c>sample, year</c>, one column per input (its drawn value), then
    /// <c>demandTons, deliveredTons, serviceCapacityTons</c> (means over the sample's replications).</item>
    /// <item><c>sensitivity.csv</c>, one row per output and input: <c>output, year, method, input, value, low, high, total, totalLow, totalHigh</c>.</item>
    /// </list>
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="directory">The output directory.</param>
    public static void WriteCsv(StudyResult study, string directory)
    {
        ArgumentNullException.ThrowIfNull(study);
        SummaryWriter.WriteCsv(study.Projection, directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(directory, "study.csv"), StudyCsv(study), utf8);
        File.WriteAllText(Path.Combine(directory, "samples.csv"), SamplesCsv(study), utf8);
        File.WriteAllText(Path.Combine(directory, "sensitivity.csv"), SensitivityCsv(study), utf8);
    }

    /// <summary>
    /// <c>"study": { "samples", "replicationsPerSample", "design", "consecutiveYears", "simulatedYears", "inputs": [ { "name",
    /// "kind", "distribution", … the fields of its kind, "source" } ], "years": [ { "year", "demandTons", "deliveredTons",
    /// "serviceCapacityTons" (each { "p5", "p25", "p50", "p75", "p95" }, capacity null without it), "probabilityDeliveredMet",
    /// "probabilityCapacityMet" (each { "value", "low", "high", "successes", "trials", "method": "wilson" }, or null) } ],
    /// "firstYearDeliveredMet", "firstYearCapacityMet" ({ "p10", "p50", "p90" (null: not by the horizon), "shareNever",
    /// "counts" }, or null), "sensitivity": [ { "output", "year", "method", "note", "rSquared", "indices": [ { "input",
    /// "value", "low", "high", "total", "totalLow", "totalHigh" } ] } ], "variance": [ { "output", "year", "total",
    /// "epistemic", "aleatory", "epistemicShare" } ], "discovery": { "year", "output", "misses", "limits": [ { "input",
    /// "low", "high" } ], "coverage", "density", "support", "note" } }</c>.
    /// </summary>
    internal static void Section(Utf8JsonWriter w, StudyResult s)
    {
        w.WriteStartObject("study");
        w.WriteNumber("samples", s.Samples);
        w.WriteNumber("replicationsPerSample", s.ReplicationsPerSample);
        w.WriteString("design", Word(s.Design.ToString()));
        w.WriteNumber("consecutiveYears", s.ConsecutiveYears);
        w.WriteNumber("simulatedYears", s.SimulatedYears);
        w.WriteStartArray("inputs");
        foreach (UncertainInput input in s.Inputs)
        {
            Input(w, input);
        }

        w.WriteEndArray();
        w.WriteStartArray("years");
        foreach (StudyYear y in s.Years)
        {
            w.WriteStartObject();
            w.WriteNumber("year", y.Year);
            FanOf(w, "demandTons", y.DemandTons);
            FanOf(w, "deliveredTons", y.DeliveredTons);
            FanOf(w, "serviceCapacityTons", y.ServiceCapacityTons);
            ProbabilityOf(w, "probabilityDeliveredMet", y.DeliveredMeetsTarget);
            ProbabilityOf(w, "probabilityCapacityMet", y.CapacityMeetsTarget);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        FirstYears(w, "firstYearDeliveredMet", s.FirstYearDelivered);
        FirstYears(w, "firstYearCapacityMet", s.FirstYearCapacity);
        w.WriteStartArray("sensitivity");
        foreach (SensitivityTable t in s.Sensitivity)
        {
            w.WriteStartObject();
            w.WriteString("output", t.Output);
            w.WriteNumber("year", t.Year);
            w.WriteString("method", t.Method);
            w.WriteString("note", t.Note);
            JsonText.Number(w, "rSquared", t.RSquared);
            w.WriteStartArray("indices");
            foreach (InputSensitivity i in t.Indices)
            {
                w.WriteStartObject();
                w.WriteString("input", i.Input);
                JsonText.Number(w, "value", i.Value);
                JsonText.Number(w, "low", i.Low);
                JsonText.Number(w, "high", i.High);
                JsonText.Number(w, "total", i.Total);
                JsonText.Number(w, "totalLow", i.TotalLow);
                JsonText.Number(w, "totalHigh", i.TotalHigh);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("variance");
        foreach (VarianceSplit v in s.Variance)
        {
            w.WriteStartObject();
            w.WriteString("output", v.Output);
            w.WriteNumber("year", v.Year);
            JsonText.Number(w, "total", v.Total);
            JsonText.Number(w, "epistemic", v.Epistemic);
            JsonText.Number(w, "aleatory", v.Aleatory);
            JsonText.Number(w, "epistemicShare", v.EpistemicShare);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        DiscoveryResult d = s.Discovery;
        w.WriteStartObject("discovery");
        w.WriteNumber("year", d.Year);
        w.WriteString("output", d.Output);
        w.WriteNumber("misses", d.Misses);
        w.WriteStartArray("limits");
        foreach (BoxLimit l in d.Limits)
        {
            w.WriteStartObject();
            w.WriteString("input", l.Input);
            JsonText.Number(w, "low", l.Low);
            JsonText.Number(w, "high", l.High);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        JsonText.Number(w, "coverage", d.Coverage);
        JsonText.Number(w, "density", d.Density);
        w.WriteNumber("support", d.Support);
        w.WriteString("note", d.Note);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Input(Utf8JsonWriter w, UncertainInput input)
    {
        static void Names(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
        {
            if (items.Count > 0)
            {
                w.WriteStartArray(name);
                foreach (string item in items)
                {
                    w.WriteStringValue(item);
                }

                w.WriteEndArray();
            }
        }

        w.WriteStartObject();
        w.WriteString("name", input.Name);
        w.WriteString("kind", Word(input.Kind.ToString()));
        if (input.Distribution is { } d)
        {
            w.WriteString("distribution", d.ToString());
        }

        Names(w, "flows", input.Flows);
        Names(w, "commodities", input.Commodities);
        Names(w, "investments", input.Investments);
        Names(w, "ports", input.Ports);
        if (input.Kind == UncertainInputKind.InvestmentDelay)
        {
            JsonText.Number(w, "onTimeProbability", input.OnTimeProbability);
            if (input.DelayYears is { } delay)
            {
                w.WriteString("delayYears", delay.ToString());
            }

            JsonText.Number(w, "maxDelayYears", input.MaxDelayYears);
        }

        if (input.Path is { } path)
        {
            w.WriteString("path", path);
        }

        if (input.Kind is UncertainInputKind.DemandGrowth or UncertainInputKind.SeaLevelFall)
        {
            w.WriteNumber("fromYear", input.FromYear);
        }

        if (input.Kind == UncertainInputKind.SeaLevelFall)
        {
            JsonText.Number(w, "loadFactorPerCm", input.LoadFactorPerCm);
        }

        w.WriteString("source", input.Source);
        w.WriteEndObject();
    }

    private static void FanOf(Utf8JsonWriter w, string name, Fan? f)
    {
        if (f is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        JsonText.Number(w, "p5", f.P5);
        JsonText.Number(w, "p25", f.P25);
        JsonText.Number(w, "p50", f.P50);
        JsonText.Number(w, "p75", f.P75);
        JsonText.Number(w, "p95", f.P95);
        w.WriteEndObject();
    }

    private static void ProbabilityOf(Utf8JsonWriter w, string name, Probability? p)
    {
        if (p is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        JsonText.Number(w, "value", p.Value);
        JsonText.Number(w, "low", p.Low);
        JsonText.Number(w, "high", p.High);
        w.WriteNumber("successes", p.Successes);
        w.WriteNumber("trials", p.Trials);
        w.WriteString("method", "wilson");
        w.WriteEndObject();
    }

    private static void FirstYears(Utf8JsonWriter w, string name, FirstYearDistribution? f)
    {
        if (f is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        static void Year(Utf8JsonWriter w, string name, int? year)
        {
            if (year is { } y)
            {
                w.WriteNumber(name, y);
            }
            else
            {
                w.WriteNull(name);
            }
        }

        Year(w, "p10", f.P10);
        Year(w, "p50", f.P50);
        Year(w, "p90", f.P90);
        JsonText.Number(w, "shareNever", f.ShareNever);
        w.WriteStartArray("counts");
        foreach (int c in f.Counts)
        {
            w.WriteNumberValue(c);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static string StudyCsv(StudyResult s)
    {
        var csv = new CsvText();
        csv.Row(["year", "measure", "value"]);
        foreach (StudyYear y in s.Years)
        {
            string year = Int(y.Year);
            foreach ((string name, Fan? fan) in new[] { ("demandTons", y.DemandTons), ("deliveredTons", y.DeliveredTons), ("serviceCapacityTons", y.ServiceCapacityTons) })
            {
                if (fan is not null)
                {
                    foreach ((string p, double v) in new[] { ("P5", fan.P5), ("P25", fan.P25), ("P50", fan.P50), ("P75", fan.P75), ("P95", fan.P95) })
                    {
                        csv.Row([year, name + p, Num(v)]);
                    }
                }
            }

            foreach ((string name, Probability? p) in new[] { ("probabilityDeliveredMet", y.DeliveredMeetsTarget), ("probabilityCapacityMet", y.CapacityMeetsTarget) })
            {
                if (p is not null)
                {
                    csv.Row([year, name, Num(p.Value)]);
                    csv.Row([year, name + "Low", Num(p.Low)]);
                    csv.Row([year, name + "High", Num(p.High)]);
                }
            }
        }

        return csv.ToString();
    }

    internal static string SamplesCsv(StudyResult s)
    {
        var csv = new CsvText();
        csv.Row(["sample", "year", .. s.Inputs.Select(i => i.Name), "demandTons", "deliveredTons", "serviceCapacityTons"]);
        foreach (StudySample sample in s.SampleResults)
        {
            foreach (StudySampleYear y in sample.Years)
            {
                csv.Row([Int(sample.Index), Int(y.Year), .. sample.Values.Select(Num), Num(y.DemandTons), Num(y.DeliveredTons), Num(y.ServiceCapacityTons)]);
            }
        }

        return csv.ToString();
    }

    internal static string SensitivityCsv(StudyResult s)
    {
        var csv = new CsvText();
        csv.Row(["output", "year", "method", "input", "value", "low", "high", "total", "totalLow", "totalHigh"]);
        foreach (SensitivityTable t in s.Sensitivity)
        {
            foreach (InputSensitivity i in t.Indices)
            {
                csv.Row([t.Output, Int(t.Year), t.Method, i.Input, Num(i.Value), Num(i.Low), Num(i.High), Num(i.Total), Num(i.TotalLow), Num(i.TotalHigh)]);
            }
        }

        return csv.ToString();
    }

    /// <summary>An enum value as the scenario format writes it (camelCase).</summary>
    private static string Word(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Num(double v) => NumberText.Format(v) ?? string.Empty;
}
