using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class SweepParameterTests
{
    [Theory]
    [InlineData("vesselLegs[ferry:kuryk-alat].vessels=1..4", "vesselLegs[ferry:kuryk-alat].vessels", new[] { 1.0, 2, 3, 4 })]
    [InlineData("stages[rail:kz].trainsPerDay=2..3:0.5", "stages[rail:kz].trainsPerDay", new[] { 2.0, 2.5, 3 })]
    [InlineData("flows[westbound].growthPerYear=0..0.3:0.1", "flows[westbound].growthPerYear", new[] { 0.0, 0.1, 0.2, 0.3 })]
    [InlineData("flows[westbound].annualTons=1e5, 2.5e5,4e5", "flows[westbound].annualTons", new[] { 100_000.0, 250_000, 400_000 })]
    [InlineData("ports['port:kuryk'].berths=3", "ports['port:kuryk'].berths", new[] { 3.0 })]
    [InlineData("vesselLegs[ferry:kuryk-alat].maxWaitHours=-0..48:24", "vesselLegs[ferry:kuryk-alat].maxWaitHours", new[] { 0.0, 24, 48 })]
    [InlineData("simulation.targetTons=1e6,1e7", "simulation.targetTons", new[] { 1e6, 1e7 })]
    public void Parse_ValidSpec_PathAndValues(string spec, string path, double[] values)
    {
        SweepParameter p = SweepParameter.Parse(spec);

        Assert.Equal(path, p.Path);
        Assert.Equal(values, p.Values);
    }

    [Theory]
    [InlineData("vessels=1..3")]
    [InlineData("ports[port:kuryk].handlingTimeFactor=0.8,0.9")]
    [InlineData("ports[port:kuryk].berths")]
    [InlineData("ports[port:kuryk].berths=")]
    [InlineData("ports[port:kuryk].berths=3..1")]
    [InlineData("ports[port:kuryk].berths=1..3:0")]
    [InlineData("ports[port:kuryk].berths=1..3:-1")]
    [InlineData("ports[port:kuryk].berths=two")]
    [InlineData("ports[port:kuryk].berths=1,,2")]
    [InlineData("ports[].berths=1")]
    [InlineData("quays[port:kuryk].berths=1")]
    [InlineData("simulation.seed=1")]
    [InlineData("ports[port:kuryk].berths=1..100000")]
    [InlineData("=1")]
    public void Parse_InvalidSpec_ArgumentExceptionListingValidForms(string spec)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => SweepParameter.Parse(spec));

        Assert.True(e.Message.Contains("valid paths are", StringComparison.Ordinal) || e.Message.Contains(spec.Split('=')[0], StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Apply_Berths_CopyChangedOriginalUntouched()
    {
        Scenario scenario = TestScenarios.Small();

        Scenario changed = SweepParameter.Parse("ports[port:alat].berths=5").Apply(scenario, 5);

        Assert.Equal(5, changed.Corridor.Ports.Single(p => p.Id == "port:alat").Berths);
        Assert.Equal(2, scenario.Corridor.Ports.Single(p => p.Id == "port:alat").Berths);
        Assert.Equal(2, changed.Corridor.Ports.Single(p => p.Id == "port:kuryk").Berths);
        Assert.Same(scenario.Corridor.Flows, changed.Corridor.Flows);
    }

    [Fact]
    public void Apply_FleetSize_KeepsFirstVesselsAndCopiesTheFirst()
    {
        Scenario scenario = TestScenarios.Small(vessels: 2);
        var p = SweepParameter.Parse("vesselLegs[ferry:kuryk-alat].vessels=1,4");

        IReadOnlyList<VesselDefinition> four = p.Apply(scenario, 4).Corridor.VesselLegs[0].Vessels;
        IReadOnlyList<VesselDefinition> one = p.Apply(scenario, 1).Corridor.VesselLegs[0].Vessels;

        Assert.Equal(["ferry-1", "ferry-2", "ferry-1#3", "ferry-1#4"], four.Select(v => v.Name));
        Assert.All(four, v => Assert.Equal(50, v.CapacityUnits));
        Assert.Equal(["ferry-1"], one.Select(v => v.Name));
        Assert.Equal(2, scenario.Corridor.VesselLegs[0].Vessels.Count);
        Assert.Throws<ArgumentException>(() => p.Apply(scenario, 2.5));
    }

    [Theory]
    [InlineData("ports[port:nowhere].berths", "port:kuryk, port:alat")]
    [InlineData("stages[rail:x].trainsPerDay", "rail:kz, rail:az-ge")]
    [InlineData("vesselLegs[ferry:x].maxWaitHours", "ferry:kuryk-alat")]
    [InlineData("flows[eastbound].annualTons", "westbound")]
    public void Apply_UnknownId_ArgumentExceptionListingIds(string path, string ids)
    {
        var p = new SweepParameter(path, [1]);

        ArgumentException e = Assert.Throws<ArgumentException>(() => p.Apply(TestScenarios.Small(), 1));

        Assert.Contains(ids, e.Message, StringComparison.Ordinal);
    }
}
