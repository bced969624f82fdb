using System.Globalization;
using ScottPlot;

namespace CorridorSim.Cli;

/// <summary>PNG charts of an uncertainty study.</summary>
internal static class StudyCharts
{
    private const int Width = 1000;
    private const int Height = 560;

    /// <summary>The fan of one quantity: p5–p95 and p25–p75 bands and the median line, in million tons.</summary>
    public readonly record struct Band(string Label, Color Color, double[] P5, double[] P25, double[] P50, double[] P75, double[] P95);

    /// <summary>Delivered tons and service capacity across samples (p5–p95 and p25–p75 bands, median) with the target line.</summary>
    public static void Fan(string path, string title, double[] years, IReadOnlyList<Band> bands, double targetMt)
    {
        var plot = new Plot();
        foreach (Band b in bands)
        {
            var outer = plot.Add.FillY(years, b.P5, b.P95);
            outer.FillColor = b.Color.WithAlpha(0.15);
            outer.LegendText = $"{b.Label}, p5–p95 of samples";
            var inner = plot.Add.FillY(years, b.P25, b.P75);
            inner.FillColor = b.Color.WithAlpha(0.35);
            inner.LegendText = $"{b.Label}, p25–p75";
            var median = plot.Add.Scatter(years, b.P50);
            median.Color = b.Color;
            median.LineWidth = 2;
            median.LegendText = $"{b.Label}, median";
        }

        var target = plot.Add.HorizontalLine(targetMt);
        target.Color = Colors.FireBrick;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = $"target {targetMt:0.#} Mt";
        plot.Title(title);
        plot.XLabel("year");
        plot.YLabel("million tons per year");
        YearTicks(plot, years);
        double top = bands.SelectMany(b => b.P95).Where(double.IsFinite).Append(targetMt).Max();
        plot.Axes.SetLimitsY(0, top * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>The share of samples whose first year met is each year, and the share never met by the horizon, for each series.</summary>
    public static void FirstYear(string path, string title, int[] years, IReadOnlyList<(string Label, double[] Shares, double Never)> series)
    {
        var plot = new Plot();
        int slots = years.Length + 1;
        double width = 0.8 / Math.Max(1, series.Count);
        Color[] colors = [Colors.SeaGreen, Colors.Navy];
        for (int s = 0; s < series.Count; s++)
        {
            (string label, double[] shares, double never) = series[s];
            var bars = new List<Bar>();
            for (int i = 0; i < slots; i++)
            {
                bars.Add(new Bar
                {
                    Position = i - 0.4 + (width * (s + 0.5)),
                    Value = i < years.Length ? shares[i] : never,
                    Size = width,
                    FillColor = colors[s % colors.Length],
                });
            }

            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = label;
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, slots).Select(i => (double)i)],
            [.. years.Select(y => y.ToString(CultureInfo.InvariantCulture)), "never"]);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Title(title);
        plot.XLabel("first year the target is met (never: not by the horizon)");
        plot.YLabel("share of samples");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>A tornado chart: each input's index (bar) with its interval (whiskers), largest magnitude at the top.</summary>
    public static void Tornado(string path, string title, string xLabel, string[] inputs, double[] values, double[] low, double[] high)
    {
        var plot = new Plot();
        int[] order = [.. Enumerable.Range(0, inputs.Length).OrderBy(i => Math.Abs(values[i])).ThenBy(i => inputs[i], StringComparer.Ordinal)];
        var bars = new List<Bar>();
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            bars.Add(new Bar
            {
                Position = k,
                Value = values[i],
                Error = 0,
                FillColor = values[i] >= 0 ? Colors.SteelBlue : Colors.DarkOrange,
            });
            var whisker = plot.Add.Line(low[i], k, high[i], k);
            whisker.Color = Colors.Black;
            whisker.LineWidth = 2;
        }

        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, order.Length).Select(k => (double)k)], [.. order.Select(i => inputs[i])]);
        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Gray;
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.Layout.Fixed(new PixelPadding(230, 30, 50, 60));
        plot.SavePng(path, Width, Math.Max(Height, 60 + (inputs.Length * 34)));
    }

    private static void YearTicks(Plot plot, double[] years) =>
        plot.Axes.Bottom.SetTicks(years, [.. years.Select(y => y.ToString("0", CultureInfo.InvariantCulture))]);
}
