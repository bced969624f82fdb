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
    public static int Steps(Scenario scenario, CapacityOptions options)
    {
        int relievable = scenario.Corridor.Components.Count(c => c.Relief is not null);
        return scenario.Simulation.Years * options.Replications * (1 + Math.Min(options.BottleneckCandidates, relievable));
    }

    /// <summary>Runs the searches of every simulated year of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario; its settings give the years, warm-up, target and service limit.</param>
    /// <param name="seed">The master seed of every probe.</param>
    /// <param name="options">The search's options.</param>
    /// <param name="maxThreads">The most searches run at once.</param>
    /// <param name="progress">Told 1, 2, … as searches finish (prefix order), up to <see cref="Steps"/>.</param>
    /// <param name="ct">Cancels between searches.</param>
    public static CapacityResult Run(Scenario scenario, ulong seed, CapacityOptions options, int maxThreads, IProgress<int>? progress, CancellationToken ct)
    {
        SimulationSettings settings = scenario.Simulation;
        CorridorDefinition corridor = scenario.Corridor;
        int years = settings.Years, reps = options.Replications;
        int Year(int y) => settings.StartYear + y;

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

        int done = years * reps;
        IProgress<int>? after = progress is null ? null : new OffsetProgress(progress, done);
        SearchResult?[] relieved = Runner.Map(tasks.Count, maxThreads, k =>
        {
            (int y, string c, int r) = tasks[k];
            return ct.IsCancellationRequested ? null : Boxed(CapacitySearch.Run(corridor.Relieving(c, Year(y)), settings, Year(y), seed, r, options, baseline[(y * reps) + r]));
        }, after, ct).Select(b => b.Value).ToArray();

        var summaries = new List<YearCapacity>();
        int next = 0;
        for (int y = 0; y < years; y++)
        {
            SearchResult[] found = [.. baseline.Skip(y * reps).Take(reps).OfType<SearchResult>()];
            var gains = new List<BottleneckGain>();
            foreach (string c in candidates[y])
            {
                SearchResult[] with = [.. relieved.Skip(next).Take(reps).Select(x => x!)];
                next += reps;
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
                Year = Year(y),
                DemandTons = corridor.Flows.Sum(f => f.TonsInYear(Year(y))),
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
            Probes = baseline.Concat(relieved).Sum(s => (long)(s?.Probes ?? 0)),
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
