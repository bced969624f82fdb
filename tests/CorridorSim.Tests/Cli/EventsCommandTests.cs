using System.Globalization;
using System.Text.Json;
using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary>The two runs the event tests read: the small events scenario with <c>--events</c> and <c>--ocel</c>, and without.</summary>
public sealed class EventsRunFixture : IDisposable
{
    public EventsRunFixture()
    {
        Directory = CliHarness.NewTempDirectory();
        ParquetPath = Path.Combine(Directory, "events.parquet");
        OcelPath = Path.Combine(Directory, "events.json");
        Logged = CliHarness.Run("run", EventFiles.ScenarioPath, "-r", "1", "--no-charts", "-o", Path.Combine(Directory, "logged"),
            "--events", ParquetPath, "--ocel", OcelPath);
        Plain = CliHarness.Run("run", EventFiles.ScenarioPath, "-r", "1", "--no-charts", "-o", Path.Combine(Directory, "plain"));
        if (Logged.ExitCode == Program.Success)
        {
            (Rows, Metadata) = EventFiles.ReadParquet(ParquetPath);
        }
    }

    public string Directory { get; }

    public string ParquetPath { get; }

    public string OcelPath { get; }

    internal CliResult Logged { get; }

    internal CliResult Plain { get; }

    internal List<EventRow> Rows { get; } = [];

    internal IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

    public void Dispose() => CliHarness.DeleteQuietly(Directory);
}

public sealed class EventsCommandTests(EventsRunFixture run) : IClassFixture<EventsRunFixture>
{
    private List<EventRow> Rows
    {
        get
        {
            Assert.True(run.Logged.ExitCode == Program.Success, run.Logged.ToString());
            Assert.NotEmpty(run.Rows);
            return run.Rows;
        }
    }

    [Fact]
    public void Run_WithEvents_WritesTheSameSummaryAsWithout()
    {
        Assert.True(run.Plain.ExitCode == Program.Success, run.Plain.ToString());
        Assert.True(run.Logged.ExitCode == Program.Success, run.Logged.ToString());
        foreach (string file in (string[])["summary.json", "years.csv", "components.csv", "flows.csv"])
        {
            byte[] logged = File.ReadAllBytes(Path.Combine(run.Directory, "logged", file));
            byte[] plain = File.ReadAllBytes(Path.Combine(run.Directory, "plain", file));
            Assert.True(plain.AsSpan().SequenceEqual(logged), file + " differs between the runs with and without --events");
        }

        Assert.Contains("events of replication 0", run.Logged.Stdout, StringComparison.Ordinal);
        Assert.Equal("false", run.Metadata["corridorsim.truncated"]);
        Assert.Equal("0", run.Metadata["corridorsim.replication"]);
    }

    [Fact]
    public void Events_EveryUnit_RunsInTimeOrderFromArriveToDepartOrDivert()
    {
        DateTime start = DateTime.Parse(run.Metadata["corridorsim.start_utc"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var delivered = 0;
        foreach (IGrouping<string, EventRow> unit in Rows.Where(r => r.EntityKind == "unit").GroupBy(r => r.EntityId))
        {
            List<EventRow> events = [.. unit];
            Assert.Equal("arrive", events[0].Event);
            for (int i = 1; i < events.Count; i++)
            {
                Assert.True(events[i].Hours >= events[i - 1].Hours, $"{unit.Key}: {events[i].Event} at {events[i].Hours} h before {events[i - 1].Event} at {events[i - 1].Hours} h");
            }

            int departs = events.Count(e => e.Event == "depart"), diverts = events.Count(e => e.Event == "divert");
            Assert.True(departs + diverts <= 1, unit.Key + " leaves the corridor at most once");
            if (departs + diverts == 1)
            {
                Assert.Contains(events[^1].Event, (string[])["depart", "divert"]);
            }

            if (departs == 1)
            {
                delivered++;
                Assert.Contains(events, e => e.Event == "end"); // moved through its last component before it was delivered
            }
        }

        Assert.True(delivered > 1000, $"{delivered} units delivered");
        Assert.All(Rows, r => Assert.Equal(start.AddHours(r.Hours), r.TimeUtc, TimeSpan.FromMilliseconds(1)));
        Assert.All(Rows.Zip(Rows.Skip(1)), p => Assert.True(p.Second.Hours >= p.First.Hours, "rows are in time order"));
    }

    [Fact]
    public void Events_UnitsMoved_MatchEachComponentsTonsThroughPerYear()
    {
        Dictionary<(int Year, string Id), double> csv = EventFiles.ComponentsCsv(Path.Combine(run.Directory, "logged", "components.csv"), "tonsThroughMean");
        var moved = Rows.Where(EventFiles.CountsAsMoved).GroupBy(r => (r.TimeUtc.Year, r.ComponentId)).ToDictionary(g => g.Key, g => g.Sum(r => r.Tons));
        int compared = 0;
        foreach (((int year, string id), double tons) in csv.Where(c => !c.Key.Id.StartsWith("port:", StringComparison.Ordinal)))
        {
            double logged = moved.GetValueOrDefault((year, id));
            Assert.True(Math.Abs(logged - tons) <= 1e-5 * Math.Max(1, tons), $"{id} in {year}: {logged} t moved in the log, {tons} t through in components.csv");
            compared++;
        }

        Assert.Equal(2 * 5, compared); // two years of five components (three stages, the ferry leg, the road gate)
    }

    [Fact]
    public void Events_Diverts_MatchTheSummarysDivertedTonsPerYear()
    {
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Directory, "logged", "summary.json")));
        var diverted = Rows.Where(r => r.Event == "divert").GroupBy(r => r.TimeUtc.Year).ToDictionary(g => g.Key, g => g.Sum(r => r.Tons));
        foreach (JsonElement year in summary.RootElement.GetProperty("years").EnumerateArray())
        {
            int y = year.GetProperty("year").GetInt32();
            double expected = year.GetProperty("divertedTons").GetProperty("mean").GetDouble();
            Assert.True(expected > 0, "the saturated road gate diverts trucks in " + y);
            Assert.Equal(expected, diverted.GetValueOrDefault(y), 6);
        }

