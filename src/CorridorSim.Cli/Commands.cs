using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using Spectre.Console;

namespace CorridorSim.Cli;

/// <summary>The commands: run, sweep and init here; validate, study, plan, merge and the shard options in their own files.</summary>
internal static partial class Commands
{
    /// <summary>The command name, in the usage line whatever the executable is called (a tool shim, CorridorSim.Cli.dll).</summary>
    public const string ToolName = "corridorsim";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of unexpected errors.", Recursive = true };
        // A RootCommand takes its name from the executable file; a plain command with help and version says "corridorsim".
        var root = new Command(ToolName, "corridorsim: discrete-event simulation of freight corridors (the Middle Corridor / TITR).")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Options.Add(verbose);
        root.Subcommands.Add(BuildRun(stdout, stderr, verbose, interrupt));
        root.Subcommands.Add(BuildValidate(stdout, stderr, verbose));
        root.Subcommands.Add(BuildSweep(stdout, stderr, verbose, interrupt));
        root.Subcommands.Add(BuildStudy(stdout, stderr, verbose, interrupt));
        root.Subcommands.Add(BuildPlan(stdout, stderr, verbose, interrupt));
        root.Subcommands.Add(BuildMerge(stdout, stderr, verbose, interrupt));
        root.Subcommands.Add(Init.Build(stdout, stderr));
        return root;
    }

    private static Argument<FileInfo> ScenarioArgument() => new("SCENARIO")
    {
        Description = "The scenario file (JSON; see docs/scenario-format.md).",
        CustomParser = ParseScenarioPath,
    };

    // System.CommandLine's own message for '' names the CLR type ("as expected type 'System.IO.FileInfo'").
    private static FileInfo? ParseScenarioPath(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (string.IsNullOrWhiteSpace(token))
        {
            result.AddError("SCENARIO is an empty path; expected the path of a scenario file (JSON).");
            return null;
        }

        try
        {
            return new FileInfo(token);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            result.AddError($"SCENARIO '{token}' is not a usable path: {ex.Message}");
            return null;
        }
    }

    private static Option<int?> ReplicationsOption() => new("--replications", "-r")
    {
        Description = "Replications (overrides the scenario's simulation.replications).",
        CustomParser = r => ParseWhole(r, "--replications"),
    };

    private static Option<ulong?> SeedOption() => new("--seed", "-s")
    {
        Description = "Master seed (overrides the scenario's simulation.seed).",
        CustomParser = ParseSeed,
    };

    private static Option<int> ThreadsOption() => new("--threads", "-t")
    {
        Description = "Worker threads for replications (default: all cores). Results do not depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        CustomParser = r => ParseWhole(r, "--threads") ?? 0, // 0 is never used: the parse has failed
    };

    // System.CommandLine's own message names the CLR type ("System.Nullable`1[System.Int32]"); these say it in words.
    private static int? ParseWhole(ArgumentResult result, string option)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, Inv, out int value))
        {
            return value;
        }

        result.AddError($"{option} expects a whole number, found '{token}'.");
        return null;
    }

    private static ulong? ParseSeed(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (ulong.TryParse(token, NumberStyles.None, Inv, out ulong value))
        {
            return value;
        }

        result.AddError(string.Create(Inv, $"--seed expects a whole number from 0 to {ulong.MaxValue}, found '{token}'."));
        return null;
    }

    private static Option<DirectoryInfo?> OutOption() => new("--out", "-o") { Description = "Output folder (default: out/<scenario name>)." };

    private static Command BuildRun(TextWriter stdout, TextWriter stderr, Option<bool> verbose, CancellationToken interrupt)
    {
        var scenarioArg = ScenarioArgument();
        var reps = ReplicationsOption();
        var seed = SeedOption();
        var threads = ThreadsOption();
        var outDir = OutOption();
        var noCharts = new Option<bool>("--no-charts") { Description = "Skip the PNG charts." };
        var capacity = new Option<bool>("--capacity") { Description = "Also search each year's service capacity, ceiling and counterfactual bottleneck." };
        var capacityReps = new Option<int?>("--capacity-replications")
        {
            Description = "Replications of each year's capacity search (default 4); implies --capacity.",
            CustomParser = r => ParseWhole(r, "--capacity-replications"),
        };
        var shardOpt = ShardOption();
        var shardsOpt = ShardsOption();
        var records = RecordsOption();
        var cmd = new Command("run", "Run a scenario: replications, the year-by-year projection, summary.json, CSV tables and PNG charts.")
        {
            scenarioArg, reps, seed, threads, outDir, noCharts, capacity, capacityReps, shardOpt, shardsOpt, records,
        };
        var events = new EventOptions();
        foreach (Option o in events.All)
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(parse => Guard(stderr, parse.GetValue(verbose), () =>
        {
            ProjectionOptions options = Options(parse.GetValue(reps), parse.GetValue(seed), parse.GetValue(threads));
            if (parse.GetValue(capacity) || parse.GetValue(capacityReps) is not null)
            {
                options = options with { Capacity = CapacityOptionsOf(parse.GetValue(capacityReps)) };
            }

            ShardSpec? shard = ResolveShard(parse.GetValue(shardOpt), parse.GetValue(shardsOpt), Environment.GetEnvironmentVariable);
            (Scenario scenario, ScenarioSource source) = LoadScenarioSource(parse.GetValue(scenarioArg)!);
            using EventRequest? eventLog = EventRequestOf(parse, events, options.Replications ?? scenario.Simulation.Replications, scenario.Name, options.Seed ?? scenario.Simulation.Seed);
            if (shard is not null && eventLog is not null)
            {
                throw new UsageException("--events and --ocel log one replication of an unsharded run; run it without --shard (a shard may not hold that replication).");
            }

            RunInfo info = RunInfoOf(source, scenario, options);
            using OutputFolder output = OutputFolder.Prepare(parse.GetValue(outDir)?.FullName ?? OutputFolder.DefaultFor(scenario.Name, ShardSuffix(shard)),
                ("--events", eventLog?.ParquetPath), ("--ocel", eventLog?.OcelPath), ("--records", parse.GetValue(records)?.FullName));
            if (shard is { } part && options.Capacity is { } search)
            {
                return RunCapacityShard(stdout, stderr, info, part, scenario, options, search, output, parse.GetValue(records), interrupt);
            }

            if (shard is { } rowsOnly)
            {
                ScenarioDesign design = Projection.Design(scenario, options);
                return RunShard(stdout, stderr, info, rowsOnly, design.Rows, scenario.Simulation.Years,
                    (rows, progress) => (Runner.Run(design, rows, options.MaxThreads, progress, interrupt, keepStopped: true), null), 1,
                    output, parse.GetValue(records), null, interrupt);
            }

            return Run(stdout, stderr, scenario, WithEvents(options, eventLog), output, !parse.GetValue(noCharts), info, parse.GetValue(records), null, interrupt, eventLog);
        }));
        return cmd;
    }

    private static Command BuildSweep(TextWriter stdout, TextWriter stderr, Option<bool> verbose, CancellationToken interrupt)
    {
        var scenarioArg = ScenarioArgument();
        var vary = new Option<string[]>("--vary")
        {
            Description = "PATH=a..b[:step] or PATH=v1,v2,… (one or two), e.g. vesselLegs[ferry:kuryk-alat].vessels=4..8 or ports[port:kuryk].berths=2..6:2.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var reps = ReplicationsOption();
        var seed = SeedOption();
        var threads = ThreadsOption();
        var outDir = OutOption();
        var shardOpt = ShardOption();
        var shardsOpt = ShardsOption();
        var records = RecordsOption();
        var cmd = new Command("sweep", "Vary one or two parameters over a grid with common random numbers and report the response.")
        {
            scenarioArg, vary, reps, seed, threads, outDir, shardOpt, shardsOpt, records,
        };
        cmd.SetAction(parse => Guard(stderr, parse.GetValue(verbose), () =>
        {
            string[] specs = parse.GetValue(vary) ?? [];
            if (specs.Length is < 1 or > 2)
            {
                throw new UsageException($"--vary must be given once or twice, found {specs.Length}.");
            }

            var parameters = new List<SweepParameter>();
            foreach (string spec in specs)
            {
                try
                {
                    parameters.Add(SweepParameter.Parse(spec));
                }
                catch (ArgumentException ex)
                {
                    throw new UsageException(Plain(ex));
                }
            }

            ProjectionOptions options = Options(parse.GetValue(reps), parse.GetValue(seed), parse.GetValue(threads));
            ShardSpec? shard = ResolveShard(parse.GetValue(shardOpt), parse.GetValue(shardsOpt), Environment.GetEnvironmentVariable);
            (Scenario scenario, ScenarioSource source) = LoadScenarioSource(parse.GetValue(scenarioArg)!);
            CheckSweepPaths(scenario, parameters);
            RunInfo info = RunInfoOf(source, scenario, options) with { Command = "sweep", Vary = specs };
            using OutputFolder output = OutputFolder.Prepare(parse.GetValue(outDir)?.FullName ?? OutputFolder.DefaultFor(scenario.Name, "-sweep" + ShardSuffix(shard)),
                ("--records", parse.GetValue(records)?.FullName));
            if (shard is { } part)
            {
                (List<double[]> grid, ScenarioDesign design) = Sweep.Design(scenario, parameters, options);
                return RunShard(stdout, stderr, info, part, design.Rows, scenario.Simulation.Years,
                    (rows, progress) => (Runner.Run(design, rows, options.MaxThreads, progress, interrupt), null), 1,
                    output, parse.GetValue(records), SweepColumns(parameters, grid), interrupt);
            }

            return RunSweep(stdout, stderr, scenario, parameters, options, output, info, parse.GetValue(records), null, interrupt);
        }));
        return cmd;
    }

    /// <summary>The options of run and sweep, checked here so that a bad value is invalid input (exit 2), not a failed run.</summary>
    private static ProjectionOptions Options(int? replications, ulong? seed, int threads)
    {
        if (threads < 1)
        {
            throw new UsageException(string.Create(Inv, $"--threads must be at least 1, found {threads}."));
        }

        if (replications is < 1 or > SimulationSettings.MaxReplications)
        {
            throw new UsageException(string.Create(Inv, $"--replications must be within 1..{SimulationSettings.MaxReplications}, found {replications}."));
        }

        return new ProjectionOptions { Replications = replications, Seed = seed, MaxThreads = threads };
    }

    private static CapacityOptions CapacityOptionsOf(int? replications)
    {
        var options = new CapacityOptions();
        if (replications is { } r)
        {
            if (r is < 1 or > CapacityOptions.MaxReplications)
            {
                throw new UsageException(string.Create(Inv, $"--capacity-replications must be within 1..{CapacityOptions.MaxReplications}, found {r}."));
            }

            options = options with { Replications = r };
        }

        return options;
    }

    private static Scenario LoadScenario(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
        {
            throw new UsageException($"the scenario '{file.FullName}' is a folder; expected a scenario file (JSON).");
        }

        if (!file.Exists)
        {
            throw new UsageException($"scenario file not found: '{file.FullName}'.");
        }

        return ScenarioLoader.Load(file.FullName);
    }

    /// <summary>Applies every grid value once before anything runs, so an unknown id or a fractional count is invalid input (exit 2).</summary>
    private static void CheckSweepPaths(Scenario scenario, List<SweepParameter> parameters)
    {
        try
        {
            foreach (SweepParameter p in parameters)
            {
                foreach (double v in p.Values)
                {
                    p.Apply(scenario, v);
                }
            }
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(Plain(ex));
        }
    }

    /// <summary>
    /// Checks the summary.json just written against the embedded schema (v<see cref="SummaryWriter.SchemaVersion"/>):
    /// the CLI vouches for its own output. Success, or Failure with every error on stderr.
    /// </summary>
    internal static int CheckSummary(string summaryPath, TextWriter stdout, TextWriter stderr, string? shownPath = null)
    {
        IReadOnlyList<string> errors = SummaryCheck.Validate(File.ReadAllText(summaryPath));
        if (errors.Count == 0)
        {
            stdout.WriteLine(string.Create(Inv, $"summary.json conforms to schema v{SummaryWriter.SchemaVersion}."));
            return Program.Success;
        }

        stderr.WriteLine(string.Create(Inv, $"error: {shownPath ?? summaryPath} does not conform to schema v{SummaryWriter.SchemaVersion} ({errors.Count} error(s)); this is a bug in corridorsim:"));
        foreach (string e in errors)
        {
            stderr.WriteLine("  " + e);
        }

        return Program.Failure;
    }

    /// <summary>Writes summary.json into the output's staging folder and checks it against the schema; false (errors on stderr) when it does not conform.</summary>
    private static bool WriteSummary(OutputFolder output, string json, TextWriter stdout, TextWriter stderr)
    {
        string summaryPath = output.File("summary.json");
        File.WriteAllText(summaryPath, json);
        return CheckSummary(summaryPath, stdout, stderr, Path.Combine(output.Target, "summary.json")) == Program.Success;
    }

    /// <summary>The message without the " (Parameter 'name')" that .NET appends: the name is the library's, not the user's.</summary>
    private static string Plain(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;

    /// <summary>Runs an action, mapping invalid input to exit code 2 and anything else to 1, never a stack trace unless verbose.</summary>
    private static int Guard(TextWriter stderr, bool verbose, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ScenarioException ex)
        {
            stderr.WriteLine($"error: the scenario is invalid ({ex.Errors.Count} error(s)); the run did not start:");
            foreach (string line in ex.ReportLines())
            {
                stderr.WriteLine("  " + line);
            }

            return Program.InvalidInput;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return Program.InvalidInput;
        }
        catch (ArgumentException ex) when (ex.ParamName is null || ex.ParamName == "parameters")
        {
            stderr.WriteLine("error: " + Plain(ex));
            return Program.InvalidInput;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: a message, never a raw stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine("error: " + ex.Message);
            if (verbose)
            {
                stderr.WriteLine(ex.ToString());
            }
            else
            {
                stderr.WriteLine("(run with --verbose for details)");
            }

            return Program.Failure;
        }
    }

    private static IAnsiConsole Console(TextWriter stdout)
    {
        bool interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Wide enough that the projection table does not wrap its bottleneck column in a log file.
            console.Profile.Width = 160;
        }

        return console;
    }

    private static T RunWithProgress<T>(IAnsiConsole console, TextWriter stdout, string label, int total, Func<IProgress<int>, T> run)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            T result = default!;
            // The bar's own columns show the elapsed and remaining time; the description carries done out of total.
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask(ProgressText.Count(label, 0, total), maxValue: total);
                    result = run(new Progress<int>(done =>
                    {
                        task.Value = done;
                        task.Description = ProgressText.Count(label, done, total);
                    }));
                    task.Value = total;
                });
            return result;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reporter = new ProgressText(total);
        var lockObject = new object();
        return run(new SynchronousProgress(done =>
        {
            lock (lockObject)
            {
                if (reporter.ShouldReport(done))
                {
                    stdout.WriteLine("  " + ProgressText.Line(label, done, total, clock.Elapsed));
                }
            }
        }));
    }

    /// <summary>
    /// Tells the user, on Ctrl-C, what was and was not written: nothing reaches the output folder before the commit,
    /// so an interrupted run leaves the previous contents as they were.
    /// </summary>
    private static int Interrupted(TextWriter stderr, OutputFolder output, IEnumerable<string> planned)
    {
        stderr.WriteLine($"interrupted: nothing was written to {output.Target} (not written: {string.Join(", ", planned)}); what was there before is unchanged.");
        return Program.Interrupted;
    }

    private static int Run(TextWriter stdout, TextWriter stderr, Scenario scenario, ProjectionOptions options, OutputFolder output, bool charts,
        RunInfo info, FileInfo? recordsFile, RowRecord[]? merged, CancellationToken interrupt, EventRequest? eventLog = null,
        IReadOnlyList<YearSearches>? mergedCapacity = null)
    {
        IAnsiConsole console = Console(stdout);
        SimulationSettings sim = scenario.Simulation;
        int replications = options.Replications ?? sim.Replications;
        string[] planned = ["summary.json", "years.csv", "components.csv", "flows.csv", .. charts ? Report.ChartNames : []];
        stdout.WriteLine(string.Create(Inv,
            $"Scenario {scenario.Name}: {sim.StartYear}–{sim.StartYear + sim.Years - 1}, {replications} replications, seed {options.Seed ?? sim.Seed}, {options.MaxThreads} thread(s)."));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? partialReason;
        try
        {
            ScenarioDesign design = Projection.Design(scenario, options);
            RowRecord[] records = merged ?? [];
            ProjectionResult result = merged is not null
                ? Projection.Analyse(scenario, options, merged, null, interrupt, mergedCapacity)
                : RunWithProgress(console, stdout, options.Capacity is null ? "replications" : "replications and capacity searches",
                    Projection.Steps(scenario, options), progress =>
                    {
                        records = Runner.Run(design, options.MaxThreads, progress, interrupt, keepStopped: true);
                        return Projection.Analyse(scenario, options, records, progress, interrupt);
                    });
            clock.Stop();

            Report.PrintProjection(console, stdout, scenario, result);
            if (!WriteSummary(output, WithRunSection(SummaryWriter.ToJson(result), info), stdout, stderr))
            {
                return Program.Failure;
            }

            interrupt.ThrowIfCancellationRequested();
            SummaryWriter.WriteCsv(result, output.Staging);
            _ = output.File("years.csv");
            _ = output.File("components.csv");
            _ = output.File("flows.csv");
            if (result.Capacity is not null)
            {
                _ = output.File("capacity.csv");
            }

            if (charts)
            {
                Report.WriteCharts(output, scenario, result, interrupt);
            }

            interrupt.ThrowIfCancellationRequested();
            output.Commit();
            WriteRecords(recordsFile, records, null, sim.Years, null, stdout);
            partialReason = result.PartialReason;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Interrupted(stderr, output, planned);
        }

        stdout.WriteLine(string.Create(Inv, $"Wrote {string.Join(", ", output.Written)} to {output.Target} ({clock.Elapsed.TotalSeconds:F1} s of simulation)."));
        WriteEvents(stdout, stderr, eventLog);
        if (partialReason is { } reason)
        {
            stderr.WriteLine($"error: the run stopped early, and its outputs are partial (summary.json says \"partial\": true): {reason}");
            return Program.Failure;
        }

        return Program.Success;
    }

    private static int RunSweep(TextWriter stdout, TextWriter stderr, Scenario scenario, List<SweepParameter> parameters, ProjectionOptions options,
        OutputFolder output, RunInfo info, FileInfo? recordsFile, RowRecord[]? merged, CancellationToken interrupt)
    {
        IAnsiConsole console = Console(stdout);
        int points = parameters.Aggregate(1, (n, p) => n * p.Values.Count);
        int replications = options.Replications ?? scenario.Simulation.Replications;
        stdout.WriteLine(string.Create(Inv, $"Sweep of {scenario.Name}: {points} grid point(s) × {replications} replications, common random numbers (seed {options.Seed ?? scenario.Simulation.Seed})."));
        try
        {
            (List<double[]> grid, ScenarioDesign design) = Sweep.Design(scenario, parameters, options);
            // The runner reports replications finished across all points; a point is done after each multiple of the replications.
            RowRecord[] records = merged ?? RunWithProgress(console, stdout, "grid points", points,
                progress => Runner.Run(design, options.MaxThreads, new SynchronousProgress(done =>
                {
                    if (done % replications == 0)
                    {
                        progress.Report(done / replications);
                    }
                }), interrupt));
            SweepResult result = SweepAnalysis.Tabulate(scenario, parameters, grid, design, records);
            File.WriteAllText(output.File("sweep.csv"), SweepWriter.ToCsv(result));
            File.WriteAllText(output.File("sweep.json"), WithRunSection(SweepWriter.ToJson(result), info));
            Report.PrintSweep(console, scenario, parameters, result);
            interrupt.ThrowIfCancellationRequested();
            Report.WriteSweepChart(output.File("sweep.png"), scenario, parameters, result);
            interrupt.ThrowIfCancellationRequested();
            output.Commit();
            WriteRecords(recordsFile, records, null, scenario.Simulation.Years, SweepColumns(parameters, grid), stdout);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Interrupted(stderr, output, ["sweep.csv", "sweep.json", "sweep.png"]);
        }

        stdout.WriteLine($"Wrote {string.Join(", ", output.Written)} to {output.Target}.");
        return Program.Success;
    }

    /// <summary>Reports progress on the calling thread (no SynchronizationContext posting), so output order is stable.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

/// <summary>Bad command-line usage (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
