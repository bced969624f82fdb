using System.Collections.ObjectModel;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>One projected calendar year across replications.</summary>
public sealed record YearSummary
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>Mean tons generated (demand) in the year.</summary>
    public required double GeneratedTons { get; init; }

    /// <summary>Tons delivered in the year: mean, 95% confidence interval of the mean, 10th and 90th percentiles across replications.</summary>
    public required Estimate DeliveredTons { get; init; }

    /// <summary>Mean tons in the system (queued, in transit, aboard) at the end of the year.</summary>
    public required double TonsInSystemAtYearEnd { get; init; }

    /// <summary>Mean <see cref="YearResult.DeliveredFromBacklogTons"/>: of the delivered tons, those generated before the year began.</summary>
    public double DeliveredFromBacklogTons { get; init; }

    /// <summary>Diverted tons (<see cref="YearResult.DivertedTons"/>) across replications.</summary>
    public Estimate DivertedTons { get; init; } = Estimate.Of([0.0]);

    /// <summary>Mean diverted tons by commodity, every commodity of the corridor's flows, in ordinal order of the name.</summary>
    public IReadOnlyDictionary<string, double> DivertedTonsByCommodity { get; init; } = new Dictionary<string, double>();

    /// <summary>Share of replications in which the year was <see cref="YearResult.Unstable"/>, 0..1.</summary>
    public double ShareUnstable { get; init; }

    /// <summary>Transit days; see <see cref="TransitSummary"/> for how replications are combined.</summary>
    public required TransitSummary TransitDays { get; init; }

    /// <summary>Share of replications whose delivered tons in the year reached the target (delivered ≥ target tons), 0..1.</summary>
    public required double ProbabilityTargetMet { get; init; }

    /// <summary>
    /// The component most often the year's bottleneck (<see cref="YearResult.Bottleneck"/>) across replications;
    /// ties go to the ordinal-first id. Empty when the corridor has no components.
    /// </summary>
    public required string Bottleneck { get; init; }

    /// <summary>Share of replications in which <see cref="Bottleneck"/> was the bottleneck, 0..1.</summary>
    public required double BottleneckShare { get; init; }

    /// <summary>Mean delivered tons by commodity, every commodity of the corridor's flows, in ordinal order of the name.</summary>
    public required IReadOnlyDictionary<string, double> DeliveredTonsByCommodity { get; init; }

    /// <summary>Per-component means, in the corridor's component order (ports, stages, vessel legs).</summary>
    public required IReadOnlyList<ComponentYearSummary> Components { get; init; }

    /// <summary>Per-flow figures, in the corridor's flow order.</summary>
    public required IReadOnlyList<FlowYearSummary> Flows { get; init; }
}
