using System.CommandLine;
using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using Spectre.Console;

namespace CorridorSim.Cli;

/// <summary>The study command: an uncertainty study of a scenario's <c>uncertainty</c> section.</summary>
internal static partial class Commands
{
    private static Command BuildStudy(TextWriter stdout, TextWriter stderr, Option<bool> verbose, CancellationToken interrupt)
    {
        var scenarioArg = ScenarioArgument();
        var samples = new Option<int?>("--samples", "-n")
        {
            Description = "Samples (overrides the scenario's uncertainty.samples; base samples with the saltelli design).",
            CustomParser = r => ParseWhole(r, "--samples"),
        };
        var reps = new Option<int?>("--replications", "-r")
        {
            Description = "Replications per sample (overrides uncertainty.replications; 2 or more split the variance into epistemic and aleatory).",
            CustomParser = r => ParseWhole(r, "--replications"),
        };
        var seed = SeedOption();
        var threads = ThreadsOption();
        var outDir = OutOption();
        var noCapacity = new Option<bool>("--no-capacity") { Description = "Study delivered tons only: no capacity search (much faster)." };
        var noCharts = new Option<bool>("--no-charts") { Description = "Skip the PNG charts." };
        var shardOpt = ShardOption();
        var shardsOpt = ShardsOption();
        var records = RecordsOption();
        var cmd = new Command("study", "Sample the scenario's uncertain inputs: P(capacity ≥ target) and P(delivered ≥ target) per year with intervals, the first year met, sensitivity and scenario discovery.")
        {
            scenarioArg, samples, reps, seed, threads, outDir, noCapacity, noCharts, shardOpt, shardsOpt, records,
        };
        cmd.SetAction(parse => Guard(stderr, parse.GetValue(verbose), () =>
        {
            int t = parse.GetValue(threads);
            if (t < 1)
            {
                throw new UsageException(string.Create(Inv, $"--threads must be at least 1, found {t}."));
            }

            if (parse.GetValue(reps) is { } r && r is < 1 or > 1000)
            {
                throw new UsageException(string.Create(Inv, $"--replications must be within 1..1000, found {r}."));
            }

            if (parse.GetValue(samples) is { } n && (n < 1 || n > UncertaintyDefinition.MaxSamples))
            {
                throw new UsageException(string.Create(Inv, $"--samples must be within 1..{UncertaintyDefinition.MaxSamples}, found {n}."));
            }

            var options = new StudyOptions
            {
                Samples = parse.GetValue(samples),
                Replications = parse.GetValue(reps),
                Seed = parse.GetValue(seed),
                MaxThreads = t,
                Capacity = parse.GetValue(noCapacity) ? null : StudyOptions.DefaultCapacity,
            };
            ShardSpec? shard = ResolveShard(parse.GetValue(shardOpt), parse.GetValue(shardsOpt), Environment.GetEnvironmentVariable);
            FileInfo file = parse.GetValue(scenarioArg)!;
            (Scenario scenario, ScenarioSource source) = LoadScenarioSource(file);
            CheckStudy(scenario, options, file.Name);
            RunInfo info = StudyInfoOf(source, scenario, options);
            using OutputFolder output = OutputFolder.Prepare(parse.GetValue(outDir)?.FullName ?? OutputFolder.DefaultFor(scenario.Name, "-study" + ShardSuffix(shard)),
                ("--records", parse.GetValue(records)?.FullName));
            if (shard is { } part)
            {
                StudyDesign design = Study.Design(scenario, options);
                return RunShard(stdout, stderr, info, part, design.Rows, scenario.Simulation.Years,
                    (rows, progress) => Study.RunRows(design, scenario, options, rows, progress, interrupt), options.Capacity is null ? 1 : 1 + scenario.Simulation.Years,
                    output, parse.GetValue(records), StudyColumns(design), interrupt);
            }

            return RunStudy(stdout, stderr, scenario, options, output, !parse.GetValue(noCharts), info, parse.GetValue(records), null, interrupt);
        }));
        return cmd;
    }

    /// <summary>Every reason the study cannot run, as invalid input (exit 2) before anything runs.</summary>
    private static void CheckStudy(Scenario scenario, StudyOptions options, string fileName)
    {
        IReadOnlyList<ScenarioError> errors = Study.Check(scenario, options);
        if (errors.Count > 0)
        {
            throw new ScenarioException([.. errors.Select(e => e with { File = fileName })]);
        }
    }

    private static string Word(SampleDesign design) => design switch
    {
        SampleDesign.Sobol => "Sobol",
        SampleDesign.Saltelli => "Saltelli",
        _ => "Latin hypercube",
    };

    private static int RunStudy(TextWriter stdout, TextWriter stderr, Scenario scenario, StudyOptions options, OutputFolder output, bool charts,
        RunInfo info, FileInfo? recordsFile, (RowRecord[] Records, SearchResult?[]? Searches)? merged, CancellationToken interrupt)
    {
        IAnsiConsole console = Console(stdout);
        UncertaintyDefinition u = scenario.Uncertainty!;
        int n = options.Samples ?? u.Samples, reps = options.Replications ?? u.Replications;
        SimulationSettings sim = scenario.Simulation;
        stdout.WriteLine(string.Create(Inv,
            $"Study of {scenario.Name}: {u.Inputs.Count} uncertain inputs, {n} {Word(u.Design)} samples × {reps} replication(s), {sim.StartYear}–{sim.StartYear + sim.Years - 1}, seed {options.Seed ?? sim.Seed}, {options.MaxThreads} thread(s){(options.Capacity is null ? ", no capacity search" : ", capacity searched per sample and year")}."));
        string[] planned = ["summary.json", "years.csv", "components.csv", "flows.csv", "study.csv", "samples.csv", "sensitivity.csv", .. charts ? StudyReport.ChartNames : []];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            StudyDesign design = Study.Design(scenario, options);
            (RowRecord[] Records, SearchResult?[]? Searches) rows = merged ?? RunWithProgress(console, stdout, options.Capacity is null ? "sample runs" : "sample runs and capacity searches",
                Study.Steps(scenario, options), progress => Study.RunRows(design, scenario, options, design.Rows, progress, interrupt));
            StudyResult result = Study.Analyse(scenario, options, design, rows.Records, rows.Searches);
            clock.Stop();
            StudyReport.Print(console, stdout, scenario, result);
            if (!WriteSummary(output, WithRunSection(SummaryWriter.ToJson(result), info), stdout, stderr))
            {
                return Program.Failure;
            }

            interrupt.ThrowIfCancellationRequested();
            StudyWriter.WriteCsv(result, output.Staging);
            foreach (string table in new[] { "years.csv", "components.csv", "flows.csv", "study.csv", "samples.csv", "sensitivity.csv" })
            {
                _ = output.File(table);
            }

            if (result.Projection.Capacity is not null)
            {
                _ = output.File("capacity.csv");
            }

            if (charts)
            {
                StudyReport.WriteCharts(output, scenario, result, interrupt);
            }

            interrupt.ThrowIfCancellationRequested();
            output.Commit();
            WriteRecords(recordsFile, rows.Records, rows.Searches, sim.Years, StudyColumns(design), stdout);
            stdout.WriteLine(string.Create(Inv,
                $"Wrote {string.Join(", ", output.Written)} to {output.Target} ({clock.Elapsed.TotalSeconds:F1} s of simulation, {result.SimulatedYears} simulated corridor-years)."));
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Interrupted(stderr, output, planned);
        }

        return Program.Success;
    }
}
