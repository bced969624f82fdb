using System.Globalization;
using ScottPlot;

namespace CorridorSim.Cli;

/// <summary>PNG charts of a projection (ScottPlot, rendered headless).</summary>
internal static class Charts
{
    private const int Width = 1000;
    private const int Height = 560;

    /// <summary>Delivered tons per year: mean line, 95 % confidence band, p10–p90 band and the target line.</summary>
    public static void Throughput(string path, string title, double[] years, double[] meanMt, double[] ciLowMt, double[] ciHighMt,
        double[] p10Mt, double[] p90Mt, double targetMt)
    {
        var plot = new Plot();
        var spread = plot.Add.FillY(years, p10Mt, p90Mt);
        spread.FillColor = Colors.SteelBlue.WithAlpha(0.15);
        spread.LegendText = "p10–p90 of replications";
        var band = plot.Add.FillY(years, ciLowMt, ciHighMt);
        band.FillColor = Colors.SteelBlue.WithAlpha(0.4);
        band.LegendText = "95% CI of the mean";
        var mean = plot.Add.Scatter(years, meanMt);
        mean.Color = Colors.Navy;
        mean.LineWidth = 2;
        mean.LegendText = "mean delivered";
        var target = plot.Add.HorizontalLine(targetMt);
        target.Color = Colors.FireBrick;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = $"target {targetMt:0.#} Mt";
        plot.Title(title);
        plot.XLabel("year");
        plot.YLabel("delivered, million tons per year");
        YearTicks(plot, years);
        plot.Axes.SetLimitsY(0, Math.Max(targetMt, p90Mt.DefaultIfEmpty(0).Max()) * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// Demand, delivered and service capacity per year with their 95 % bands, the ceiling and the target; each year's
    /// binding component (the counterfactual bottleneck) written above its service-capacity point: the bottleneck timeline.
    /// </summary>
    public static void Capacity(string path, string title, double[] years, double[] demandMt, double[] deliveredMt,
        (double[] Mean, double[] Low, double[] High) serviceMt, double[] ceilingMt, string[] binding, double targetMt)
    {
        var plot = new Plot();
        var band = plot.Add.FillY(years, serviceMt.Low, serviceMt.High);
        band.FillColor = Colors.SeaGreen.WithAlpha(0.3);
        band.LegendText = "service capacity, 95% CI";
        var service = plot.Add.Scatter(years, serviceMt.Mean);
        service.Color = Colors.SeaGreen;
        service.LineWidth = 2;
        service.LegendText = "service capacity";
        var ceiling = plot.Add.Scatter(years, ceilingMt);
        ceiling.Color = Colors.SeaGreen;
        ceiling.LinePattern = LinePattern.Dotted;
        ceiling.LegendText = "ceiling (saturated)";
        var demand = plot.Add.Scatter(years, demandMt);
        demand.Color = Colors.Gray;
        demand.LinePattern = LinePattern.Dashed;
        demand.LegendText = "demand";
        var delivered = plot.Add.Scatter(years, deliveredMt);
        delivered.Color = Colors.Navy;
        delivered.LineWidth = 2;
        delivered.LegendText = "delivered";
        var target = plot.Add.HorizontalLine(targetMt);
        target.Color = Colors.FireBrick;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = $"target {targetMt:0.#} Mt";
        for (int i = 0; i < years.Length; i++)
        {
            if (binding[i].Length > 0 && double.IsFinite(serviceMt.High[i]))
            {
                var label = plot.Add.Text(binding[i], years[i], serviceMt.High[i]);
                label.LabelFontSize = 10;
                label.LabelRotation = -30;
            }
        }

        plot.Title(title);
        plot.XLabel("year (labels: the component whose relief adds most service capacity)");
        plot.YLabel("million tons per year");
        YearTicks(plot, years);
        double top = new[] { targetMt }.Concat(ceilingMt).Concat(demandMt).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, top * 1.25);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>One tick per year, labelled "2030": the default numeric labels read "2,030".</summary>
    private static void YearTicks(Plot plot, double[] years) =>
        plot.Axes.Bottom.SetTicks(years, [.. years.Select(y => y.ToString("0", CultureInfo.InvariantCulture))]);

    /// <summary>Mean utilisation per component (horizontal bars).</summary>
    public static void Utilization(string path, string title, string[] ids, double[] utilization)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(utilization);
        bars.Horizontal = true;
        for (int i = 0; i < bars.Bars.Count; i++)
        {
            bars.Bars[i].FillColor = utilization[i] >= 0.85 ? Colors.FireBrick : Colors.SteelBlue;
        }

        plot.Axes.Left.SetTicks(Enumerable.Range(0, ids.Length).Select(i => (double)i).ToArray(), ids);
        plot.Axes.SetLimitsX(0, 1.05);
        plot.Title(title);
        plot.XLabel("mean utilisation over the simulated years (red: ≥ 85%)");
        plot.Layout.Fixed(new PixelPadding(230, 30, 50, 60));
        plot.SavePng(path, Width, Math.Max(Height, 60 + (ids.Length * 28)));
    }

    /// <summary>Utilisation per component (rows, first at the top) and year (columns), 0 to 1; a blank cell has no figure.</summary>
    public static void UtilizationHeatmap(string path, string title, string[] ids, double[] years, double[,] utilization)
    {
        var plot = new Plot();
        var map = plot.Add.Heatmap(utilization);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, 1);
        map.NaNCellColor = Colors.White;
        var bar = plot.Add.ColorBar(map);
        bar.Label = "utilisation";
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, ids.Length).Select(i => (double)(ids.Length - 1 - i))], ids);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, years.Length).Select(j => (double)j)],
            [.. years.Select(y => y.ToString("0", CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimits(-0.5, years.Length - 0.5, -0.5, ids.Length - 0.5);
        plot.Title(title);
        plot.XLabel("year");
        plot.Layout.Fixed(new PixelPadding(230, 110, 50, 60));
        plot.SavePng(path, Width, Math.Max(Height, 110 + (ids.Length * 28)));
    }

    /// <summary>Transit days per year: mean, median and 95th percentile.</summary>
    public static void Transit(string path, string title, double[] years, double[] mean, double[] p50, double[] p95)
    {
        var plot = new Plot();
        var p95Line = plot.Add.Scatter(years, p95);
        p95Line.LegendText = "p95";
        p95Line.Color = Colors.FireBrick;
        var meanLine = plot.Add.Scatter(years, mean);
        meanLine.LegendText = "mean";
        meanLine.Color = Colors.Navy;
        var p50Line = plot.Add.Scatter(years, p50);
        p50Line.LegendText = "median";
        p50Line.Color = Colors.SeaGreen;
        plot.Title(title);
        plot.XLabel("year");
        plot.YLabel("origin → destination transit, days");
        YearTicks(plot, years);
        plot.Axes.SetLimitsY(0, p95.Where(double.IsFinite).DefaultIfEmpty(1).Max() * 1.2);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>A sweep's response: mean delivered tons in the last simulated year per grid value (one line per second-parameter value).</summary>
    public static void Sweep(string path, string title, string xLabel, double[] xs, IReadOnlyList<(string Label, double[] Mt)> series, double targetMt)
    {
        var plot = new Plot();
        foreach ((string label, double[] ys) in series)
        {
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = label;
            line.LineWidth = 2;
        }

        var target = plot.Add.HorizontalLine(targetMt);
        target.Color = Colors.FireBrick;
        target.LinePattern = LinePattern.Dashed;
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("delivered in the last year, Mt (mean)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }
}
