using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Cli;

/// <summary>
/// The events of one replication, handed to the file writers as they arrive, up to a cap: past it the log stops
/// recording and is marked truncated (the run itself goes on unchanged). Nothing is kept here but counts; each
/// writer keeps only what its format needs (docs/events.md).
/// </summary>
internal sealed class EventLog : ICorridorEventSink, IDisposable
{
    /// <summary>The default cap on logged events (<c>--events-max</c>).</summary>
    public const long DefaultMaxEvents = 5_000_000;

    private readonly IReadOnlyList<IEventFileWriter> _writers;

    public EventLog(long maxEvents, IReadOnlyList<IEventFileWriter> writers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        MaxEvents = maxEvents;
        _writers = writers;
    }

    public long MaxEvents { get; }

    public long Count { get; private set; }

    /// <summary>Whether an event arrived after the cap was reached (and was not recorded).</summary>
    public bool Truncated { get; private set; }

    /// <summary>The simulated time of the first event not recorded; meaningful when <see cref="Truncated"/>.</summary>
    public SimTime TruncatedAt { get; private set; }

    /// <summary>The calendar date of simulated time zero (the warm-up's start).</summary>
    public DateTime StartDate { get; private set; }

    /// <summary>The first error a writer threw, kept so that a full disk ends the log, not the run; <see cref="Complete"/> rethrows it.</summary>
    public Exception? Failure { get; private set; }

    public void Started(DateTime startDate) => StartDate = startDate;

    public void Record(in CorridorEventRecord record)
    {
        if (Failure is not null)
        {
            return;
        }

        if (Count >= MaxEvents)
        {
            if (!Truncated)
            {
                Truncated = true;
                TruncatedAt = record.Time;
            }

            return;
        }

        Count++;
        DateTime time = DateOf(record.Time);
        try
        {
            foreach (IEventFileWriter writer in _writers)
            {
                writer.Write(record, time);
            }
        }
#pragma warning disable CA1031 // Any writer failure (a full disk, a lost folder) stops the log; Complete reports it after the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failure = ex;
        }
    }

    /// <summary>Finishes every file (the last rows, the Parquet metadata, the OCEL objects) and moves it into place.</summary>
    public void Complete()
    {
        if (Failure is { } failure)
        {
            throw new IOException("the event log could not be written: " + failure.Message, failure);
        }

        foreach (IEventFileWriter writer in _writers)
        {
            writer.Complete(this);
        }
    }

    /// <summary>Deletes the temporary files of writers not completed (an interrupted or failed run).</summary>
    public void Dispose()
    {
        foreach (IEventFileWriter writer in _writers)
        {
            writer.Dispose();
        }
    }

    /// <summary>The UTC calendar date and time of a simulated instant.</summary>
    public DateTime DateOf(SimTime time) => DateTime.SpecifyKind(StartDate + time.SinceStart.ToTimeSpan(), DateTimeKind.Utc);

    /// <summary>The lower-case names the files use (docs/events.md).</summary>
    public static string Name(CorridorEventKind kind) => kind switch
    {
        CorridorEventKind.Arrive => "arrive",
        CorridorEventKind.Queue => "queue",
        CorridorEventKind.Start => "start",
        CorridorEventKind.End => "end",
        CorridorEventKind.Depart => "depart",
        CorridorEventKind.Transship => "transship",
        CorridorEventKind.Divert => "divert",
        CorridorEventKind.Closure => "closure",
        CorridorEventKind.Reopen => "reopen",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    /// <inheritdoc cref="Name(CorridorEventKind)"/>
    public static string Name(CorridorEntityKind kind) => kind switch
    {
        CorridorEntityKind.Unit => "unit",
        CorridorEntityKind.Train => "train",
        CorridorEntityKind.VesselVoyage => "vessel voyage",
        CorridorEntityKind.Truck => "truck",
        CorridorEntityKind.Port => "port",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };
}

/// <summary>One event file written as the run goes: rows as they arrive, the rest when the run ends.</summary>
internal interface IEventFileWriter : IDisposable
{
    /// <summary>The final path of the file.</summary>
    string Path { get; }

    /// <summary>Takes one logged event, with its calendar time.</summary>
    void Write(in CorridorEventRecord record, DateTime time);

    /// <summary>Writes what is left and moves the temporary file onto <see cref="Path"/>.</summary>
    void Complete(EventLog log);
}

/// <summary>The temporary file beside an event file's path, deleted unless the file is completed, so a failed run leaves no half file.</summary>
internal sealed class TemporaryFile(string path) : IDisposable
{
    public string Target { get; } = path;

    public string Temp { get; } = TempOf(path);

    /// <summary>The temporary file written in place of <paramref name="path"/> until it is whole.</summary>
    public static string TempOf(string path) => path + ".tmp";

    public bool Committed { get; private set; }

    public void Commit()
    {
        File.Move(Temp, Target, overwrite: true);
        Committed = true;
    }

    public void Dispose()
    {
        if (!Committed && File.Exists(Temp))
        {
            File.Delete(Temp);
        }
    }
}
