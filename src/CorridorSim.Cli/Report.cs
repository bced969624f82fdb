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

    /// <summary>"—" for an interval of fewer than two replications (it has no width to show), else "low–high".</summary>
    private static string Range(Estimate e, double low, double high, Func<double, string> format) =>
        e.Count < 2 ? "—" : $"{format(low)}–{format(high)}";

    /// <summary>
    /// The per-year figures of the projection table, one line each; the table is split into as many tables as the
    /// console width needs (the year repeated in each), so it stays readable at 80 columns whatever is added here.
    /// </summary>
    private static IReadOnlyList<Column<YearSummary>> YearColumns(ProjectionResult r) =>
    [
        new("delivered Mt", y => Mt(y.DeliveredTons.Mean)),
        new("95% CI", y => Range(y.DeliveredTons, y.DeliveredTons.Ci95Low, y.DeliveredTons.Ci95High, Mt)),
        new("p10–p90", y => Range(y.DeliveredTons, y.DeliveredTons.P10, y.DeliveredTons.P90, Mt)),
        new($"P(≥ {Mt(r.TargetTons)} Mt)", y => Num(y.ProbabilityTargetMet, "0.00")),
        new("transit d mean / p50 / p95", y => $"{Num(y.TransitDays.Mean)} / {Num(y.TransitDays.P50)} / {Num(y.TransitDays.P95)}"),
        new("bottleneck (share of reps)", y => $"{y.Bottleneck} ({y.BottleneckShare.ToString("0%", Inv)})"),
    ];

    private static IReadOnlyList<Column<ComponentSummary>> ComponentColumns { get; } =
    [
        new("kind", c => c.Kind),
        new("utilisation", c => Num(c.Utilization.Mean, "0.00")),
        new("95% CI", c => Range(c.Utilization, c.Utilization.Ci95Low, c.Utilization.Ci95High, v => Num(v, "0.00"))),
        new("mean wait h", c => Num(c.MeanWaitHours.Mean)),
        new("95% CI ", c => Range(c.MeanWaitHours, c.MeanWaitHours.Ci95Low, c.MeanWaitHours.Ci95High, v => Num(v))),
    ];

    public static void PrintProjection(IAnsiConsole console, TextWriter stdout, Scenario scenario, ProjectionResult r)
    {
        WriteTables(console, $"{scenario.Name}: delivered tons per year ({r.Replications} replications, seed {r.Seed})",
            new Column<YearSummary>("year", y => y.Year.ToString(Inv)), YearColumns(r), r.Years);
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

            if (c.Backtest.Count > 0)
            {
                PrintBacktest(console, r, c);
            }
        }

        WriteTables(console, "Components: mean over the simulated years (95% CI across replications)",
            new Column<ComponentSummary>("component", x => x.Id), ComponentColumns, r.Components.OrderByDescending(x => x.Utilization.Mean).ToList());
    }

    private static void PrintBacktest(IAnsiConsole console, ProjectionResult r, CalibrationResult c)
    {
        string Service(BacktestYear b) => r.Capacity?.Years.FirstOrDefault(y => y.Year == b.Year) is { } y ? Mt(y.ServiceCapacityTons.Mean) : "–";
        Column<BacktestYear>[] columns =
        [
            new("reported Mt", b => Mt(b.ReportedTons)),
            new("model Mt", b => Mt(b.SimulatedTons)),
            new("error", b => b.RelativeError.ToString("+0.0%;-0.0%", Inv)),
            new($"within ±{c.Tolerance.ToString("0%", Inv)}", b => b.WithinTolerance ? "yes" : "NO"),
            new("stated capacity Mt/yr", b => b.StatedCapacityTons is { } s ? Mt(s) : "–"),
            new("service capacity Mt/yr", Service),
        ];
        WriteTables(console, $"Backtest: delivered tons against the reported series {c.Source}; stated capacities {c.StatedCapacitySource}",
            new Column<BacktestYear>("year", b => b.Year.ToString(Inv)), columns, c.Backtest);
    }

    private static void PrintCapacity(IAnsiConsole console, TextWriter stdout, ProjectionResult r, CapacityResult cap)
    {
        string Delivered(YearCapacity y) => r.Years.FirstOrDefault(p => p.Year == y.Year) is { } p ? Mt(p.DeliveredTons.Mean) : "–";
        string Diverted(YearCapacity y) => r.Years.FirstOrDefault(p => p.Year == y.Year) is { } p ? Mt(p.DivertedTons.Mean) : "–";
        string Backlog(YearCapacity y) => r.Years.FirstOrDefault(p => p.Year == y.Year) is { } p ? Mt(p.DeliveredFromBacklogTons) : "–";
        string Binding(YearCapacity y) => y.Bottlenecks.Count == 0 ? "–" : y.Bottlenecks[0].Component;
        string Gain(YearCapacity y) => y.Bottlenecks.Count == 0 ? "–"
            : $"+{Mt(y.Bottlenecks[0].ServiceCapacityGainTons.Mean)} ({Range(y.Bottlenecks[0].ServiceCapacityGainTons, y.Bottlenecks[0].ServiceCapacityGainTons.Ci95Low, y.Bottlenecks[0].ServiceCapacityGainTons.Ci95High, Mt)})";
        Column<YearCapacity>[] columns =
        [
            new("demand Mt", y => Mt(y.DemandTons)),
            new("delivered", Delivered),
            new("of it backlog", Backlog),
            new("diverted", Diverted),
            new("service capacity", y => Mt(y.ServiceCapacityTons.Mean)),
            new("95% CI", y => Range(y.ServiceCapacityTons, y.ServiceCapacityTons.Ci95Low, y.ServiceCapacityTons.Ci95High, Mt)),
            new("ceiling", y => Mt(y.CeilingTons.Mean)),
            new("95% CI ", y => Range(y.CeilingTons, y.CeilingTons.Ci95Low, y.CeilingTons.Ci95High, Mt)),
            new("binding component", Binding),
            new("relief", y => y.Bottlenecks.Count == 0 ? "–" : y.Bottlenecks[0].Relief),
            new("service Mt/yr gained (95% CI)", Gain),
            new("next candidates (gain Mt/yr)", y => string.Join("; ", y.Bottlenecks.Skip(1).Take(2).Select(b => $"{b.Component} +{Mt(b.ServiceCapacityGainTons.Mean)}"))),
        ];
        WriteTables(console, $"Capacity per year (Mt/yr; {cap.Replications} search replications, common random numbers)",
            new Column<YearCapacity>("year", y => y.Year.ToString(Inv)), columns, cap.Years);
        stdout.WriteLine(r.FirstYearTargetMet is { } delivered
            ? string.Create(Inv, $"First year delivered tons reach {Mt(r.TargetTons)} Mt (≥ {r.TargetProbability:0%} of replications): {delivered.Year}.")
            : string.Create(Inv, $"Delivered tons do not reach {Mt(r.TargetTons)} Mt with probability ≥ {r.TargetProbability:0%} in any simulated year."));
        stdout.WriteLine(cap.FirstYearTargetMet is { } met
            ? string.Create(Inv, $"First year service capacity reaches {Mt(r.TargetTons)} Mt (≥ {r.TargetProbability:0%} of search replications): {met.Year} (probability {met.Probability:0.00}); {cap.Probes} probe years simulated.")
            : string.Create(Inv, $"Service capacity does not reach {Mt(r.TargetTons)} Mt/yr with probability ≥ {r.TargetProbability:0%} in any simulated year; {cap.Probes} probe years simulated."));
    }

    /// <summary>Writes rows as one table, or several that each fit the console width, each led by the key column.</summary>
    private static void WriteTables<T>(IAnsiConsole console, string title, Column<T> key, IReadOnlyList<Column<T>> columns, IReadOnlyList<T> rows)
    {
        // A column takes its widest text plus two of padding and one of border; the table adds one border.
        int Width(Column<T> c) => rows.Select(row => c.Cell(row).Length).Append(c.Header.Length).Max() + 3;
        int available = console.Profile.Width - 1 - Width(key);
        var groups = new List<List<Column<T>>> { new() };
        int used = 0;
        foreach (Column<T> column in columns)
        {
            int width = Width(column);
            if (groups[^1].Count > 0 && used + width > available)
            {
                groups.Add([]);
                used = 0;
            }

            groups[^1].Add(column);
            used += width;
        }

        foreach (List<Column<T>> group in groups)
        {
            var table = new Table().Title(Markup.Escape(groups.Count == 1 ? title : $"{title} ({groups.IndexOf(group) + 1}/{groups.Count})"));
            table.AddColumns([.. group.Prepend(key).Select(c => new TableColumn(Markup.Escape(c.Header)))]);
            foreach (T row in rows)
            {
                table.AddRow([.. group.Prepend(key).Select(c => Markup.Escape(c.Cell(row)))]);
            }

            console.Write(table);
        }
    }

    /// <summary>The chart files <see cref="WriteCharts"/> writes, in order (and capacity.png when the capacity was searched).</summary>
    public static IReadOnlyList<string> ChartNames { get; } = ["throughput.png", "utilization.png", "utilization-heatmap.png", "transit.png"];

    public static void WriteCharts(OutputFolder output, Scenario scenario, ProjectionResult r, CancellationToken interrupt)
    {
        double[] years = [.. r.Years.Select(y => (double)y.Year)];
        double[] Series(Func<YearSummary, double> f) => [.. r.Years.Select(y => f(y))];
        Charts.Throughput(output.File("throughput.png"),
            $"{scenario.Name}: delivered tons per year ({r.Replications} replications)", years,
            Series(y => y.DeliveredTons.Mean / 1e6), Series(y => y.DeliveredTons.Ci95Low / 1e6), Series(y => y.DeliveredTons.Ci95High / 1e6),
            Series(y => y.DeliveredTons.P10 / 1e6), Series(y => y.DeliveredTons.P90 / 1e6), r.TargetTons / 1e6);
        interrupt.ThrowIfCancellationRequested();
        ComponentSummary[] comps = [.. r.Components.OrderBy(c => c.Utilization.Mean)];
        Charts.Utilization(output.File("utilization.png"), $"{scenario.Name}: utilisation per component",
            [.. comps.Select(c => c.Id)], [.. comps.Select(c => double.IsFinite(c.Utilization.Mean) ? c.Utilization.Mean : 0)]);
        interrupt.ThrowIfCancellationRequested();

        // Rows in the order of the bar chart, busiest at the top; NaN (a component idle all year) left blank.
        string[] ids = [.. comps.Select(c => c.Id).Reverse()];
        var utilization = new double[ids.Length, years.Length];
        for (int j = 0; j < r.Years.Count; j++)
        {
            var byId = r.Years[j].Components.ToDictionary(c => c.Id, c => c.Utilization, StringComparer.Ordinal);
            for (int i = 0; i < ids.Length; i++)
            {
                utilization[i, j] = byId.GetValueOrDefault(ids[i], double.NaN);
            }
        }

        Charts.UtilizationHeatmap(output.File("utilization-heatmap.png"), $"{scenario.Name}: utilisation per component and year", ids, years, utilization);
        interrupt.ThrowIfCancellationRequested();
        Charts.Transit(output.File("transit.png"), $"{scenario.Name}: transit time, all flows", years,
            Series(y => y.TransitDays.Mean), Series(y => y.TransitDays.P50), Series(y => y.TransitDays.P95));
        if (r.Capacity is not { Years.Count: > 0 } cap)
        {
            return;
        }

        interrupt.ThrowIfCancellationRequested();
        double[] capYears = [.. cap.Years.Select(y => (double)y.Year)];
        double[] Cap(Func<YearCapacity, double> f) => [.. cap.Years.Select(y => f(y) / 1e6)];
        Charts.Capacity(output.File("capacity.png"), $"{scenario.Name}: demand, delivered and capacity ({cap.Replications} search replications)",
            capYears, Cap(y => y.DemandTons),
            Cap(y => r.Years.FirstOrDefault(p => p.Year == y.Year)?.DeliveredTons.Mean ?? double.NaN),
            (Cap(y => y.ServiceCapacityTons.Mean), Cap(y => y.ServiceCapacityTons.Ci95Low), Cap(y => y.ServiceCapacityTons.Ci95High)),
            Cap(y => y.CeilingTons.Mean), [.. cap.Years.Select(y => y.Bottlenecks.Count > 0 ? y.Bottlenecks[0].Component : string.Empty)],
            r.TargetTons / 1e6);
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
            cells.Add($"{Mt(last.DeliveredTons.Mean)} ({Range(last.DeliveredTons, last.DeliveredTons.Ci95Low, last.DeliveredTons.Ci95High, Mt)})");
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
