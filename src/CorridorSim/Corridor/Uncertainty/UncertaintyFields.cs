namespace CorridorSim.Corridor;

/// <summary>The scenario fields of the uncertainty section and its inputs (defaults: the records' initializers).</summary>
internal static class UncertaintyFields
{
    public static Shape Input { get; } = new("uncertainInput", "an uncertain input", typeof(UncertainInput),
    [
        Field.Id("name", "The input's name, unique in the section: it labels the input in reports and seeds its draws (the same name draws the same values in any scenario)."),
        new("kind", Form.Words, "What the drawn value changes: \"demandLevel\" (a factor on the named flows' demand in every year), \"demandGrowth\" (their growth a year after fromYear, replacing the scenario's), \"investmentDelay\" (years the named investments are late, in whole months), \"parameter\" (the value at path), \"stormRate\" / \"stormDuration\" (factors on the named ports' storm episodes per month / durations), \"seaLevelFall\" (the Caspian's fall in cm a year, lowering every vessel leg's load factor by loadFactorPerCm per cm a year from fromYear, restarting at each dated load factor).")
        {
            Required = true, Words = ["demandLevel", "demandGrowth", "investmentDelay", "parameter", "stormRate", "stormDuration", "seaLevelFall"],
        },
        new("distribution", Form.Distribution, "The distribution of the drawn value; every kind but investmentDelay (which uses onTimeProbability and delayYears)."),
        new("flows", Form.TextList, "demandLevel, demandGrowth: the flows changed, by id; with commodities also absent, every flow."),
        new("commodities", Form.TextList, "demandLevel, demandGrowth: the commodities whose flows are changed."),
        new("fromYear", Form.Integer, "demandGrowth: the last year whose demand is kept, growth applying after it; seaLevelFall: the year the fall starts to count. 0 (the default): the first simulated year.") { Min = 0, Max = 2200 },
        new("investments", Form.TextList, "investmentDelay: the investments delayed, by name; one draw delays them all (stages of one project)."),
        new("onTimeProbability", Form.Number, "investmentDelay: the probability the investments come on time (DOMAIN.md 2.12: 0.3 overall; Kazakh state rail 0.6, multi-party ports 0.1, ships 0.2).") { Min = 0, Max = 1 },
        new("delayYears", Form.Distribution, "investmentDelay: the delay in years when late (DOMAIN.md 2.12 suggests a log-normal with median 4 years, σ_ln 0.6), truncated at maxDelayYears. Required unless onTimeProbability is 1."),
        new("maxDelayYears", Form.Number, "investmentDelay: the longest delay, in years.") { Min = 0, MinExclusive = true, Max = 50 },
        new("path", Form.Text, "parameter: the scenario parameter, in the sweep's path forms, e.g. \"ports[port:sangachal].berths\" or \"stages[rail:moyinty-mangistau].trainsPerDay\"; a count takes the drawn value rounded to a whole number.") { MinLength = 1 },
        new("ports", Form.TextList, "stormRate, stormDuration: the ports changed, by id; absent: every port with storms."),
        new("loadFactorPerCm", Form.Number, "seaLevelFall: how much a vessel leg's load factor falls per cm a year of level fall (DOMAIN.md P28: 0.02–0.04 a year at 20–25 cm a year).") { Min = 0, Max = 0.1 },
        new("source", Form.Text, "Where the distribution comes from: a DOMAIN.md source id ([S…], [P…], 2.12) or E with its basis.") { Required = true, MinLength = 1 },
    ]);

    public static Shape Uncertainty { get; } = new("uncertainty", "the uncertainty section", typeof(UncertaintyDefinition),
    [
        new("samples", Form.Integer, "Samples drawn (with design saltelli, base samples: the study runs samples × (inputs + 2) scenarios).") { Min = 1, Max = UncertaintyDefinition.MaxSamples },
        new("replications", Form.Integer, "Replications simulated per sample; 2 or more split the variance into epistemic (between samples) and aleatory (within).") { Min = 1, Max = 1000 },
        new("design", Form.Words, "How samples spread over the inputs: \"latinHypercube\", \"sobol\" (a scrambled Sobol sequence) or \"saltelli\" (Saltelli's scheme, for Sobol first-order and total indices).")
        {
            Words = ["latinHypercube", "sobol", "saltelli"],
        },
        new("consecutiveYears", Form.Integer, "A year counts as the first year a target is met when it and the following years, this many in all, meet it.") { Min = 1, Max = 20 },
        new("sensitivityYear", Form.Integer, "The year whose capacity and delivered tons the sensitivity analysis explains; a simulated year, or 0 (the default) for the last.") { Min = 0, Max = 2200 },
        new("discoveryYear", Form.Integer, "The year by which scenario discovery examines a missed target; a simulated year, or 0 (the default) for sensitivityYear.") { Min = 0, Max = 2200 },
        new("inputs", Form.List, "The uncertain inputs, applied to each sample's scenario in this order.") { Required = true, MinItems = 1, Item = Input },
    ]);
}
