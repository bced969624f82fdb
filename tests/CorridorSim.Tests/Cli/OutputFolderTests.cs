using System.Diagnostics;
using CorridorSim.Cli;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary>
/// The output folder of <c>corridorsim run</c>: checked before the simulation, replaced whole by each run, safe by
/// default, and untouched by an interrupted run (<see cref="OutputFolder"/>).
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string[] RunArgs(string outDir, params string[] more) =>
        ["run", CliHarness.SamplePath("titr-baseline-2024"), "-r", "1", "--threads", "1", "--out", outDir, .. more];

    [Fact]
    public void Run_EventLogOrRecordsInsideOut_ExitTwoBeforeTheSimulation()
    {
        string outDir = _dir["out"];
        foreach (string option in new[] { "--events", "--ocel", "--records" })
        {
            string file = Path.Combine(outDir, "log" + (option == "--ocel" ? ".json" : ".parquet"));
            Directory.CreateDirectory(outDir);
            CliResult r = CliHarness.Run(RunArgs(outDir, option, file));

            Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
            Assert.Contains($"{option} '{file}' is inside --out '{outDir}', which each run replaces whole", r.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(file), option);
        }
    }

    [Fact]
    public void Run_OutIsAFile_ExitTwoBeforeTheSimulation()
    {
        string file = _dir["a-file"];
        File.WriteAllText(file, "not a folder");

        var clock = Stopwatch.StartNew();
        CliResult r = CliHarness.Run(RunArgs(file));

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains("is a file", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("replications 1/1", r.Stdout, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Run_OutCannotBeCreated_ExitTwoBeforeTheSimulation()
    {
        string file = _dir["a-file"];
        File.WriteAllText(file, "");

        CliResult r = CliHarness.Run(RunArgs(Path.Combine(file, "below")));

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains($"'{file}' is a file", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("replications 1/1", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoChartsAfterACharts_Run_LeavesNoStaleCharts()
    {
        string outDir = _dir["out"];
        Assert.Equal(Program.Success, CliHarness.Run(RunArgs(outDir)).ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "throughput.png")));

        CliResult r = CliHarness.Run(RunArgs(outDir, "--no-charts"));

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.Equal(["components.csv", "flows.csv", "summary.json", "years.csv"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Run_TwoAtOnceIntoOneFolder_TheFolderHoldsTheFilesOfOneRun()
    {
        string outDir = _dir["out"];

        CliResult[] results = new CliResult[2];
        Parallel.For(0, 2, i => results[i] = CliHarness.Run(RunArgs(outDir, "--no-charts", "--seed", (11 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.All(results, r => Assert.True(r.ExitCode == Program.Success, r.ToString()));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        ulong seed = summary.RootElement.GetProperty("seed").GetUInt64();
        Assert.Contains(seed, (ulong[])[11, 12]);
        string delivered = summary.RootElement.GetProperty("years")[0].GetProperty("deliveredTons").GetProperty("mean").GetRawText();
        Assert.Contains($"2024,deliveredTonsMean,t,,,{delivered}\n", File.ReadAllText(Path.Combine(outDir, "years.csv")), StringComparison.Ordinal);
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Run_OutHoldsOtherFiles_ExitTwoAndTheFilesAreKept()
    {
        string outDir = _dir["mine"];
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "keep me");

        CliResult r = CliHarness.Run(RunArgs(outDir));

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains("notes.txt", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
    }

    [Fact]
    public void Run_InterruptedBeforeItStarts_Exit130AndThePreviousOutputStays()
    {
        string outDir = _dir["out"];
        Assert.Equal(Program.Success, CliHarness.Run(RunArgs(outDir, "--no-charts")).ExitCode);
        byte[] before = File.ReadAllBytes(Path.Combine(outDir, "summary.json"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = Program.Run(RunArgs(outDir, "--seed", "7"), stdout, stderr, new CancellationToken(canceled: true));

        Assert.True(exit == Program.Interrupted, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("interrupted: nothing was written", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("summary.json, years.csv, components.csv, flows.csv", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Run_InterruptedDuringTheSimulation_Exit130Promptly()
    {
        string outDir = _dir["out"];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var interrupt = new CancellationTokenSource();

        // A thread of its own, not a timer: a timer's callback waits for the thread pool, which the rest of the suite
        // can keep busy for a minute (the run then looked slow to stop when it was the interrupt that came late).
        var ctrlC = new Thread(() =>
        {
            Thread.Sleep(500);
            interrupt.Cancel();
        }) { IsBackground = true };
        var clock = Stopwatch.StartNew();
        ctrlC.Start();

        int exit = Program.Run(["run", CliHarness.SamplePath("titr-10mt-2030"), "-r", "500", "--out", outDir], stdout, stderr, interrupt.Token);
        ctrlC.Join();

        Assert.True(exit == Program.Interrupted, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.False(Directory.Exists(outDir), "an interrupted run created its output folder");
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task Main_SigInt_Exit130SayingNothingWasWritten()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs POSIX signals");

        // A process started with SIGINT ignored (a background job of a non-interactive shell, nohup) passes that on to
        // its children, and .NET keeps it ignored: the CLI could not see the signal, and the test would fail obscurely.
        Assert.False(SigIntIgnored(), "SIGINT is ignored in this test process, so the CLI child would ignore it too: run the tests in the foreground, not as a background job or under nohup.");
        string outDir = _dir["out"];
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "CorridorSim.Cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in (string[])["run", CliHarness.SamplePath("titr-10mt-2030"), "-r", "500", "--out", outDir])
        {
            start.ArgumentList.Add(arg);
        }

        using Process cli = Process.Start(start)!;
        Task<string> stderr = cli.StandardError.ReadToEndAsync();
        string? first = await cli.StandardOutput.ReadLineAsync();
        Assert.StartsWith("Scenario titr-10mt-2030", first, StringComparison.Ordinal);
        await Task.Delay(500);
        using (Process kill = Process.Start("kill", ["-INT", cli.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        _ = cli.StandardOutput.ReadToEndAsync();
        Assert.True(cli.WaitForExit(TimeSpan.FromSeconds(60)), "still running a minute after SIGINT");
        Assert.Equal(Program.Interrupted, cli.ExitCode);
        Assert.Contains("interrupted: nothing was written", await stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    // Linux lists the ignored signals as a hexadecimal mask on the SigIgn line of /proc/self/status; bit 1 is SIGINT (2).
    private static bool SigIntIgnored()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & 0b10) != 0;
    }

    [Fact]
    public void Sweep_OutIsAFile_ExitTwoBeforeTheSweep()
    {
        string file = _dir["a-file"];
        File.WriteAllText(file, "");

        CliResult r = CliHarness.Run("sweep", CliHarness.SamplePath("titr-baseline-2024"), "--vary", "ports[port:kuryk].berths=2,3", "-r", "1", "--out", file);

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.DoesNotContain("grid points", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_Interrupted_Exit130AndNoFolder()
    {
        string outDir = _dir["sweep"];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = Program.Run(["sweep", CliHarness.SamplePath("titr-baseline-2024"), "--vary", "ports[port:kuryk].berths=2,3", "-r", "1", "--out", outDir],
            stdout, stderr, new CancellationToken(canceled: true));

        Assert.True(exit == Program.Interrupted, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("not written: sweep.csv, sweep.json, sweep.png", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("a/b\\c:d")]
    public void DefaultFor_HostileName_OneSegmentInsideOut(string name)
    {
        string path = OutputFolder.DefaultFor(name);

        Assert.Equal(Path.GetFullPath("out"), Path.GetDirectoryName(Path.GetFullPath(path)));
        Assert.NotEqual(".", Path.GetFileName(path));
        Assert.NotEqual("..", Path.GetFileName(path));
    }

    [Property]
    public bool DefaultFor_AnyName_StaysOneSegmentBelowOut(string? name)
    {
        string path = Path.GetFullPath(OutputFolder.DefaultFor((name ?? "").Replace("\0", "", StringComparison.Ordinal)));
        return Path.GetDirectoryName(path) == Path.GetFullPath("out") && Path.GetFileName(path).Length > 0;
    }
}
