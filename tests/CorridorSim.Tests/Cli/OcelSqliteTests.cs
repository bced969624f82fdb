using System.Text.Json;
using CorridorSim.Cli;
using Microsoft.Data.Sqlite;

namespace CorridorSim.Tests.Cli;

/// <summary>The same run of the small events scenario logged as OCEL JSON and as OCEL SQLite, through the command line.</summary>
public sealed class OcelSqliteRunFixture : IDisposable
{
    public OcelSqliteRunFixture()
    {
        Directory = CliHarness.NewTempDirectory();
        JsonPath = Path.Combine(Directory, "events.json");
        SqlitePath = Path.Combine(Directory, "events.sqlite");
        Json = CliHarness.Run("run", EventFiles.ScenarioPath, "-r", "1", "--no-charts", "-o", Path.Combine(Directory, "json"), "--ocel", JsonPath);
        Sqlite = CliHarness.Run("run", EventFiles.ScenarioPath, "-r", "1", "--no-charts", "-o", Path.Combine(Directory, "sqlite"), "--ocel", SqlitePath);
    }

    public string Directory { get; }

    public string JsonPath { get; }

    public string SqlitePath { get; }

    internal CliResult Json { get; }

    internal CliResult Sqlite { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        CliHarness.DeleteQuietly(Directory);
    }
}

