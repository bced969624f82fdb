using System.Globalization;
using System.Text.Json;
using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class SummaryWriterTests
{
    private static readonly Lazy<ProjectionResult> Small = new(() => Projection.Run(TestScenarios.Small(years: 2, replications: 3)));

    [Fact]
    public void ToJson_Projection_ExactlyTheContractFieldsInOrder()
    {
        using JsonDocument doc = JsonDocument.Parse(SummaryWriter.ToJson(Small.Value));
        JsonElement root = doc.RootElement;

        Assert.Equal(["schemaVersion", "scenario", "seed", "replications", "targetTons", "years", "firstYearTargetMet", "components"], Names(root));
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("small-test", root.GetProperty("scenario").GetString());
        Assert.Equal(7ul, root.GetProperty("seed").GetUInt64());
        Assert.Equal(3, root.GetProperty("replications").GetInt32());
        Assert.Equal(150_000, root.GetProperty("targetTons").GetDouble());
        Assert.Equal(2, root.GetProperty("years").GetArrayLength());
        foreach (JsonElement year in root.GetProperty("years").EnumerateArray())
        {
            Assert.Equal(["year", "deliveredTons", "deliveredFromBacklogTons", "divertedTons", "tonsInSystemAtYearEnd", "shareUnstable", "transitDays", "probabilityTargetMet", "bottleneck"], Names(year));
            Assert.Equal(["mean", "ci95Low", "ci95High"], Names(year.GetProperty("divertedTons")));
            Assert.Equal(["mean", "ci95Low", "ci95High", "p10", "p90"], Names(year.GetProperty("deliveredTons")));
            Assert.Equal(["mean", "p50", "p95"], Names(year.GetProperty("transitDays")));
            Assert.Equal(JsonValueKind.Number, year.GetProperty("probabilityTargetMet").ValueKind);
            Assert.Equal(JsonValueKind.String, year.GetProperty("bottleneck").ValueKind);
        }

        Assert.Equal(["year", "probability"], Names(root.GetProperty("firstYearTargetMet")));
        Assert.Equal(5, root.GetProperty("components").GetArrayLength());
        foreach (JsonElement c in root.GetProperty("components").EnumerateArray())
        {
            Assert.Equal(["id", "kind", "utilization", "meanWaitHours", "timeStates"], Names(c));
            Assert.Equal(["working", "sailing", "loading", "waitingForBerth", "weatherBound", "waitingForBackhaul", "idle"], Names(c.GetProperty("timeStates")));
            Assert.Equal(1, c.GetProperty("timeStates").EnumerateObject().Sum(s => s.Value.GetDouble()), 4);
            Assert.Equal(["mean", "ci95Low", "ci95High"], Names(c.GetProperty("utilization")));
            Assert.Equal(["mean", "ci95Low", "ci95High"], Names(c.GetProperty("meanWaitHours")));
        }

        Assert.Equal("ferry", root.GetProperty("components")[4].GetProperty("kind").GetString());
    }

    [Fact]
    public void ToJson_Projection_ValidAgainstTheShippedSchema()
    {
        ProjectionResult withCalibration = Projection.Run(TestScenarios.Small() with
        {
            Calibration = new CalibrationTarget { Year = 2024, ReportedTons = 2e5, TransitFlow = "westbound", TransitDaysMin = 5, TransitDaysMax = 20 },
        });
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));

        foreach (ProjectionResult r in new[] { Small.Value, withCalibration, Nan() })
        {
            using JsonDocument doc = JsonDocument.Parse(SummaryWriter.ToJson(r));
            List<string> errors = [];
            MiniSchema.Validate(schema.RootElement, schema.RootElement, doc.RootElement, "$", errors);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }

        using JsonDocument calibrated = JsonDocument.Parse(SummaryWriter.ToJson(withCalibration));
        JsonElement cal = calibrated.RootElement.GetProperty("calibration");
        Assert.Equal("calibration", calibrated.RootElement.EnumerateObject().Last().Name);
        Assert.Equal(["year", "reportedTons", "simulatedTons", "relativeError", "tolerance", "withinTolerance", "source", "transit"], Names(cal));
        Assert.Equal(["flow", "simulatedMeanDays", "minDays", "maxDays", "withinRange", "source"], Names(cal.GetProperty("transit")));
    }

    [Fact]
    public void ToJson_SchemaItself_RejectsAnExtraFieldAndAMissingOne()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));
        string json = SummaryWriter.ToJson(Small.Value);
        string extra = json.Replace("\"schemaVersion\": 2,", "\"schemaVersion\": 2, \"wallTime\": 3,", StringComparison.Ordinal);
        string missing = json.Replace("\"bottleneck\":", "\"bottleneckId\":", StringComparison.Ordinal);

        foreach (string bad in new[] { extra, missing })
        {
            using JsonDocument doc = JsonDocument.Parse(bad);
            List<string> errors = [];
            MiniSchema.Validate(schema.RootElement, schema.RootElement, doc.RootElement, "$", errors);
            Assert.NotEmpty(errors);
        }
    }

    [Fact]
    public void GetJsonSchema_EmbeddedResource_IsTheSchemaFile()
    {
        Assert.Equal(File.ReadAllText(SchemaPath()).ReplaceLineEndings("\n"), SummaryWriter.GetJsonSchema().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToJson_NaN_WrittenAsNull()
    {
        using JsonDocument doc = JsonDocument.Parse(SummaryWriter.ToJson(Nan()));
        JsonElement year = doc.RootElement.GetProperty("years")[0];

        Assert.Equal(JsonValueKind.Null, year.GetProperty("transitDays").GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, year.GetProperty("transitDays").GetProperty("p95").ValueKind);
        Assert.Equal(JsonValueKind.Null, year.GetProperty("deliveredTons").GetProperty("ci95Low").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("firstYearTargetMet").ValueKind);
        Assert.DoesNotContain("NaN", SummaryWriter.ToJson(Nan()), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NothingDeliveredInTheYear_TransitIsNullInJsonAndEmptyInCsv()
    {
        // A rail leg of 10,000 hours: nothing arrives within the first year.
        Scenario scenario = TestScenarios.Small();
        scenario = scenario with
        {
            Corridor = scenario.Corridor with
            {
                Components = [.. scenario.Corridor.Components.Select(c => c == scenario.Corridor.Stages[0] ? scenario.Corridor.Stages[0] with { TransitHours = Distribution.Constant(10_000) } : c)],
            },
        };

        ProjectionResult r = Projection.Run(scenario, new ProjectionOptions { Replications = 2 });

        Assert.Equal(0, r.Years[0].DeliveredTons.Mean);
        Assert.True(double.IsNaN(r.Years[0].TransitDays.Mean));
        using JsonDocument doc = JsonDocument.Parse(SummaryWriter.ToJson(r));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("years")[0].GetProperty("transitDays").GetProperty("mean").ValueKind);
        Assert.Equal(0, doc.RootElement.GetProperty("years")[0].GetProperty("deliveredTons").GetProperty("mean").GetDouble());
        string[] row = SummaryWriter.FlowsCsv(r).Split('\n')[1].Split(',');
        Assert.Equal("", row[7]);
    }

    [Fact]
    public void ToJson_AnyCulture_SameTextWithLfLineEndings()
    {
        string invariant = SummaryWriter.ToJson(Small.Value);
        CultureInfo saved = CultureInfo.CurrentCulture;
        string german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            german = SummaryWriter.ToJson(Small.Value);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(invariant, german);
        Assert.DoesNotContain("\r", invariant, StringComparison.Ordinal);
        Assert.EndsWith("}\n", invariant, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"schemaVersion\": 2,\n  \"scenario\": \"small-test\",\n", invariant, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_Projection_ThreeTablesWithHeadersAndOneRowPerItem()
    {
        string dir = Path.Combine(Path.GetTempPath(), "corridorsim-csv-" + Guid.NewGuid().ToString("N"));
        try
        {
            SummaryWriter.WriteCsv(Small.Value, dir);

            string[] years = File.ReadAllText(Path.Combine(dir, "years.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string[] components = File.ReadAllText(Path.Combine(dir, "components.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string[] flows = File.ReadAllText(Path.Combine(dir, "flows.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(1 + (2 * (16 + 1 + 1 + 1)), years.Length);
            Assert.Equal(1 + (2 * 5), components.Length);
            Assert.Equal(1 + 2, flows.Length);
            Assert.Equal("year,measure,unit,commodity,component,value", years[0]);
            Assert.StartsWith("2024,generatedTonsMean,t,,,", years[1], StringComparison.Ordinal);
            Assert.StartsWith("2024,bottleneckShare,1,,", years[17], StringComparison.Ordinal);
            Assert.StartsWith("2024,deliveredTonsMean,t,other,,", years[18], StringComparison.Ordinal);
            Assert.StartsWith("2024,divertedTonsMean,t,other,,", years[19], StringComparison.Ordinal);
            Assert.Equal("year,id,kind,utilizationMean,meanWaitHoursMean,p95WaitHoursMean,tonsThroughMean,meanQueueMean,working,sailing,loading,waitingForBerth,weatherBound,waitingForBackhaul,idle", components[0]);
            Assert.StartsWith("2024,port:kuryk,port,", components[1], StringComparison.Ordinal);
            Assert.StartsWith("2025,westbound,other,", flows[2], StringComparison.Ordinal);
            Assert.All(years.Skip(1), row => Assert.Equal(6, row.Split(',').Length));
            Assert.NotEqual(0xEF, File.ReadAllBytes(Path.Combine(dir, "years.csv"))[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>A hand-made result whose undefined figures are NaN.</summary>
    private static ProjectionResult Nan()
    {
        var estimate = new Estimate { Mean = 0, Ci95Low = double.NaN, Ci95High = double.NaN, P10 = 0, P90 = 0, StandardDeviation = double.NaN, Count = 1 };
        return new ProjectionResult
        {
            ScenarioName = "nan",
            Seed = ulong.MaxValue,
            Replications = 1,
            TargetTons = 1e7,
            TargetProbability = 0.9,
            Years =
            [
                new YearSummary
                {
                    Year = 2024, GeneratedTons = 0, DeliveredTons = estimate, TonsInSystemAtYearEnd = 0,
                    TransitDays = new TransitSummary { Mean = double.NaN, P50 = double.NaN, P95 = double.NaN },
                    ProbabilityTargetMet = 0, Bottleneck = "", BottleneckShare = 1,
                    DeliveredTonsByCommodity = new Dictionary<string, double>(), Components = [], Flows = [],
                },
            ],
            Components = [new ComponentSummary { Id = "port:x", Kind = "port", Utilization = estimate, MeanWaitHours = estimate }],
        };
    }

    /// <summary>The schema file in the source tree, found by walking up from the test binaries.</summary>
    private static string SchemaPath()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "src", "CorridorSim", "Experiments", "summary.schema.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("summary.schema.json not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// The subset of JSON Schema 2020-12 that summary.schema.json uses: type, const, enum, properties, required,
/// additionalProperties: false, items, minItems, minimum, maximum, oneOf and local $ref.
/// </summary>
internal static class MiniSchema
{
    public static void Validate(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            JsonElement target = root;
            foreach (string part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part);
            }

            Validate(root, target, value, path, errors);
        }

        if (schema.TryGetProperty("type", out JsonElement type))
        {
            string[] types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            if (!types.Any(t => Is(value, t)))
            {
                errors.Add($"{path}: {value.ValueKind} is not {string.Join("|", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("const", out JsonElement constant) && constant.GetRawText() != value.GetRawText())
        {
            errors.Add($"{path}: expected {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out JsonElement options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText()))
        {
            errors.Add($"{path}: {value.GetRawText()} not in enum");
        }

        if (schema.TryGetProperty("oneOf", out JsonElement oneOf))
        {
            int matches = oneOf.EnumerateArray().Count(s =>
            {
                List<string> e = [];
                Validate(root, s, value, path, e);
                return e.Count == 0;
            });
            if (matches != 1)
            {
                errors.Add($"{path}: matches {matches} of oneOf");
            }
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out JsonElement min) && value.GetDouble() < min.GetDouble())
            {
                errors.Add($"{path}: below minimum");
            }

            if (schema.TryGetProperty("maximum", out JsonElement max) && value.GetDouble() > max.GetDouble())
            {
                errors.Add($"{path}: above maximum");
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            JsonElement properties = schema.TryGetProperty("properties", out JsonElement p) ? p : default;
            if (schema.TryGetProperty("required", out JsonElement required))
            {
                foreach (JsonElement name in required.EnumerateArray())
                {
                    if (!value.TryGetProperty(name.GetString()!, out _))
                    {
                        errors.Add($"{path}: missing required '{name.GetString()}'");
                    }
                }
            }

            foreach (JsonProperty property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out JsonElement sub))
                {
                    Validate(root, sub, property.Value, path + "." + property.Name, errors);
                }
                else if (schema.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: unexpected property '{property.Name}'");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            if (schema.TryGetProperty("minItems", out JsonElement minItems) && value.GetArrayLength() < minItems.GetInt32())
            {
                errors.Add($"{path}: fewer than {minItems.GetInt32()} items");
            }

            if (schema.TryGetProperty("items", out JsonElement items))
            {
                int i = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    Validate(root, items, item, $"{path}[{i++}]", errors);
                }
            }
        }
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal d) && d == Math.Truncate(d),
        _ => false,
    };
}
