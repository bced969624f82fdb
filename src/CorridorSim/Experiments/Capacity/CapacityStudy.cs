using System.Collections.ObjectModel;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// The capacity of each year of a scenario: a search per (year, replication), then each year's bottleneck
/// candidates relieved one at a time and searched again in the same replications; summarised in task order, so the
/// result does not depend on the thread count.
/// </summary>
internal static class CapacityStudy
{
    /// <summary>The progress steps <see cref="Run"/> reports: one per search.</summary>
    public static int Steps(Scenario scenario, CapacityOptions options) => Steps(scenario, options, scenario.Simulation.Years);

    /// <summary>The progress steps <see cref="RunYears"/> reports for <paramref name="years"/> years: one per search.</summary>
    public static int Steps(Scenario scenario, CapacityOptions options, int years)
    {
        int relievable = scenario.Corridor.Components.Count(c => c.Relief is not null);
        return years * options.Replications * (1 + Math.Min(options.BottleneckCandidates, relievable));
    }

    /// <summary>Runs the searches of every simulated year of <paramref name="scenario"/> and summarises them.</summary>
    /// <param name="scenario">The scenario; its settings give the years, warm-up, target and service limit.</param>
    /// <param name="seed">The master seed of every probe.</param>
    /// <param name="options">The search's options.</param>
    /// <param name="maxThreads">The most searches run at once.</param>
    /// <param name="progress">Told 1, 2, … as searches finish (prefix order), up to <see cref="Steps(Scenario, CapacityOptions)"/>.</param>
    /// <param name="ct">Cancels between searches.</param>
    public static CapacityResult Run(Scenario scenario, ulong seed, CapacityOptions options, int maxThreads, IProgress<int>? progress, CancellationToken ct) =>
        Summarise(scenario, options, RunYears(scenario, seed, options, [.. Enumerable.Range(0, scenario.Simulation.Years)], maxThreads, progress, ct));

    /// <summary>
    /// Runs the searches of the simulated years <paramref name="yearIndices"/> (0-based, from the start year): each
    /// year's search in every capacity replication, then its bottleneck candidates relieved. A year's searches depend
    /// on no other year's, so a shard can run some years and a merge summarise them all.
    /// </summary>
    public static YearSearches[] RunYears(Scenario scenario, ulong seed, CapacityOptions options, IReadOnlyList<int> yearIndices, int maxThreads,
        IProgress<int>? progress, CancellationToken ct)
    {
        SimulationSettings settings = scenario.Simulation;
        CorridorDefinition corridor = scenario.Corridor;
        int years = yearIndices.Count, reps = options.Replications;
        int Year(int y) => settings.StartYear + yearIndices[y];

        SearchResult?[] baseline = Runner.Map(years * reps, maxThreads,
            k => ct.IsCancellationRequested ? null : Boxed(CapacitySearch.Run(corridor, settings, Year(k / reps), seed, k % reps, options, null)), progress, ct)
            .Select(b => b.Value).ToArray();

        string[][] candidates = Enumerable.Range(0, years).Select(y =>
        {
            SearchResult[] found = [.. baseline.Skip(y * reps).Take(reps).OfType<SearchResult>()];
            return found.Length == reps ? CapacitySearch.Candidates(corridor, found, options.BottleneckCandidates).ToArray() : [];
        }).ToArray();
        var tasks = new List<(int Year, string Component, int Replication)>();
        for (int y = 0; y < years; y++)
        {
            foreach (string c in candidates[y])
            {
                for (int r = 0; r < reps; r++)
                {
                    tasks.Add((y, c, r));
                }
            }
        }

        IProgress<int>? after = progress is null ? null : new OffsetProgress(progress, years * reps);
        SearchResult?[] relieved = Runner.Map(tasks.Count, maxThreads, k =>
        {
            (int y, string c, int r) = tasks[k];
            return ct.IsCancellationRequested ? null : Boxed(CapacitySearch.Run(corridor.Relieving(c, Year(y)), settings, Year(y), seed, r, options, baseline[(y * reps) + r]));
        }, after, ct).Select(b => b.Value).ToArray();

        var result = new YearSearches[years];
        int next = 0;
        for (int y = 0; y < years; y++)
        {
            int count = candidates[y].Length * reps;
            result[y] = new YearSearches(Year(y), baseline[(y * reps)..((y + 1) * reps)], candidates[y], relieved[next..(next + count)]);
            next += count;
        }

        return result;
    }

