using System.CommandLine;
using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using ScottPlot;
using Spectre.Console;

namespace CorridorSim.Cli;

/// <summary>The plan command: the cheapest dated investments of a scenario's <c>plan</c> menu that reach the target.</summary>
internal static partial class Commands
{
    private static Command BuildPlan(TextWriter stdout, TextWriter stderr, Option<bool> verbose, CancellationToken interrupt)
    {
        var scenarioArg = ScenarioArgument();
        var samples = new Option<int?>("--samples", "-n")
        {
            Description = "Samples every candidate plan is evaluated on (overrides plan.samples).",
            CustomParser = r => ParseWhole(r, "--samples"),
        };
        var confirm = new Option<int?>("--confirm-samples")
        {
            Description = "Fresh samples the chosen plan is confirmed on (overrides plan.confirmSamples).",
            CustomParser = r => ParseWhole(r, "--confirm-samples"),
        };
        var seed = SeedOption();
        var threads = ThreadsOption();
        var outDir = OutOption();
        var noCharts = new Option<bool>("--no-charts") { Description = "Skip the PNG charts." };
        var shardOpt = ShardOption();
        var shardsOpt = ShardsOption();
        var cmd = new Command("plan", "Find the cheapest dated investments of the scenario's plan menu that reach P(service capacity ≥ target in the target year) ≥ p, confirmed on fresh samples.")
        {
            scenarioArg, samples, confirm, seed, threads, outDir, noCharts, shardOpt, shardsOpt,
        };
        cmd.SetAction(parse => Guard(stderr, parse.GetValue(verbose), () =>
        {
            int t = parse.GetValue(threads);
            if (t < 1)
            {
                throw new UsageException(string.Create(Inv, $"--threads must be at least 1, found {t}."));
            }

            foreach ((int? v, string name) in new[] { (parse.GetValue(samples), "--samples"), (parse.GetValue(confirm), "--confirm-samples") })
            {
                if (v is < 1 or > 10_000)
                {
                    throw new UsageException(string.Create(Inv, $"{name} must be within 1..10000, found {v}."));
                }
            }

            var options = new PlanOptions { Samples = parse.GetValue(samples), ConfirmSamples = parse.GetValue(confirm), Seed = parse.GetValue(seed), MaxThreads = t };
            ShardSpec? shard = ResolveShard(parse.GetValue(shardOpt), parse.GetValue(shardsOpt), Environment.GetEnvironmentVariable);
            FileInfo file = parse.GetValue(scenarioArg)!;
            (Scenario scenario, ScenarioSource source) = LoadScenarioSource(file);
            CheckPlan(scenario, options, file.Name);
            if (shard is not null && Planner.WhyNotShardable(scenario) is { } why)
            {
                throw new UsageException($"{file.Name}: {why}");
            }

            using OutputFolder output = OutputFolder.Prepare(parse.GetValue(outDir)?.FullName ?? OutputFolder.DefaultFor(scenario.Name, "-plan" + ShardSuffix(shard)));
            RunInfo info = PlanInfoOf(source, scenario, options);
            return shard is null
                ? RunPlan(stdout, stderr, scenario, options, output, !parse.GetValue(noCharts), info, null, interrupt)
                : RunPlanShard(stdout, stderr, scenario, options, shard, output, info, interrupt);
        }));
        return cmd;
    }

    /// <summary>Every reason the plan cannot run, as invalid input (exit 2) before anything runs.</summary>
    private static void CheckPlan(Scenario scenario, PlanOptions options, string fileName)
    {
        IReadOnlyList<ScenarioError> errors = Planner.Check(scenario, options);
        if (errors.Count > 0)
        {
            throw new ScenarioException([.. errors.Select(e => e with { File = fileName })]);
        }
    }

    /// <summary>
    /// Runs a shard of an exhaustive plan: its (plan, sample) rows of <see cref="Planner.ShardDesign"/>, written as
    /// records and a manifest for <c>merge</c>, which chooses, confirms and projects.
    /// </summary>
    private static int RunPlanShard(TextWriter stdout, TextWriter stderr, Scenario scenario, PlanOptions options, ShardSpec shard, OutputFolder output, RunInfo info, CancellationToken interrupt)
    {
        (IReadOnlyList<ulong> masks, int samples) = Planner.ShardDesign(scenario, options);
        int count = masks.Count * samples;
        int[] rows = [.. Enumerable.Range(0, count).Where(r => r % shard.Count == shard.Index)];
        stdout.WriteLine(string.Create(Inv, $"Shard {shard.Index}/{shard.Count} of {info.CommandLine}: {rows.Length} of {count} rows ({masks.Count} plans × {samples} samples)."));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            IReadOnlyList<PlanEvaluator.SampleResult> results = RunPlanWithProgress(Console(stdout), stdout, progress => Planner.RunShard(scenario, options, rows, progress, interrupt));
            clock.Stop();
            interrupt.ThrowIfCancellationRequested();
            PlanShardRecords.Write(output.File(ShardRecordsName), rows, masks, samples, results);
            WriteManifest(output, info, shard, count, rows, clock.Elapsed.TotalSeconds);
            interrupt.ThrowIfCancellationRequested();
            output.Commit();
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Interrupted(stderr, output, [ShardRecordsName, ManifestName]);
        }

