using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

public class SimTimeTests
{
    // ---- factories -------------------------------------------------------------------------------------

    [Fact]
    public void TickConstants_OneTickIsOneMicrosecond()
    {
        Assert.Equal(1_000_000L, SimDuration.TicksPerSecond);
        Assert.Equal(60_000_000L, SimDuration.TicksPerMinute);
        Assert.Equal(3_600_000_000L, SimDuration.TicksPerHour);
        Assert.Equal(86_400_000_000L, SimDuration.TicksPerDay);
    }

    [Fact]
    public void Factories_WholeUnits_GiveExactTicks()
    {
        Assert.Equal(1_500_000L, SimDuration.FromSeconds(1.5).Ticks);
        Assert.Equal(90_000_000L, SimDuration.FromMinutes(1.5).Ticks);
        Assert.Equal(5_400_000_000L, SimDuration.FromHours(1.5).Ticks);
        Assert.Equal(2 * SimDuration.TicksPerDay, SimDuration.FromDays(2).Ticks);
        Assert.Equal(42L, SimDuration.FromTicks(42).Ticks);
        Assert.Equal(SimDuration.Zero, SimDuration.FromHours(0));
        Assert.Equal(long.MaxValue, SimDuration.MaxValue.Ticks);
    }

    [Fact]
    public void Factories_DecimalFractions_RoundToTheNearestMicrosecondWithoutDrift()
    {
        // 0.1 h, 1.1 h and 0.1 d have no exact binary value: the product is within a hair of a whole tick.
        Assert.Equal(360_000_000L, SimDuration.FromHours(0.1).Ticks);
        Assert.Equal(3_960_000_000L, SimDuration.FromHours(1.1).Ticks);
        Assert.Equal(8_640_000_000L, SimDuration.FromDays(0.1).Ticks);
        Assert.Equal(333_333L, SimDuration.FromSeconds(1.0 / 3).Ticks);
        Assert.Equal(666_667L, SimDuration.FromSeconds(2.0 / 3).Ticks);
    }

    [Theory]
    [InlineData(0.4e-6, 0L)]
    [InlineData(0.6e-6, 1L)]
    [InlineData(1.4e-6, 1L)]
    [InlineData(-0.6e-6, -1L)]
    [InlineData(-1.4e-6, -1L)]
    public void FromSeconds_SubMicrosecond_RoundsToNearestTick(double seconds, long expectedTicks)
    {
        Assert.Equal(expectedTicks, SimDuration.FromSeconds(seconds).Ticks);
    }

    [Fact]
    public void SimTime_Factories_CountFromTheStart()
    {
        Assert.Equal(SimTime.Zero, SimTime.FromTicks(0));
        Assert.Equal(36 * SimDuration.TicksPerHour, SimTime.FromHours(36).Ticks);
        Assert.Equal(SimTime.FromHours(48), SimTime.FromDays(2));
        Assert.Equal(long.MaxValue, SimTime.MaxValue.Ticks);
        Assert.Equal(SimDuration.FromHours(36), SimTime.FromHours(36).SinceStart);
    }

    [Fact]
    public void FromTimeSpan_ConvertsHundredNanosecondTicksToMicroseconds()
    {
        Assert.Equal(SimDuration.FromHours(2), SimDuration.FromTimeSpan(TimeSpan.FromHours(2)));
        Assert.Equal(1L, SimDuration.FromTimeSpan(TimeSpan.FromTicks(19)).Ticks); // 1.9 µs truncates to 1 µs
        Assert.Equal(TimeSpan.FromDays(3), SimDuration.FromDays(3).ToTimeSpan());
    }

    [Fact]
    public void TotalUnits_ReadBackTheDuration()
    {
        SimDuration d = SimDuration.FromHours(36);

        Assert.Equal(36.0, d.TotalHours);
        Assert.Equal(1.5, d.TotalDays);
        Assert.Equal(129_600.0, d.TotalSeconds);
        Assert.Equal(1.5, SimTime.FromHours(36).TotalDays);
        Assert.Equal(36.0, SimTime.FromHours(36).TotalHours);
    }

    // ---- arithmetic and comparison ---------------------------------------------------------------------

    [Fact]
    public void Arithmetic_InstantsAndDurations_Combine()
    {
        SimTime t = SimTime.FromHours(10);
        SimDuration d = SimDuration.FromHours(2.5);

        Assert.Equal(SimTime.FromHours(12.5), t + d);
        Assert.Equal(SimTime.FromHours(7.5), t - d);
        Assert.Equal(SimDuration.FromHours(7.5), t - SimTime.FromHours(2.5));
        Assert.Equal(SimDuration.FromHours(5), d + d);
        Assert.Equal(SimDuration.Zero, d - d);
        Assert.Equal(SimDuration.FromHours(7.5), d * 3);
        Assert.Equal(SimDuration.FromHours(1.25), d * 0.5);
    }

    [Fact]
    public void Multiply_ResultBetweenTicks_RoundsToNearestTick()
    {
        Assert.Equal(3L, (SimDuration.FromTicks(10) * 0.34).Ticks);
        Assert.Equal(4L, (SimDuration.FromTicks(10) * 0.36).Ticks);
    }

