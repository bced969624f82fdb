using System.Text.Json.Nodes;
using CorridorSim.Cli;
using CorridorSim.Corridor;

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

        // Valid means runnable: each of these passed validation and then failed (or hung) in the run.
        ["lone surrogate escape"] = (() => Valid.Replace("\"westbound\"", "\"west\\ud800\"", StringComparison.Ordinal), "$.flows[0].id", "lone UTF-16 surrogate escape"),
        ["lone surrogate escape in a field name"] = (() => Valid.Replace("\"units\"", "\"u\\udc00nits\"", StringComparison.Ordinal), "$", "a field name holds a lone UTF-16 surrogate escape"),
        ["overlong id"] = (Edit(d => d["flows"]![0]!["id"] = new string('w', CorridorDefinition.MaxIdLength + 1)), "$.flows[0].id", "expected an id of at most 128 characters"),
        ["overlong node name"] = (Edit(d => d["flows"]![0]!["origin"] = new string('n', 5000)), "$.flows[0].origin", "found a string of 5000 characters"),
        ["units per year past the limit"] = (Edit(d => { d["flows"]![0]!["annualTons"] = 1e9; d["flows"]![0]!["tonsPerUnit"] = 0.01; }), "$.flows[0].tonsPerUnit", "expected at most 10000000 units a year"),
        ["demand growing to infinity"] = (Edit(d => { d["flows"]![0]!["baseYear"] = 1900; d["flows"]![0]!["growthPerYear"] = 10; }), "$.flows[0].growthPerYear", "demand grows from 300000 t in 1900"),
        ["demand growing past the limit in the warm-up year"] = (Edit(d => { d["flows"]![0]!["annualTons"] = 1e9; d["flows"]![0]!["baseYear"] = 2022; d["flows"]![0]!["growthPerYear"] = 0.01; }), "$.flows[0].growthPerYear", "in 2023"),
        ["normal sd 1e300"] = (Edit(d => d["stages"]![0]!["transitHours"] = new JsonObject { ["normal"] = new JsonArray(120, 1e300) }), "$.stages[0].transitHours", "has a standard deviation too large to represent"),
        ["uniform ±1e300"] = (Edit(d => d["ports"]![0]!["handlingHours"] = new JsonObject { ["uniform"] = new JsonArray(-1e300, 1e300) }), "$.ports[0].handlingHours", "expected at most ten years (87600 hours)"),
        ["train headway past ten years"] = (Edit(d => d["stages"]![0]!["trainsPerDay"] = 1e-300), "$.stages[0].trainsPerDay", "is one train every 2.4E+301 hours"),
        ["slowdown capacity factor 1e-300"] = (Edit(d => d.AsObject().Add("slowdowns", JsonNode.Parse("""[{ "component": "rail:kz", "start": "2024-03-01", "durationDays": 10, "capacityFactor": 1e-300 }]"""))), "$.slowdowns[0].capacityFactor", "at capacity factor 1E-300"),
        ["investment trains per day 1e-300"] = (Edit(d => d.AsObject().Add("investments", JsonNode.Parse("""[{ "name": "closure", "date": "2024-03-01", "component": "rail:kz", "kind": "trainsPerDay", "value": 1e-300 }]"""))), "$.investments[0].value", "one train every"),
        ["timetable interval 1e-300"] = (Edit(d => { d["vesselLegs"]![0]!["departure"] = "timetable"; d["vesselLegs"]![0]!["timetableIntervalHours"] = 1e-300; }), "$.vesselLegs[0].timetableIntervalHours", "expected a number within 0.1..8760"),
        ["vessels turning round in no time"] = (Edit(d => { d["vesselLegs"]![0]!["sailingHours"] = 0; d["vesselLegs"]![0]!["maxWaitHours"] = 0; }), "$.vesselLegs[0].sailingHours", "turn round for ever at one instant"),
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

    [Fact]
    public void Run_TinyDemandAndRareStorms_RunsToTheEnd()
    {
        // Gaps between arrivals (and storms) longer than any representable duration: drawn, and left for the next month.
        string file = Write("rare", Edit(d =>
        {
            d["flows"]![0]!["annualTons"] = 1e-6;
            d["flows"]![0]!["tonsPerUnit"] = 1e6;
            d["ports"]![0]!["storms"] = JsonNode.Parse("""{ "episodesPerMonth": [1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300] }""");
        })());

        CliResult validate = CliHarness.Run("validate", file);
        CliResult run = CliHarness.Run("run", file, "--no-charts", "--out", _dir["out"]);

        Assert.True(validate.ExitCode == Program.Success, validate.ToString());
        Assert.True(run.ExitCode == Program.Success, run.ToString());
    }

    [Fact]
    public void Run_BacklogPastMaxTonsInSystem_StopsWithExitOneNamingTheComponentAndYear()
    {
        // One train every 100 days cannot carry 300 kt a year: the queue at rail:kz passes 100 kt within months.
        string file = Write("backlog", Edit(d =>
        {
            d["simulation"]!["maxTonsInSystem"] = 100_000;
            d["simulation"]!["warmupDays"] = 0;
            d["stages"]![0]!["trainsPerDay"] = 0.01;
            foreach (System.Text.Json.Nodes.JsonNode? flow in d["flows"]!.AsArray())
            {
                flow!["diversion"] = new System.Text.Json.Nodes.JsonObject { ["mode"] = "off" }; // else the queue stays bounded
            }
        })());

        CliResult validate = CliHarness.Run("validate", file);
        CliResult run = CliHarness.Run("run", file, "--no-charts", "--out", _dir["out"]);

        Assert.True(validate.ExitCode == Program.Success, validate.ToString());
        Assert.True(run.ExitCode == Program.Failure, run.ToString());
        Assert.Contains("The run stopped in 2024", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("more than simulation.maxTonsInSystem (100000 t); 'rail:kz' holds the most", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceLine, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir["out"], "summary.json")), "a summary with no completed year");
    }

    [Fact]
    public void Run_BacklogPastTheLimitInTheSecondYear_WritesASummaryMarkedPartialAndExitsOne()
    {
        // About 290 kt a year more than rail:kz carries: 2024 completes, the queue passes 400 kt in 2025.
        string file = Write("backlog-2025", Edit(d =>
        {
            d["simulation"]!["maxTonsInSystem"] = 400_000;
            d["simulation"]!["warmupDays"] = 0;
            d["simulation"]!["years"] = 3;
            d["stages"]![0]!["trainsPerDay"] = 0.01;
            foreach (System.Text.Json.Nodes.JsonNode? flow in d["flows"]!.AsArray())
            {
                flow!["diversion"] = new System.Text.Json.Nodes.JsonObject { ["mode"] = "off" }; // else the queue stays bounded
            }
        })());

        CliResult run = CliHarness.Run("run", file, "--no-charts", "--out", _dir["out"]);

        Assert.True(run.ExitCode == Program.Failure, run.ToString());
        Assert.Contains("error: the run stopped early, and its outputs are partial", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("The run stopped in 2025", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("summary.json conforms to schema", run.Stdout, StringComparison.Ordinal);
        JsonNode summary = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir["out"], "summary.json")))!;
        Assert.True(summary["partial"]!.GetValue<bool>());
        Assert.Contains("'rail:kz'", summary["partialReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Only 2024–2024", summary["partialReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2024, Assert.Single(summary["years"]!.AsArray())!["year"]!.GetValue<int>());
    }

    [Fact]
    public void Validate_InvalidUtf8_ExitTwoWithLineAndByte()
    {
        // Not silently replaced by U+FFFD (which would make "west\uFFFDbound" a valid id).
        string file = _dir["latin1.json"];
        byte[] text = System.Text.Encoding.UTF8.GetBytes(Valid.Replace("\"westbound\"", "\"west#bound\"", StringComparison.Ordinal));
        int at = Array.IndexOf(text, (byte)'#');
        text[at] = 0xE9; // 'é' in Latin-1
        File.WriteAllBytes(file, text);
        int line = text.AsSpan(0, at).Count((byte)'\n') + 1;
        int column = at - Array.LastIndexOf(text, (byte)'\n', at);

        CliResult r = CliHarness.Run("validate", file);

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains($"{file}: $: invalid UTF-8 at line {line}, byte {column}: found the byte 0xE9", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTraceLine, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Fifo_RefusedWithoutBlocking()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no FIFOs in the file system
        }

        string fifo = _dir["pipe.json"];
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO without a writer blocks for ever: the command must answer without opening it.
        Task<CliResult> validate = Task.Run(() => CliHarness.Run("validate", fifo));
        bool answered = await Task.WhenAny(validate, Task.Delay(TimeSpan.FromSeconds(30))) == validate;
        if (!answered)
        {
            await File.WriteAllTextAsync(fifo, "{}"); // unblock the reader, so the test process can end
        }

        Assert.True(answered, "validate blocked on a FIFO");
        CliResult r = await validate;
        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains("not a regular file", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyPath_SaysWhatIsWrongWithoutATypeName()
    {
        CliResult r = CliHarness.Run("validate", "");

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains("SCENARIO is an empty path", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("FileInfo", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyErrorsOfOneKind_ReportsTenAndCountsTheRest()
    {
        string file = Write("many", Edit(d =>
        {
            var ports = d["ports"]!.AsArray();
            for (int i = 0; i < 40; i++)
            {
                ports.Add(JsonNode.Parse($$"""{ "id": "port:extra-{{i}}", "berths": 1, "handlingHours": 8, "bertsh": {{i}} }"""));
            }
        })());

        CliResult r = CliHarness.Run("validate", file);

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains("(40 error(s))", r.Stderr, StringComparison.Ordinal);
        string[] lines = r.Stderr.Split('\n');
        Assert.Equal(ScenarioException.ReportedPerKind, lines.Count(l => l.Contains(".bertsh: unknown field", StringComparison.Ordinal) && !l.Contains("more like", StringComparison.Ordinal)));
        Assert.Contains($"  … and 30 more like the one at $.ports[{2 + ScenarioException.ReportedPerKind}].bertsh: unknown field 'bertsh'", r.Stderr, StringComparison.Ordinal);
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
