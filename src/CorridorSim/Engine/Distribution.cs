using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CorridorSim.Engine;

/// <summary>
/// A probability distribution of a real quantity (a service time in hours, a cargo size in tons, ...),
/// built by the static factories below and sampled from a <see cref="RandomStream"/>.
/// </summary>
/// <remarks>
/// Distributions are immutable and hold no random state: a sample depends only on the stream passed in,
/// so two components sharing a distribution object do not disturb each other. The unit of every
/// parameter is the unit of the quantity itself. Sampling delegates to the Math.NET Numerics samplers
/// with the stream as their generator, so no spare variate is ever cached.
/// </remarks>
public abstract class Distribution
{
    // Only the factories below create distributions, so each one's sampling and validation are known.
    private protected Distribution()
    {
    }

    /// <summary>The expected value, in the unit of the quantity.</summary>
    public abstract double Mean { get; }

    /// <summary>The variance, in the unit of the quantity squared.</summary>
    public abstract double Variance { get; }

    /// <summary>The standard deviation, in the unit of the quantity: the square root of <see cref="Variance"/>.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Draws one value, advancing <paramref name="stream"/>.</summary>
    /// <param name="stream">The random stream to draw from.</param>
    /// <returns>One sample.</returns>
    public abstract double Sample(RandomStream stream);

    /// <summary>The probability that a sample is less than or equal to <paramref name="x"/>.</summary>
    /// <param name="x">The point at which to evaluate the cumulative distribution function.</param>
    /// <returns>A probability in [0, 1].</returns>
    public abstract double CumulativeDistribution(double x);

    /// <summary>The distribution's name and parameters in factory order, for example <c>triangular(20, 24, 30)</c>.</summary>
    public abstract override string ToString();

    /// <summary>A degenerate distribution that always returns <paramref name="value"/> and draws nothing from the stream.</summary>
    /// <param name="value">The value, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static Distribution Constant(double value)
    {
        RequireFinite(value, nameof(value));
        return new ConstantDistribution(value);
    }

    /// <summary>The exponential distribution with the given mean (rate 1/<paramref name="mean"/>).</summary>
    /// <param name="mean">The mean, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not finite or not positive.</exception>
    public static Distribution Exponential(double mean)
    {
        RequirePositive(mean, nameof(mean));
        return new ExponentialDistribution(mean);
    }

