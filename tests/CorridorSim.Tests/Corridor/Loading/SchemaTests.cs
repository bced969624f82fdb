using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CorridorSim.Corridor;
using CorridorSim.Tests.Cli;
using Json.Schema;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.Loading;

/// <summary>The shipped schema and docs/scenario-format.md against the field tables they are stated from.</summary>
public sealed class SchemaTests(ITestOutputHelper output)
{
    // Built once: JsonSchema.Net registers a schema under its $id and refuses a second, different instance.
    private static readonly Lazy<JsonSchema> Reference = new(() => JsonSchema.FromText(ScenarioLoader.SchemaJson));

    private static string SchemaFile => Path.Combine(CliHarness.RepositoryRoot, "src", "CorridorSim", "Corridor", "scenario.schema.json");

    private static string ScenarioFile(string name) => Path.Combine(AppContext.BaseDirectory, "Corridor", "Scenarios", name);

    [Fact]
    public void SchemaJson_IsTheTextGeneratedFromTheFieldTables()
    {
        string generated = SchemaGenerator.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(SchemaFile, generated);
        }

        Assert.Equal(generated, File.ReadAllText(SchemaFile).ReplaceLineEndings("\n"));
        Assert.Equal(generated, ScenarioLoader.SchemaJson.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SchemaJson_IsValidDraft202012()
    {
        using JsonDocument schema = JsonDocument.Parse(ScenarioLoader.SchemaJson);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        EvaluationResults meta = MetaSchemas.Draft202012.Evaluate(schema.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(meta.IsValid, string.Join(Environment.NewLine, (meta.Details ?? []).Where(d => d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void SchemaJson_EveryObjectIsClosedAndEveryPropertyDescribed()
    {
        using JsonDocument schema = JsonDocument.Parse(ScenarioLoader.SchemaJson);
        JsonElement root = schema.RootElement;
        var problems = new List<string>();
        foreach ((string where, JsonElement s) in Objects(root))
        {
            if (!s.TryGetProperty("additionalProperties", out JsonElement additional) || additional.ValueKind != JsonValueKind.False)
            {
                problems.Add($"{where}: additionalProperties is not false");
            }

            problems.AddRange(s.GetProperty("properties").EnumerateObject().Where(p => !p.Value.TryGetProperty("description", out _)).Select(p => $"{where}/{p.Name}: no description"));
        }

        Assert.Empty(problems);
        Assert.Equal(ScenarioFields.All.Count + 1, Objects(root).Count()); // and the distribution object
    }

    [Fact]
    public void SchemaJson_ReferenceValidatorAcceptsEverySampleAndValidFileAndRejectsABrokenOne()
    {
        string[] valid = [.. Directory.GetFiles(CliHarness.SamplesDirectory, "*.json"), ScenarioFile("full.json"), ScenarioFile("minimal.json")];
        foreach (string file in valid)
        {
            Assert.True(Reference.Value.Evaluate(Element(File.ReadAllText(file))).IsValid, file);
            Assert.True(ScenarioLoader.TryLoad(file, out _, out IReadOnlyList<ScenarioError> errors), string.Join("; ", errors));
        }

        Assert.False(Reference.Value.Evaluate(Element(File.ReadAllText(ScenarioFile("many-errors.json")))).IsValid);
    }

    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null,
        () => JsonValue.Create("x"),
        () => JsonValue.Create(string.Empty),
        () => JsonValue.Create("2025-01-01"),
        () => JsonValue.Create(-1),
        () => JsonValue.Create(0),
        () => JsonValue.Create(2.5),
        () => JsonValue.Create(1e300),
        () => JsonValue.Create(true),
        () => new JsonArray(),
        () => new JsonArray(JsonValue.Create(1), JsonValue.Create("a"), null),
        () => new JsonObject(),
        () => new JsonObject { ["weibull"] = new JsonArray(JsonValue.Create(1)) },
        () => new JsonObject { ["triangular"] = new JsonArray(JsonValue.Create(3), JsonValue.Create(2), JsonValue.Create(1)) },
        () => JsonValue.Create(ulong.MaxValue),
    ];

    [Fact]
    public void Binder_AgreesWithTheGeneratedSchemaOnMutatedScenarios()
    {
        // What the binder calls a structure error is exactly what a full JSON Schema implementation rejects.
        JsonNode original = JsonNode.Parse(File.ReadAllText(ScenarioFile("full.json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        original["roadLegs"] = JsonNode.Parse("[{ \"id\": \"road:x\", \"from\": \"kars\", \"to\": \"y\", \"lanes\": 2, \"processingHours\": 1, \"haulHours\": { \"uniform\": [1, 2] } }]");
        original["stages"]![4]!["modes"] = JsonNode.Parse("[{ \"name\": \"bogie exchange\", \"share\": 2, \"hours\": 3 }]");
        var disagreements = new List<string>();
        int count = 0, rejected = 0;
        foreach (List<object> location in ScenarioMutations.Locations(original))
        {
            for (int r = -1; r < Replacements.Length; r++)
            {
                JsonNode doc = ScenarioMutations.Mutate(original, location, r < 0 ? null : Replacements[r](), remove: r < 0);
                using JsonDocument parsed = JsonDocument.Parse(doc.ToJsonString());
                var binder = new ScenarioBinder();
                binder.Object(parsed.RootElement, ScenarioFields.Root, "$");
                bool reference = Reference.Value.Evaluate(parsed.RootElement).IsValid;
                count++;
                rejected += reference ? 0 : 1;
                if (reference != (binder.Structure.Count == 0))
                {
                    disagreements.Add($"{string.Join("/", location)} #{r}: schema {reference}, binder {string.Join("; ", binder.Structure)}");
                }
            }
        }

        output.WriteLine($"{count} documents, {rejected} rejected");
        Assert.Empty(disagreements);
        Assert.True(rejected > count / 2);
    }

    [Fact]
    public void Docs_EveryFieldTableMatchesTheFieldTables()
    {
        // docs/scenario-format.md: each object's table lists every field, and each documented default and range is the code's.
        Dictionary<string, Shape> bySection = new(StringComparer.Ordinal)
        {
            ["## Top level"] = ScenarioFields.Root, ["## simulation"] = ScenarioFields.Simulation, ["## calibration"] = ScenarioFields.Calibration,
            ["## units"] = FlowFields.Unit, ["## ports"] = PortFields.Port, ["`storms`:"] = PortFields.Storms, ["## stages"] = StageFields.Stage,
            ["A handling mode:"] = TransshipmentFields.Mode, ["## vesselLegs"] = VesselLegFields.VesselLeg, ["A vessel:"] = VesselLegFields.Vessel,
            ["## roadLegs"] = RoadLegFields.RoadLeg, ["## flows"] = FlowFields.Flow, ["A route:"] = FlowFields.Route, ["`diversion`:"] = FlowFields.Diversion,
            ["## slowdowns"] = SlowdownFields.Slowdown, ["## investments"] = InvestmentFields.Investment,
            ["## uncertainty"] = UncertaintyFields.Uncertainty, ["An uncertain input:"] = UncertaintyFields.Input,
            ["## plan"] = PlanFields.Plan, ["A project class:"] = PlanFields.Class, ["A candidate:"] = PlanFields.Candidate,
            ["A trigger — the alternative plan form \"invest when X's occupancy exceeds θ\":"] = PlanFields.Trigger,
        };
        var problems = new List<string>();
        var documented = new Dictionary<Shape, HashSet<string>>();
        Shape? shape = null;
        string[] header = [];
        int ranges = 0, defaults = 0;
        foreach (string line in File.ReadLines(Path.Combine(CliHarness.RepositoryRoot, "docs", "scenario-format.md")))
        {
            if (bySection.TryGetValue(line.Trim(), out Shape? next) || line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("| `kind` | `component`", StringComparison.Ordinal))
            {
                shape = next;
                header = [];
                continue;
            }

            if (shape is null || !line.StartsWith('|'))
            {
                continue;
            }

            string[] cells = [.. line.Trim('|').Split(" | ").Select(c => c.Trim())];
            if (cells[0] == "field")
            {
                header = cells;
                continue;
            }

            Match name = Regex.Match(cells[0], "^`([^`]+)`$");
            if (!name.Success || header.Length == 0)
            {
                continue;
            }

            string where = $"{shape.Name}.{name.Groups[1].Value}";
            if (shape[name.Groups[1].Value] is not { } field)
            {
                problems.Add($"{where}: documented but not a field");
                continue;
            }

            (documented.TryGetValue(shape, out HashSet<string>? names) ? names : documented[shape] = []).Add(field.Name);
            string? Cell(string column) => Array.IndexOf(header, column) is var i and >= 0 && i < cells.Length ? cells[i] : null;
            if (Cell("required") is { } required && required.StartsWith("**yes**", StringComparison.Ordinal) != field.Required && !required.Contains("with", StringComparison.Ordinal))
            {
                problems.Add($"{where}: documented required '{required}', the table says {field.Required}");
            }

            if (Cell("range") is { } range && ParseRange(range) is { } r)
            {
                ranges++;
                if (r != (field.Min, field.MinExclusive, field.Max, field.MaxExclusive))
                {
                    problems.Add($"{where}: documented range {range}, the table says {field.RangeText}");
                }
            }

            if (Cell("default") is { } d && !field.Required && Regex.Match(d, "^`(.*)`$") is { Success: true } m)
            {
                defaults++;
                if (!SameDefault(m.Groups[1].Value, shape.DefaultOf(field)))
                {
                    problems.Add($"{where}: documented default {d}, the record's initializer says {SchemaGenerator.DefaultText(field, shape)}");
                }
            }
        }

        foreach (Shape s in bySection.Values)
        {
            IEnumerable<string> missing = s.Fields.Select(f => f.Name).Where(n => !(documented.GetValueOrDefault(s)?.Contains(n) ?? false));
            problems.AddRange(missing.Where(n => n != "source").Select(n => $"{s.Name}.{n}: a field not in the docs' table"));
        }

        output.WriteLine($"{ranges} ranges and {defaults} defaults compared");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(ranges >= 25 && defaults >= 30, $"{ranges} ranges, {defaults} defaults: is the docs' table format still understood?");
    }

    private static (double?, bool, double?, bool)? ParseRange(string text)
    {
        string t = text.Replace('−', '-').Replace("2⁶⁴-1", "18446744073709551615", StringComparison.Ordinal);
        Match m = Regex.Match(t, @"^([\(\[]?)(-?[0-9.e]+)(?:\.\.|, )(-?[0-9.e]+)([\)\]]?)$");
        return m.Success
            ? (double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[1].Value == "(", double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), m.Groups[4].Value == ")")
            : null;
    }

    private static bool SameDefault(string documented, object? actual) => actual switch
    {
        null or ICollection { Count: 0 } => documented == "[]",
        string s => documented == $"\"{s}\"",
        Enum e => documented.Equals($"\"{e}\"", StringComparison.OrdinalIgnoreCase),
        CorridorSim.Engine.Distribution dist => dist.ToString() == $"constant({documented})",
        IConvertible n => double.TryParse(documented, CultureInfo.InvariantCulture, out double v) && v == Convert.ToDouble(n, CultureInfo.InvariantCulture),
        _ => false,
    };

    private static IEnumerable<(string Where, JsonElement Schema)> Objects(JsonElement root) =>
        new[] { ("#", root) }.Concat(root.GetProperty("$defs").EnumerateObject().Where(d => d.Value.TryGetProperty("properties", out _)).Select(d => ("#/$defs/" + d.Name, d.Value)));

    private static JsonElement Element(string jsonWithComments)
    {
        using var d = JsonDocument.Parse(jsonWithComments, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return d.RootElement.Clone();
    }
}
