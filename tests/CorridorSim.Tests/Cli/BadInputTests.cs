using System.Text.Json.Nodes;
using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary>
/// Invalid input of every kind ends with exit code 2 and a message that says where and what, never a stack trace and
/// never a simulation.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    // A valid one-year corridor; each case below breaks one thing in it.
    private const string Valid = """
        {
          "name": "bad-input-base",
          "simulation": { "startYear": 2024, "replications": 1 },
          "units": [ { "id": "wagon", "unitsPerTrain": 50 } ],
          "ports": [
            { "id": "port:kuryk", "berths": 2, "handlingHours": 8 },
            { "id": "port:alat", "berths": 2, "handlingHours": 8 }
          ],
          "stages": [
            { "id": "rail:kz", "kind": "rail", "from": "dostyk", "to": "port:kuryk", "trainsPerDay": 10, "transitHours": 120 }
          ],
          "vesselLegs": [
            { "id": "ferry:kuryk-alat", "kind": "ferry", "portA": "port:kuryk", "portB": "port:alat", "unit": "wagon",
              "vessels": [ { "name": "ferry-1", "capacityUnits": 50 } ], "sailingHours": 20 }
          ],
          "flows": [
            { "id": "westbound", "unit": "wagon", "tonsPerUnit": 60, "annualTons": 300000, "origin": "dostyk", "destination": "port:alat",
              "routes": [ { "legs": ["rail:kz", "ferry:kuryk-alat"] } ] }
          ]
        }
        """;

    // A stack trace line starts with three spaces and "at ".
    private const string StackTraceLine = "   at ";

    private static readonly Dictionary<string, (Func<string> Text, string Path, string Says)> Cases = new(StringComparer.Ordinal)
    {
        ["syntax error"] = (() => Valid[..(Valid.Length / 2)], "$", "invalid JSON"),
        ["trailing garbage"] = (() => Valid + " }", "$", "invalid JSON"),
        ["wrong type"] = (Edit(d => d["ports"]![0]!["berths"] = "two"), "$.ports[0].berths", "expected an integer"),
        ["unknown field"] = (Edit(d => d["ports"]![0]!.AsObject().Add("bertsh", 2)), "$.ports[0].bertsh", "did you mean 'berths'"),
        ["negative capacity"] = (Edit(d => d["ports"]![0]!["berths"] = -1), "$.ports[0].berths", "found -1"),
        ["zero vessel capacity"] = (Edit(d => d["vesselLegs"]![0]!["vessels"]![0]!["capacityUnits"] = 0), "$.vesselLegs[0].vessels[0].capacityUnits", "found 0"),
        ["dangling route leg"] = (Edit(d => d["flows"]![0]!["routes"]![0]!["legs"]![1] = "ferry:nowhere"), "$.flows[0].routes[0].legs[1]", "ferry:nowhere"),
        ["empty fleet"] = (Edit(d => d["vesselLegs"]![0]!["vessels"] = new JsonArray()), "$.vesselLegs[0].vessels", "fleet is empty"),
        ["impossible triangular"] = (Edit(d => d["ports"]![0]!["handlingHours"] = new JsonObject { ["triangular"] = new JsonArray(12, 8, 6) }), "$.ports[0].handlingHours.triangular", "impossible distribution parameters"),
        ["negative standard deviation"] = (Edit(d => d["stages"]![0]!["transitHours"] = new JsonObject { ["normal"] = new JsonArray(10, -1) }), "$.stages[0].transitHours.normal", "impossible distribution parameters"),
        ["absurd berth count"] = (Edit(d => d["ports"]![0]!["berths"] = 1_000_000_000), "$.ports[0].berths", "found 1000000000"),
        ["absurd tonnage"] = (Edit(d => d["flows"]![0]!["annualTons"] = 1e30), "$.flows[0].annualTons", "expected a number within 0..1e9"),
        ["absurd horizon"] = (Edit(d => d["simulation"]!["years"] = 100_000), "$.simulation.years", "found 100000"),
        ["absurd replications"] = (Edit(d => d["simulation"]!["replications"] = 1_000_000_000), "$.simulation.replications", "found 1000000000"),
        ["missing required field"] = (Edit(d => d["ports"]![1]!.AsObject().Remove("berths")), "$.ports[1].berths", "missing required field"),
    };

    private readonly TempDirectory _dir = new();

    public static TheoryData<string> CaseNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in Cases.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Valid_BaseScenario_ValidatesAndRuns()
    {
        string file = Write("base", Valid);

        CliResult validate = CliHarness.Run("validate", file);
        CliResult run = CliHarness.Run("run", file, "--no-charts", "--out", _dir["out"]);

        Assert.True(validate.ExitCode == Program.Success, validate.ToString());
        Assert.True(run.ExitCode == Program.Success, run.ToString());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateAndRun_BrokenScenario_ExitTwoNamingTheJsonPath(string name)
    {
        (Func<string> text, string path, string says) = Cases[name];
        string file = Write(name.Replace(' ', '-'), text());

        foreach (string command in (string[])["validate", "run"])
        {
            string outDir = _dir["out-" + command];
            CliResult r = command == "run"
                ? CliHarness.Run("run", file, "--no-charts", "--out", outDir)
                : CliHarness.Run("validate", file);

            Assert.True(r.ExitCode == Program.InvalidInput, $"{command}: {r}");
            Assert.Contains($"{file}: {path}: ", r.Stderr, StringComparison.Ordinal);
            Assert.Contains(says, r.Stderr, StringComparison.Ordinal);
            Assert.Contains("the run did not start", r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(StackTraceLine, r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("valid.", r.Stdout, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir), $"{command} wrote output for an invalid scenario");
        }
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    [InlineData("sweep")]
    public void Command_MissingFile_ExitTwoWithAClearMessage(string command)
    {
        string missing = _dir["no-such-scenario.json"];
        string[] args = command == "sweep"
            ? ["sweep", missing, "--vary", "ports[port:kuryk].berths=1..2"]
            : [command, missing];

        CliResult r = CliHarness.Run(args);

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains("scenario file not found", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("no-such-scenario.json", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceLine, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FolderInsteadOfFile_ExitTwo()
    {
        CliResult r = CliHarness.Run("run", _dir.Path, "--no-charts", "--out", _dir["out"]);

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains("is a folder", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceLine, r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown option", "run", "{file}", "--bogus")]
    [InlineData("unknown command", "frobnicate", "{file}")]
    [InlineData("no command")]
    [InlineData("missing scenario argument", "run")]
    [InlineData("missing option value", "run", "{file}", "-r")]
    [InlineData("option value not a number", "run", "{file}", "-r", "many")]
    [InlineData("zero replications", "run", "{file}", "-r", "0")]
    [InlineData("replications over the limit", "run", "{file}", "-r", "10001")]
    [InlineData("zero threads", "run", "{file}", "--threads", "0")]
    [InlineData("negative seed", "run", "{file}", "--seed", "-1")]
    [InlineData("validate with an option of run", "validate", "{file}", "-r", "2")]
    [InlineData("sweep without --vary", "sweep", "{file}")]
    [InlineData("sweep with zero replications", "sweep", "{file}", "--vary", "ports[port:kuryk].berths=1..2", "-r", "0")]
    [InlineData("sweep with zero threads", "sweep", "{file}", "--vary", "ports[port:kuryk].berths=1..2", "--threads", "0")]
    public void Command_BadUsage_ExitTwoWithoutStackTrace(string why, params string[] args)
    {
        string file = Write("base", Valid);
        string[] resolved = [.. args.Select(a => a == "{file}" ? file : a), "--out", _dir["out"]];
        if (args.Length == 0)
        {
            resolved = [];
        }

        CliResult r = CliHarness.Run(resolved);

        Assert.True(r.ExitCode == Program.InvalidInput, $"{why}: {r}");
        Assert.StartsWith("error: ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceLine, r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir["out"]), $"{why}: output written");
    }

    [Theory]
    [InlineData("-r", "many", "--replications expects a whole number, found 'many'.")]
    [InlineData("--threads", "2.5", "--threads expects a whole number, found '2.5'.")]
    [InlineData("--seed", "-1", "--seed expects a whole number from 0 to 18446744073709551615, found '-1'.")]
    [InlineData("--seed", "abc", "--seed expects a whole number from 0 to 18446744073709551615, found 'abc'.")]
    public void Run_OptionValueOfTheWrongType_SaysWhatWasExpectedInWords(string option, string value, string message)
    {
        // Not System.CommandLine's "as expected type 'System.Nullable`1[System.Int32]'".
        string file = Write("base", Valid);

        CliResult r = CliHarness.Run("run", file, option, value, "--out", _dir["out"]);

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", r.Stderr, StringComparison.Ordinal);
    }

    private static Func<string> Edit(Action<JsonNode> change) => () =>
    {
        JsonNode document = JsonNode.Parse(Valid)!;
        change(document);
        return document.ToJsonString();
    };

    private string Write(string name, string text)
    {
        string file = _dir[name + ".json"];
        File.WriteAllText(file, text);
        return file;
    }
}
