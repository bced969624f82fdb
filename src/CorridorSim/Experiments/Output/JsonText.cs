using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CorridorSim.Experiments;

/// <summary>JSON output helpers shared by <see cref="SummaryWriter"/> and <see cref="SweepWriter"/>.</summary>
internal static class JsonText
{
    /// <summary>Runs <paramref name="write"/> on an indented writer and returns the text with <c>\n</c> line endings and a final newline.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        // net8.0's writer indents with Environment.NewLine; raw line breaks inside strings are always escaped.
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>A number property, rounded by <see cref="NumberText.Format"/>; NaN as null.</summary>
    public static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        Number(w, value);
    }

    /// <summary>A number value, rounded by <see cref="NumberText.Format"/>; NaN as null.</summary>
    public static void Number(Utf8JsonWriter w, double value)
    {
        if (NumberText.Format(value) is { } text)
        {
            w.WriteRawValue(text);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    /// <summary>One year of the contract: <c>{ "year", "deliveredTons", "transitDays", "probabilityTargetMet", "bottleneck" }</c>, optionally with <c>"bottleneckShare"</c>.</summary>
    /// <remarks>With <paramref name="withSaturation"/>, also <c>"deliveredFromBacklogTons", "divertedTons", "tonsInSystemAtYearEnd", "shareUnstable"</c> after <c>"deliveredTons"</c>.</remarks>
    public static void Year(Utf8JsonWriter w, YearSummary y, bool withBottleneckShare, bool withSaturation = false)
    {
        w.WriteStartObject();
        w.WriteNumber("year", y.Year);
        DeliveredTons(w, "deliveredTons", y.DeliveredTons);
        if (withSaturation)
        {
            Number(w, "deliveredFromBacklogTons", y.DeliveredFromBacklogTons);
            Interval(w, "divertedTons", y.DivertedTons);
            Number(w, "tonsInSystemAtYearEnd", y.TonsInSystemAtYearEnd);
            Number(w, "shareUnstable", y.ShareUnstable);
        }

        Transit(w, "transitDays", y.TransitDays);
        Number(w, "probabilityTargetMet", y.ProbabilityTargetMet);
        w.WriteString("bottleneck", y.Bottleneck);
        if (withBottleneckShare)
        {
            Number(w, "bottleneckShare", y.BottleneckShare);
        }

        w.WriteEndObject();
    }

    /// <summary><c>{ "mean", "ci95Low", "ci95High", "p10", "p90" }</c>.</summary>
    public static void DeliveredTons(Utf8JsonWriter w, string name, Estimate e)
    {
        w.WriteStartObject(name);
        Number(w, "mean", e.Mean);
        Number(w, "ci95Low", e.Ci95Low);
        Number(w, "ci95High", e.Ci95High);
        Number(w, "p10", e.P10);
        Number(w, "p90", e.P90);
        w.WriteEndObject();
    }

    /// <summary><c>{ "mean", "ci95Low", "ci95High" }</c>.</summary>
    public static void Interval(Utf8JsonWriter w, string name, Estimate e)
    {
        w.WriteStartObject(name);
        Number(w, "mean", e.Mean);
        Number(w, "ci95Low", e.Ci95Low);
        Number(w, "ci95High", e.Ci95High);
        w.WriteEndObject();
    }

    /// <summary><c>{ "working", "sailing", "loading", "waitingForBerth", "weatherBound", "waitingForBackhaul", "idle" }</c>.</summary>
    public static void TimeStates(Utf8JsonWriter w, string name, Corridor.ComponentTimeStates s)
    {
        w.WriteStartObject(name);
        Number(w, "working", s.Working);
        Number(w, "sailing", s.Sailing);
        Number(w, "loading", s.Loading);
        Number(w, "waitingForBerth", s.WaitingForBerth);
        Number(w, "weatherBound", s.WeatherBound);
        Number(w, "waitingForBackhaul", s.WaitingForBackhaul);
        Number(w, "idle", s.Idle);
        w.WriteEndObject();
    }

    /// <summary><c>{ "mean", "p50", "p95" }</c>.</summary>
    public static void Transit(Utf8JsonWriter w, string name, TransitSummary t)
    {
        w.WriteStartObject(name);
        Number(w, "mean", t.Mean);
        Number(w, "p50", t.P50);
        Number(w, "p95", t.P95);
        w.WriteEndObject();
    }

    /// <summary><c>{ "year", "probability" }</c> or null.</summary>
    public static void TargetMet(Utf8JsonWriter w, string name, TargetMetYear? t)
    {
        if (t is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("year", t.Year);
        Number(w, "probability", t.Probability);
        w.WriteEndObject();
    }
}
