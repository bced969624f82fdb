namespace CorridorSim.Corridor;

/// <summary>How a study spreads its samples over the uncertain inputs.</summary>
public enum SampleDesign
{
    /// <summary>A Latin hypercube: each input's range cut into as many equally likely strata as samples, one sample in each.</summary>
    LatinHypercube,

    /// <summary>A scrambled Sobol low-discrepancy sequence.</summary>
    Sobol,

    /// <summary>
    /// Saltelli's scheme for Sobol sensitivity indices: <see cref="UncertaintyDefinition.Samples"/> base samples, run as
    /// samples × (inputs + 2) scenarios, giving first-order and total indices.
    /// </summary>
    Saltelli,
}
