using System.Globalization;

namespace CorridorSim.Cli;

/// <summary>Progress lines of run and sweep: done out of total, and an estimate of the time left.</summary>
internal sealed class ProgressText(int total)
{
    private const int Steps = 10;

    private int _lastStep;

    /// <summary>True once per tenth of <c>total</c>, so a log file gets about ten lines whatever the count.</summary>
    public bool ShouldReport(int done)
    {
        int step = done >= total ? Steps : (int)((long)done * Steps / Math.Max(1, total));
        if (step <= _lastStep)
        {
            return false;
        }

        _lastStep = step;
        return true;
    }

    /// <summary>"replications 3/10".</summary>
    public static string Count(string label, int done, int total) => string.Create(CultureInfo.InvariantCulture, $"{label} {done}/{total}");

    /// <summary>"replications 3/10, 2.1 s elapsed, about 4.9 s left"; the estimate assumes the remaining items take as long as the done ones.</summary>
    public static string Line(string label, int done, int total, TimeSpan elapsed)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        if (done <= 0)
        {
            return Count(label, 0, total);
        }

        if (done >= total)
        {
            return string.Create(inv, $"{label} {done}/{total}, done in {Seconds(elapsed)}");
        }

        TimeSpan left = elapsed * ((double)(total - done) / done);
        return string.Create(inv, $"{label} {done}/{total}, {Seconds(elapsed)} elapsed, about {Seconds(left)} left");
    }

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds < 90
            ? t.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:00} s");
}
