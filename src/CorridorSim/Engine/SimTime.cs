using System.Globalization;

namespace CorridorSim.Engine;

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
    /// <exception cref="ArgumentOutOfRangeException">The result would be past <see cref="MaxValue"/> or before the simulation start.</exception>
    public static SimTime operator +(SimTime t, SimDuration d) =>
        d.Ticks > 0 && t.Ticks > long.MaxValue - d.Ticks ? throw PastLast(t, d) : NotBeforeStart(unchecked(t.Ticks + d.Ticks), nameof(d));

    /// <summary>An instant minus a duration.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be past <see cref="MaxValue"/> or before the simulation start.</exception>
    public static SimTime operator -(SimTime t, SimDuration d) =>
        d.Ticks < 0 && t.Ticks > long.MaxValue + d.Ticks ? throw PastLast(t, d) : NotBeforeStart(unchecked(t.Ticks - d.Ticks), nameof(d));

    // The message Simulation.Schedule gives for a delay past the last instant, so that both read the same.
    private static ArgumentOutOfRangeException PastLast(SimTime t, SimDuration d) =>
        new(nameof(d), d, $"The delay from now ({t}) passes the last representable instant.");

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
