using System.CommandLine;
using System.Globalization;
using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Cli;

/// <summary>The event-log options of run: <c>--events</c>, <c>--ocel</c>, <c>--events-replication</c>, <c>--events-max</c>.</summary>
internal static partial class Commands
{
    /// <summary>The options, created once per command and added to it.</summary>
    private sealed class EventOptions
    {
        public Option<FileInfo?> Parquet { get; } = new("--events")
        {
            Description = "Write the event log of one replication (warm-up included) as Parquet to FILE (columns: docs/events.md).",
            HelpName = "FILE.parquet",
        };

        public Option<FileInfo?> Ocel { get; } = new("--ocel")
        {
            Description = "Write the same events as an OCEL 2.0 object-centric event log to FILE, for process-mining tools: JSON (.json) or SQLite (.sqlite, .db).",
            HelpName = "FILE.json|FILE.sqlite",
        };

        public Option<int?> Replication { get; } = new("--events-replication")
        {
            Description = "The replication (0-based) whose events --events and --ocel write (default 0).",
            CustomParser = r => ParseWhole(r, "--events-replication"),
        };

        public Option<int?> Max { get; } = new("--events-max")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"The most events logged (default {EventLog.DefaultMaxEvents}); past it logging stops with a warning and the files are marked truncated."),
            CustomParser = r => ParseWhole(r, "--events-max"),
        };

        public IEnumerable<Option> All => [Parquet, Ocel, Replication, Max];
    }

    /// <summary>What to log and where: the log attached to the replication, which writes the files as the run goes.</summary>
    private sealed record EventRequest(EventLog Log, int Replication, string? ParquetPath, string? OcelPath) : IDisposable
    {
        /// <summary>Drops the unfinished files of a run that stopped before <see cref="WriteEvents"/>.</summary>
        public void Dispose() => Log.Dispose();
    }

    /// <summary>A file both writers would create (their targets and the temporary files beside them), or null.</summary>
    private static string? SharedFile(string parquet, string ocel)
    {
        string[] ofParquet = [parquet, TemporaryFile.TempOf(parquet)];
        string[] ofOcel = IsOcelSqlite(ocel) ? [ocel, TemporaryFile.TempOf(ocel)] : [ocel, TemporaryFile.TempOf(ocel), TemporaryFile.TempOf(OcelWriter.EventsScratch(ocel))];
        return ofParquet.FirstOrDefault(f => ofOcel.Contains(f, StringComparer.Ordinal));
    }

    /// <summary>The OCEL formats by the extension of <c>--ocel</c>'s file.</summary>
    private static bool IsOcelSqlite(string path)
    {
        string extension = Path.GetExtension(path);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (extension.Equals(".sqlite", StringComparison.OrdinalIgnoreCase) || extension.Equals(".db", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new UsageException($"--ocel '{path}' must end in .json (OCEL 2.0 JSON) or .sqlite or .db (OCEL 2.0 SQLite); found '{(extension.Length == 0 ? "no extension" : extension)}'.");
    }

    /// <summary>Checks the event options against the replications to run; null when no log is asked for. Bad values are invalid input (exit 2).</summary>
    private static EventRequest? EventRequestOf(ParseResult parse, EventOptions o, int replications, string scenario, ulong seed)
    {
        string? parquet = parse.GetValue(o.Parquet)?.FullName;
        string? ocel = parse.GetValue(o.Ocel)?.FullName;
        int? replication = parse.GetValue(o.Replication);
        int? max = parse.GetValue(o.Max);
        if (parquet is null && ocel is null)
        {
            if (replication is not null || max is not null)
            {
                throw new UsageException("--events-replication and --events-max need --events FILE.parquet or --ocel FILE.json|FILE.sqlite.");
            }

            return null;
        }

        if (replication is { } k && (k < 0 || k >= replications))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--events-replication must be within 0..{replications - 1} (the replications run), found {k}."));
        }

        if (max is < 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--events-max must be at least 1, found {max}."));
        }

        if (parquet is not null && ocel is not null && string.Equals(parquet, ocel, StringComparison.Ordinal))
        {
            throw new UsageException($"--events and --ocel name the same file '{parquet}'.");
        }

        if (parquet is not null && ocel is not null && SharedFile(parquet, ocel) is { } shared)
        {
            throw new UsageException($"--events '{parquet}' and --ocel '{ocel}' would both write '{shared}' (a file or its temporary file while the run goes); name them apart.");
        }

        foreach (string? path in (string?[])[parquet, ocel])
        {
            if (path is not null && Directory.Exists(path))
            {
                throw new UsageException($"'{path}' is a folder; --events and --ocel take a file path.");
            }

            if (path is not null && Path.GetDirectoryName(path) is { } dir && !Directory.Exists(dir))
            {
                throw new UsageException($"the folder of '{path}' does not exist.");
            }
        }

        bool sqlite = ocel is not null && IsOcelSqlite(ocel);
        int chosen = replication ?? 0;
        var writers = new List<IEventFileWriter>();
        if (parquet is not null)
        {
            writers.Add(new EventParquet(parquet, log => EventParquet.Metadata(log, scenario, seed, chosen)));
        }

        if (ocel is not null)
        {
            writers.Add(sqlite ? new OcelSqlite(ocel) : new OcelWriter(ocel));
        }

        return new EventRequest(new EventLog(max ?? EventLog.DefaultMaxEvents, writers), chosen, parquet, ocel);
    }

    private static ProjectionOptions WithEvents(ProjectionOptions options, EventRequest? request) =>
        request is null ? options : options with { EventSink = request.Log, EventReplication = request.Replication };

    /// <summary>Writes the requested event files after the run, and warns when the log hit its cap.</summary>
    private static void WriteEvents(TextWriter stdout, TextWriter stderr, EventRequest? request)
    {
        if (request is null)
        {
            return;
        }

        EventLog log = request.Log;
        log.Complete();
        string?[] written = [request.ParquetPath, request.OcelPath];
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {log.Count} events of replication {request.Replication} to {string.Join(", ", written.OfType<string>())}."));
        if (log.Truncated)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: the event log reached --events-max {log.MaxEvents} events at {log.DateOf(log.TruncatedAt):yyyy-MM-dd HH:mm} (simulated); later events were not logged, so the files end there (the Parquet file's metadata says corridorsim.truncated = true). The run's results are complete; raise --events-max to log more."));
        }
    }
}
