using System.Globalization;
using System.Text;
using CorridorSim.Corridor;
using Microsoft.Data.Sqlite;

namespace CorridorSim.Cli;

/// <summary>
/// Writes the event log as an OCEL 2.0 SQLite database (the standard's relational format, docs/events.md): the same
/// events, objects and relationships as the JSON export, inserted as they arrive inside one transaction with prepared
/// commands, so memory holds only the set of objects seen.
/// </summary>
internal sealed class OcelSqlite : IEventFileWriter, IOcelTarget
{
    /// <summary>The time the standard gives an object's initial attribute values.</summary>
    public const string InitialTime = "1970-01-01 00:00:00";

    private readonly TemporaryFile _file;
    private readonly OcelEvents _fold;
    private readonly Dictionary<string, SqliteCommand> _eventTables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteCommand> _objectTables = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;
    private SqliteCommand? _event;
    private SqliteCommand? _object;
    private SqliteCommand? _relation;

    public OcelSqlite(string path)
    {
        _file = new TemporaryFile(path);
        _fold = new OcelEvents(this);
    }

    public string Path => _file.Target;

    public void Write(in CorridorEventRecord record, DateTime time)
    {
        Open();
        _fold.Add(record, time);
    }

    public void Complete(EventLog log)
    {
        Open();
        _fold.Flush();
        _transaction!.Commit();
        Close();
        _file.Commit();
    }

    public void Dispose()
    {
        Close();
        _file.Dispose();
    }

    /// <summary>The table-name suffix of a type, as pm4py's exporter forms it: each word capitalised, then only letters and digits (<c>vessel voyage depart</c> → <c>VesselVoyageDepart</c>).</summary>
    public static string TableSuffix(string type)
    {
        var name = new StringBuilder(type.Length);
        foreach (string word in type.Split(' '))
        {
            for (int i = 0; i < word.Length; i++)
            {
                char c = i == 0 ? char.ToUpperInvariant(word[i]) : char.ToLowerInvariant(word[i]);
                if (char.IsAsciiLetterOrDigit(c))
                {
                    name.Append(c);
                }
            }
        }

        return name.ToString();
    }

    /// <summary>The text form of a time in the database: UTC, microseconds, the form SQLite's date functions read.</summary>
    public static string Time(DateTime time) => time.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'ffffff", CultureInfo.InvariantCulture);

    void IOcelTarget.Object(string id, string type, OcelUnit? unit)
    {
        Run(_object!, id, type);
        SqliteCommand table = _objectTables[type];
        table.Parameters[0].Value = id;
        if (unit is { } u)
        {
            table.Parameters[1].Value = u.Flow;
            table.Parameters[2].Value = u.Commodity;
            table.Parameters[3].Value = u.Tons;
        }

        table.ExecuteNonQuery();
    }

    void IOcelTarget.EventType(string type)
    {
        string suffix = TableSuffix(type);
        Execute($"CREATE TABLE \"event_{suffix}\" (ocel_id TEXT PRIMARY KEY, ocel_time TIMESTAMP, tons REAL)");
        using (SqliteCommand map = Command("INSERT INTO event_map_type (ocel_type, ocel_type_map) VALUES ($1, $2)", 2))
        {
            Run(map, type, suffix);
        }

        _eventTables.Add(type, Command($"INSERT INTO \"event_{suffix}\" (ocel_id, ocel_time, tons) VALUES ($1, $2, $3)", 3));
    }

    void IOcelTarget.Event(OcelEvent e)
    {
        string id = e.Id;
        Run(_event!, id, e.Type);
        SqliteCommand table = _eventTables[e.Type];
        table.Parameters[0].Value = id;
        table.Parameters[1].Value = Time(e.Time);
        table.Parameters[2].Value = e.Tons;
        table.ExecuteNonQuery();
        foreach ((string objectId, string qualifier) in e.Relationships)
        {
            _relation!.Parameters[0].Value = id;
            _relation.Parameters[1].Value = objectId;
            _relation.Parameters[2].Value = qualifier;
            _relation.ExecuteNonQuery();
        }
    }

    private void Open()
    {
        if (_connection is not null)
        {
            return;
        }

        File.Delete(_file.Temp);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Temp, Pooling = false }.ToString());
        _connection.Open();

        // A temporary file, moved into place only when whole: no journal or sync is needed to keep it consistent.
        Execute("PRAGMA journal_mode = OFF");
        Execute("PRAGMA synchronous = OFF");
        _transaction = _connection.BeginTransaction();
        Execute("CREATE TABLE event (ocel_id TEXT PRIMARY KEY, ocel_type TEXT)");
        Execute("CREATE TABLE object (ocel_id TEXT PRIMARY KEY, ocel_type TEXT)");
        Execute("CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT)");
        Execute("CREATE TABLE object_object (ocel_source_id TEXT, ocel_target_id TEXT, ocel_qualifier TEXT)");
        Execute("CREATE TABLE event_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT)");
        Execute("CREATE TABLE object_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT)");
        using (SqliteCommand map = Command("INSERT INTO object_map_type (ocel_type, ocel_type_map) VALUES ($1, $2)", 2))
        {
            foreach (string type in OcelEvents.ObjectTypes)
            {
                string suffix = TableSuffix(type);
                bool unit = type == OcelEvents.UnitType;
                Execute($"CREATE TABLE \"object_{suffix}\" (ocel_id TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT{(unit ? ", flow TEXT, commodity TEXT, tons REAL" : string.Empty)})");
                Run(map, type, suffix);
                _objectTables.Add(type, unit
                    ? Command($"INSERT INTO \"object_{suffix}\" (ocel_id, ocel_time, ocel_changed_field, flow, commodity, tons) VALUES ($1, '{InitialTime}', NULL, $2, $3, $4)", 4)
                    : Command($"INSERT INTO \"object_{suffix}\" (ocel_id, ocel_time, ocel_changed_field) VALUES ($1, '{InitialTime}', NULL)", 1));
            }
        }

        _event = Command("INSERT INTO event (ocel_id, ocel_type) VALUES ($1, $2)", 2);
        _object = Command("INSERT INTO object (ocel_id, ocel_type) VALUES ($1, $2)", 2);
        _relation = Command("INSERT INTO event_object (ocel_event_id, ocel_object_id, ocel_qualifier) VALUES ($1, $2, $3)", 3);
    }

    private SqliteCommand Command(string sql, int parameters)
    {
        SqliteCommand command = _connection!.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        for (int i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = _connection!.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        command.ExecuteNonQuery();
    }

    private static void Run(SqliteCommand command, string a, string b)
    {
        command.Parameters[0].Value = a;
        command.Parameters[1].Value = b;
        command.ExecuteNonQuery();
    }

    private void Close()
    {
        foreach (SqliteCommand command in _eventTables.Values.Concat(_objectTables.Values))
        {
            command.Dispose();
        }

        _eventTables.Clear();
        _objectTables.Clear();
        _event?.Dispose();
        _object?.Dispose();
        _relation?.Dispose();
        _event = _object = _relation = null;
        _transaction?.Dispose();
        _transaction = null;
        _connection?.Dispose();
        _connection = null;
    }
}
