using System.CommandLine;
using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Cli;

/// <summary>The validate command: every error of a scenario file, or what it holds.</summary>
internal static partial class Commands
{
    private static Command BuildValidate(TextWriter stdout, TextWriter stderr, Option<bool> verbose)
    {
        var scenarioArg = ScenarioArgument();
        var cmd = new Command("validate", "Validate a scenario file and print every error (file, JSON path, what was found and expected).") { scenarioArg };
        cmd.SetAction(parse => Guard(stderr, parse.GetValue(verbose), () =>
        {
            FileInfo file = parse.GetValue(scenarioArg)!;
            Scenario s = LoadScenario(file);
            if (s.Uncertainty is not null)
            {
                CheckStudy(s, new StudyOptions(), file.Name);
            }

            if (s.Plan is not null)
            {
                CheckPlan(s, new PlanOptions(), file.Name);
            }

            CorridorDefinition c = s.Corridor;
            stdout.WriteLine(string.Create(Inv,
                $"{file.Name}: valid. {c.Ports.Count} ports, {c.Stages.Count} stages, {c.VesselLegs.Count} vessel legs, {c.Components.OfType<RoadLegDefinition>().Count()} road legs, {c.Flows.Count} flows, {c.Investments.Count} investments; years {s.Simulation.StartYear}–{s.Simulation.StartYear + s.Simulation.Years - 1}, {s.Simulation.Replications} replications."));
            if (s.Uncertainty is { } study)
            {
                stdout.WriteLine(string.Create(Inv,
                    $"uncertainty: {study.Inputs.Count} inputs, {Study.Steps(s, new StudyOptions { Capacity = null })} simulations ({study.Samples} {Word(study.Design)} samples × {study.Replications} replications) for `{ToolName} study`; every sample's scenario is valid."));
            }

            if (s.Plan is { } plan)
            {
                stdout.WriteLine(string.Create(Inv,
                    $"plan: {plan.Candidates.Count} candidates{Triggers(plan)}, {plan.Classes.Count} project classes, target year {plan.TargetYear}, P ≥ {plan.Probability:0.##}, {plan.Samples} samples for `{ToolName} plan`."));
            }

            return Program.Success;
        }));
        return cmd;
    }

    /// <summary>", 2 with trigger rules (5 menu entries)" for a plan with triggers; empty without.</summary>
    private static string Triggers(PlanDefinition plan)
    {
        int triggered = plan.Candidates.Count(c => c.Trigger is not null);
        int entries = plan.Candidates.Sum(c => c.Trigger?.Thresholds.Count ?? 1);
        return triggered == 0 ? string.Empty : string.Create(Inv, $", {triggered} with trigger rules ({entries} menu entries, one per threshold)");
    }
}
