namespace CorridorSim.Engine;

/// <summary>
/// The time-weighted statistics of a piecewise-constant quantity such as a queue length, the number of
/// busy servers or a yard's level: the value changes only at <see cref="Update"/> and holds in between.
/// </summary>
/// <remarks>
/// The integral is accumulated as value × ticks with compensated (Neumaier) summation and converted to
/// hours only when read, so long runs with many updates do not drift. Not thread-safe.
/// </remarks>
public sealed class TimeWeighted
{
    private long _resetTicks;
    private long _lastTicks;
    private double _current;
    private double _max;

    // Integral of the value over ticks since the last reset, as a Neumaier sum: _area + _compensation.
    private double _area;
    private double _compensation;

    /// <summary>Starts tracking at <paramref name="start"/> with value <paramref name="initialValue"/>.</summary>
    /// <param name="start">The instant from which the average is taken.</param>
    /// <param name="initialValue">The value from <paramref name="start"/> until the first update, finite; default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialValue"/> is NaN or infinite.</exception>
    public TimeWeighted(SimTime start, double initialValue = 0)
    {
        RequireFinite(initialValue, nameof(initialValue));
        _resetTicks = start.Ticks;
        _lastTicks = start.Ticks;
        _current = initialValue;
        _max = initialValue;
    }

    /// <summary>The value now, as set by the last <see cref="Update"/> (or the initial value).</summary>
    public double Current => _current;

    /// <summary>The largest value held since construction or the last <see cref="Reset"/> (the value current at a reset counts).</summary>
    public double Max => _max;

    /// <summary>Records that the value changes to <paramref name="newValue"/> at <paramref name="now"/>.</summary>
    /// <param name="now">The instant of the change; not before the previous update or reset.</param>
    /// <param name="newValue">The new value, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the previous update or reset, or <paramref name="newValue"/> is not finite.</exception>
    public void Update(SimTime now, double newValue)
    {
        RequireFinite(newValue, nameof(newValue));
        long elapsed = ElapsedSinceLast(now);
        if (elapsed > 0 && _current != 0)
        {
            AddArea(_current * elapsed);
        }

        _lastTicks = now.Ticks;
        _current = newValue;
        if (newValue > _max)
        {
            _max = newValue;
        }
    }

    /// <summary>
    /// The integral of the value over time from construction or the last reset up to <paramref name="now"/>,
    /// in value × hours (for example container-hours for a yard's count).
    /// </summary>
    /// <param name="now">The instant up to which to integrate; not before the previous update or reset.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the previous update or reset.</exception>
    public double Integral(SimTime now) => IntegralTicks(now) / SimDuration.TicksPerHour;

    /// <summary>
    /// The time-weighted mean of the value from construction or the last reset up to <paramref name="now"/>:
    /// the integral divided by the elapsed time. When no time has elapsed, <see cref="Current"/>.
    /// </summary>
    /// <param name="now">The end of the averaging window; not before the previous update or reset.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the previous update or reset.</exception>
    public double Mean(SimTime now)
    {
        double integral = IntegralTicks(now);
        long window = now.Ticks - _resetTicks;
        return window == 0 ? _current : integral / window;
    }

    /// <summary>
    /// Restarts the statistics at <paramref name="now"/>, keeping the current value (warm-up deletion):
    /// the integral restarts from zero and <see cref="Max"/> from <see cref="Current"/>.
    /// </summary>
    /// <param name="now">The new start of the averaging window; not before the previous update or reset.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the previous update or reset.</exception>
    public void Reset(SimTime now)
    {
        ElapsedSinceLast(now);
        _resetTicks = now.Ticks;
        _lastTicks = now.Ticks;
        _area = 0;
        _compensation = 0;
        _max = _current;
    }

    private double IntegralTicks(SimTime now)
    {
        long elapsed = ElapsedSinceLast(now);
        return _area + _compensation + (_current * elapsed);
    }

    private long ElapsedSinceLast(SimTime now)
    {
        if (now.Ticks < _lastTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now,
                $"The time must not be before the previous update or reset ({SimTime.FromTicks(_lastTicks)}).");
        }

        return now.Ticks - _lastTicks;
    }

    private void AddArea(double term)
    {
        double sum = _area + term;
        _compensation += Math.Abs(_area) >= Math.Abs(term) ? (_area - sum) + term : (term - sum) + _area;
        _area = sum;
    }

    private static void RequireFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The value must be finite.");
        }
    }
}
