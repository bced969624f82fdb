namespace CorridorSim.Experiments;

/// <summary>
/// The result of a sensitivity analysis: its method ("sobol" or "srrc"), one index per input in input order, and the
/// R² of the rank-regression model (NaN for Sobol).
/// </summary>
/// <param name="Method">"sobol" or "srrc".</param>
/// <param name="Indices">One index per input, in input order.</param>
/// <param name="RSquared">The coefficient of determination of the rank model (SRRC); NaN for Sobol or a constant output.</param>
internal sealed record SensitivityResult(string Method, IReadOnlyList<SensitivityIndex> Indices, double RSquared)
{
    /// <summary>
    /// Why the indices are what they are when the data forced a rule (a constant output gives every index 0); null
    /// otherwise.
    /// </summary>
    internal string? Note { get; init; }

    /// <summary>The number of bootstrap replicates the intervals are built from (degenerate resamples are left out).</summary>
    internal int BootstrapReplicates { get; init; }
}
