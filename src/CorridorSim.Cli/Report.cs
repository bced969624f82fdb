using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using Spectre.Console;

namespace CorridorSim.Cli;

/// <summary>What the CLI prints and draws from a projection or sweep.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string Mt(double tons) => double.IsFinite(tons) ? (tons / 1e6).ToString("0.000", Inv) : "–";

    private static string Num(double v, string format = "0.0")
    {
        if (!double.IsFinite(v))
        {
            return "–";
        }

        // A tiny negative (a confidence bound just below zero) would print as "-0.0".
        string text = v.ToString(format, Inv);
        return text.StartsWith('-') && text.AsSpan(1).Trim("0.").IsEmpty ? text[1..] : text;
    }

    public static void PrintProjection(IAnsiConsole console, TextWriter stdout, Scenario scenario, ProjectionResult r)
    {
        var table = new Table().Title($"{Markup.Escape(scenario.Name)}: delivered tons per year ({r.Replications} replications, seed {r.Seed})");
        table.AddColumns("year", "delivered Mt (mean)", "95% CI", "p10–p90", $"P(≥ {Mt(r.TargetTons)} Mt)", "transit d mean / p50 / p95", "bottleneck (share of reps)");
        foreach (YearSummary y in r.Years)
        {
            Estimate d = y.DeliveredTons;
            table.AddRow(
                y.Year.ToString(Inv),
                Mt(d.Mean),
                $"{Mt(d.Ci95Low)}–{Mt(d.Ci95High)}",
                $"{Mt(d.P10)}–{Mt(d.P90)}",
                Num(y.ProbabilityTargetMet, "0.00"),
                $"{Num(y.TransitDays.Mean)} / {Num(y.TransitDays.P50)} / {Num(y.TransitDays.P95)}",
                Markup.Escape($"{y.Bottleneck} ({y.BottleneckShare.ToString("0%", Inv)})"));
        }

        console.Write(table);
        stdout.WriteLine(r.FirstYearTargetMet is { } met
            ? string.Create(Inv, $"First year with delivered ≥ {Mt(r.TargetTons)} Mt in at least {r.TargetProbability:0%} of replications: {met.Year} (probability {met.Probability:0.00}).")
            : string.Create(Inv, $"The target of {Mt(r.TargetTons)} Mt/yr is not met with probability ≥ {r.TargetProbability:0%} in any simulated year ({r.Years[0].Year}–{r.Years[^1].Year})."));

        if (r.Capacity is { } cap)
        {
            PrintCapacity(console, stdout, r, cap);
        }

        if (r.Calibration is { } c)
        {
            stdout.WriteLine(string.Create(Inv,
                $"Calibration {c.Year}: simulated {Mt(c.SimulatedTons)} Mt vs reported {Mt(c.ReportedTons)} Mt {c.Source}: error {c.RelativeError:+0.0%;-0.0%} (tolerance ±{c.Tolerance:0%}) {(c.WithinTolerance ? "OK" : "OUT OF TOLERANCE")}."));
            if (c.Transit is { } t)
            {
                stdout.WriteLine(string.Create(Inv,
                    $"Calibration {c.Year}: transit of {t.Flow} {Num(t.SimulatedMeanDays)} days vs reported {t.MinDays:0.#}–{t.MaxDays:0.#} days {t.Source}: {(t.WithinRange ? "inside" : "OUTSIDE")} the range."));
            }
        }

        var components = new Table().Title("Components: mean over the simulated years (95% CI across replications)");
        components.AddColumns("component", "kind", "utilisation", "mean wait h");
        foreach (ComponentSummary cs in r.Components.OrderByDescending(x => x.Utilization.Mean))
        {
            components.AddRow(
                Markup.Escape(cs.Id),
                cs.Kind,
                $"{Num(cs.Utilization.Mean, "0.00")} ({Num(cs.Utilization.Ci95Low, "0.00")}–{Num(cs.Utilization.Ci95High, "0.00")})",
                $"{Num(cs.MeanWaitHours.Mean)} ({Num(cs.MeanWaitHours.Ci95Low)}–{Num(cs.MeanWaitHours.Ci95High)})");
        }

        console.Write(components);
    }

    private static void PrintCapacity(IAnsiConsole console, TextWriter stdout, ProjectionResult r, CapacityResult cap)
    {
        var table = new Table().Title($"Capacity per year ({cap.Replications} search replications, common random numbers; Mt/yr, mean and 95% CI)");
        table.AddColumns("year", "demand", "delivered", "service capacity", "ceiling", "binding component: relief (service Mt/yr gained, 95% CI)");
        foreach (YearCapacity y in cap.Years)
        {
            YearSummary? projected = r.Years.FirstOrDefault(p => p.Year == y.Year);
            string binding = y.Bottlenecks.Count == 0 ? "–" : string.Join("; ", y.Bottlenecks.Take(3).Select(b =>
                $"{b.Component}: {b.Relief} (+{Mt(b.ServiceCapacityGainTons.Mean)}, {Mt(b.ServiceCapacityGainTons.Ci95Low)}–{Mt(b.ServiceCapacityGainTons.Ci95High)})"));
            table.AddRow(
                y.Year.ToString(Inv),
                Mt(y.DemandTons),
                projected is null ? "–" : Mt(projected.DeliveredTons.Mean),
                $"{Mt(y.ServiceCapacityTons.Mean)} ({Mt(y.ServiceCapacityTons.Ci95Low)}–{Mt(y.ServiceCapacityTons.Ci95High)})",
                $"{Mt(y.CeilingTons.Mean)} ({Mt(y.CeilingTons.Ci95Low)}–{Mt(y.CeilingTons.Ci95High)})",
                Markup.Escape(binding));
        }

        console.Write(table);
        stdout.WriteLine(cap.FirstYearTargetMet is { } met
            ? string.Create(Inv, $"First year with service capacity ≥ {Mt(r.TargetTons)} Mt in at least {r.TargetProbability:0%} of search replications: {met.Year} (probability {met.Probability:0.00}); {cap.Probes} probe years simulated.")
            : string.Create(Inv, $"Service capacity does not reach {Mt(r.TargetTons)} Mt/yr with probability ≥ {r.TargetProbability:0%} in any simulated year; {cap.Probes} probe years simulated."));
    }

    public static IEnumerable<string> WriteCharts(string dir, Scenario scenario, ProjectionResult r)
    {
        double[] years = [.. r.Years.Select(y => (double)y.Year)];
        double[] Series(Func<YearSummary, double> f) => [.. r.Years.Select(y => f(y))];
        Charts.Throughput(Path.Combine(dir, "throughput.png"),
            $"{scenario.Name}: delivered tons per year ({r.Replications} replications)", years,
            Series(y => y.DeliveredTons.Mean / 1e6), Series(y => y.DeliveredTons.Ci95Low / 1e6), Series(y => y.DeliveredTons.Ci95High / 1e6),
            Series(y => y.DeliveredTons.P10 / 1e6), Series(y => y.DeliveredTons.P90 / 1e6), r.TargetTons / 1e6);
        ComponentSummary[] comps = [.. r.Components.OrderBy(c => c.Utilization.Mean)];
        Charts.Utilization(Path.Combine(dir, "utilization.png"), $"{scenario.Name}: utilisation per component",
            [.. comps.Select(c => c.Id)], [.. comps.Select(c => double.IsFinite(c.Utilization.Mean) ? c.Utilization.Mean : 0)]);
        Charts.Transit(Path.Combine(dir, "transit.png"), $"{scenario.Name}: transit time, all flows", years,
            Series(y => y.TransitDays.Mean), Series(y => y.TransitDays.P50), Series(y => y.TransitDays.P95));
        if (r.Capacity is not { Years.Count: > 0 } cap)
        {
            return ["throughput.png", "utilization.png", "transit.png"];
        }

        double[] capYears = [.. cap.Years.Select(y => (double)y.Year)];
        double[] Cap(Func<YearCapacity, double> f) => [.. cap.Years.Select(y => f(y) / 1e6)];
        Charts.Capacity(Path.Combine(dir, "capacity.png"), $"{scenario.Name}: demand, delivered and capacity ({cap.Replications} search replications)",
            capYears, Cap(y => y.DemandTons),
            Cap(y => r.Years.FirstOrDefault(p => p.Year == y.Year)?.DeliveredTons.Mean ?? double.NaN),
            (Cap(y => y.ServiceCapacityTons.Mean), Cap(y => y.ServiceCapacityTons.Ci95Low), Cap(y => y.ServiceCapacityTons.Ci95High)),
            Cap(y => y.CeilingTons.Mean), [.. cap.Years.Select(y => y.Bottlenecks.Count > 0 ? y.Bottlenecks[0].Component : string.Empty)],
            r.TargetTons / 1e6);
        return ["throughput.png", "utilization.png", "transit.png", "capacity.png"];
    }

    public static void PrintSweep(IAnsiConsole console, Scenario scenario, IReadOnlyList<SweepParameter> parameters, SweepResult result)
    {
        var table = new Table().Title($"{Markup.Escape(scenario.Name)}: sweep (common random numbers, {result.Replications} replications per point)");
        foreach (SweepParameter p in parameters)
        {
            table.AddColumn(Markup.Escape(p.Path));
        }

        int lastYear = scenario.Simulation.StartYear + scenario.Simulation.Years - 1;
        table.AddColumns($"delivered {lastYear} Mt (95% CI)", $"P(target) {lastYear}", "first year target met", $"bottleneck {lastYear}");
        foreach (SweepPoint point in result.Points)
        {
            YearSummary last = point.Result.Years[^1];
            var cells = point.Values.Select(v => v.ToString("0.###", Inv)).ToList();
            cells.Add($"{Mt(last.DeliveredTons.Mean)} ({Mt(last.DeliveredTons.Ci95Low)}–{Mt(last.DeliveredTons.Ci95High)})");
            cells.Add(Num(last.ProbabilityTargetMet, "0.00"));
            cells.Add(point.Result.FirstYearTargetMet is { } m ? m.Year.ToString(Inv) : "–");
            cells.Add(Markup.Escape(last.Bottleneck));
            table.AddRow([.. cells]);
        }

        console.Write(table);
    }

    public static void WriteSweepChart(string path, Scenario scenario, IReadOnlyList<SweepParameter> parameters, SweepResult result)
    {
        SweepParameter x = parameters[0];
        double[] xs = [.. x.Values];
        var series = new List<(string, double[])>();
        IEnumerable<double> seconds = parameters.Count > 1 ? parameters[1].Values : [double.NaN];
        foreach (double second in seconds)
        {
            double[] ys = [.. xs.Select(v => result.Points
                .First(p => p.Values[0] == v && (parameters.Count == 1 || p.Values[1] == second))
                .Result.Years[^1].DeliveredTons.Mean / 1e6)];
            series.Add((parameters.Count > 1 ? $"{parameters[1].Path} = {second.ToString("0.###", Inv)}" : "mean delivered", ys));
        }

        Charts.Sweep(path, $"{scenario.Name}: response to {x.Path}", x.Path, xs, series, scenario.Simulation.TargetTons / 1e6);
    }
}
