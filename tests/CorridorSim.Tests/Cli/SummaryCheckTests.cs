using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary>The check <c>corridorsim run</c> makes of its own summary.json (the success path is in <see cref="SampleScenarioTests"/>).</summary>
[Collection(SampleRunsCollection.Name)]
public sealed class SummaryCheckTests(SampleRuns runs) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CheckSummary_WrittenSummary_Conforms()
    {
        SampleRun run = runs["titr-baseline-2024"];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = Commands.CheckSummary(run.SummaryPath, stdout, stderr);

        Assert.Equal(Program.Success, exit);
        Assert.Equal("summary.json conforms to schema v1." + Environment.NewLine, stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void CheckSummary_BrokenSummary_FailureListingEveryErrorWithItsPath()
    {
        string text = File.ReadAllText(runs["titr-baseline-2024"].SummaryPath)
            .Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 2,", StringComparison.Ordinal)
            .Replace("\"bottleneck\":", "\"bottleneckId\":", StringComparison.Ordinal);
        string path = _dir["summary.json"];
        File.WriteAllText(path, text);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = Commands.CheckSummary(path, stdout, stderr);

        Assert.Equal(Program.Failure, exit);
        Assert.Empty(stdout.ToString());
        string err = stderr.ToString();
        Assert.Contains("does not conform to schema v1", err, StringComparison.Ordinal);
        Assert.Contains("$.schemaVersion: found 2", err, StringComparison.Ordinal);
        Assert.Contains("$.years[0].bottleneckId: unknown field", err, StringComparison.Ordinal);
        Assert.Contains("$.years[0].bottleneck: missing required field", err, StringComparison.Ordinal);
    }
}
