using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>Instants before the start, delays past the end of time, and amounts that could never be there.</summary>
public sealed class BoundaryTests
{
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

    [Fact]
    public void Schedule_DelayPastTheLastInstant_ThrowsArgumentOutOfRange()
    {
        var sim = new Simulation();
        sim.Schedule(SimDuration.FromHours(1), static (_, _) => { }, (object?)null);
        sim.Run();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimDuration.MaxValue, static (_, _) => { }, (object?)null));
        Assert.Equal("delay", ex.ParamName);
    }

    [Fact]
    public void ContainerGet_AmountAboveCapacity_ThrowsInsteadOfWaitingForever()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100, name: "tank");
        Exception? caught = null;
        sim.Start(async p =>
        {
            try
            {
                await p.Get(tank, 150);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                caught = ex;
            }
        });
        sim.Run();
        Assert.IsType<ArgumentOutOfRangeException>(caught);
        Assert.Contains("tank", caught!.Message, StringComparison.Ordinal);
    }
}
