using System.Globalization;
using CorridorSim.Engine;

namespace CorridorSim.Experiments;

/// <summary>
/// A distribution times a positive factor: each sample is the factor times the inner distribution's sample, drawn
/// from the stream exactly as the inner one draws, so a scaled run keeps its common random numbers.
/// </summary>
internal sealed class ScaledDistribution : Distribution
{
    private readonly Distribution _inner;
    private readonly double _factor;

    private ScaledDistribution(Distribution inner, double factor)
    {
        _inner = inner;
        _factor = factor;
    }

    /// <summary><paramref name="inner"/> scaled by <paramref name="factor"/> (&gt; 0); a scaled distribution's factors multiply.</summary>
    public static Distribution Of(Distribution inner, double factor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return factor == 1 ? inner
            : inner is ScaledDistribution s ? new ScaledDistribution(s._inner, s._factor * factor)
            : new ScaledDistribution(inner, factor);
    }

    /// <inheritdoc/>
    public override double Mean => _factor * _inner.Mean;

    /// <inheritdoc/>
    public override double Variance => _factor * _factor * _inner.Variance;

    /// <inheritdoc/>
    public override double Sample(RandomStream stream) => _factor * _inner.Sample(stream);

    /// <inheritdoc/>
    public override double CumulativeDistribution(double x) => _inner.CumulativeDistribution(x / _factor);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_factor:G6} × {_inner}");
}
