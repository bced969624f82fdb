using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using Color = ScottPlot.Color;
using Colors = ScottPlot.Colors;
using Spectre.Console;

namespace CorridorSim.Cli;

/// <summary>What the CLI prints and draws from an uncertainty study.</summary>
internal static class StudyReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The inputs printed per sensitivity table: the largest first.</summary>
    private const int TopInputs = 5;

    /// <summary>The chart files <see cref="WriteCharts"/> writes besides a projection's (capacity.png too when the capacity was searched).</summary>
    public static IReadOnlyList<string> ChartNames { get; } = [.. Report.ChartNames, "fan.png", "first-year.png", "sensitivity.png"];

    private static string Mt(double tons) => double.IsFinite(tons) ? (tons / 1e6).ToString("0.00", Inv) : "–";

    private static string P(Probability? p) => p is null ? "–" : string.Create(Inv, $"{p.Value:0.00} ({p.Low:0.00}–{p.High:0.00})");

    private static string F(Fan? f) => f is null ? "–" : $"{Mt(f.P5)} / {Mt(f.P50)} / {Mt(f.P95)}";

    private static string Year(int? y) => y is { } v ? v.ToString(Inv) : "never";

    public static void Print(IAnsiConsole console, TextWriter stdout, Scenario scenario, StudyResult s)
    {
        string target = Mt(s.Projection.TargetTons);
        var table = new Table().Title(Markup.Escape($"{scenario.Name}: {s.Samples} samples × {s.ReplicationsPerSample} replication(s); fans p5 / p50 / p95 across samples, Mt; P with Wilson 95 % interval"));
        table.AddColumns("year", "demand", "delivered", "service capacity", Markup.Escape($"P(delivered ≥ {target})"), Markup.Escape($"P(capacity ≥ {target})"));
        foreach (StudyYear y in s.Years)
        {
            table.AddRow(y.Year.ToString(Inv), F(y.DemandTons), F(y.DeliveredTons), F(y.ServiceCapacityTons), P(y.DeliveredMeetsTarget), P(y.CapacityMeetsTarget));
        }

        console.Write(table);
        string rule = s.ConsecutiveYears == 1 ? string.Empty : string.Create(Inv, $" ({s.ConsecutiveYears} consecutive years)");
        foreach ((string what, FirstYearDistribution? f) in new[] { ("service capacity", s.FirstYearCapacity), ("delivered", s.FirstYearDelivered) })
        {
            if (f is not null)
            {
                stdout.WriteLine(string.Create(Inv,
                    $"First year {what} ≥ {target} Mt{rule}: p10 {Year(f.P10)}, p50 {Year(f.P50)}, p90 {Year(f.P90)}; never by {s.Years[^1].Year} in {f.ShareNever:0%} of samples."));
            }
        }

        foreach (SensitivityTable t in s.Sensitivity)
        {
            if (t.Indices.Count == 0)
            {
                stdout.WriteLine($"Sensitivity of {t.Output} ({t.Year}): {t.Note}");
                continue;
            }

            IEnumerable<string> top = t.Indices.OrderByDescending(i => Math.Abs(i.Value)).ThenBy(i => i.Input, StringComparer.Ordinal).Take(TopInputs)
                .Select(i => string.Create(Inv, $"{i.Input} {i.Value:0.00} [{i.Low:0.00}, {i.High:0.00}]") + (double.IsFinite(i.Total) ? string.Create(Inv, $" total {i.Total:0.00}") : string.Empty));
            string fit = double.IsFinite(t.RSquared) ? string.Create(Inv, $", R² {t.RSquared:0.00}") : string.Empty;
            stdout.WriteLine($"Sensitivity of {t.Output} ({t.Year}, {t.Method}{fit}): {string.Join("; ", top)}.");
        }

        foreach (VarianceSplit v in s.Variance)
        {
            stdout.WriteLine(string.Create(Inv, $"Variance of {v.Output} in {v.Year}: {v.EpistemicShare:0%} epistemic (between samples), the rest aleatory (within)."));
        }

        stdout.WriteLine("Scenario discovery: " + s.Discovery.Note);
    }

    public static void WriteCharts(OutputFolder output, Scenario scenario, StudyResult s, CancellationToken interrupt)
    {
        Report.WriteCharts(output, scenario, s.Projection, interrupt);
        interrupt.ThrowIfCancellationRequested();
        double[] years = [.. s.Years.Select(y => (double)y.Year)];
        StudyCharts.Band BandOf(string label, Color color, Func<StudyYear, Fan?> of)
        {
            double[] Q(Func<Fan, double> q) => [.. s.Years.Select(y => of(y) is { } f ? q(f) / 1e6 : double.NaN)];
            return new StudyCharts.Band(label, color, Q(f => f.P5), Q(f => f.P25), Q(f => f.P50), Q(f => f.P75), Q(f => f.P95));
        }

        var bands = new List<StudyCharts.Band> { BandOf("delivered", Colors.Navy, y => y.DeliveredTons) };
        if (s.Years.All(y => y.ServiceCapacityTons is not null))
        {
            bands.Insert(0, BandOf("service capacity", Colors.SeaGreen, y => y.ServiceCapacityTons));
        }

        StudyCharts.Fan(output.File("fan.png"), $"{scenario.Name}: across {s.Samples} samples of the uncertain inputs", years, bands, s.Projection.TargetTons / 1e6);
        interrupt.ThrowIfCancellationRequested();
        int[] whole = [.. s.Years.Select(y => y.Year)];
        var series = new List<(string, double[], double)>();
        foreach ((string label, FirstYearDistribution? f) in new[] { ("service capacity", s.FirstYearCapacity), ("delivered", s.FirstYearDelivered) })
        {
            if (f is not null)
            {
                series.Add((label, [.. f.Counts.Select(c => (double)c / s.Samples)], f.ShareNever));
            }
        }

        StudyCharts.FirstYear(output.File("first-year.png"), $"{scenario.Name}: first year at {Mt(s.Projection.TargetTons)} Mt", whole, series);
        interrupt.ThrowIfCancellationRequested();
        SensitivityTable? shown = s.Sensitivity.FirstOrDefault(t => t.Indices.Count > 0);
        string[] inputs = shown is null ? [.. s.Inputs.Select(i => i.Name)] : [.. shown.Indices.Select(i => i.Input)];
        double[] Of(Func<InputSensitivity, double> f) => shown is null ? new double[inputs.Length] : [.. shown.Indices.Select(f)];
        string what = shown is null ? "no sensitivity could be computed" : $"{shown.Output} in {shown.Year}";
        StudyCharts.Tornado(output.File("sensitivity.png"), $"{scenario.Name}: what drives {what}",
            shown?.Method == "sobol" ? "first-order Sobol index (bootstrap 95% interval)" : "standardised rank regression coefficient (bootstrap 95% interval)",
            inputs, Of(i => i.Value), Of(i => double.IsFinite(i.Low) ? i.Low : i.Value), Of(i => double.IsFinite(i.High) ? i.High : i.Value));
    }
}
