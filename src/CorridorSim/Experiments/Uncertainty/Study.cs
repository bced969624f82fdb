using System.Globalization;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// Uncertainty studies: the scenario's <see cref="Scenario.Uncertainty"/> inputs sampled by a space-filling design,
/// each sample's scenario run for its replications and, per year and replication, its service capacity searched;
/// summarised as probabilities of meeting the target with intervals, fans, the first year met, sensitivity, the
/// variance split and scenario discovery (<see cref="StudyResult"/>). A design plus analyses on the one pipeline:
/// rows by sample and replication, records in row order, so the result is bit-identical at any thread count.
/// </summary>
public static class Study
{
    /// <summary>Runs the study of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario, with an uncertainty section.</param>
    /// <param name="options">Overrides of the samples, replications and seed; the threads and the capacity search. Null: the scenario's.</param>
    /// <param name="progress">Told 1, 2, … <see cref="Steps"/> once each: the rows (samples × replications) in order, then the capacity searches.</param>
    /// <param name="ct">Cancels the study between simulated years.</param>
    /// <exception cref="ScenarioException">The study cannot run (<see cref="Check"/> lists every reason).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <exception cref="BacklogLimitException">A sample's backlog passed <see cref="SimulationSettings.MaxTonsInSystem"/>.</exception>
    public static StudyResult Run(Scenario scenario, StudyOptions? options = null, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new StudyOptions();
        StudyDesign design = Design(scenario, options);
        (RowRecord[] records, SearchResult?[]? searches) = RunRows(design, scenario, options, design.Rows, progress, ct);
        return Analyse(scenario, options, design, records, searches);
    }

    /// <summary>The study's design (its samples drawn and applied), after <see cref="Check"/>.</summary>
    /// <exception cref="ScenarioException">The study cannot run.</exception>
    internal static StudyDesign Design(Scenario scenario, StudyOptions options)
    {
        (UncertaintyDefinition u, ulong seed, double[][] values, Scenario[] samples) = Prepare(scenario, options);
        return new StudyDesign(samples, u.Replications, seed) { Values = values, Uncertainty = u };
    }

    /// <summary>
    /// Runs <paramref name="rows"/> (all of the design's, or a shard's) and, with a capacity search, each of their
    /// years' searches: search k·Y + y is year y of rows[k], with the row's index as its replication, so a row's
    /// searches are the same in any shard.
    /// </summary>
    internal static (RowRecord[] Records, SearchResult?[]? Searches) RunRows(StudyDesign design, Scenario scenario, StudyOptions options,
        IReadOnlyList<Row> rows, IProgress<int>? progress, CancellationToken ct)
    {
        RowRecord[] records = Runner.Run(design, rows, options.MaxThreads, progress, ct);
        SearchResult?[]? searches = null;
        if (options.Capacity is { } capacity)
        {
            int years = scenario.Simulation.Years;
            IProgress<int>? after = progress is null ? null : new OffsetProgress(progress, records.Length);
            searches = Runner.Map(records.Length * years, options.MaxThreads, k =>
            {
                if (ct.IsCancellationRequested)
                {
                    return null;
                }

                Row row = rows[k / years];
                Scenario s = design.Samples[row.Sample];
                int year = s.Simulation.StartYear + (k % years);
                return new[] { CapacitySearch.Run(s.Corridor, s.Simulation, year, row.Seed, row.Index, capacity, null, s.Simulation.TargetTons) };
            }, after, ct).Select(b => b[0]).ToArray();
        }

        return (records, searches);
    }

    /// <summary>The study's analyses of every row's records and searches, in row order (from one run or merged from shards).</summary>
    internal static StudyResult Analyse(Scenario scenario, StudyOptions options, StudyDesign design, RowRecord[] records, SearchResult?[]? searches) =>
        StudyAnalysis.Summarise(scenario, design.Uncertainty!, design.Rows[0].Seed, design.Values!, records, searches, options.Bootstrap);

    /// <summary>The progress steps <see cref="Run"/> reports: the rows, plus one capacity search per row and year.</summary>
    /// <exception cref="ArgumentException">The scenario has no uncertainty section.</exception>
    public static int Steps(Scenario scenario, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new StudyOptions();
        UncertaintyDefinition u = Effective(scenario, options)
            ?? throw new ArgumentException($"Scenario '{scenario.Name}' has no uncertainty section.", nameof(scenario));
        long rows = (long)SampleCount(u) * u.Replications;
        return (int)Math.Min(int.MaxValue, rows * (options.Capacity is null ? 1 : 1 + scenario.Simulation.Years));
    }

