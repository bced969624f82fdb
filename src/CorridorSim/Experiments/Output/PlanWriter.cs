using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CorridorSim.Experiments;

/// <summary>
/// Writes a <see cref="PlanResult"/>: the <c>"plan"</c> section of its summary.json (after the projection of the
/// chosen plan, see <see cref="SummaryWriter.ToJson(PlanResult)"/>) and its CSV tables.
/// </summary>
public static class PlanWriter
{
    /// <summary>
    /// Writes the projection's CSV tables (<see cref="SummaryWriter.WriteCsv"/>) and
    /// <c>plan.csv</c>, one row per plan evaluated: <c>plan, candidates, capexUsd, costUsd, probability, low, high,
    /// samples, meanCapacityTons, meanShortfallTons, onCurve, chosen</c>; and <c>plan-items.csv</c>, one row per item of
    /// the chosen plan: <c>name, start, promised, medianCompletion, p90Completion, onTimeShare, capexUsd, costUsd,
    /// systemGainTons, usdPerTonYear, source</c>.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="directory">The output directory.</param>
    public static void WriteCsv(PlanResult plan, string directory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        SummaryWriter.WriteCsv(plan.Projection, directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(directory, "plan.csv"), PlansCsv(plan), utf8);
        File.WriteAllText(Path.Combine(directory, "plan-items.csv"), ItemsCsv(plan), utf8);
    }

