using CorridorSim.Cli;
using CorridorSim.Corridor;
using CorridorSim.Experiments;
using Parquet;

namespace CorridorSim.Tests.Cli;

/// <summary>The records of replication 0 of the small events scenario, logged once and replayed into the writers.</summary>
public sealed class EventRecordsFixture
{
    public EventRecordsFixture()
    {
        Scenario = ScenarioLoader.Load(EventFiles.ScenarioPath);
        All = new LegacyEventLog(long.MaxValue);
        Projection.Run(Scenario, new ProjectionOptions { Replications = 1, MaxThreads = 1, EventSink = All });
    }

    internal Scenario Scenario { get; }

    internal LegacyEventLog All { get; }
}

/// <summary>
/// The streamed event files (<see cref="EventLog"/>, <see cref="EventParquet"/>, <see cref="OcelWriter"/>): written as
/// the run goes, yet byte for byte the files the in-memory writers made (<see cref="LegacyEventLog"/>).
/// </summary>
public sealed class EventStreamingTests(EventRecordsFixture run) : IClassFixture<EventRecordsFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(EventLog.DefaultMaxEvents, EventParquet.RowGroupRows)]
    [InlineData(1000L, EventParquet.RowGroupRows)]
    [InlineData(EventLog.DefaultMaxEvents, 10_000)]
    [InlineData(25_000L, 10_000)]
    [InlineData(20_000L, 10_000)]
    public void StreamedFiles_EqualTheInMemoryWritersOutput_ByteForByte(long max, int rowGroupRows)
    {
        Assert.True(run.All.Count > 100_000, run.All.Count + " events");
        var legacy = new LegacyEventLog(max);
        string scenario = run.Scenario.Name;
        ulong seed = run.Scenario.Simulation.Seed;
        using var log = new EventLog(max, [
            new EventParquet(_dir["new.parquet"], l => EventParquet.Metadata(l, scenario, seed, 0), rowGroupRows),
            new OcelWriter(_dir["new.json"])]);
        Replay(legacy, log);
        log.Complete();
        LegacyEventParquet.Write(legacy, _dir["old.parquet"], legacy.Metadata(scenario, seed, 0), rowGroupRows);
        LegacyOcelWriter.Write(legacy, _dir["old.json"]);

        Assert.Equal(legacy.Truncated, log.Truncated);
        Assert.Equal(max < run.All.Count, log.Truncated);
        Assert.True(File.ReadAllBytes(_dir["old.parquet"]).AsSpan().SequenceEqual(File.ReadAllBytes(_dir["new.parquet"])), "the Parquet files differ");
        Assert.True(File.ReadAllBytes(_dir["old.json"]).AsSpan().SequenceEqual(File.ReadAllBytes(_dir["new.json"])), "the OCEL files differ");
        Assert.Equal(["new.json", "new.parquet", "old.json", "old.parquet"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Parquet_WritesEachRowGroupWhenItFills_NotAtTheEnd()
    {
        string path = _dir["e.parquet"];
        var parquet = new EventParquet(path, l => EventParquet.Metadata(l, "s", 1, 0), rowGroupRows: 10_000);
        using var log = new EventLog(25_000, [parquet]);
        log.Started(run.All.StartDate);
        long Written() => File.Exists(path + ".tmp") ? new FileInfo(path + ".tmp").Length : 0;
        var sizes = new List<long>();
        for (int i = 0; i < 25_000; i++)
        {
            log.Record(run.All[i]);
            if (i is 9_998 or 9_999 or 19_999 or 24_999)
            {
                sizes.Add(Written());
            }
        }

        // Nothing but the header before the first group fills; then the group is on disk, and so on.
        Assert.True(sizes[0] < 100, $"{sizes[0]} bytes before the first group filled");
        Assert.True(sizes[1] > 10_000, $"{sizes[1]} bytes after it filled");
        Assert.True(sizes[2] > sizes[1], "the second group was written when it filled");
        Assert.Equal(sizes[2], sizes[3]);
        Assert.False(File.Exists(path));

        log.Complete();
        Assert.False(File.Exists(path + ".tmp"));
        await using FileStream stream = File.OpenRead(path);
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal([10_000L, 10_000L, 5_000L], Enumerable.Range(0, reader.RowGroupCount).Select(g => reader.OpenRowGroupReader(g).RowCount));
        Assert.Equal("25000", reader.CustomMetadata["corridorsim.events"]);
    }

    [Fact]
    public void Log_WriterFails_StopsLoggingAndCompleteSaysWhy()
    {
        var failing = new FailingWriter(failAt: 3);
        using var log = new EventLog(100, [failing]);
        log.Started(run.All.StartDate);
        for (int i = 0; i < 10; i++)
        {
            log.Record(run.All[i]); // the run's thread never sees the failure
        }

        Assert.Equal(3, failing.Calls);
        IOException ex = Assert.Throws<IOException>(log.Complete);
        Assert.Contains("the event log could not be written: disk full", ex.Message, StringComparison.Ordinal);
        Assert.False(failing.Completed);
    }

    [Fact]
    public void Writers_DisposedBeforeComplete_LeaveNoFile()
    {
        using (var log = new EventLog(1000, [
            new EventParquet(_dir["e.parquet"], l => EventParquet.Metadata(l, "s", 1, 0), rowGroupRows: 100),
            new OcelWriter(_dir["e.json"]),
            new OcelSqlite(_dir["e.sqlite"])]))
        {
            log.Started(run.All.StartDate);
            for (int i = 0; i < 500; i++)
            {
                log.Record(run.All[i]);
            }

            Assert.NotEmpty(Directory.GetFiles(_dir.Path));
        }

        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void EmptyLog_WritesFilesWithNoEvents()
    {
        using var log = new EventLog(10, [
            new EventParquet(_dir["e.parquet"], l => EventParquet.Metadata(l, "s", 1, 0)),
            new OcelWriter(_dir["e.json"])]);
        log.Started(run.All.StartDate);
        log.Complete();

        (List<EventRow> rows, IReadOnlyDictionary<string, string> metadata) = EventFiles.ReadParquet(_dir["e.parquet"]);
        Assert.Empty(rows);
        Assert.Equal("0", metadata["corridorsim.events"]);
        var empty = new LegacyEventLog(10);
        empty.Started(run.All.StartDate);
        LegacyOcelWriter.Write(empty, _dir["old.json"]);
        Assert.Equal(File.ReadAllText(_dir["old.json"]), File.ReadAllText(_dir["e.json"]));
    }

    private void Replay(LegacyEventLog legacy, EventLog log)
    {
        legacy.Started(run.All.StartDate);
        log.Started(run.All.StartDate);
        foreach (CorridorEventRecord r in run.All.Records)
        {
            legacy.Record(r);
            log.Record(r);
        }
    }

    /// <summary>Throws on its <c>failAt</c>-th event, as a full disk would.</summary>
    private sealed class FailingWriter(int failAt) : IEventFileWriter
    {
        public int Calls { get; private set; }

        public bool Completed { get; private set; }

        public string Path => "failing";

        public void Write(in CorridorEventRecord record, DateTime time)
        {
            if (++Calls == failAt)
            {
                throw new IOException("disk full");
            }
        }

        public void Complete(EventLog log) => Completed = true;

        public void Dispose()
        {
        }
    }
}