    /// <summary>The continuous uniform distribution on [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">The lower bound, finite.</param>
    /// <param name="max">The upper bound, finite and greater than <paramref name="min"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="max"/> is not greater than <paramref name="min"/>.</exception>
    public static Distribution Uniform(double min, double max)
    {
        RequireFinite(min, nameof(min));
        RequireFinite(max, nameof(max));
        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max,
                $"The maximum must be greater than the minimum ({Format(min)}).");
        }

        return new UniformDistribution(min, max);
    }

    /// <summary>The triangular distribution on [<paramref name="min"/>, <paramref name="max"/>] with its peak at <paramref name="mode"/>.</summary>
    /// <param name="min">The lower bound, finite.</param>
    /// <param name="mode">The most likely value, finite, in [<paramref name="min"/>, <paramref name="max"/>].</param>
    /// <param name="max">The upper bound, finite and greater than <paramref name="min"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite, <paramref name="max"/> is not greater than
    /// <paramref name="min"/>, or <paramref name="mode"/> lies outside [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public static Distribution Triangular(double min, double mode, double max)
    {
        RequireFinite(min, nameof(min));
        RequireFinite(mode, nameof(mode));
        RequireFinite(max, nameof(max));
        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max,
                $"The maximum must be greater than the minimum ({Format(min)}).");
        }

        if (mode < min || mode > max)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode,
                $"The mode must lie in [{Format(min)}, {Format(max)}].");
        }

        return new TriangularDistribution(min, mode, max);
    }

    /// <summary>
    /// The normal (Gaussian) distribution. It is unbounded: it can return negative values, so clip or
    /// choose another distribution for a duration whose mean is within a few standard deviations of 0.
    /// A standard deviation of 0 gives <paramref name="mean"/> every time, without drawing.
    /// </summary>
    /// <param name="mean">The mean, finite.</param>
    /// <param name="standardDeviation">The standard deviation, finite and at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite, or the standard deviation is negative.</exception>
    public static Distribution Normal(double mean, double standardDeviation)
    {
        RequireFinite(mean, nameof(mean));
        RequireNonNegative(standardDeviation, nameof(standardDeviation));
        return new NormalDistribution(mean, standardDeviation);
    }

    /// <summary>
    /// The log-normal distribution with the given mean and standard deviation <em>of the variable
    /// itself</em> (not of its logarithm): with <c>σ² = ln(1 + (sd/mean)²)</c> and
    /// <c>μ = ln(mean) − σ²/2</c>, the variable is <c>exp(μ + σ·Z)</c> for a standard normal Z.
    /// A standard deviation of 0 gives <paramref name="mean"/> every time, without drawing.
    /// </summary>
    /// <param name="mean">The mean, finite and greater than 0.</param>
    /// <param name="standardDeviation">The standard deviation, finite and at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite, the mean is not positive, or the standard deviation is negative.</exception>
    public static Distribution LogNormal(double mean, double standardDeviation)
    {
        RequirePositive(mean, nameof(mean));
        RequireNonNegative(standardDeviation, nameof(standardDeviation));
        return new LogNormalDistribution(mean, standardDeviation);
    }

    /// <summary>The gamma distribution with the given shape and scale: mean <c>shape·scale</c>, variance <c>shape·scale²</c>.</summary>
    /// <param name="shape">The shape (k), finite and greater than 0.</param>
    /// <param name="scale">The scale (θ), in the unit of the quantity, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite or not positive.</exception>
    public static Distribution Gamma(double shape, double scale)
    {
        RequirePositive(shape, nameof(shape));
        RequirePositive(scale, nameof(scale));
        return new GammaDistribution(shape, scale);
    }

    /// <summary>
    /// The Erlang distribution: the sum of <paramref name="k"/> independent exponential phases with total
    /// mean <paramref name="mean"/> (each phase has mean <c>mean/k</c>); variance <c>mean²/k</c>.
    /// </summary>
    /// <param name="k">The number of phases, at least 1.</param>
    /// <param name="mean">The mean of the sum, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1, or <paramref name="mean"/> is not finite or not positive.</exception>
    public static Distribution Erlang(int k, double mean)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "The number of phases must be at least 1.");
        }

        RequirePositive(mean, nameof(mean));
        return new ErlangDistribution(k, mean);
    }

    /// <summary>
    /// The empirical distribution of observed values: each sample is one of <paramref name="values"/>,
    /// chosen uniformly (a value listed twice is twice as likely). The list is copied.
    /// </summary>
    /// <param name="values">The observed values: at least one, all finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="values"/> is empty or holds a NaN or infinite value.</exception>
    public static Distribution Empirical(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(values), values.Count,
                "An empirical distribution needs at least one value.");
        }

        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(nameof(values), v,
                    $"Every value must be finite; the value at index {i} is not.");
            }

            copy[i] = v;
        }

        return new EmpiricalDistribution(copy);
    }

    /// <summary>Formats a parameter for messages and <see cref="ToString"/>: shortest round-trip form, invariant culture.</summary>
    private protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void RequireFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"The {paramName} must be finite.");
        }
    }

    private static void RequirePositive(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"The {paramName} must be finite and greater than 0.");
        }
    }

    private static void RequireNonNegative(double value, string paramName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"The {paramName} must be finite and at least 0.");
        }
    }

    private protected static double Step(double at, double x) => double.IsNaN(x) ? double.NaN : x < at ? 0.0 : 1.0;
}

internal sealed class ConstantDistribution(double value) : Distribution
{
    public override double Mean => value;

    public override double Variance => 0.0;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return value;
    }

    public override double CumulativeDistribution(double x) => Step(value, x);

    public override string ToString() => $"constant({Format(value)})";
}

internal sealed class ExponentialDistribution(double mean) : Distribution
{
    private readonly double _rate = 1.0 / mean;

    public override double Mean => mean;

    public override double Variance => mean * mean;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return MathNet.Numerics.Distributions.Exponential.Sample(stream, _rate);
    }

    public override double CumulativeDistribution(double x) => MathNet.Numerics.Distributions.Exponential.CDF(_rate, x);

    public override string ToString() => $"exponential({Format(mean)})";
}

internal sealed class UniformDistribution(double min, double max) : Distribution
{
    public override double Mean => min + ((max - min) / 2);

    public override double Variance => (max - min) * (max - min) / 12;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ContinuousUniform.Sample(stream, min, max);
    }

    public override double CumulativeDistribution(double x) => ContinuousUniform.CDF(min, max, x);

    public override string ToString() => $"uniform({Format(min)}, {Format(max)})";
}

internal sealed class TriangularDistribution(double min, double mode, double max) : Distribution
{
    public override double Mean => (min + mode + max) / 3;