    /// <summary>
    /// <c>"plan": { "targetYear", "throughYear", "requiredProbability", "objective", "search", "budgetUsd",
    /// "discountRate", "samples", "confirmSamples", "reached", "notReachedReason", "searchYears", "simulatedYears",
    /// "baseline", "chosen", "confirmed" (each a plan: { "candidates", "capexUsd", "costUsd", "probability",
    /// "probabilityLow", "probabilityHigh", "samples", "meanCapacityTons", "meanShortfallTons", "meanRegretTons",
    /// "maxRegretTons", "onCurve" }), "items": [ { "name", "start", "promised", "medianCompletion", "p90Completion",
    /// "onTimeShare", "capexUsd", "costUsd", "systemGainTons", "usdPerTonYear", "source" } ], "curve": [ plan ],
    /// "steps": [ { "action", "changed", "plansEvaluated", "plan" } ], "plansEvaluated" }</c>.
    /// </summary>
    internal static void Section(Utf8JsonWriter w, PlanResult p)
    {
        w.WriteStartObject("plan");
        w.WriteNumber("targetYear", p.TargetYear);
        w.WriteNumber("throughYear", p.ThroughYear);
        JsonText.Number(w, "requiredProbability", p.RequiredProbability);
        w.WriteString("objective", p.Objective == Corridor.PlanObjective.MinimumCost ? "minimumCost" : "maximumProbability");
        w.WriteString("search", p.Search == Corridor.PlanSearch.Greedy ? "greedy" : "exhaustive");
        JsonText.Number(w, "budgetUsd", p.BudgetUsd);
        JsonText.Number(w, "discountRate", p.DiscountRate);
        w.WriteNumber("samples", p.Samples);
        w.WriteNumber("confirmSamples", p.ConfirmSamples);
        w.WriteBoolean("reached", p.Reached);
        OptionalString(w, "notReachedReason", p.NotReachedReason);

        w.WriteNumber("searchYears", p.SearchYears);
        w.WriteNumber("triggerYears", p.TriggerYears);
        w.WriteNumber("simulatedYears", p.SimulatedYears);
        Plan(w, "baseline", p.Baseline);
        Plan(w, "chosen", p.Chosen);
        Plan(w, "confirmed", p.Confirmed);
        w.WriteStartArray("items");
        foreach (PlanItem i in p.Items)
        {
            w.WriteStartObject();
            w.WriteString("name", i.Name);
            OptionalString(w, "trigger", i.Trigger);
            JsonText.Number(w, "startedShare", i.StartedShare);
            OptionalString(w, "start", Date(i.Start));
            OptionalString(w, "promised", Date(i.Promised));
            OptionalString(w, "medianCompletion", Date(i.MedianCompletion));
            OptionalString(w, "p90Completion", Date(i.P90Completion));
            JsonText.Number(w, "onTimeShare", i.OnTimeShare);
            JsonText.Number(w, "capexUsd", i.CapexUsd);
            JsonText.Number(w, "costUsd", i.CostUsd);
            JsonText.Number(w, "systemGainTons", i.SystemGainTons);
            JsonText.Number(w, "usdPerTonYear", i.UsdPerTonYear);
            w.WriteString("source", i.Source);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("curve");
        foreach (PlanEvaluation e in p.Curve)
        {
            Plan(w, null, e);
        }

        w.WriteEndArray();
        w.WriteStartArray("steps");
        foreach (PlanStep s in p.Steps)
        {
            w.WriteStartObject();
            w.WriteString("action", s.Action);
            w.WriteString("changed", s.Changed);
            w.WriteNumber("plansEvaluated", s.PlansEvaluated);
            Plan(w, "plan", s.Plan);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("plansEvaluated", p.Evaluated.Count);
        w.WriteEndObject();
    }

    private static void Plan(Utf8JsonWriter w, string? name, PlanEvaluation e)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteStartArray("candidates");
        foreach (string c in e.Candidates)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
        JsonText.Number(w, "capexUsd", e.CapexUsd);
        JsonText.Number(w, "costUsd", e.CostUsd);
        JsonText.Number(w, "probability", e.Probability);
        JsonText.Number(w, "probabilityLow", e.ProbabilityLow);
        JsonText.Number(w, "probabilityHigh", e.ProbabilityHigh);
        w.WriteNumber("samples", e.Samples);
        JsonText.Number(w, "meanCapacityTons", e.MeanCapacityTons);
        JsonText.Number(w, "meanShortfallTons", e.MeanShortfallTons);
        JsonText.Number(w, "meanRegretTons", e.MeanRegretTons);
        JsonText.Number(w, "maxRegretTons", e.MaxRegretTons);
        w.WriteBoolean("onCurve", e.OnCurve);
        w.WriteEndObject();
    }

    internal static string PlansCsv(PlanResult p)
    {
        var csv = new CsvText();
        csv.Row(["plan", "candidates", "capexUsd", "costUsd", "probability", "low", "high", "samples", "meanCapacityTons", "meanShortfallTons", "onCurve", "chosen"]);
        int k = 0;
        foreach (PlanEvaluation e in p.Evaluated)
        {
            bool chosen = e.Candidates.SequenceEqual(p.Chosen.Candidates, StringComparer.Ordinal);
            csv.Row([I(k++), string.Join("+", e.Candidates), N(e.CapexUsd), N(e.CostUsd), N(e.Probability), N(e.ProbabilityLow), N(e.ProbabilityHigh),
                I(e.Samples), N(e.MeanCapacityTons), N(e.MeanShortfallTons), e.OnCurve ? "true" : "false", chosen ? "true" : "false"]);
        }

        return csv.ToString();
    }

    internal static string ItemsCsv(PlanResult p)
    {
        var csv = new CsvText();
        csv.Row(["name", "trigger", "startedShare", "start", "promised", "medianCompletion", "p90Completion", "onTimeShare", "capexUsd", "costUsd", "systemGainTons", "usdPerTonYear", "source"]);
        foreach (PlanItem i in p.Items)
        {
            csv.Row([i.Name, i.Trigger ?? string.Empty, N(i.StartedShare), Date(i.Start) ?? string.Empty, Date(i.Promised) ?? string.Empty, Date(i.MedianCompletion) ?? string.Empty, Date(i.P90Completion) ?? string.Empty,
                N(i.OnTimeShare), N(i.CapexUsd), N(i.CostUsd), N(i.SystemGainTons), N(i.UsdPerTonYear), i.Source]);
        }

        return csv.ToString();
    }

    private static string? Date(DateTime? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string N(double v) => NumberText.Format(v) ?? string.Empty;
}
