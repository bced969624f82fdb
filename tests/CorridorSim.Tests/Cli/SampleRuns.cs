using System.Collections.Concurrent;

namespace CorridorSim.Tests.Cli;

/// <summary>
/// One <c>corridorsim run</c> per sample scenario, shared by the tests of the "sample runs" collection so that each
/// sample is simulated once: the file's seed, <see cref="Replications"/> replications, two threads, no charts.
/// </summary>
public sealed class SampleRuns : IDisposable
{
    /// <summary>Replications per sample: enough for confidence intervals, few enough for a 9-year sample to take seconds.</summary>
    public const int Replications = 2;

    /// <summary>The thread count of the shared runs (the determinism test runs with one).</summary>
    public const int Threads = 2;

    private readonly TempDirectory _out = new();
    private readonly ConcurrentDictionary<string, Lazy<SampleRun>> _runs = new(StringComparer.Ordinal);

    /// <summary>The run of one sample, started on first use.</summary>
    internal SampleRun this[string name] => _runs.GetOrAdd(name, n => new Lazy<SampleRun>(() => Execute(n))).Value;

    /// <summary>The command line of a shared run, writing into <paramref name="outDir"/>.</summary>
    internal static string[] Arguments(string name, string outDir, int threads = Threads) =>
    [
        "run", CliHarness.SamplePath(name), "-r", Replications.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-charts", "--out", outDir,
    ];

    public void Dispose() => _out.Dispose();

    private SampleRun Execute(string name)
    {
        string dir = _out[name];
        CliResult result = CliHarness.Run(Arguments(name, dir));
        return new SampleRun(name, dir, result);
    }
}

/// <summary>A finished sample run: where it wrote and what it printed (timings belong to benchmarks/, not tests).</summary>
internal sealed record SampleRun(string Name, string OutDirectory, CliResult Result)
{
    public string SummaryPath => Path.Combine(OutDirectory, "summary.json");

    /// <summary>The raw bytes of summary.json (the golden comparison is byte for byte).</summary>
    public byte[] SummaryBytes => File.ReadAllBytes(SummaryPath);

    /// <summary>
    /// summary.json without its last member, the run metadata (<c>"run"</c>: the version changes with every build), so the
    /// golden files pin the results only; the run section has its own tests (ShardCommandTests).
    /// </summary>
    public byte[] SummaryBytesWithoutRun => StripRun(SummaryBytes);

    internal static byte[] StripRun(byte[] summary)
    {
        string text = System.Text.Encoding.UTF8.GetString(summary);
        int at = text.LastIndexOf(",\n  \"run\": {", StringComparison.Ordinal);
        Assert.True(at > 0, "summary.json has no run section");
        return System.Text.Encoding.UTF8.GetBytes(text[..at] + "\n}\n");
    }
}

[CollectionDefinition(Name)]
public sealed class SampleRunsCollection : ICollectionFixture<SampleRuns>
{
    public const string Name = "sample runs";
}
