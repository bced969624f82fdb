using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// One accepted distribution form, <c>{"name": [parameters]}</c>: the converter from its parameters and the rules
/// the schema and docs state for it.
/// </summary>
/// <param name="Name">The key, e.g. <c>triangular</c>.</param>
/// <param name="Parameters">The parameters as messages name them, e.g. <c>[min, mode, max]</c>.</param>
/// <param name="Arity">How many parameters; 0 for one or more (up to 100000).</param>
/// <param name="Conditions">What makes the parameters possible, as the error message states it.</param>
/// <param name="Description">One line for the schema.</param>
/// <param name="Create">The converter; throws <see cref="ArgumentOutOfRangeException"/> for impossible parameters.</param>
internal sealed record DistributionForm(string Name, string Parameters, int Arity, string Conditions, string Description, Func<double[], Distribution> Create)
{
    /// <summary>Erlang's first parameter, the number of phases, is a whole number 1..1000.</summary>
    public bool PhasesFirst => Name == "erlang";
}

/// <summary>The distribution forms a scenario may use; a plain number is a constant.</summary>
internal static class DistributionForms
{
    public const int MaxValues = 100_000;

    public static IReadOnlyList<DistributionForm> All { get; } =
    [
        new("constant", "[value]", 1, "[value], finite", "Always the value: [value].", a => Distribution.Constant(a[0])),
        new("exponential", "[mean]", 1, "[mean] with mean > 0", "Exponential with the given mean (> 0): [mean].", a => Distribution.Exponential(a[0])),
        new("uniform", "[min, max]", 2, "[min, max] with min < max", "Continuous uniform on [min, max], max > min: [min, max].", a => Distribution.Uniform(a[0], a[1])),
        new("triangular", "[min, mode, max]", 3, "[min, mode, max] with min < max and min <= mode <= max", "Triangular on [min, max] peaking at mode, min < max and min <= mode <= max: [min, mode, max].", a => Distribution.Triangular(a[0], a[1], a[2])),
        new("normal", "[mean, sd]", 2, "[mean, sd] with sd >= 0", "Normal with mean and standard deviation (sd >= 0); unbounded, so keep the mean several sd above 0 for durations: [mean, sd].", a => Distribution.Normal(a[0], a[1])),
        new("lognormal", "[mean, sd]", 2, "[mean, sd] with mean > 0 and sd >= 0", "Log-normal with the mean (> 0) and standard deviation (>= 0) of the variable itself, not of its logarithm: [mean, sd].", a => Distribution.LogNormal(a[0], a[1])),
        new("gamma", "[shape, scale]", 2, "[shape, scale], both > 0", "Gamma with shape k > 0 and scale θ > 0 (mean k·θ): [shape, scale].", a => Distribution.Gamma(a[0], a[1])),
        new("erlang", "[k, mean]", 2, "[k, mean] with k a whole number >= 1 and mean > 0", "Erlang: the sum of k exponential phases with total mean (k integer 1..1000, mean > 0): [k, mean].", a => Distribution.Erlang((int)a[0], a[1])),
        new("empirical", "[v1, ..., vn]", 0, "[v1, ..., vn], at least one value", "Empirical: each sample is one of the observed values, chosen uniformly: [v1, ..., vn], at least one value.", a => Distribution.Empirical(a)),
    ];

    /// <summary>The phases field of erlang: its range is stated here once, for the binder and the schema.</summary>
    public static Field Phases { get; } = new("k", Form.Integer, "Number of exponential phases k, 1..1000.") { Min = 1, Max = 1000 };
}