        stdout.WriteLine(string.Create(Inv, $"Wrote {string.Join(", ", output.Written)} to {output.Target} ({clock.Elapsed.TotalSeconds:F1} s of simulation); merge every shard with `{ToolName} merge`, which chooses the plan, confirms it and projects it."));
        return Program.Success;
    }

    /// <summary>Runs the plan (or, with <paramref name="merged"/>, finishes it from every shard's rows) and writes its outputs.</summary>
    private static int RunPlan(TextWriter stdout, TextWriter stderr, Scenario scenario, PlanOptions options, OutputFolder output, bool charts, RunInfo info,
        IReadOnlyList<PlanEvaluator.SampleResult>? merged, CancellationToken interrupt)
    {
        IAnsiConsole console = Console(stdout);
        PlanDefinition plan = scenario.Plan!;
        int n = options.Samples ?? plan.Samples, m = options.ConfirmSamples ?? plan.ConfirmSamples;
        stdout.WriteLine(string.Create(Inv,
            $"Plan for {scenario.Name}: {plan.Candidates.Count} candidates, {(plan.Search == PlanSearch.Greedy ? "greedy" : "exhaustive")} search for P(capacity ≥ {scenario.Simulation.TargetTons / 1e6:0.##} Mt in {plan.TargetYear}{(plan.ThroughYear > plan.TargetYear ? $"–{plan.ThroughYear}" : string.Empty)}) ≥ {plan.Probability:0.##} on {n} samples, confirmed on {m}; seed {options.Seed ?? scenario.Simulation.Seed}, {options.MaxThreads} thread(s)."));
        string[] planned = ["summary.json", "years.csv", "components.csv", "flows.csv", "plan.csv", "plan-items.csv", .. charts ? (string[])["plan.png"] : []];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            PlanResult result = RunPlanWithProgress(console, stdout, progress => merged is null
                ? Planner.Run(scenario, options, progress, interrupt)
                : Planner.Merge(scenario, options, merged, progress, interrupt));
            clock.Stop();
            PrintPlan(console, stdout, result);
            if (!WriteSummary(output, WithRunSection(SummaryWriter.ToJson(result), info), stdout, stderr))
            {
                return Program.Failure;
            }

            interrupt.ThrowIfCancellationRequested();
            PlanWriter.WriteCsv(result, output.Staging);
            foreach (string table in new[] { "years.csv", "components.csv", "flows.csv", "plan.csv", "plan-items.csv" })
            {
                _ = output.File(table);
            }

            if (result.Projection.Capacity is not null)
            {
                _ = output.File("capacity.csv");
            }

            if (charts)
            {
                CurveChart(output.File("plan.png"), result);
            }

            interrupt.ThrowIfCancellationRequested();
            output.Commit();
            stdout.WriteLine(string.Create(Inv,
                $"Wrote {string.Join(", ", output.Written)} to {output.Target} ({clock.Elapsed.TotalSeconds:F1} s, {result.SimulatedYears} simulated corridor-years: {result.SearchYears} in capacity searches, {result.TriggerYears} deciding triggers, {result.SimulatedYears - result.SearchYears - result.TriggerYears} in the projection)."));
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Interrupted(stderr, output, planned);
        }

        return Program.Success;
    }

    private static T RunPlanWithProgress<T>(IAnsiConsole console, TextWriter stdout, Func<IProgress<PlanProgress>, T> run)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            T result = default!;
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask("capacity searches", maxValue: 1);
                    result = run(new PlanReporter(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape(string.Create(Inv, $"{p.Stage}: searches {p.Done}/{p.Total}"));
                    }));
                });
            return result;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? stage = null;
        var gate = new object();
        return run(new PlanReporter(p =>
        {
            lock (gate)
            {
                // One line per stage as it starts and one as it ends, so a log gets the search's steps with their times.
                if (p.Stage != stage || p.Done == p.Total)
                {
                    stdout.WriteLine("  " + ProgressText.Line(p.Stage + ": capacity searches", p.Done, p.Total, clock.Elapsed));
                    stage = p.Done == p.Total ? null : p.Stage;
                }
            }
        }));
    }

    private sealed class PlanReporter(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }

    private static string Month(DateTime? d) => d?.ToString("yyyy-MM", Inv) ?? "not built";

    private static string Money(double usd) => double.IsFinite(usd) ? "$" + (usd / 1e6).ToString("#,0.0", Inv) + " M" : "–";

    private static string PlanName(PlanEvaluation p) => p.Candidates.Count == 0 ? "no investment" : string.Join(" + ", p.Candidates);

    private static string Chance(PlanEvaluation p) => string.Create(Inv, $"{p.Probability:0.00} ({p.ProbabilityLow:0.00}–{p.ProbabilityHigh:0.00}, {p.Samples} samples)");

    private static void PrintPlan(IAnsiConsole console, TextWriter stdout, PlanResult r)
    {
        string years = r.ThroughYear > r.TargetYear ? string.Create(Inv, $"every year {r.TargetYear}–{r.ThroughYear}") : r.TargetYear.ToString(Inv);
        string target = string.Create(Inv, $"{r.TargetTons / 1e6:0.##} Mt");
        var table = new Table().Title(Markup.Escape($"{r.ScenarioName}: the plan for P(capacity ≥ {target} in {years}) ≥ {r.RequiredProbability:0.##}"));
        table.AddColumns("investment", "start", "promised", "median done", "capex", "expected cost", "system gain, Mt/yr", "$ per t/yr");
        foreach (PlanItem i in r.Items)
        {
            string name = i.Trigger is { } rule ? string.Create(Inv, $"{i.Name} (when {rule}; starts in {i.StartedShare:P0} of samples)") : i.Name;
            table.AddRow(Markup.Escape(name), Month(i.Start), Month(i.Promised), Month(i.MedianCompletion),
                Money(i.CapexUsd), Money(i.CostUsd), (i.SystemGainTons / 1e6).ToString("0.00", Inv), double.IsFinite(i.UsdPerTonYear) ? i.UsdPerTonYear.ToString("0.0", Inv) : "–");
        }

        console.Write(table);
        stdout.WriteLine(string.Create(Inv, $"Without investment: P = {Chance(r.Baseline)}, mean capacity {r.Baseline.MeanCapacityTons / 1e6:0.00} Mt."));
        stdout.WriteLine(string.Create(Inv, $"Chosen plan: {PlanName(r.Chosen)}, expected cost {Money(r.Chosen.CostUsd)} (capex {Money(r.Chosen.CapexUsd)}); P = {Chance(r.Chosen)} on the search's samples, mean capacity {r.Chosen.MeanCapacityTons / 1e6:0.00} Mt."));
        stdout.WriteLine(string.Create(Inv, $"Confirmed on fresh samples: P = {Chance(r.Confirmed)}."));
        if (r.NotReachedReason is { } reason)
        {
            stdout.WriteLine(reason);
        }

        var curve = new Table().Title("Cost–probability curve (plans no cheaper plan matches), with regret vs the best compared plan per sample");
        curve.AddColumns("expected cost", "P (95 % interval)", "mean capacity, Mt", "mean regret, Mt", "max regret, Mt", "plan");
        foreach (PlanEvaluation p in r.Curve)
        {
            curve.AddRow(Money(p.CostUsd), Markup.Escape(Chance(p)), (p.MeanCapacityTons / 1e6).ToString("0.00", Inv), (p.MeanRegretTons / 1e6).ToString("0.00", Inv), (p.MaxRegretTons / 1e6).ToString("0.00", Inv), Markup.Escape(PlanName(p)));
        }

        console.Write(curve);
        stdout.WriteLine(string.Create(Inv, $"{r.Evaluated.Count} plans evaluated in {r.Steps.Count} steps ({string.Join("; ", r.Steps.Select(s => s.Changed.Length == 0 ? s.Action : s.Action + " " + s.Changed))})."));
    }

    /// <summary>plan.png: every plan evaluated as a point of expected cost and probability, the curve joined, the chosen plan marked.</summary>
    private static void CurveChart(string path, PlanResult r)
    {
        var plot = new Plot();
        var all = plot.Add.ScatterPoints(r.Evaluated.Select(p => p.CostUsd / 1e6).ToArray(), r.Evaluated.Select(p => p.Probability).ToArray());
        all.Color = Colors.Gray.WithAlpha(0.6);
        all.LegendText = "plans evaluated";
        var front = plot.Add.Scatter(r.Curve.Select(p => p.CostUsd / 1e6).ToArray(), r.Curve.Select(p => p.Probability).ToArray());
        front.Color = Colors.Navy;
        front.LineWidth = 2;
        front.ConnectStyle = ConnectStyle.StepHorizontal;
        front.LegendText = "best plan at each budget";
        var chosen = plot.Add.ScatterPoints(new[] { r.Chosen.CostUsd / 1e6 }, new[] { r.Chosen.Probability });
        chosen.Color = Colors.FireBrick;
        chosen.MarkerSize = 12;
        chosen.LegendText = string.Create(Inv, $"chosen (confirmed P {r.Confirmed.Probability:0.00})");
        var required = plot.Add.HorizontalLine(r.RequiredProbability);
        required.Color = Colors.FireBrick;
        required.LinePattern = LinePattern.Dashed;
        required.LegendText = string.Create(Inv, $"required P {r.RequiredProbability:0.##}");
        plot.Title(string.Create(Inv, $"{r.ScenarioName}: P(capacity ≥ {r.TargetTons / 1e6:0.#} Mt in {r.TargetYear}) by expected cost"));
        plot.XLabel("expected discounted cost, million USD");
        plot.YLabel("probability across samples");
        plot.Axes.SetLimitsY(-0.05, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1000, 560);
    }
}