        Assert.All(Rows.Where(r => r.Event == "divert"), r => Assert.Equal("road:kuryk-gate", r.ComponentId));
    }

    [Fact]
    public void Events_EveryVesselDeparture_CarriesTheUnitsThatStartWithIt()
    {
        int departures = 0;
        for (int i = 0; i < Rows.Count; i++)
        {
            EventRow r = Rows[i];
            if (r.EntityKind != "vessel voyage" || r.Event != "depart")
            {
                continue;
            }

            departures++;
            Assert.NotNull(r.PortId);
            List<EventRow> aboard = [.. Rows.Skip(i + 1).TakeWhile(u => u.EntityKind == "unit" && u.VehicleId == r.EntityId && u.TimeUtc == r.TimeUtc)];
            Assert.All(aboard, u => Assert.Equal("start", u.Event));
            Assert.Equal(r.Tons, aboard.Sum(u => u.Tons), 6);
            Assert.All(aboard, u => Assert.Equal(r.PortId, u.PortId));
        }

        Assert.True(departures > 100, departures + " voyages departed");
        Assert.Contains(Rows, r => r.EntityKind == "train" && r.Event == "depart");
        Assert.Contains(Rows, r => r.EntityKind == "truck" && r.Event == "arrive");
        Assert.Contains(Rows, r => r.EntityKind == "unit" && r.Event == "transship" && r.ComponentId == "border:dostyk");
        Assert.Contains(Rows, r => r.EntityKind == "port" && r.Event == "closure" && r.ComponentId == "port:kuryk");
        Assert.Equal(Rows.Count(r => r.Event == "closure"), Rows.Count(r => r.Event == "reopen") + (Rows.Last(r => r.EntityKind == "port").Event == "closure" ? 1 : 0));
    }

    [Fact]
    public void Ocel_File_DeclaresEveryObjectAndTypeItsEventsUse()
    {
        Assert.True(run.Logged.ExitCode == Program.Success, run.Logged.ToString());
        using JsonDocument ocel = JsonDocument.Parse(File.ReadAllBytes(run.OcelPath));
        JsonElement root = ocel.RootElement;
        var objectTypes = root.GetProperty("objectTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToHashSet();
        var eventTypes = root.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToHashSet();
        var objects = new Dictionary<string, string>();
        foreach (JsonElement o in root.GetProperty("objects").EnumerateArray())
        {
            string type = o.GetProperty("type").GetString()!;
            Assert.Contains(type, objectTypes);
            objects.Add(o.GetProperty("id").GetString()!, type);
        }

        int voyageDepartures = 0, events = 0;
        foreach (JsonElement e in root.GetProperty("events").EnumerateArray())
        {
            events++;
            string type = e.GetProperty("type").GetString()!;
            Assert.Contains(type, eventTypes);
            Assert.True(DateTime.TryParse(e.GetProperty("time").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
            var related = e.GetProperty("relationships").EnumerateArray()
                .Select(r => (Id: r.GetProperty("objectId").GetString()!, Qualifier: r.GetProperty("qualifier").GetString()!)).ToList();
            Assert.All(related, r => Assert.True(objects.ContainsKey(r.Id), $"{type} relates undeclared object {r.Id}"));
            if (type == "vessel voyage depart")
            {
                voyageDepartures++;
                Assert.Contains(related, r => r.Qualifier == "vessel voyage" && objects[r.Id] == "vessel voyage");
                Assert.Contains(related, r => r.Qualifier == "berth" && objects[r.Id] == "port");
                Assert.All(related.Where(r => r.Qualifier == "aboard"), r => Assert.Equal("unit", objects[r.Id]));
            }
        }

        Assert.Equal(Rows.Count(r => r.EntityKind == "vessel voyage" && r.Event == "depart"), voyageDepartures);
        // Units carried by a train, vessel or truck are relations of its event, not events of their own.
        Assert.Equal(Rows.Count(r => r.VehicleId is null), events);
        Assert.Contains(root.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "vessel voyage depart"
            && e.GetProperty("relationships").EnumerateArray().Any(r => r.GetProperty("qualifier").GetString() == "aboard"));
        Assert.Equal(["unit", "train", "vessel voyage", "truck", "port", "component"], objectTypes);
    }

    [Fact]
    public void Run_EventsMaxBelowTheLog_WarnsAndMarksTheFilesTruncated()
    {
        string dir = CliHarness.NewTempDirectory();
        try
        {
            string parquet = Path.Combine(dir, "e.parquet"), ocel = Path.Combine(dir, "e.json");
            CliResult r = CliHarness.Run("run", EventFiles.ScenarioPath, "-r", "2", "--no-charts", "-o", Path.Combine(dir, "out"),
                "--events", parquet, "--ocel", ocel, "--events-max", "1000", "--events-replication", "1");
            Assert.True(r.ExitCode == Program.Success, r.ToString());
            Assert.Contains("warning: the event log reached --events-max 1000 events", r.Stderr, StringComparison.Ordinal);
            (List<EventRow> rows, IReadOnlyDictionary<string, string> metadata) = EventFiles.ReadParquet(parquet);
            Assert.Equal(1000, rows.Count);
            Assert.Equal("true", metadata["corridorsim.truncated"]);
            Assert.Equal("1", metadata["corridorsim.replication"]);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(ocel));
            var declared = doc.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToHashSet();
            Assert.All(doc.RootElement.GetProperty("events").EnumerateArray().SelectMany(e => e.GetProperty("relationships").EnumerateArray()),
                rel => Assert.Contains(rel.GetProperty("objectId").GetString(), declared));
        }
        finally
        {
            CliHarness.DeleteQuietly(dir);
        }
    }

    [Theory]
    [InlineData("e.json.events", "e.json")] // the OCEL JSON's events scratch is e.json.events.tmp, the Parquet's temporary file too
    [InlineData("e.json.tmp", "e.json")]
    [InlineData("e.sqlite.tmp", "e.sqlite")]
    public void Run_EventFilesSharingATemporaryFile_ExitsWithInvalidInputBeforeRunning(string parquet, string ocel)
    {
        string dir = CliHarness.NewTempDirectory();
        try
        {
            CliResult r = CliHarness.Run("run", EventFiles.ScenarioPath, "-r", "1", "--no-charts", "-o", Path.Combine(dir, "out"),
                "--events", Path.Combine(dir, parquet), "--ocel", Path.Combine(dir, ocel));

            Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
            Assert.Contains("would both write", r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("replications 1/", r.Stdout, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            CliHarness.DeleteQuietly(dir);
        }
    }

    [Theory]
    [InlineData("--events-replication 2", "--events-replication must be within 0..1")]
    [InlineData("--events-max 0", "--events-max must be at least 1")]
    [InlineData("--events-max 10 --no-events", "--events-replication and --events-max need --events")]
    [InlineData("--events-to-missing-folder", "does not exist")]
    public void Run_BadEventOptions_ExitsWithInvalidInputBeforeRunning(string options, string message)
    {
        string dir = CliHarness.NewTempDirectory();
        try
        {
            var args = new List<string> { "run", EventFiles.ScenarioPath, "-r", "2", "--no-charts", "-o", Path.Combine(dir, "out") };
            if (options == "--events-to-missing-folder")
            {
                args.AddRange(["--events", Path.Combine(dir, "missing", "e.parquet")]);
            }
            else if (options.EndsWith("--no-events", StringComparison.Ordinal))
            {
                args.AddRange(options.Replace(" --no-events", string.Empty, StringComparison.Ordinal).Split(' '));
            }
            else
            {
                args.AddRange([.. options.Split(' '), "--events", Path.Combine(dir, "e.parquet")]);
            }

            CliResult r = CliHarness.Run([.. args]);
            Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
            Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("replications 1/", r.Stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, "e.parquet")));
        }
        finally
        {
            CliHarness.DeleteQuietly(dir);
        }
    }
}