    /// <summary>
    /// Summarises every simulated year's searches (<see cref="RunYears"/>, one entry per year in order, from one
    /// process or read back from shards) into the capacity result.
    /// </summary>
    public static CapacityResult Summarise(Scenario scenario, CapacityOptions options, IReadOnlyList<YearSearches> searches)
    {
        SimulationSettings settings = scenario.Simulation;
        CorridorDefinition corridor = scenario.Corridor;
        int reps = options.Replications;
        var summaries = new List<YearCapacity>();
        foreach (YearSearches year in searches)
        {
            SearchResult[] found = [.. year.Baseline.OfType<SearchResult>()];
            var gains = new List<BottleneckGain>();
            for (int i = 0; i < year.Candidates.Count; i++)
            {
                string c = year.Candidates[i];
                SearchResult[] with = [.. year.Relieved.Skip(i * reps).Take(reps).Select(x => x!)];
                gains.Add(new BottleneckGain
                {
                    Component = c,
                    Relief = corridor.Components.First(x => x.Id == c).Relief!,
                    ServiceCapacityGainTons = Estimate.Of(with.Select((w, r) => w.ServiceTons - found[r].ServiceTons)),
                    CeilingGainTons = Estimate.Of(with.Select((w, r) => w.CeilingTons - found[r].CeilingTons)),
                });
            }

            if (found.Length == 0)
            {
                continue;
            }

            summaries.Add(new YearCapacity
            {
                Year = year.Year,
                DemandTons = corridor.Flows.Sum(f => f.TonsInYear(year.Year)),
                ServiceCapacityTons = Estimate.Of(found.Select(s => s.ServiceTons)),
                CeilingTons = Estimate.Of(found.Select(s => s.CeilingTons)),
                ServiceCapacityTonsByCommodity = ByCommodity(found, s => s.ServiceTonsByCommodity),
                CeilingTonsByCommodity = ByCommodity(found, s => s.CeilingTonsByCommodity),
                ProbabilityTargetMet = (double)found.Count(s => CapacitySearch.Reaches(s.ServiceTons, settings.TargetTons)) / found.Length,
                Bottlenecks = gains
                    .OrderByDescending(g => g.ServiceCapacityGainTons.Mean)
                    .ThenByDescending(g => g.CeilingGainTons.Mean)
                    .ThenBy(g => g.Component, StringComparer.Ordinal)
                    .ToList().AsReadOnly(),
            });
        }

        YearCapacity? first = summaries.FirstOrDefault(s => s.ProbabilityTargetMet >= settings.TargetProbability);
        return new CapacityResult
        {
            Replications = reps,
            Years = summaries.AsReadOnly(),
            FirstYearTargetMet = first is null ? null : new TargetMetYear { Year = first.Year, Probability = first.ProbabilityTargetMet },
            Probes = searches.Sum(y => y.Baseline.Concat(y.Relieved).Sum(s => (long)(s?.Probes ?? 0))),
        };
    }

    /// <summary>Each commodity's estimate across <paramref name="found"/>, in ordinal order of the name.</summary>
    internal static ReadOnlyDictionary<string, Estimate> ByCommodity(SearchResult[] found, Func<SearchResult, IReadOnlyDictionary<string, double>> of)
    {
        var result = new SortedDictionary<string, Estimate>(StringComparer.Ordinal);
        foreach (string c in of(found[0]).Keys)
        {
            result.Add(c, Estimate.Of(found.Select(s => of(s)[c])));
        }

        return new ReadOnlyDictionary<string, Estimate>(result);
    }

    /// <summary>A search result in a box, so a year without demand (null) is still a finished task for the runner.</summary>
    private static Box Boxed(SearchResult? value) => new(value);

    private sealed record Box(SearchResult? Value);
}

/// <summary>
/// One simulated year's capacity searches: the search in each capacity replication (null: the year has no demand,
/// or the run was cancelled), the bottleneck candidates they chose, and each candidate relieved in each replication
/// (candidate-major).
/// </summary>
internal sealed record YearSearches(int Year, IReadOnlyList<SearchResult?> Baseline, IReadOnlyList<string> Candidates, IReadOnlyList<SearchResult?> Relieved);