    public override double Variance =>
        ((min * min) + (mode * mode) + (max * max) - (min * mode) - (min * max) - (mode * max)) / 18;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return MathNet.Numerics.Distributions.Triangular.Sample(stream, min, max, mode);
    }

    public override double CumulativeDistribution(double x) =>
        MathNet.Numerics.Distributions.Triangular.CDF(min, max, mode, x);

    public override string ToString() => $"triangular({Format(min)}, {Format(mode)}, {Format(max)})";
}

internal sealed class NormalDistribution(double mean, double standardDeviation) : Distribution
{
    public override double Mean => mean;

    public override double Variance => standardDeviation * standardDeviation;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return standardDeviation == 0
            ? mean
            : MathNet.Numerics.Distributions.Normal.Sample(stream, mean, standardDeviation);
    }

    public override double CumulativeDistribution(double x) =>
        standardDeviation == 0
            ? Step(mean, x)
            : MathNet.Numerics.Distributions.Normal.CDF(mean, standardDeviation, x);

    public override string ToString() => $"normal({Format(mean)}, {Format(standardDeviation)})";
}

internal sealed class LogNormalDistribution : Distribution
{
    private readonly double _mean;
    private readonly double _standardDeviation;
    private readonly double _mu;
    private readonly double _sigma;

    public LogNormalDistribution(double mean, double standardDeviation)
    {
        _mean = mean;
        _standardDeviation = standardDeviation;
        double cv = standardDeviation / mean;
        double sigmaSquared = Math.Log(1 + (cv * cv));
        _sigma = Math.Sqrt(sigmaSquared);
        _mu = Math.Log(mean) - (sigmaSquared / 2);
    }

    public override double Mean => _mean;

    public override double Variance => _standardDeviation * _standardDeviation;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return _sigma == 0 ? _mean : MathNet.Numerics.Distributions.LogNormal.Sample(stream, _mu, _sigma);
    }

    public override double CumulativeDistribution(double x) =>
        _sigma == 0 ? Step(_mean, x) : MathNet.Numerics.Distributions.LogNormal.CDF(_mu, _sigma, x);

    public override string ToString() => $"lognormal({Format(_mean)}, {Format(_standardDeviation)})";
}

internal sealed class GammaDistribution(double shape, double scale) : Distribution
{
    private readonly double _rate = 1.0 / scale;

    public override double Mean => shape * scale;

    public override double Variance => shape * scale * scale;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return MathNet.Numerics.Distributions.Gamma.Sample(stream, shape, _rate);
    }

    // Math.NET's gamma CDF rejects negative x; the distribution has no mass there.
    public override double CumulativeDistribution(double x) =>
        x < 0 ? 0.0 : MathNet.Numerics.Distributions.Gamma.CDF(shape, _rate, x);

    public override string ToString() => $"gamma({Format(shape)}, {Format(scale)})";
}

internal sealed class ErlangDistribution(int k, double mean) : Distribution
{
    private readonly double _rate = k / mean;

    public override double Mean => mean;

    public override double Variance => mean * mean / k;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return MathNet.Numerics.Distributions.Erlang.Sample(stream, k, _rate);
    }

    // Math.NET's Erlang CDF rejects negative x; the distribution has no mass there.
    public override double CumulativeDistribution(double x) =>
        x < 0 ? 0.0 : MathNet.Numerics.Distributions.Erlang.CDF(k, _rate, x);

    public override string ToString() => $"erlang({k.ToString(CultureInfo.InvariantCulture)}, {Format(mean)})";
}

internal sealed class EmpiricalDistribution : Distribution
{
    private readonly double[] _values;
    private readonly double[] _sorted;
    private readonly double _mean;
    private readonly double _variance;

    public EmpiricalDistribution(double[] values)
    {
        _values = values;
        _sorted = (double[])values.Clone();
        Array.Sort(_sorted);

        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        _mean = sum / values.Length;

        // The distribution puts mass 1/n on each value, so its variance divides by n, not n - 1.
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - _mean) * (v - _mean);
        }

        _variance = squares / values.Length;
    }

    public override double Mean => _mean;

    public override double Variance => _variance;

    public override double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return _values[stream.Next(_values.Length)];
    }

    public override double CumulativeDistribution(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        // The number of values <= x: the index of the first value greater than x.
        int lo = 0;
        int hi = _sorted.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (_sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (double)lo / _sorted.Length;
    }

    public override string ToString() =>
        _values.Length <= 5
            ? $"empirical({string.Join(", ", _values.Select(Format))})"
            : $"empirical({_values.Length.ToString(CultureInfo.InvariantCulture)} values, mean {Format(_mean)})";
}