    /// <summary>
    /// Every reason the study of <paramref name="scenario"/> cannot run, each with its JSON path: no uncertainty
    /// section; the section's rules (references, fields per kind, distributions a kind cannot use); parameter paths
    /// that do not apply; out-of-range options; and any sample whose scenario is invalid (the first such samples, with
    /// their drawn values). Empty when it can run.
    /// </summary>
    public static IReadOnlyList<ScenarioError> Check(Scenario scenario, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new StudyOptions();
        var errors = new List<ScenarioError>();
        if (Effective(scenario, options) is not { } u)
        {
            errors.Add(new ScenarioError("$.uncertainty", "the scenario has no uncertainty section; a study needs the inputs it is unsure about (see docs/scenario-format.md#uncertainty)."));
            return errors;
        }

        var context = new ValidationContext(scenario.Corridor);
        context.CheckRanges("$.uncertainty", "the uncertainty section", u);
        errors.AddRange(context.Errors);
        errors.AddRange(UncertaintyRules.Check(scenario, u));
        if (options.Samples is { } n && (n < 1 || n > UncertaintyDefinition.MaxSamples))
        {
            errors.Add(new ScenarioError("$.uncertainty.samples", $"options.Samples must be within 1..{UncertaintyDefinition.MaxSamples}, found {n}."));
        }

        if (options.Bootstrap is < 1 or > 100_000)
        {
            errors.Add(new ScenarioError("$.uncertainty", $"options.Bootstrap must be within 1..100000, found {options.Bootstrap}."));
        }

        if (options.MaxThreads < 1)
        {
            errors.Add(new ScenarioError("$.uncertainty", $"options.MaxThreads must be at least 1, found {options.MaxThreads}."));
        }

        if (options.Capacity is { } capacity)
        {
            errors.AddRange(capacity.Problems().Select(p => new ScenarioError("$.uncertainty", p)));
        }

        for (int k = 0; k < u.Inputs.Count; k++)
        {
            if (u.Inputs[k] is { Kind: UncertainInputKind.Parameter, Path: { } path })
            {
                try
                {
                    StudySamples.Parameter(scenario, path, StudySamples.Value(u.Inputs[k], 0.5));
                }
                catch (ArgumentException e)
                {
                    errors.Add(new ScenarioError(Paths.Index("$.uncertainty.inputs", k) + ".path", Plain(e).Replace("Sweep path", "Path", StringComparison.Ordinal)));
                }
            }
        }

        try
        {
            Projection.Validate(scenario, new ProjectionOptions { Replications = u.Replications, MaxThreads = options.MaxThreads });
        }
        catch (ArgumentException e)
        {
            errors.Add(new ScenarioError("$.simulation", e.Message));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // Each sample's scenario must be as valid as a file would have to be: reported for the first few samples that are not.
        double[][] values = StudySamples.Values(u, options.Seed ?? scenario.Simulation.Seed);
        int bad = 0;
        for (int i = 0; i < values.Length; i++)
        {
            IReadOnlyList<ScenarioError> found;
            try
            {
                found = CorridorValidator.Validate(StudySamples.Apply(scenario, u, values[i]).Corridor, scenario.Simulation.SimulatedYears);
            }
            catch (ArgumentException e)
            {
                found = [new ScenarioError("$.uncertainty", Plain(e))];
            }

            if (found.Count > 0 && ++bad <= MaxSamplesReported)
            {
                string drawn = string.Join(", ", u.Inputs.Select((x, k) => x.Name + " = " + values[i][k].ToString("G6", CultureInfo.InvariantCulture)));
                errors.AddRange(found.Select(e => e with { Message = $"sample {i} ({drawn}): {e.Message}" }));
            }
        }

        if (bad > MaxSamplesReported)
        {
            errors.Add(new ScenarioError("$.uncertainty", $"… and {bad - MaxSamplesReported} more of the {values.Length} samples are invalid; narrow the distributions that reach the values above."));
        }

        return errors;
    }

    /// <summary>The message without the " (Parameter 'name')" .NET appends: the name is the library's, not the user's.</summary>
    private static string Plain(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;

    /// <summary>The most invalid samples whose errors <see cref="Check"/> lists one by one.</summary>
    private const int MaxSamplesReported = 3;

    private static (UncertaintyDefinition U, ulong Seed, double[][] Values, Scenario[] Samples) Prepare(Scenario scenario, StudyOptions options)
    {
        IReadOnlyList<ScenarioError> errors = Check(scenario, options);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        UncertaintyDefinition u = Effective(scenario, options)!;
        ulong seed = options.Seed ?? scenario.Simulation.Seed;
        double[][] values = StudySamples.Values(u, seed);
        return (u, seed, values, [.. values.Select(v => StudySamples.Apply(scenario, u, v))]);
    }

    /// <summary>The section with the options' samples and replications in force; null without a section.</summary>
    private static UncertaintyDefinition? Effective(Scenario scenario, StudyOptions options) => scenario.Uncertainty is { } u
        ? u with { Samples = options.Samples ?? u.Samples, Replications = options.Replications ?? u.Replications }
        : null;

    /// <summary>The samples a design of <paramref name="u"/> runs: N, or N·(k + 2) for Saltelli's.</summary>
    internal static int SampleCount(UncertaintyDefinition u) =>
        u.Design == SampleDesign.Saltelli ? u.Samples * (u.Inputs.Count + 2) : u.Samples;
}
