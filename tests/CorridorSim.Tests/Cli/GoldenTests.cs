using System.Text;
using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary>
/// Golden results (STYLE.md habit 8): each sample scenario's summary.json, for the file's seed and
/// <see cref="SampleRuns.Replications"/> replications, is committed under Cli/Golden/NAME.summary.json and compared
/// byte for byte, all but its run metadata (<see cref="SampleRun.SummaryBytesWithoutRun"/>).
/// </summary>
/// <remarks>
/// A difference means the simulation's numbers changed. If that is intended, regenerate the files with
/// <c>CORRIDORSIM_UPDATE_GOLDEN=1 dotnet test tests/CorridorSim.Tests -c Release --filter "FullyQualifiedName~CorridorSim.Tests.Cli.GoldenTests"</c>
/// (the test then rewrites the file in the source tree instead of comparing), review the diff, and commit the new
/// files in the same commit as the change, saying why the numbers moved (Cli/Golden/README.md).
/// </remarks>
[Collection(SampleRunsCollection.Name)]
public sealed class GoldenTests(SampleRuns runs)
{
    private const string UpdateVariable = "CORRIDORSIM_UPDATE_GOLDEN";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static string GoldenPath(string name) =>
        Path.Combine(CliHarness.RepositoryRoot, "tests", "CorridorSim.Tests", "Cli", "Golden", name + ".summary.json");

    [Theory]
    [MemberData(nameof(CliHarness.Samples), MemberType = typeof(CliHarness))]
    public void Run_Sample_SummaryMatchesTheGoldenFile(string name)
    {
        SampleRun run = runs[name];
        Assert.True(run.Result.ExitCode == Program.Success, run.Result.ToString());
        byte[] actual = run.SummaryBytesWithoutRun;
        string golden = GoldenPath(name);

        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllBytes(golden, actual);
            return;
        }

        Assert.True(File.Exists(golden), $"No golden file {golden}; create it with {UpdateVariable}=1 (see Cli/Golden/README.md).");
        byte[] expected = File.ReadAllBytes(golden);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"summary.json of {name} differs from {golden}: {FirstDifference(expected, actual)}\n" +
                $"If the change is intended, rerun with {UpdateVariable}=1, review the diff and commit it with the reason (Cli/Golden/README.md).");
        }
    }

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        string[] e = Encoding.UTF8.GetString(expected).Split('\n');
        string[] a = Encoding.UTF8.GetString(actual).Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (e[i] != a[i])
            {
                return $"line {i + 1}: expected `{e[i].Trim()}`, found `{a[i].Trim()}`";
            }
        }

        return e.Length != a.Length
            ? $"expected {e.Length} lines, found {a.Length}"
            : "the bytes differ (encoding or line endings)";
    }
}
