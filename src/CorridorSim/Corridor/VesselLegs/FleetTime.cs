using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>What a vessel is doing, for the fleet's time states.</summary>
internal enum VesselActivity
{
    /// <summary>Not in service (before its date).</summary>
    None = -1,
    Sailing,
    Loading,
    WaitingForBerth,
    WeatherBound,
    WaitingForBackhaul,
    Idle,
}

/// <summary>The vessel-hours of a fleet by activity: one time-weighted count of vessels per activity.</summary>
internal sealed class FleetTime
{
    private const int Count = (int)VesselActivity.Idle + 1;
    private readonly Simulation _simulation;
    private readonly TimeWeighted[] _hours = new TimeWeighted[Count];
    private readonly int[] _vessels = new int[Count];

    public FleetTime(Simulation simulation)
    {
        _simulation = simulation;
        for (int i = 0; i < Count; i++)
        {
            _hours[i] = new TimeWeighted(simulation.Now);
        }
    }

    /// <summary>Moves one vessel from <paramref name="from"/> to <paramref name="to"/> now.</summary>
    public void Move(VesselActivity from, VesselActivity to)
    {
        if (from == to)
        {
            return;
        }

        SimTime now = _simulation.Now;
        if (from != VesselActivity.None)
        {
            _hours[(int)from].Update(now, --_vessels[(int)from]);
        }

        if (to != VesselActivity.None)
        {
            _hours[(int)to].Update(now, ++_vessels[(int)to]);
        }
    }

    public void Reset()
    {
        foreach (TimeWeighted t in _hours)
        {
            t.Reset(_simulation.Now);
        }
    }

    /// <summary>The shares of vessel-hours in service since the last reset.</summary>
    public ComponentTimeStates Shares()
    {
        SimTime now = _simulation.Now;
        double total = 0;
        var h = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            h[i] = _hours[i].Integral(now);
            total += h[i];
        }

        if (total <= 0)
        {
            return ComponentTimeStates.AllIdle;
        }

        return new ComponentTimeStates
        {
            Sailing = h[(int)VesselActivity.Sailing] / total,
            Loading = h[(int)VesselActivity.Loading] / total,
            WaitingForBerth = h[(int)VesselActivity.WaitingForBerth] / total,
            WeatherBound = h[(int)VesselActivity.WeatherBound] / total,
            WaitingForBackhaul = h[(int)VesselActivity.WaitingForBackhaul] / total,
            Idle = h[(int)VesselActivity.Idle] / total,
        };
    }
}

/// <summary>One vessel's current activity, moved in its fleet's <see cref="FleetTime"/>.</summary>
internal sealed class VesselClock(FleetTime fleet)
{
    public VesselActivity Activity { get; private set; } = VesselActivity.None;

    public void Set(VesselActivity next)
    {
        fleet.Move(Activity, next);
        Activity = next;
    }
}
