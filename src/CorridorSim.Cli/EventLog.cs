using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Cli;

/// <summary>
/// The events of one replication, kept in memory for the Parquet and OCEL writers, up to a cap: past it the log
/// stops recording and is marked truncated (the run itself goes on unchanged).
/// </summary>
internal sealed class EventLog : ICorridorEventSink
{
    /// <summary>The default cap on logged events (<c>--events-max</c>).</summary>
    public const long DefaultMaxEvents = 5_000_000;

    // Chunks rather than one growing array: no copy of hundreds of megabytes when the log doubles.
    private const int ChunkSize = 1 << 16;
    private readonly List<CorridorEventRecord[]> _chunks = [];

    public EventLog(long maxEvents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        MaxEvents = maxEvents;
    }

    public long MaxEvents { get; }

    public long Count { get; private set; }

    /// <summary>Whether an event arrived after the cap was reached (and was not recorded).</summary>
    public bool Truncated { get; private set; }

    /// <summary>The simulated time of the first event not recorded; meaningful when <see cref="Truncated"/>.</summary>
    public SimTime TruncatedAt { get; private set; }

    /// <summary>The calendar date of simulated time zero (the warm-up's start).</summary>
    public DateTime StartDate { get; private set; }

    public void Started(DateTime startDate) => StartDate = startDate;

    public void Record(in CorridorEventRecord record)
    {
        if (Count >= MaxEvents)
        {
            if (!Truncated)
            {
                Truncated = true;
                TruncatedAt = record.Time;
            }

            return;
        }

        int slot = (int)(Count % ChunkSize);
        if (slot == 0)
        {
            _chunks.Add(new CorridorEventRecord[ChunkSize]);
        }

        _chunks[^1][slot] = record;
        Count++;
    }

    public ref readonly CorridorEventRecord this[long index] => ref _chunks[(int)(index / ChunkSize)][index % ChunkSize];

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
