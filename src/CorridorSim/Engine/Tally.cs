using System.Numerics;
using MathNet.Numerics.Distributions;

namespace CorridorSim.Engine;

/// <summary>
/// Summary statistics of a series of observations of one quantity (for example waiting times in hours),
/// kept incrementally: count, mean and variance by Welford's online algorithm (blocks of observations merged
/// pairwise), minimum, maximum, sum, and optionally every observation for percentiles.
/// </summary>
/// <remarks>The statistics are in the unit of the observations. Not thread-safe.</remarks>
public sealed class Tally
{
    private readonly List<double>? _observations;
    private readonly LogHistogram? _histogram;
    private bool _sorted = true;
    private long _count;
    private double _mean;
    private double _sumOfSquaredDeviations;
    private double _sum;
    private double _min = double.NaN;
    private double _max = double.NaN;

    /// <summary>Creates an empty tally.</summary>
    /// <param name="keepObservations">
    /// Whether to store every observation (8 bytes each) so that <see cref="Percentile"/> works.
    /// Default <see langword="true"/>; pass <see langword="false"/> for high-volume tallies that need only moments.
    /// </param>
    public Tally(bool keepObservations = true)
    {
        if (keepObservations)
        {
            _observations = [];
        }
    }

    private Tally(LogHistogram histogram) => _histogram = histogram;

