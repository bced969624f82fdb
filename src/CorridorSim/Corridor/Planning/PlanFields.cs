namespace CorridorSim.Corridor;

/// <summary>The scenario fields of the plan section, its classes and candidates (defaults: the records' initializers).</summary>
internal static class PlanFields
{
    /// <summary>A candidate's change: an investment's fields without its date, which the plan sets at completion.</summary>
    public static Shape Change { get; } = new("planChange", "a candidate's change", typeof(InvestmentDefinition),
        [.. InvestmentFields.Investment.Fields.Where(f => f.Name != "date").Select(f => f.Name == "name" ? f with { Required = false, Description = "Label for reports; default: the candidate's name." } : f)]);

    public static Shape Class { get; } = new("projectClass", "a project class", typeof(ProjectClass),
    [
        Field.Id("name", "The class's name, unique in the section, e.g. \"kz-state-rail\"; candidates refer to it by class."),
        new("onTimeProbability", Form.Number, "The probability a project of the class completes on time (DOMAIN.md 2.12: Kazakh state rail 0.6, multi-party ports 0.1, ships 0.2).") { Required = true, Min = 0, Max = 1 },
        new("delayYears", Form.Distribution, "The delay in years when late, truncated at maxDelayYears (DOMAIN.md 2.12: log-normal, median 4 years, σ_ln 0.6; ships median 3). Required unless onTimeProbability is 1."),
        new("maxDelayYears", Form.Number, "The longest delay, in years.") { Min = 0, MinExclusive = true, Max = 50 },
        new("source", Form.Text, "Where the prior comes from: a DOMAIN.md section or source id, or E with its basis.") { Required = true, MinLength = 1 },
    ]);

    public static Shape Trigger { get; } = new("planTrigger", "a candidate's trigger", typeof(PlanTrigger),
    [
        Field.Id("component", "The component whose simulated occupancy (its utilisation over a calendar year, as `run` reports it) is watched."),
        new("thresholds", Form.NumberList, $"Occupancies above which the candidate starts, 1..{PlanTrigger.MaxThresholds} distinct values; the planner tunes the threshold among them.") { Required = true, MinItems = 1, Min = 0, MinExclusive = true, Max = 1 },
    ]);

    public static Shape Candidate { get; } = new("planCandidate", "a plan candidate", typeof(PlanCandidate),
    [
        Field.Id("name", "The candidate's name, unique in the menu: it labels the plan's rows and seeds its slippage and overrun draws."),
        new("capexUsd", Form.Number, "The capital cost in USD (DOMAIN.md 2.11 where public; otherwise an estimate marked E in source).") { Required = true, Min = 0, MinExclusive = true, Max = 1e12 },
        new("costOverrun", Form.Distribution, "The cost overrun as a share of capexUsd (0.45: 45 % over; DOMAIN.md 2.11: rail projects +44.7 % mean [S263]); absent: none. Its values must stay above -1."),
        new("earliestStart", Form.Date, "The earliest date construction can start; absent: 1 January of the first simulated year. Capex is discounted from this date."),
        new("leadTimeYears", Form.Number, "Years from the start to the promised completion, when the changes take effect unless late.") { Min = 0, Max = 30 },
        Field.Id("class", "The project class (a name in classes) whose slippage prior applies; absent: the candidate's own onTimeProbability and delayYears.") with { Required = false },
        new("onTimeProbability", Form.Number, "The probability it completes on time, without a class (default 1: never late).") { Min = 0, Max = 1 },
        new("delayYears", Form.Distribution, "The delay in years when late, without a class, truncated at maxDelayYears. Required when onTimeProbability is below 1."),
        new("maxDelayYears", Form.Number, "The longest delay, in years, without a class.") { Min = 0, MinExclusive = true, Max = 50 },
        new("requires", Form.TextList, "Candidates, by name, that a plan with this one must also have (B needs A)."),
        new("excludes", Form.TextList, "Candidates, by name, that a plan with this one cannot have (A or B)."),
        new("trigger", Form.Object, "Start when a component's simulated occupancy over a calendar year exceeds a threshold, on the next 1 January (not before earliestStart), instead of at earliestStart; it then costs only in the samples where it starts within the checked years. Absent: a dated candidate.") { Item = Trigger },
        new("changes", Form.List, "What the candidate changes: investments without a date (component, kind, value or vessels), dated at completion.") { Required = true, MinItems = 1, Item = Change },
        new("source", Form.Text, "Where the capex, lead time and changes come from: DOMAIN.md source ids, or E with its basis.") { Required = true, MinLength = 1 },
    ]);

    public static Shape Plan { get; } = new("plan", "the plan section", typeof(PlanDefinition),
    [
        new("targetYear", Form.Integer, "The year whose service capacity must reach simulation.targetTons; a simulated year.") { Required = true, Min = 1900, Max = 2200 },
        new("throughYear", Form.Integer, "A later simulated year up to which every year must reach the target too; 0 (the default): the target year only.") { Min = 0, Max = 2200 },
        new("probability", Form.Number, "The probability across samples with which a plan must reach the target.") { Min = 0, MinExclusive = true, Max = 1 },
        new("objective", Form.Words, "\"minimumCost\": the cheapest plan that reaches the probability (within budgetUsd if set); \"maximumProbability\": the most likely plan within budgetUsd.")
        {
            Words = ["minimumCost", "maximumProbability"],
        },
        new("search", Form.Words, $"\"greedy\": add the move removing the most capacity shortfall per dollar, re-simulated with common random numbers, then try removing and swapping each item; \"exhaustive\": every admissible plan (at most {PlanDefinition.MaxExhaustive} candidates).")
        {
            Words = ["greedy", "exhaustive"],
        },
        new("budgetUsd", Form.Number, "The most a plan may cost, in expected discounted USD; 0: no cap. Required with objective maximumProbability.") { Min = 0, Max = 1e13 },
        new("discountRate", Form.Number, "The yearly rate capex is discounted at, from 1 January of the first simulated year to each candidate's start.") { Min = 0, Max = 1 },
        new("samples", Form.Integer, "Samples every candidate plan is evaluated on (the scenario's uncertainty inputs plus each candidate's slippage and overrun), common to every plan.") { Min = 1, Max = 10_000 },
        new("confirmSamples", Form.Integer, "Fresh samples the chosen plan is confirmed on; its probability and interval come from these.") { Min = 1, Max = 10_000 },
        new("classes", Form.List, "Project classes: named slippage priors (DOMAIN.md 2.12).") { Item = Class },
        new("candidates", Form.List, $"The menu of candidate investments (1..{PlanDefinition.MaxCandidates}).") { Required = true, MinItems = 1, Item = Candidate },
    ]);
}
