using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class SweepPathsTests
{
    [Fact]
    public void ValidForms_FromTheTable_TheMessageTextUsersSee()
    {
        Assert.Equal(
            "valid paths are ports[ID].berths, ports[ID].handlingHoursFactor, stages[ID].trainsPerDay, stages[ID].transitHoursFactor, vesselLegs[ID].vessels, vesselLegs[ID].maxWaitHours, " +
            "flows[ID].annualTons, flows[ID].growthPerYear and simulation.targetTons; a spec is PATH=a..b, PATH=a..b:step or PATH=v1,v2,...",
            SweepPaths.ValidForms);
    }

    [Theory]
    [InlineData("ports[port:kuryk].berths", "ports", "berths", "port:kuryk")]
    [InlineData("ports['port:kuryk'].berths", "ports", "berths", "port:kuryk")]
    [InlineData("ports[\"port:kuryk\"].berths", "ports", "berths", "port:kuryk")]
    [InlineData("vesselLegs[ferry:kuryk-alat].maxWaitHours", "vesselLegs", "maxWaitHours", "ferry:kuryk-alat")]
    [InlineData("simulation.targetTons", "simulation", "targetTons", "")]
    public void Parse_ValidPath_RuleAndId(string path, string collection, string field, string id)
    {
        SweepPaths.Target t = SweepPaths.Parse(path);

        Assert.Equal((path, collection, field, id), (t.Path, t.Rule.Collection, t.Rule.Field, t.Id));
    }

    [Theory]
    [InlineData("quays[port:kuryk].berths", "Sweep path 'quays[port:kuryk].berths' is not recognised; valid paths are")]
    [InlineData("simulation[x].targetTons", "Sweep path 'simulation[x].targetTons' is not recognised; valid paths are")]
    [InlineData("simulation.seed", "Sweep path 'simulation.seed' is not recognised; valid paths are")]
    [InlineData("ports[port:kuryk].quays", "Sweep path 'ports[port:kuryk].quays': 'quays' is not a field that can be swept on ports; valid paths are")]
    public void Parse_InvalidPath_MessageNamesThePathAndListsTheForms(string path, string message)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => SweepPaths.Parse(path));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal("path", e.ParamName);
    }

    [Fact]
    public void Apply_Count_NotAWholeNumber_MessageNamesTheField()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => SweepPaths.Parse("ports[port:kuryk].berths").Apply(TestScenarios.Small(), 1.5));

        Assert.StartsWith("Sweep path 'ports[port:kuryk].berths': berths is a count; expected a whole number, found 1.5.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownId_MessageListsTheIds()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => SweepPaths.Parse("stages[rail:x].trainsPerDay").Apply(TestScenarios.Small(), 2));

        Assert.StartsWith("Sweep path 'stages[rail:x].trainsPerDay': scenario 'small-test' has no stage 'rail:x'; its stages are: rail:kz, rail:az-ge.", e.Message, StringComparison.Ordinal);
    }
}