    /// <summary>
    /// Creates a tally that answers <see cref="Percentile"/> from a logarithmic histogram instead of storing every
    /// observation: constant memory (about 16 KB) and no allocation per observation, for tallies that see hundreds of
    /// thousands of values (waits and transit times of every unit in a corridor). Percentiles of non-negative
    /// observations are exact to within <paramref name="relativeAccuracy"/> of the value (values below 1e-3 count as 0);
    /// negative observations are not allowed.
    /// </summary>
    /// <param name="relativeAccuracy">Relative width of a histogram bin; within (0, 0.1]. Default 1 %.</param>
    public static Tally WithBinnedPercentiles(double relativeAccuracy = 0.01)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy <= 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, "The relative accuracy must be within (0, 0.1].");
        }

        return new Tally(new LogHistogram(relativeAccuracy));
    }

    /// <summary>Whether the tally stores its observations, so that <see cref="Percentile"/> is exact.</summary>
    public bool KeepsObservations => _observations is not null;

    /// <summary>Whether <see cref="Percentile"/> is available (observations kept, or a binned histogram).</summary>
    public bool HasPercentiles => _observations is not null || _histogram is not null;

    /// <summary>The number of observations since construction or the last <see cref="Reset"/>.</summary>
    public long Count => _count;

    /// <summary>The sum of the observations; 0 when there are none.</summary>
    public double Sum => _sum;

    /// <summary>The arithmetic mean; NaN when there are no observations.</summary>
    public double Mean => _count == 0 ? double.NaN : _mean;

    /// <summary>The sample variance (divisor n − 1); NaN when there are fewer than two observations.</summary>
    public double Variance => _count < 2 ? double.NaN : _sumOfSquaredDeviations / (_count - 1);

    /// <summary>The sample standard deviation, the square root of <see cref="Variance"/>; NaN when there are fewer than two observations.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The smallest observation; NaN when there are none.</summary>
    public double Min => _min;

    /// <summary>The largest observation; NaN when there are none.</summary>
    public double Max => _max;

    /// <summary>
    /// Half the width of the 95% confidence interval of the mean, assuming independent, roughly normal
    /// observations: <c>t(0.975, n − 1) · s / √n</c> with Student's t quantile. NaN when there are fewer
    /// than two observations. For a run's autocorrelated observations (successive waits), use one mean
    /// per replication as the observations instead.
    /// </summary>
    public double ConfidenceInterval95HalfWidth
    {
        get
        {
            if (_count < 2)
            {
                return double.NaN;
            }

            double t = StudentT.InvCDF(0, 1, _count - 1, 0.975);
            return t * StandardDeviation / Math.Sqrt(_count);
        }
    }

    /// <summary>Records one observation.</summary>
    /// <param name="x">The observed value, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is NaN or infinite, or negative in a binned tally (<see cref="WithBinnedPercentiles"/>); the tally is unchanged.</exception>
    public void Add(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "An observation must be finite.");
        }

        if (x < 0 && _histogram is not null)
        {
            // Refused before any statistic changes, so a refused observation is not half counted.
            throw new ArgumentOutOfRangeException(nameof(x), x, "A binned tally takes only non-negative observations.");
        }

        _count++;
        double delta = x - _mean;
        _mean += delta / _count;
        _sumOfSquaredDeviations += delta * (x - _mean);
        _sum += x;
        if (_count == 1)
        {
            _min = x;
            _max = x;
        }
        else
        {
            _min = Math.Min(_min, x);
            _max = Math.Max(_max, x);
        }

        if (_observations is not null)
        {
            _observations.Add(x);
            _sorted = false;
        }
        else
        {
            _histogram?.Add(x);
        }
    }

    /// <summary>
    /// Records <paramref name="xs"/>, as <see cref="Add"/> one by one would up to rounding: the block's mean and squared
    /// deviations are found in two passes and merged into the running ones (Chan, Golub and LeVeque's pairwise update),
    /// so a block costs one division instead of one per observation. A non-finite (or, binned, negative) value is
    /// refused as <see cref="Add"/> refuses it, after the values before it.
    /// </summary>
    internal void AddAll(ReadOnlySpan<double> xs)
    {
        if (xs.Length >= 2 && _observations is null)
        {
            (double sum, double min, double max) = SumMinMax(xs);

            // A NaN or infinity makes the sum non-finite: the one-by-one path below then throws at it.
            if (double.IsFinite(sum) && !(min < 0 && _histogram is not null))
            {
                int n = xs.Length;
                double blockMean = sum / n;
                double blockDeviations = SquaredDeviations(xs, blockMean);
                long total = _count + n;
                double delta = blockMean - _mean;
                _mean += delta * n / total;
                _sumOfSquaredDeviations += blockDeviations + (delta * delta * ((double)_count * n / total));
                _sum += sum;
                _min = _count == 0 ? min : Math.Min(_min, min);
                _max = _count == 0 ? max : Math.Max(_max, max);
                _count = total;
                _histogram?.AddAll(xs);
                return;
            }
        }

        foreach (double x in xs)
        {
            Add(x);
        }
    }

    /// <summary>The sum, minimum and maximum of <paramref name="xs"/>, in vector lanes (the order of the additions differs from one by one).</summary>
    private static (double Sum, double Min, double Max) SumMinMax(ReadOnlySpan<double> xs)
    {
        int i = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && xs.Length >= 2 * Vector<double>.Count)
        {
            var s = Vector<double>.Zero;
            var lo = new Vector<double>(double.PositiveInfinity);
            var hi = new Vector<double>(double.NegativeInfinity);
            for (; i <= xs.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(xs[i..]);
                s += v;
                lo = Vector.Min(lo, v);
                hi = Vector.Max(hi, v);
            }

            sum = Vector.Sum(s);
            for (int k = 0; k < Vector<double>.Count; k++)
            {
                min = Math.Min(min, lo[k]);
                max = Math.Max(max, hi[k]);
            }
        }

        for (; i < xs.Length; i++)
        {
            double x = xs[i];
            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        return (sum, min, max);
    }

    /// <summary>The sum of the squared deviations of <paramref name="xs"/> from <paramref name="mean"/>, in vector lanes.</summary>
    private static double SquaredDeviations(ReadOnlySpan<double> xs, double mean)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && xs.Length >= 2 * Vector<double>.Count)
        {
            var s = Vector<double>.Zero;
            var m = new Vector<double>(mean);
            for (; i <= xs.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector<double> d = new Vector<double>(xs[i..]) - m;
                s += d * d;
            }

            sum = Vector.Sum(s);
        }

        for (; i < xs.Length; i++)
        {
            double d = xs[i] - mean;
            sum += d * d;
        }

        return sum;
    }

    /// <summary>
    /// The <paramref name="p"/>-quantile of the observations, interpolating linearly between order
    /// statistics (Hyndman &amp; Fan type 7, numpy's default): with the observations sorted as
    /// x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1)·p, the result is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
    /// </summary>
    /// <param name="p">The probability, in [0, 1] (0.5 is the median, 0 the minimum, 1 the maximum).</param>
    /// <returns>The interpolated quantile.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="InvalidOperationException">The tally does not keep observations, or it has none.</exception>
    public double Percentile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie in [0, 1].");
        }

        if (_histogram is not null)
        {
            if (_count == 0)
            {
                throw new InvalidOperationException("The tally has no observations.");
            }

            return Math.Clamp(_histogram.Quantile(p), _min, _max);
        }

        if (_observations is null)
        {
            throw new InvalidOperationException(
                "This tally does not keep its observations; construct it with keepObservations: true to use Percentile.");
        }

        if (_observations.Count == 0)
        {
            throw new InvalidOperationException("The tally has no observations.");
        }

        if (!_sorted)
        {
            _observations.Sort();
            _sorted = true;
        }

        double h = (_observations.Count - 1) * p;
        int lower = (int)Math.Floor(h);
        if (lower >= _observations.Count - 1)
        {
            return _observations[^1];
        }

        double fraction = h - lower;
        double a = _observations[lower];
        double b = _observations[lower + 1];
        return fraction == 0 ? a : a + (fraction * (b - a));
    }

    /// <summary>A mergeable copy of the histogram of a binned tally (<see cref="WithBinnedPercentiles"/>); null when it is empty or not binned.</summary>
    internal BinnedCounts? Binned() => _histogram is not null && _count > 0 ? _histogram.Snapshot(_min, _max) : null;

    /// <summary>Forgets every observation (for example at the end of a warm-up period).</summary>
    public void Reset()
    {
        _count = 0;
        _mean = 0;
        _sumOfSquaredDeviations = 0;
        _sum = 0;
        _min = double.NaN;
        _max = double.NaN;
        _observations?.Clear();
        _histogram?.Clear();
        _sorted = true;
    }
}

