using System.Globalization;

namespace CorridorSim.Engine;

/// <summary>
/// A span of simulated time, stored as a whole number of ticks of one microsecond.
/// Integer ticks keep event ordering exact and sums free of drift over decades of simulated time;
/// conversion to <see cref="double"/> happens only at the edges (distributions, reports).
/// </summary>
public readonly struct SimDuration : IEquatable<SimDuration>, IComparable<SimDuration>
{
    /// <summary>Ticks per second: one tick is one microsecond.</summary>
    public const long TicksPerSecond = 1_000_000L;

    /// <summary>Ticks per minute.</summary>
    public const long TicksPerMinute = 60 * TicksPerSecond;

    /// <summary>Ticks per hour.</summary>
    public const long TicksPerHour = 60 * TicksPerMinute;

    /// <summary>Ticks per day (24 hours).</summary>
    public const long TicksPerDay = 24 * TicksPerHour;

    private SimDuration(long ticks) => Ticks = ticks;

    /// <summary>The length in ticks (microseconds).</summary>
    public long Ticks { get; }

    /// <summary>The empty duration.</summary>
    public static SimDuration Zero => default;

    /// <summary>The largest representable duration (about 292,000 years).</summary>
    public static SimDuration MaxValue => new(long.MaxValue);

    /// <summary>The length in hours, as a double (for reports and distributions).</summary>
    public double TotalHours => (double)Ticks / TicksPerHour;

    /// <summary>The length in days, as a double (for reports and distributions).</summary>
    public double TotalDays => (double)Ticks / TicksPerDay;

    /// <summary>The length in seconds, as a double.</summary>
    public double TotalSeconds => (double)Ticks / TicksPerSecond;

    /// <summary>A duration of exactly <paramref name="ticks"/> microseconds.</summary>
    public static SimDuration FromTicks(long ticks) => new(ticks);

    /// <summary>A duration of <paramref name="seconds"/> seconds, rounded to the nearest microsecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit.</exception>
    public static SimDuration FromSeconds(double seconds) => FromUnits(seconds, TicksPerSecond, nameof(seconds));

    /// <summary>A duration of <paramref name="minutes"/> minutes, rounded to the nearest microsecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit.</exception>
    public static SimDuration FromMinutes(double minutes) => FromUnits(minutes, TicksPerMinute, nameof(minutes));

    /// <summary>A duration of <paramref name="hours"/> hours, rounded to the nearest microsecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit.</exception>
    public static SimDuration FromHours(double hours) => FromUnits(hours, TicksPerHour, nameof(hours));

    /// <summary>A duration of <paramref name="days"/> days of 24 hours, rounded to the nearest microsecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit.</exception>
    public static SimDuration FromDays(double days) => FromUnits(days, TicksPerDay, nameof(days));

    /// <summary>Converts a <see cref="TimeSpan"/> (100 ns ticks) to a duration (1 µs ticks), truncating.</summary>
    public static SimDuration FromTimeSpan(TimeSpan span) => new(span.Ticks / 10);

    /// <summary>This duration as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(checked(Ticks * 10));

    private static SimDuration FromUnits(double value, long ticksPerUnit, string paramName)
    {
        double ticks = Math.Round(value * ticksPerUnit);
        if (!double.IsFinite(ticks) || ticks >= long.MaxValue || ticks <= long.MinValue)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"A duration must be finite and within ±{long.MaxValue / ticksPerUnit} units.");
        }

        return new SimDuration((long)ticks);
    }

    /// <summary>Adds two durations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sum does not fit in a duration.</exception>
    public static SimDuration operator +(SimDuration a, SimDuration b)
    {
        long sum = unchecked(a.Ticks + b.Ticks);
        return ((a.Ticks ^ sum) & (b.Ticks ^ sum)) < 0 ? throw DoesNotFit(nameof(b), b) : new(sum);
    }

    /// <summary>Subtracts two durations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The difference does not fit in a duration.</exception>
    public static SimDuration operator -(SimDuration a, SimDuration b)
    {
        long difference = unchecked(a.Ticks - b.Ticks);
        return ((a.Ticks ^ b.Ticks) & (a.Ticks ^ difference)) < 0 ? throw DoesNotFit(nameof(b), b) : new(difference);
    }

    private static ArgumentOutOfRangeException DoesNotFit(string paramName, SimDuration value) =>
        new(paramName, value, $"The result passes the largest representable duration (±{long.MaxValue / TicksPerHour} hours).");

    /// <summary>Scales a duration, rounding to the nearest tick.</summary>
    public static SimDuration operator *(SimDuration a, double factor) => FromUnits(a.Ticks * factor, 1, nameof(factor));

    /// <summary>Compares two durations.</summary>
    public static bool operator <(SimDuration a, SimDuration b) => a.Ticks < b.Ticks;

    /// <summary>Compares two durations.</summary>
    public static bool operator >(SimDuration a, SimDuration b) => a.Ticks > b.Ticks;

    /// <summary>Compares two durations.</summary>
    public static bool operator <=(SimDuration a, SimDuration b) => a.Ticks <= b.Ticks;

    /// <summary>Compares two durations.</summary>
    public static bool operator >=(SimDuration a, SimDuration b) => a.Ticks >= b.Ticks;

    /// <summary>Equality of tick counts.</summary>
    public static bool operator ==(SimDuration a, SimDuration b) => a.Ticks == b.Ticks;

    /// <summary>Inequality of tick counts.</summary>
    public static bool operator !=(SimDuration a, SimDuration b) => a.Ticks != b.Ticks;

    /// <inheritdoc />
    public bool Equals(SimDuration other) => Ticks == other.Ticks;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SimDuration other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Ticks.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(SimDuration other) => Ticks.CompareTo(other.Ticks);

    /// <summary>The duration in hours, for logs (for example <c>12.5h</c>).</summary>
    public override string ToString() => TotalHours.ToString("0.######", CultureInfo.InvariantCulture) + "h";
}