/// <summary>
/// <c>--ocel FILE.sqlite</c>: the OCEL 2.0 relational format (tables <c>event</c>, <c>object</c>, <c>event_object</c>,
/// <c>object_object</c>, the map-type tables and one table per type), holding the JSON export's events, objects and
/// relationships.
/// </summary>
public sealed class OcelSqliteTests(OcelSqliteRunFixture run) : IClassFixture<OcelSqliteRunFixture>
{
    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<object?[]> Query(SqliteConnection db, string sql)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void Sqlite_HoldsTheJsonExportsEventsObjectsAndRelationships()
    {
        Assert.True(run.Json.ExitCode == Program.Success, run.Json.ToString());
        Assert.True(run.Sqlite.ExitCode == Program.Success, run.Sqlite.ToString());
        Assert.Contains("events of replication 0 to " + run.SqlitePath, run.Sqlite.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(run.SqlitePath + ".tmp"));

        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(run.JsonPath));
        JsonElement root = json.RootElement;
        var jsonEvents = root.GetProperty("events").EnumerateArray().ToDictionary(
            e => e.GetProperty("id").GetString()!,
            e => (Type: e.GetProperty("type").GetString()!, Time: e.GetProperty("time").GetString()!,
                Tons: e.GetProperty("attributes")[0].GetProperty("value").GetDouble(),
                Related: e.GetProperty("relationships").EnumerateArray()
                    .Select(r => r.GetProperty("objectId").GetString() + " as " + r.GetProperty("qualifier").GetString()).Order(StringComparer.Ordinal).ToList()));
        var jsonObjects = root.GetProperty("objects").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("type").GetString()!);

        using SqliteConnection db = Open(run.SqlitePath);
        var events = Query(db, "SELECT ocel_id, ocel_type FROM event").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(jsonEvents.Count, events.Count);
        Assert.All(jsonEvents, e => Assert.Equal(e.Value.Type, events[e.Key]));

        var objects = Query(db, "SELECT ocel_id, ocel_type FROM object").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(jsonObjects.OrderBy(o => o.Key, StringComparer.Ordinal), objects.OrderBy(o => o.Key, StringComparer.Ordinal));

        var related = Query(db, "SELECT ocel_event_id, ocel_object_id, ocel_qualifier FROM event_object")
            .GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => g.Select(r => r[1] + " as " + r[2]).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(jsonEvents.Count, related.Count);
        Assert.All(jsonEvents, e => Assert.Equal(e.Value.Related, related[e.Key]));
        Assert.Contains(related.Values, r => r.Any(x => x.EndsWith(" as aboard", StringComparison.Ordinal)));
        Assert.Empty(Query(db, "SELECT * FROM object_object"));

        // Each event's time and tons, in the table of its type that event_map_type names.
        var eventTables = Query(db, "SELECT ocel_type, ocel_type_map FROM event_map_type").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(jsonEvents.Values.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal), eventTables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("VesselVoyageDepart", eventTables["vessel voyage depart"]);
        int typed = 0;
        foreach ((string type, string table) in eventTables)
        {
            foreach (object?[] row in Query(db, $"SELECT ocel_id, ocel_time, tons FROM \"event_{table}\""))
            {
                var e = jsonEvents[(string)row[0]!];
                Assert.Equal(type, e.Type);
                Assert.Equal(e.Time.Replace('T', ' ').TrimEnd('Z'), (string)row[1]!);
                Assert.Equal(e.Tons, (double)row[2]!);
                typed++;
            }
        }

        Assert.Equal(jsonEvents.Count, typed);
    }

    [Fact]
    public void Sqlite_ObjectTables_HoldEveryObjectAndTheUnitsAttributes()
    {
        Assert.True(run.Sqlite.ExitCode == Program.Success, run.Sqlite.ToString());
        using SqliteConnection db = Open(run.SqlitePath);
        var maps = Query(db, "SELECT ocel_type, ocel_type_map FROM object_map_type").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(OcelEvents.ObjectTypes.Order(StringComparer.Ordinal), maps.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("VesselVoyage", maps["vessel voyage"]);
        long perType = 0;
        foreach ((string type, string table) in maps)
        {
            List<object?[]> rows = Query(db, $"SELECT ocel_id, ocel_time, ocel_changed_field FROM \"object_{table}\"");
            Assert.All(rows, r => Assert.Equal(OcelSqlite.InitialTime, r[1]));
            Assert.All(rows, r => Assert.Null(r[2]));
            Assert.Equal((long)Query(db, $"SELECT count(*) FROM object WHERE ocel_type = '{type}'")[0][0]!, rows.Count);
            perType += rows.Count;
        }

        Assert.Equal((long)Query(db, "SELECT count(*) FROM object")[0][0]!, perType);

        // The units' attributes match the JSON export's.
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(run.JsonPath));
        var units = json.RootElement.GetProperty("objects").EnumerateArray().Where(o => o.GetProperty("type").GetString() == "unit")
            .ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("value").ToString()));
        List<object?[]> unitRows = Query(db, "SELECT ocel_id, flow, commodity, tons FROM object_Unit");
        Assert.Equal(units.Count, unitRows.Count);
        Assert.All(unitRows, r =>
        {
            Dictionary<string, string> a = units[(string)r[0]!];
            Assert.Equal(a["flow"], r[1]);
            Assert.Equal(a["commodity"], r[2]);
            Assert.Equal(double.Parse(a["tons"], System.Globalization.CultureInfo.InvariantCulture), (double)r[3]!);
        });
    }

    [Theory]
    [InlineData("events.txt", "found '.txt'")]
    [InlineData("events", "found 'no extension'")]
    [InlineData("events.parquet", "found '.parquet'")]
    public void Run_OcelWithAnotherExtension_ExitsTwoNamingTheOptionBeforeRunning(string file, string found)
    {
        using var dir = new TempDirectory();
        CliResult r = CliHarness.Run("run", EventFiles.ScenarioPath, "-r", "1", "--no-charts", "-o", dir["out"], "--ocel", dir[file]);

        Assert.True(r.ExitCode == Program.InvalidInput, r.ToString());
        Assert.Contains($"--ocel '{dir[file]}' must end in .json (OCEL 2.0 JSON) or .sqlite or .db (OCEL 2.0 SQLite); {found}", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at CorridorSim", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("replications 1/", r.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void TableSuffix_CapitalisesEachWordAndKeepsLettersAndDigits()
    {
        Assert.Equal("VesselVoyageDepart", OcelSqlite.TableSuffix("vessel voyage depart"));
        Assert.Equal("Unit", OcelSqlite.TableSuffix("unit"));
        Assert.Equal("PortClosure", OcelSqlite.TableSuffix("port closure"));
        Assert.Equal("A1B", OcelSqlite.TableSuffix("a-1 b"));
    }
}
