using System.Globalization;
using System.Text.Json;
using CorridorSim.Corridor;

namespace CorridorSim.Cli;

/// <summary>
/// Writes the event log as an OCEL 2.0 JSON object-centric event log (docs/events.md): a train's, vessel voyage's or
/// truck's event also relates the units it carries at that moment, so one vessel departure relates its voyage, its
/// cargo and its berth. The events go to a temporary file as they arrive; the object and event types and the objects
/// (a small list) are written at the end before them, so the file reads as if written in one go.
/// </summary>
internal sealed class OcelWriter : IEventFileWriter, IOcelTarget
{
    private readonly TemporaryFile _file;
    private readonly TemporaryFile _eventsFile;
    private readonly OcelEvents _fold;
    private readonly List<(string Id, string Type, OcelUnit? Unit)> _objects = [];
    private readonly List<string> _eventTypes = [];
    private FileStream? _eventsStream;
    private Utf8JsonWriter? _events;

    public OcelWriter(string path)
    {
        _file = new TemporaryFile(path);
        _eventsFile = new TemporaryFile(EventsScratch(path));
        _fold = new OcelEvents(this);
    }

    public string Path => _file.Target;

    /// <summary>The file the events array is written to as the run goes (only its temporary file ever exists).</summary>
    public static string EventsScratch(string path) => path + ".events";

    public void Write(in CorridorEventRecord record, DateTime time) => _fold.Add(record, time);

    public void Complete(EventLog log)
    {
        _fold.Flush();
        Utf8JsonWriter events = Events();
        events.WriteEndArray();
        events.Flush();
        _events = null;
        events.Dispose();
        _eventsStream!.Position = 0;
        using (FileStream stream = File.Create(_file.Temp))
        {
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                WriteObjectTypes(json);
                WriteEventTypes(json);
                WriteObjects(json);

                // The events array, already written, is copied in as the last property; the writer never sees it.
                json.Flush();
            }

            stream.Write(",\"events\":"u8);
            _eventsStream.CopyTo(stream);
            stream.Write("}"u8);
        }

        _eventsStream.Dispose();
        _eventsStream = null;
        _eventsFile.Dispose();
        _file.Commit();
    }

    public void Dispose()
    {
        _events?.Dispose();
        _eventsStream?.Dispose();
        _eventsFile.Dispose();
        _file.Dispose();
    }

    void IOcelTarget.Object(string id, string type, OcelUnit? unit) => _objects.Add((id, type, unit));

    void IOcelTarget.EventType(string type) => _eventTypes.Add(type);

    void IOcelTarget.Event(OcelEvent e)
    {
        Utf8JsonWriter json = Events();
        json.WriteStartObject();
        json.WriteString("id", e.Id);
        json.WriteString("type", e.Type);
        json.WriteString("time", Time(e.Time));
        json.WriteStartArray("attributes");
        json.WriteStartObject();
        json.WriteString("name", "tons");
        json.WriteNumber("value", e.Tons);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("relationships");
        foreach ((string objectId, string qualifier) in e.Relationships)
        {
            json.WriteStartObject();
            json.WriteString("objectId", objectId);
            json.WriteString("qualifier", qualifier);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        if (json.BytesPending > 1 << 20)
        {
            json.Flush();
        }
    }

    /// <summary>ISO 8601 UTC with microseconds, as the JSON and SQLite files both write times.</summary>
    public static string Time(DateTime time) => time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    private Utf8JsonWriter Events()
    {
        if (_events is null)
        {
            _eventsStream = new FileStream(_eventsFile.Temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            _events = new Utf8JsonWriter(_eventsStream);
            _events.WriteStartArray();
        }

        return _events;
    }

    private static void WriteObjectTypes(Utf8JsonWriter json)
    {
        json.WriteStartArray("objectTypes");
        foreach (string type in OcelEvents.ObjectTypes)
        {
            json.WriteStartObject();
            json.WriteString("name", type);
            json.WriteStartArray("attributes");
            if (type == OcelEvents.UnitType)
            {
                WriteAttributeType(json, "flow", "string");
                WriteAttributeType(json, "commodity", "string");
                WriteAttributeType(json, "tons", "float");
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void WriteEventTypes(Utf8JsonWriter json)
    {
        json.WriteStartArray("eventTypes");
        foreach (string type in _eventTypes)
        {
            json.WriteStartObject();
            json.WriteString("name", type);
            json.WriteStartArray("attributes");
            WriteAttributeType(json, "tons", "float");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAttributeType(Utf8JsonWriter json, string name, string type)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        json.WriteEndObject();
    }

    private void WriteObjects(Utf8JsonWriter json)
    {
        json.WriteStartArray("objects");
        foreach ((string id, string type, OcelUnit? unit) in _objects)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", type);
            json.WriteStartArray("attributes");
            if (unit is { } u)
            {
                string time = Time(u.Time);
                WriteAttribute(json, "flow", time, u.Flow);
                WriteAttribute(json, "commodity", time, u.Commodity);
                json.WriteStartObject();
                json.WriteString("name", "tons");
                json.WriteString("time", time);
                json.WriteNumber("value", u.Tons);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("relationships");
            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending > 1 << 20)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteAttribute(Utf8JsonWriter json, string name, string time, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("time", time);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
