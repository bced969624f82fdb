using System.Text.RegularExpressions;
using CorridorSim.Cli;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using Spectre.Console;

namespace CorridorSim.Tests.Cli;

/// <summary>What <c>corridorsim run</c> prints (<see cref="Report"/>, <see cref="ProgressText"/>).</summary>
public sealed partial class ReportTests
{
    private static readonly Lazy<(Scenario Scenario, ProjectionResult One, ProjectionResult Two)> Runs = new(() =>
    {
        Scenario s = ScenarioLoader.Load(CliHarness.SamplePath("titr-10mt-2030"));
        return (s, Projection.Run(s, new ProjectionOptions { Replications = 1 }), Projection.Run(s, new ProjectionOptions { Replications = 2 }));
    });

    private static string Print(ProjectionResult r, int width)
    {
        using var stdout = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        Report.PrintProjection(console, stdout, Runs.Value.Scenario, r);
        return stdout.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void PrintProjection_80Columns_NoLineWiderAndNoRowWrapped()
    {
        ProjectionResult r = Runs.Value.Two;

        string text = Print(r, 80);

        string[] lines = text.Split('\n');
        Assert.All(lines.Where(l => l.Length > 0 && "┌│├└".Contains(l[0], StringComparison.Ordinal)),
            line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        foreach (YearSummary y in r.Years)
        {
            // Every table repeats the year, and a wrapped row would show an empty year cell on its next line.
            int rows = lines.Count(l => l.StartsWith($"│ {y.Year} ", StringComparison.Ordinal));
            Assert.True(rows >= 1, text);
        }

        Assert.DoesNotContain(lines, l => EmptyKeyCell().IsMatch(l));
        Assert.Contains("ferry:kuryk-alat (", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintProjection_OneReplication_IntervalsPrintAsADash()
    {
        string text = Print(Runs.Value.One, 160);

        Assert.DoesNotMatch(DegenerateInterval(), text);
        Assert.Contains("│ —", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintProjection_TwoReplications_IntervalsHaveTwoEnds()
    {
        string text = Print(Runs.Value.Two, 160);

        Assert.Matches(Interval(), text);
    }

    [Theory]
    [InlineData(0, 10, 0, "replications 0/10")]
    [InlineData(2, 10, 4, "replications 2/10, 4.0 s elapsed, about 16.0 s left")]
    [InlineData(10, 10, 20, "replications 10/10, done in 20.0 s")]
    [InlineData(1, 100, 60, "replications 1/100, 60.0 s elapsed, about 99 min 00 s left")]
    public void Line_DoneOfTotal_CountAndTimeLeft(int done, int total, int seconds, string expected) =>
        Assert.Equal(expected, ProgressText.Line("replications", done, total, TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void ShouldReport_EveryCount_AboutTenLinesEndingWithTheLast()
    {
        var text = new ProgressText(1000);

        int[] reported = [.. Enumerable.Range(1, 1000).Where(text.ShouldReport)];

        Assert.Equal(10, reported.Length);
        Assert.Equal(1000, reported[^1]);
    }

    [Fact]
    public void Run_Log_ProgressShowsCountAndTime()
    {
        using var dir = new TempDirectory();

        CliResult r = CliHarness.Run("run", CliHarness.SamplePath("titr-baseline-2024"), "-r", "2", "--threads", "1", "--no-charts", "--out", dir["out"]);

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.Matches(@"replications 1/2, [0-9.]+ s elapsed, about [0-9.]+ s left", r.Stdout);
        Assert.Contains("replications 2/2, done in ", r.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(\d+\.\d+)–\1\b")]
    private static partial Regex DegenerateInterval();

    [GeneratedRegex(@"\d+\.\d+–\d+\.\d+")]
    private static partial Regex Interval();

    [GeneratedRegex(@"^│\s+│")]
    private static partial Regex EmptyKeyCell();
}
