using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>A cargo flow at run time: generates units and keeps its delivery statistics.</summary>
internal sealed class FlowRuntime
{
    private readonly CorridorRun _run;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _routes;
    private readonly double _seasonMean;

    public FlowRuntime(CorridorRun run, CargoFlowDefinition definition, RouteStep[][] routes)
    {
        _run = run;
        Definition = definition;
        Routes = routes;
        _arrivals = run.Simulation.Stream("flow:" + definition.Id + ":arrivals");
        _routes = run.Simulation.Stream("flow:" + definition.Id + ":routes");
        _seasonMean = definition.Seasonality.Count == 12 ? definition.Seasonality.Average() : 1;
        DivertAfterTicks = definition.Diversion.IsOn ? SimDuration.FromDays(definition.Diversion.AfterDays).Ticks : long.MaxValue;
    }

    /// <summary>How long, in ticks, a unit may wait at its first component before it diverts; <see cref="long.MaxValue"/> when the flow never diverts.</summary>
    public long DivertAfterTicks { get; }

    public CargoFlowDefinition Definition { get; }

    /// <summary>Position of the flow's unit type in the corridor's unit list (a cheap key for per-unit lookups).</summary>
    public int UnitIndex { get; init; }

    /// <summary>Position of the flow's commodity in the run's list of commodities (a cheap key for per-unit sums).</summary>
    public int CommodityIndex { get; init; }

    public RouteStep[][] Routes { get; }

    public double GeneratedTons { get; set; }

    public double DeliveredTons { get; set; }

    public long DeliveredUnits { get; set; }

    /// <summary>Tons delivered in the year that were generated before the year began (the backlog's clearance).</summary>
    public double DeliveredFromBacklogTons { get; set; }

    /// <summary>Tons diverted in the year.</summary>
    public double DivertedTons { get; set; }

    public double TotalDivertedTons { get; set; }

    public Tally TransitDays { get; } = Tally.WithBinnedPercentiles();

    public double TotalGeneratedTons { get; private set; }

    public double TotalDeliveredTons { get; set; }

    public void ResetStatistics()
    {
        GeneratedTons = 0;
        DeliveredTons = 0;
        DeliveredUnits = 0;
        DeliveredFromBacklogTons = 0;
        DivertedTons = 0;
        TransitDays.Reset();
    }

    /// <summary>Units per hour demanded at the current date (annual tons of the year, seasonal profile).</summary>
    private double UnitsPerHour()
    {
        DateTime date = _run.Simulation.CurrentDate;
        double tons = Definition.TonsInYear(date.Year);
        double season = Definition.Seasonality.Count == 12 ? Definition.Seasonality[date.Month - 1] / _seasonMean : 1;
        double hoursInYear = DateTime.IsLeapYear(date.Year) ? 8784 : 8760;
        double units = tons / Definition.TonsPerUnit;
        if (!(units <= CargoFlowDefinition.MaxUnitsPerYear))
        {
            // A scenario file is checked for its simulated years; a definition run for other years meets this here.
            throw new InvalidOperationException(
                $"Flow '{Definition.Id}' demands {ValidationContext.Format(units)} units in {date.Year}, more than the {ValidationContext.Format(CargoFlowDefinition.MaxUnitsPerYear)} a flow may generate in a year (check its growthPerYear and tonsPerUnit).");
        }

        return units * season / hoursInYear;
    }

    // The generator is an event handler rather than a process: one event per unit either way, scheduled at the same
    // points (so the same sequence numbers), without a process's resumption and state machine around each.
    private static readonly Action<Simulation, FlowRuntime> Step = static (_, flow) => flow.OnStep();
    private SimTime _monthEnd = SimTime.Zero;
    private double _rate;
    private bool _unitDue; // the event now is a unit's arrival, not the end of a month

    /// <summary>Schedules the flow's first event now (where a process would have had its start event).</summary>
    public void Start() => _run.Simulation.Schedule(SimDuration.Zero, Step, this);

    private void OnStep()
    {
        try
        {
            Generate();
        }
#pragma warning disable CA1031 // As a process body's would: any exception fails the run, named after the flow.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _run.Simulation.Fault(new ProcessFaultedException("flow:" + Definition.Id, _run.Simulation.Now, ex));
        }
    }

    private void Generate()
    {
        Simulation sim = _run.Simulation;
        SimTime now = sim.Now;
        if (_unitDue)
        {
            _unitDue = false;
            CargoUnit unit = _run.NewUnit(this, ChooseRoute(), now);
            GeneratedTons += Definition.TonsPerUnit;
            TotalGeneratedTons += Definition.TonsPerUnit;
            _run.Generated(unit);
            unit.Advance(_run);
        }

        if (now >= _monthEnd)
        {
            // The rate is constant within a calendar month: work it out once per month.
            DateTime date = sim.CurrentDate;
            var monthEnd = new DateTime(date.Year, date.Month, 1, 0, 0, 0, date.Kind).AddMonths(1);
            _monthEnd = sim.TimeOf(monthEnd);
            _rate = UnitsPerHour();
        }

        if (_rate <= 0)
        {
            sim.ScheduleAt(_monthEnd, Step, this);
            return;
        }

        // Poisson arrivals with a rate that is constant within a month; memoryless, so a gap that
        // crosses the month's end is redrawn with the next month's rate.
        // Compared in hours first: the gap of a tiny demand can be longer than any representable duration.
        double gap = -Math.Log(1 - _arrivals.NextDouble()) / _rate;
        if (gap >= (_monthEnd - now).TotalHours)
        {
            sim.ScheduleAt(_monthEnd, Step, this);
            return;
        }

        SimTime at = now + SimDuration.FromHours(gap);
        if (at >= _monthEnd)
        {
            sim.ScheduleAt(_monthEnd, Step, this);
            return;
        }

        _unitDue = true;
        sim.ScheduleAt(at, Step, this);
    }

    private RouteStep[] ChooseRoute()
    {
        if (Routes.Length == 1)
        {
            return Routes[0];
        }

        if (Definition.RouteChoice == RouteChoice.ShortestExpectedTime)
        {
            int best = 0;
            double bestHours = double.MaxValue;
            for (int r = 0; r < Routes.Length; r++)
            {
                double hours = 0;
                foreach (RouteStep s in Routes[r])
                {
                    hours += s.Component.ExpectedHours(s.Forward);
                }

                if (hours < bestHours)
                {
                    bestHours = hours;
                    best = r;
                }
            }

            return Routes[best];
        }

        double total = 0;
        foreach (RouteDefinition r in Definition.Routes)
        {
            total += r.Share;
        }

        double u = _routes.NextDouble() * total;
        for (int r = 0; r < Routes.Length; r++)
        {
            u -= Definition.Routes[r].Share;
            if (u < 0)
            {
                return Routes[r];
            }
        }

        return Routes[^1];
    }
}