/// <summary>
/// Counts of non-negative observations in logarithmic bins (for binned percentiles). A bin is a binary exponent and
/// the top bits of the mantissa of the value's IEEE 754 representation, so finding it takes a shift, not a logarithm.
/// </summary>
internal sealed class LogHistogram
{
    private const double Smallest = 1e-3;
    private const double Largest = 1e9;
    private readonly int _shift;
    private readonly long _firstKey;
    private readonly long[] _bins;
    private long _zeros;
    private long _count;

    public LogHistogram(double relativeAccuracy)
    {
        // 2^-subBits of relative bin width is at most the accuracy asked for.
        int subBits = Math.Clamp((int)Math.Ceiling(-Math.Log2(relativeAccuracy)), 1, 20);
        _shift = 52 - subBits;
        _firstKey = BitConverter.DoubleToInt64Bits(Smallest) >> _shift;
        long lastKey = BitConverter.DoubleToInt64Bits(Largest) >> _shift;
        _bins = new long[lastKey - _firstKey + 1];
    }

    public void Add(double x)
    {
        if (x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "A binned tally takes only non-negative observations.");
        }

        _count++;
        if (x < Smallest)
        {
            _zeros++;
            return;
        }

        long index = (BitConverter.DoubleToInt64Bits(Math.Min(x, Largest)) >> _shift) - _firstKey;
        _bins[index]++;
    }

    /// <summary>Counts every value of <paramref name="xs"/>, each non-negative (the caller has checked).</summary>
    public void AddAll(ReadOnlySpan<double> xs)
    {
        _count += xs.Length;
        long[] bins = _bins;
        long run = -1, runLength = 0;
        foreach (double x in xs)
        {
            if (x < Smallest)
            {
                _zeros++;
                continue;
            }

            // Neighbours in a block tend to share a bin: count a run in a register, not through memory.
            long index = (BitConverter.DoubleToInt64Bits(Math.Min(x, Largest)) >> _shift) - _firstKey;
            if (index != run)
            {
                if (runLength > 0)
                {
                    bins[run] += runLength;
                }

                run = index;
                runLength = 0;
            }

            runLength++;
        }

        if (runLength > 0)
        {
            bins[run] += runLength;
        }
    }

    /// <summary>The type-7 quantile estimated from the bins: the middle of the bin holding the rank.</summary>
    public double Quantile(double p)
    {
        double rank = p * (_count - 1);
        long target = (long)Math.Floor(rank);
        if (target < _zeros)
        {
            return 0;
        }

        long seen = _zeros;
        for (int i = 0; i < _bins.Length; i++)
        {
            seen += _bins[i];
            if (seen > target)
            {
                long low = (i + _firstKey) << _shift;
                return (BitConverter.Int64BitsToDouble(low) + BitConverter.Int64BitsToDouble(low + (1L << _shift))) / 2;
            }
        }

        return Largest;
    }

    /// <summary>The same quantile over a sparse copy of the bins (bin offsets <paramref name="index"/>, ascending).</summary>
    public static double Quantile(double p, long count, long zeros, int[] index, long[] counts, int shift, long firstKey)
    {
        double rank = p * (count - 1);
        long target = (long)Math.Floor(rank);
        if (target < zeros)
        {
            return 0;
        }

        long seen = zeros;
        for (int i = 0; i < index.Length; i++)
        {
            seen += counts[i];
            if (seen > target)
            {
                long low = (index[i] + firstKey) << shift;
                return (BitConverter.Int64BitsToDouble(low) + BitConverter.Int64BitsToDouble(low + (1L << shift))) / 2;
            }
        }

        return Largest;
    }

    /// <summary>A sparse copy of the non-empty bins.</summary>
    public BinnedCounts Snapshot(double min, double max)
    {
        var index = new List<int>();
        var counts = new List<long>();
        for (int i = 0; i < _bins.Length; i++)
        {
            if (_bins[i] > 0)
            {
                index.Add(i);
                counts.Add(_bins[i]);
            }
        }

        return new BinnedCounts(_shift, _firstKey, _zeros, [.. index], [.. counts], _count, min, max);
    }

    public void Clear()
    {
        Array.Clear(_bins);
        _zeros = 0;
        _count = 0;
    }
}