    [Property]
    public bool Addition_ThenSubtraction_RoundTripsExactly(int hoursA, int microsB)
    {
        // Integer ticks: no drift however the sums are grouped.
        // Valid inputs only: an instant is never before the start, so a + b must not be negative.
        SimTime a = SimTime.FromHours(Math.Abs((long)hoursA) % 1_000_000);
        SimDuration b = SimDuration.FromTicks(Math.Max(microsB, -a.Ticks));
        return (a + b) - b == a && (a + b) - a == b;
    }

    [Property]
    public Property Comparisons_AgreeWithTicks() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Two().ToArbitrary(),
            pair =>
            {
                (int x, int y) = pair;
                SimTime a = SimTime.FromTicks(x);
                SimTime b = SimTime.FromTicks(y);
                SimDuration da = SimDuration.FromTicks(x);
                SimDuration db = SimDuration.FromTicks(y);
                return (a < b) == (x < y) && (a <= b) == (x <= y) && (a > b) == (x > y) && (a >= b) == (x >= y) &&
                       (a == b) == (x == y) && (a != b) == (x != y) && a.CompareTo(b) == x.CompareTo(y) &&
                       (da < db) == (x < y) && (da >= db) == (x >= y) && (da == db) == (x == y) &&
                       da.CompareTo(db) == x.CompareTo(y) && a.Equals(b) == (x == y) &&
                       (x != y || a.GetHashCode() == b.GetHashCode());
            });

    [Fact]
    public void Equality_BoxedAndUnboxed_Agree()
    {
        object boxed = SimTime.FromHours(1);

        Assert.True(SimTime.FromHours(1).Equals(boxed));
        Assert.False(SimTime.FromHours(1).Equals(SimDuration.FromHours(1)));
        Assert.True(SimDuration.FromHours(1).Equals((object)SimDuration.FromHours(1)));
    }

    [Fact]
    public void ToString_ShowsHours()
    {
        Assert.Equal("t=36h", SimTime.FromHours(36).ToString());
        Assert.Equal("t=0.5h", SimTime.FromHours(0.5).ToString());
        Assert.Equal("12.5h", SimDuration.FromHours(12.5).ToString());
    }

    // ---- overflow and invalid values ---------------------------------------------------------------------

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    public void Factories_NonFiniteOrOutOfRange_ThrowNamingTheParameter(double value)
    {
        Assert.Equal("seconds", Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromSeconds(value)).ParamName);
        Assert.Equal("minutes", Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromMinutes(value)).ParamName);
        Assert.Equal("hours", Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromHours(value)).ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromDays(value)).ParamName);
        Assert.Equal("hours", Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromHours(value)).ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromDays(value)).ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public void Multiply_NonFiniteOrOverflowingFactor_ThrowsNamingFactor(double factor)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromHours(1) * factor);

        Assert.Equal("factor", ex.ParamName);
    }

    [Fact]
    public void Factories_JustBeyondTheTickRange_Throw()
    {
        // long.MaxValue ticks is about 106,751,991 days; a few more days do not fit.
        double maxDays = (double)long.MaxValue / SimDuration.TicksPerDay;

        Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromDays(maxDays * 1.0001));
        Assert.True(SimDuration.FromDays(maxDays * 0.9999).Ticks > 0);
    }

    [Fact]
    public void FromTicks_NegativeInstant_ThrowsNamingTicks()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromTicks(-1));

        Assert.Equal("ticks", ex.ParamName);
    }

    [Fact]
    public void Arithmetic_PastTheLastInstant_ThrowsTheScheduleMessage()
    {
        var sim = new Simulation();
        sim.RunUntil(SimTime.FromTicks(1));
        var schedule = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimDuration.MaxValue, static (_, _) => { }, (object?)null));

        var sum = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Now + SimDuration.MaxValue);
        var difference = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Now - SimDuration.FromTicks(long.MinValue));

        string first = schedule.Message[..schedule.Message.IndexOf('.', StringComparison.Ordinal)];
        Assert.StartsWith(first, sum.Message, StringComparison.Ordinal);
        Assert.StartsWith(first, difference.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DurationArithmetic_PastTheTickRange_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.MaxValue + SimDuration.FromTicks(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.MaxValue + SimDuration.FromTicks(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromTicks(long.MinValue) - SimDuration.FromTicks(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromTicks(long.MinValue) + SimDuration.FromTicks(-1));
        Assert.Equal(SimDuration.MaxValue, SimDuration.MaxValue - SimDuration.Zero);
        Assert.Equal(SimTime.MaxValue, SimTime.MaxValue + SimDuration.FromTicks(-1) + SimDuration.FromTicks(1));
        Assert.Throws<OverflowException>(() => SimDuration.MaxValue.ToTimeSpan());
    }

    [Fact]
    public void SimTimeFromHours_Negative_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromHours(-1));
        Assert.Equal("hours", ex.ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromDays(-0.5)).ParamName);
    }

    [Fact]
    public void SimTimeMinusDuration_BeforeTheStart_Throws()
    {
        SimTime t = SimTime.FromHours(2);
        Assert.Equal(SimTime.FromHours(1), t - SimDuration.FromHours(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => t - SimDuration.FromHours(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => t + SimDuration.FromHours(-3));
    }
}
