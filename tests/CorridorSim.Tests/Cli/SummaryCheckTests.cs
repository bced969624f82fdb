using CorridorSim.Cli;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using CorridorSim.Tests.Experiments;

namespace CorridorSim.Tests.Cli;

/// <summary>
/// The check <c>corridorsim run</c> makes of its own summary.json (<see cref="SummaryCheck"/>, and how
/// <see cref="Commands.CheckSummary"/> reports it; the success path of a run is in <see cref="SampleScenarioTests"/>).
/// </summary>
[Collection(SampleRunsCollection.Name)]
public sealed class SummaryCheckTests(SampleRuns runs) : IDisposable
{
    private static readonly Lazy<string> Json = new(() => SummaryWriter.ToJson(Projection.Run(TestScenarios.Small(years: 2, replications: 2))));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CheckSummary_WrittenSummary_Conforms()
    {
        SampleRun run = runs["titr-baseline-2024"];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = Commands.CheckSummary(run.SummaryPath, stdout, stderr);

        Assert.Equal(Program.Success, exit);
        Assert.Equal("summary.json conforms to schema v2." + Environment.NewLine, stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void CheckSummary_BrokenSummary_FailureListingEveryErrorWithItsPath()
    {
        string text = File.ReadAllText(runs["titr-baseline-2024"].SummaryPath)
            .Replace("\"schemaVersion\": 2,", "\"schemaVersion\": 1,", StringComparison.Ordinal)
            .Replace("\"bottleneck\":", "\"bottleneckId\":", StringComparison.Ordinal);
        string path = _dir["summary.json"];
        File.WriteAllText(path, text);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = Commands.CheckSummary(path, stdout, stderr);

        Assert.Equal(Program.Failure, exit);
        Assert.Empty(stdout.ToString());
        string err = stderr.ToString();
        Assert.Contains("does not conform to schema v2", err, StringComparison.Ordinal);
        Assert.Contains("$.schemaVersion: found 1", err, StringComparison.Ordinal);
        Assert.Contains("$.years[0].bottleneckId: unknown field", err, StringComparison.Ordinal);
        Assert.Contains("$.years[0].bottleneck: missing required field", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WriterOutput_NoErrors()
    {
        Assert.Empty(SummaryCheck.Validate(Json.Value));
    }

    [Fact]
    public void Validate_CalibratedProjection_NoErrors()
    {
        // transit is oneOf [null, object]: the null form fails on an object, and that failed form must not be reported.
        string json = SummaryWriter.ToJson(Projection.Run(TestScenarios.Small() with
        {
            Calibration = new CalibrationTarget { Year = 2024, ReportedTons = 2e5, TransitFlow = "westbound", TransitDaysMin = 5, TransitDaysMax = 20 },
        }));
        Assert.Contains("\"transit\": {", json, StringComparison.Ordinal);

        Assert.Empty(SummaryCheck.Validate(json));
    }

    [Theory]
    [InlineData("\"schemaVersion\": 2,", "\"schemaVersion\": 1,", "$.schemaVersion: found 1, expected one of: 2.")]
    [InlineData("\"seed\": 7,", "\"seed\": -7,", "$.seed: found -7")]
    [InlineData("\"replications\": 2,", "\"replications\": 2, \"wallTime\": 3,", "$.wallTime: unknown field 'wallTime'")]
    [InlineData("\"bottleneck\":", "\"bottleneckId\":", "$.years[0].bottleneck: missing required field 'bottleneck'")]
    [InlineData("\"probabilityTargetMet\": ", "\"probabilityTargetMet\": 1.5, \"x\": ", "$.years[0].probabilityTargetMet: found 1.5")]
    [InlineData("\"scenario\": \"small-test\",", "\"scenario\": \"small-test\", \"scenario\": \"again\",", "$.scenario: duplicate field 'scenario'")]
    [InlineData("\"schemaVersion\": 2,", "\"schemaVersion\": 2, // a comment\n", "$: invalid JSON")]
    [InlineData("\"schemaVersion\": 2,", "\"schemaVersion\": 2,,", "$: invalid JSON")]
    [InlineData("\"replications\": 2,", "\"replications\": 2.5,", "$.replications: found 2.5, expected an integer.")]
    [InlineData("\"years\": [", "\"years\": [], \"unused\": [", "$.years: found an empty array, expected at least 1 item(s).")]
    public void Validate_BrokenSummary_ReportsThePath(string find, string replace, string expected)
    {
        Assert.Contains(find, Json.Value, StringComparison.Ordinal);
        string broken = ReplaceFirst(Json.Value, find, replace);

        IReadOnlyList<string> errors = SummaryCheck.Validate(broken);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EveryFormOfAOneOfFieldFails_OneMessageAtTheFieldWithEachReason()
    {
        string broken = ReplaceFirst(Json.Value, "\"firstYearTargetMet\": {", "\"firstYearTargetMet\": { \"extra\": true,");

        IReadOnlyList<string> errors = SummaryCheck.Validate(broken);

        string e = Assert.Single(errors);
        Assert.StartsWith("$.firstYearTargetMet: found an object, expected exactly one of its 2 forms (", e, StringComparison.Ordinal);
        Assert.Contains("expected null", e, StringComparison.Ordinal);
        Assert.Contains("$.firstYearTargetMet.extra: unknown field 'extra' (expected one of: year, probability)", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FromManyThreads_SameErrors()
    {
        string broken = ReplaceFirst(Json.Value, "\"bottleneck\":", "\"bottleneckId\":");

        IReadOnlyList<string>[] all = [.. Enumerable.Range(0, 8).AsParallel().Select(_ => SummaryCheck.Validate(broken))];

        Assert.All(all, errors => Assert.Equal(all[0], errors));
        Assert.NotEmpty(all[0]);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
