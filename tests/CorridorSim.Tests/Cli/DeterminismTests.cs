using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary>DESIGN.md, "Experiments": results do not depend on the number of threads.</summary>
[Collection(SampleRunsCollection.Name)]
public sealed class DeterminismTests(SampleRuns runs)
{
    [Fact]
    public void Run_OneThreadAndTwoThreads_ByteIdenticalSummaryAndTables()
    {
        const string name = "titr-baseline-2024";
        SampleRun twoThreads = runs[name];
        Assert.Equal(2, SampleRuns.Threads);
        using var dir = new TempDirectory();

        CliResult oneThread = CliHarness.Run(SampleRuns.Arguments(name, dir.Path, threads: 1));

        Assert.True(oneThread.ExitCode == Program.Success, oneThread.ToString());
        Assert.True(twoThreads.Result.ExitCode == Program.Success, twoThreads.Result.ToString());
        Assert.Contains("1 thread(s)", oneThread.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 thread(s)", twoThreads.Result.Stdout, StringComparison.Ordinal);
        foreach (string file in (string[])["summary.json", "years.csv", "components.csv", "flows.csv"])
        {
            Assert.True(
                File.ReadAllBytes(dir[file]).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(twoThreads.OutDirectory, file))),
                $"{file} differs between --threads 1 and --threads 2");
        }
    }
}
