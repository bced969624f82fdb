using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class SummarySchemaTests
{
    private static readonly Lazy<string> Json = new(() => SummaryWriter.ToJson(Projection.Run(TestScenarios.Small(years: 2, replications: 2))));

    [Fact]
    public void Validate_WriterOutput_NoErrors()
    {
        Assert.Empty(SummarySchema.Validate(Json.Value));
    }

    [Theory]
    [InlineData("\"schemaVersion\": 1,", "\"schemaVersion\": 2,", "$.schemaVersion: found 2, expected one of: 1.")]
    [InlineData("\"seed\": 7,", "\"seed\": -7,", "$.seed: found -7")]
    [InlineData("\"replications\": 2,", "\"replications\": 2, \"wallTime\": 3,", "$.wallTime: unknown field 'wallTime'")]
    [InlineData("\"bottleneck\":", "\"bottleneckId\":", "$.years[0].bottleneck: missing required field 'bottleneck'")]
    [InlineData("\"probabilityTargetMet\": ", "\"probabilityTargetMet\": 1.5, \"x\": ", "$.years[0].probabilityTargetMet: found 1.5")]
    [InlineData("\"scenario\": \"small-test\",", "\"scenario\": \"small-test\", \"scenario\": \"again\",", "$.scenario: duplicate field 'scenario'")]
    [InlineData("\"schemaVersion\": 1,", "\"schemaVersion\": 1, // a comment\n", "$: invalid JSON")]
    [InlineData("\"schemaVersion\": 1,", "\"schemaVersion\": 1,,", "$: invalid JSON")]
    public void Validate_BrokenSummary_ReportsThePath(string find, string replace, string expected)
    {
        Assert.Contains(find, Json.Value, StringComparison.Ordinal);
        string broken = ReplaceFirst(Json.Value, find, replace);

        IReadOnlyList<string> errors = SummarySchema.Validate(broken);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_ConstInSchema_BecomesAOneValueEnumButAPropertyNamedConstStays()
    {
        string schema = """{ "type": "object", "properties": { "const": { "const": "x" } }, "$defs": { "a": { "items": { "const": 3 } } } }""";

        string prepared = SummarySchema.Prepare(schema).GetRawText();

        Assert.Equal("""{"type":"object","properties":{"const":{"enum":["x"]}},"$defs":{"a":{"items":{"enum":[3]}}}}""", prepared);
    }

    [Theory]
    [InlineData("""{ "type": "object", "dependentRequired": { "a": ["b"] } }""", "#")]
    [InlineData("""{ "properties": { "a": { "format": "date" } } }""", "#/properties/a")]
    [InlineData("""{ "oneOf": [ { "type": "null" }, { "multipleOf": 2 } ] }""", "#/oneOf/1")]
    public void Prepare_KeywordTheInterpreterDoesNotCheck_Refused(string schema, string where)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SummarySchema.Prepare(schema));

        Assert.Contains($"at {where} uses", ex.Message, StringComparison.Ordinal);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
