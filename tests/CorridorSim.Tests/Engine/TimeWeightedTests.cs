using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary><see cref="TimeWeighted"/>: integral, mean and maximum of a step function, resets, drift.</summary>
public class TimeWeightedTests
{
    private static SimTime Hours(double h) => SimTime.FromHours(h);

    [Fact]
    public void TimeWeighted_HandComputedStepFunction_GivesIntegralMeanAndMax()
    {
        // Value 2 on [0, 3h), 5 on [3h, 4h), 0 on [4h, 10h), 1 from 10h on; read at 12h.
        // Integral = 2*3 + 5*1 + 0*6 + 1*2 = 13 value-hours; mean = 13 / 12.
        var tw = new TimeWeighted(SimTime.Zero, 2);
        tw.Update(Hours(3), 5);
        tw.Update(Hours(4), 0);
        tw.Update(Hours(10), 1);

        Assert.Equal(13.0, tw.Integral(Hours(12)), 12);
        Assert.Equal(13.0 / 12, tw.Mean(Hours(12)), 12);
        Assert.Equal(5, tw.Max);
        Assert.Equal(1, tw.Current);
    }

    [Fact]
    public void TimeWeighted_NonZeroStart_AveragesFromStart()
    {
        // Starts at 100h with value 4, becomes 8 at 101h; at 103h: (4*1 + 8*2) / 3.
        var tw = new TimeWeighted(Hours(100), 4);
        tw.Update(Hours(101), 8);

        Assert.Equal(20.0 / 3, tw.Mean(Hours(103)), 12);
        Assert.Equal(20.0, tw.Integral(Hours(103)), 12);
    }

    [Fact]
    public void Mean_NoTimeElapsed_ReturnsCurrent()
    {
        var tw = new TimeWeighted(Hours(5), 3);
        Assert.Equal(3, tw.Mean(Hours(5)));

        tw.Update(Hours(5), 7);
        Assert.Equal(7, tw.Mean(Hours(5)));
        Assert.Equal(0, tw.Integral(Hours(5)));
    }

    [Fact]
    public void Update_SeveralChangesAtSameInstant_OnlyLastValueCounts()
    {
        var tw = new TimeWeighted(SimTime.Zero);
        tw.Update(Hours(1), 100);
        tw.Update(Hours(1), 3);

        Assert.Equal(3.0, tw.Integral(Hours(2)), 12);
        Assert.Equal(100, tw.Max);
    }

    [Fact]
    public void Reset_MidWay_RestartsIntegralAndMaxButKeepsCurrentValue()
    {
        // Warm-up: 10 on [0, 5h), 2 from 5h; reset at 6h; then 4 from 8h; read at 10h.
        // After reset: 2 on [6h, 8h) + 4 on [8h, 10h) = 12 value-hours over 4h.
        var tw = new TimeWeighted(SimTime.Zero, 10);
        tw.Update(Hours(5), 2);

        tw.Reset(Hours(6));

        Assert.Equal(2, tw.Current);
        Assert.Equal(2, tw.Max);
        Assert.Equal(0, tw.Integral(Hours(6)));
        Assert.Equal(2, tw.Mean(Hours(6)));

        tw.Update(Hours(8), 4);

        Assert.Equal(12.0, tw.Integral(Hours(10)), 12);
        Assert.Equal(3.0, tw.Mean(Hours(10)), 12);
        Assert.Equal(4, tw.Max);
    }

    [Fact]
    public void Update_BeforeLastUpdate_ThrowsArgumentOutOfRangeException()
    {
        var tw = new TimeWeighted(SimTime.Zero);
        tw.Update(Hours(5), 1);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => tw.Update(Hours(4), 2));
        Assert.Equal("now", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => tw.Mean(Hours(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => tw.Integral(Hours(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => tw.Reset(Hours(4)));
        Assert.Equal(1, tw.Current);
    }

    [Fact]
    public void Update_BeforeStart_ThrowsArgumentOutOfRangeException()
    {
        var tw = new TimeWeighted(Hours(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => tw.Update(Hours(9), 1));
    }

    [Fact]
    public void Update_NonFiniteValue_ThrowsArgumentOutOfRangeException()
    {
        var tw = new TimeWeighted(SimTime.Zero);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => tw.Update(Hours(1), double.NaN));
        Assert.Equal("newValue", ex.ParamName);
    }

    [Fact]
    public void Integral_ManySmallStepsOverDecades_DoesNotDrift()
    {
        // A queue alternating 1 and 3 every 37 minutes for about 30 years: the exact integral is known.
        var tw = new TimeWeighted(SimTime.Zero);
        var step = SimDuration.FromMinutes(37);
        SimTime t = SimTime.Zero;
        long ones = 0;
        long threes = 0;
        for (int i = 0; i < 430_000; i++)
        {
            double value = i % 2 == 0 ? 1 : 3;
            tw.Update(t, value);
            if (value == 1)
            {
                ones++;
            }
            else
            {
                threes++;
            }

            t += step;
        }

        double expected = ((ones * 1.0) + (threes * 3.0)) * step.TotalHours;
        Assert.Equal(expected, tw.Integral(t), 6);
        Assert.Equal(2.0, tw.Mean(t), 12);
    }
}
