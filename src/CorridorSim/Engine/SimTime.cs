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
    public static SimDuration operator +(SimDuration a, SimDuration b) => new(checked(a.Ticks + b.Ticks));

    /// <summary>Subtracts two durations.</summary>
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(checked(a.Ticks - b.Ticks));

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

/// <summary>
/// An instant of simulated time: the ticks (microseconds) elapsed since the simulation's start.
/// The calendar date of an instant is <see cref="Simulation.StartDate"/> plus that elapsed time.
/// </summary>
public readonly struct SimTime : IEquatable<SimTime>, IComparable<SimTime>
{
    private SimTime(long ticks) => Ticks = ticks;

    /// <summary>Ticks (microseconds) since the simulation's start.</summary>
    public long Ticks { get; }

    /// <summary>The start of the simulation.</summary>
    public static SimTime Zero => default;

    /// <summary>The latest representable instant; used as "never".</summary>
    public static SimTime MaxValue => new(long.MaxValue);

    /// <summary>Hours since the start, as a double (for reports).</summary>
    public double TotalHours => (double)Ticks / SimDuration.TicksPerHour;

    /// <summary>Days since the start, as a double (for reports).</summary>
    public double TotalDays => (double)Ticks / SimDuration.TicksPerDay;

    /// <summary>The instant <paramref name="ticks"/> microseconds after the start.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ticks"/> is negative.</exception>
    public static SimTime FromTicks(long ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        return new SimTime(ticks);
    }

    internal static SimTime FromTicksUnchecked(long ticks) => new(ticks);

    /// <summary>The instant <paramref name="hours"/> hours after the start.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hours"/> is negative or not finite.</exception>
    public static SimTime FromHours(double hours) =>
        hours >= 0 ? Zero + SimDuration.FromHours(hours) : throw new ArgumentOutOfRangeException(nameof(hours), hours, "An instant must not be before the simulation start.");

    /// <summary>The instant <paramref name="days"/> days after the start.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative or not finite.</exception>
    public static SimTime FromDays(double days) =>
        days >= 0 ? Zero + SimDuration.FromDays(days) : throw new ArgumentOutOfRangeException(nameof(days), days, "An instant must not be before the simulation start.");

    /// <summary>The time elapsed since the start.</summary>
    public SimDuration SinceStart => SimDuration.FromTicks(Ticks);

    /// <summary>An instant plus a duration.</summary>
    /// <exception cref="OverflowException">The result is past <see cref="MaxValue"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The result would be before the simulation start.</exception>
    public static SimTime operator +(SimTime t, SimDuration d) => NotBeforeStart(checked(t.Ticks + d.Ticks), nameof(d));

    /// <summary>An instant minus a duration.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be before the simulation start.</exception>
    public static SimTime operator -(SimTime t, SimDuration d) => NotBeforeStart(checked(t.Ticks - d.Ticks), nameof(d));

    private static SimTime NotBeforeStart(long ticks, string paramName) =>
        ticks >= 0 ? new SimTime(ticks) : throw new ArgumentOutOfRangeException(paramName, SimDuration.FromTicks(ticks), "An instant must not be before the simulation start.");

    /// <summary>The duration between two instants.</summary>
    public static SimDuration operator -(SimTime a, SimTime b) => SimDuration.FromTicks(checked(a.Ticks - b.Ticks));

    /// <summary>Compares two instants.</summary>
    public static bool operator <(SimTime a, SimTime b) => a.Ticks < b.Ticks;

    /// <summary>Compares two instants.</summary>
    public static bool operator >(SimTime a, SimTime b) => a.Ticks > b.Ticks;

    /// <summary>Compares two instants.</summary>
    public static bool operator <=(SimTime a, SimTime b) => a.Ticks <= b.Ticks;

    /// <summary>Compares two instants.</summary>
    public static bool operator >=(SimTime a, SimTime b) => a.Ticks >= b.Ticks;

    /// <summary>Equality of tick counts.</summary>
    public static bool operator ==(SimTime a, SimTime b) => a.Ticks == b.Ticks;

    /// <summary>Inequality of tick counts.</summary>
    public static bool operator !=(SimTime a, SimTime b) => a.Ticks != b.Ticks;

    /// <inheritdoc />
    public bool Equals(SimTime other) => Ticks == other.Ticks;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SimTime other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Ticks.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(SimTime other) => Ticks.CompareTo(other.Ticks);

    /// <summary>The instant as hours since the start, for logs (for example <c>t=36h</c>).</summary>
    public override string ToString() => "t=" + TotalHours.ToString("0.######", CultureInfo.InvariantCulture) + "h";
}
