using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Tests.Engine;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.RoadLegs;

/// <summary>
/// The road (truck) leg against closed forms: Poisson truck arrivals at a gate of c lanes with exponential
/// processing is an M/M/c queue, so the mean wait is Erlang C's and the lanes' utilisation λ/(cμ); the haul adds a
/// constant. Tolerances are 99 % confidence intervals over independent replications.
/// </summary>
public sealed class RoadLegRuntimeTests(ITestOutputHelper output)
{
    private const double TrucksPerHour = 2;
    private const double TonsPerTruck = 20;
    private const double ProcessingHours = 1.2;
    private const double HaulHours = 10;
    private const int Replications = 20;

    private static CorridorModel Model(int lanes, IReadOnlyList<InvestmentDefinition>? investments = null)
    {
        var builder = new CorridorBuilder("road")
            .AddUnit("truck", unitsPerTrain: 1)
            .Add(new RoadLegDefinition
            {
                Id = "road:khorgos-almaty",
                From = "kz:khorgos",
                To = "kz:almaty",
                Lanes = lanes,
                ProcessingHours = Distribution.Exponential(ProcessingHours),
                HaulHours = Distribution.Constant(HaulHours),
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "trucks", Commodity = "other", Unit = "truck", TonsPerUnit = TonsPerTruck,
                AnnualTons = TrucksPerHour * 8760 * TonsPerTruck, BaseYear = 2025,
                Origin = "kz:khorgos", Destination = "kz:almaty",
                Routes = [new RouteDefinition { Legs = ["road:khorgos-almaty"] }],
            });
        foreach (InvestmentDefinition investment in investments ?? [])
        {
            builder.AddInvestment(investment);
        }

        return builder.BuildModel();
    }

    [Theory]
    [InlineData(3, 0.0)] // utilisation 0.8: trucks pass
    [InlineData(1, 3.0)] // utilisation 2.4: the queue sheds trucks that waited three days
    public void RunYear_AnyLoad_AllocatesAlmostNothingPerTruck(int lanes, double divertAfterDays)
    {
        // A truck is an event chain, not a process: its state object is recycled, and a diverted truck leaves at an
        // event, not by an exception. A process per truck cost about 390 bytes a truck here, 880 with diversions.
        CorridorModel model = Model(lanes);
        if (divertAfterDays > 0)
        {
            CorridorDefinition d = model.Definition;
            model = new CorridorModel(d with { Flows = [.. d.Flows.Select(f => f with { Diversion = new DiversionRule { AfterDays = divertAfterDays, To = "elsewhere" } })] });
        }

        CorridorRun run = model.CreateRun(seed: 3, replication: 0, firstYear: 2025, warmupDays: 30);
        run.RunYear(); // pools and queues reach their size
        long before = GC.GetAllocatedBytesForCurrentThread();
        YearResult y = run.RunYear();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        double trucks = y.GeneratedTons / TonsPerTruck;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trucks:F0} trucks, {y.DivertedTons / TonsPerTruck:F0} diverted: {bytes} bytes, {bytes / trucks:F1} per truck"));
        Assert.True(y.DivertedTons > 0 == divertAfterDays > 0);
        Assert.True(bytes / trucks < 32, $"{bytes / trucks:F1} bytes per truck");
    }

    [Theory]
    [InlineData(3, 0.0)] // most trucks queue: Erlang C's P(wait) is 0.65 (a process per truck: 4.7 events a truck)
    [InlineData(1, 3.0)] // demand 2.4 times the gate's: more than half the trucks are diverted (3.9 events a truck)
    public void RunYear_AnyLoad_ThreeEventsPerTruck(int lanes, double divertAfterDays)
    {
        // Its arrival, the end of its processing and its arrival at the far end (a diverted truck: its arrival and its
        // leaving): joining the gate and starting on a granted lane happen in the handler at hand, where a process
        // per truck had an event for its start and one for its resume after the grant.
        CorridorModel model = Model(lanes);
        if (divertAfterDays > 0)
        {
            CorridorDefinition d = model.Definition;
            model = new CorridorModel(d with { Flows = [.. d.Flows.Select(f => f with { Diversion = new DiversionRule { AfterDays = divertAfterDays, To = "elsewhere" } })] });
        }

        YearResult y = model.CreateRun(seed: 3, replication: 0, firstYear: 2025, warmupDays: 30).RunYear();

        double trucks = y.GeneratedTons / TonsPerTruck;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trucks:F0} trucks, {y.Events} events: {y.Events / trucks:F3} a truck"));
        Assert.True(y.DivertedTons > 0 == divertAfterDays > 0);

        // Besides: 12 month ends of the generator, a daily diversion sweep, the trucks of the warm-up still on the road.
        Assert.True(y.Events < (3 * trucks) + 500, $"{y.Events} events for {trucks:F0} trucks");
    }

    private static YearResult[] Run(CorridorModel model) =>
        QueueingHelpers.RunReplications(Replications, i => model.CreateRun(seed: 77, i, 2025, warmupDays: 30).RunYear());

    [Fact]
    public void RoadLeg_PoissonTrucksAtThreeLanes_WaitAndUtilisationMatchErlangC()
    {
        const int lanes = 3;
        QueueMeasures exact = QueueingHelpers.MMc(TrucksPerHour, 1 / ProcessingHours, lanes);
        YearResult[] years = Run(Model(lanes));

        ReplicationEstimate wait = ReplicationEstimate.Of([.. years.Select(y => y.Components.Single().MeanWaitHours)], 0.99);
        ReplicationEstimate utilisation = ReplicationEstimate.Of([.. years.Select(y => y.Components.Single().Utilization)], 0.99);
        ReplicationEstimate transitHours = ReplicationEstimate.Of([.. years.Select(y => y.MeanTransitDays * 24)], 0.99);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wq: Erlang C {exact.WaitInQueueHours:0.0000} h, simulated {wait}; utilisation λ/(cμ) {TrucksPerHour * ProcessingHours / lanes:0.0000}, simulated {utilisation}; transit {exact.SojournHours + HaulHours:0.000} h, simulated {transitHours}"));

        Assert.True(wait.Contains(exact.WaitInQueueHours), $"the 99% CI of the mean wait {wait} misses Erlang C's {exact.WaitInQueueHours}");
        Assert.True(wait.HalfWidth < 0.1 * exact.WaitInQueueHours, $"the CI {wait} is too wide for the check to mean anything");
        Assert.True(utilisation.Contains(TrucksPerHour * ProcessingHours / lanes), $"utilisation {utilisation}");
        Assert.True(transitHours.Contains(exact.SojournHours + HaulHours), $"transit {transitHours} misses Wq + 1/μ + haul = {exact.SojournHours + HaulHours}");
    }

    [Fact]
    public void RoadLeg_LanesInvestment_WaitDropsToTheWiderGatesErlangC()
    {
        // From 1 January the gate has four lanes; the year's wait is then that of M/M/4 (the warm-up's queue of M/M/3
        // clears within hours).
        var fourLanes = new InvestmentDefinition
        {
            Name = "fourth lane", Date = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Component = "road:khorgos-almaty", Kind = InvestmentKind.Lanes, Value = 4,
        };
        QueueMeasures exact = QueueingHelpers.MMc(TrucksPerHour, 1 / ProcessingHours, 4);
        YearResult[] years = Run(Model(3, [fourLanes]));

        ReplicationEstimate wait = ReplicationEstimate.Of([.. years.Select(y => y.Components.Single().MeanWaitHours)], 0.99);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wq with four lanes: Erlang C {exact.WaitInQueueHours:0.0000} h, simulated {wait}"));

        Assert.True(wait.Contains(exact.WaitInQueueHours), $"the 99% CI of the mean wait {wait} misses Erlang C's {exact.WaitInQueueHours}");
    }

    [Fact]
    public void RoadLeg_AnyMoment_ConservesTons()
    {
        CorridorRun run = Model(1).CreateRun(seed: 5, replication: 0, firstYear: 2025, warmupDays: 0);
        for (int month = 1; month <= 12; month++)
        {
            run.RunUntil(new DateTime(2025, month, 15, 0, 0, 0, DateTimeKind.Utc));
            double inSystem = run.TonsInSystemByCommodity().Values.Sum();
            Assert.Equal(run.TotalGeneratedTons, run.TotalDeliveredTons + run.TotalDivertedTons + inSystem, 6);
            Assert.False(run.AnyUnitHeldTwice());
        }

        Assert.True(run.TotalDeliveredTons > 0);
    }

    [Fact]
    public void Validate_RoadLegEnteredAtTheWrongNodeAndNoLanes_ReportsBothWithTheirPaths()
    {
        CorridorDefinition d = Model(1).Definition;
        var road = (RoadLegDefinition)d.Components[0];
        CorridorDefinition broken = d with
        {
            Components = [road with { Lanes = 0, From = "kz:nowhere" }],
        };

        IReadOnlyList<ScenarioError> errors = CorridorModel.Validate(broken);

        Assert.Contains(errors, e => e.Path == "$.roadLegs[0].lanes" && e.Message.Contains("lanes must be within 1..1000, found 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.flows[0].routes[0].legs[0]" &&
            e.Message.Contains("road leg 'road:khorgos-almaty' starts at 'kz:nowhere' but the route is at 'kz:khorgos'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_InvestmentKindARoadLegDoesNotTake_NamesWhatItTakes()
    {
        CorridorDefinition d = Model(1).Definition with
        {
            Investments =
            [
                new InvestmentDefinition
                {
                    Name = "berth", Date = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc),
                    Component = "road:khorgos-almaty", Kind = InvestmentKind.Berths, Value = 2,
                },
            ],
        };

        ScenarioError error = Assert.Single(CorridorModel.Validate(d));

        Assert.Equal("$.investments[0].component", error.Path);
        Assert.Contains("road leg 'road:khorgos-almaty' takes no investment of kind Berths; it takes Lanes, HandlingTimeFactor", error.Message, StringComparison.Ordinal);
    }
}
