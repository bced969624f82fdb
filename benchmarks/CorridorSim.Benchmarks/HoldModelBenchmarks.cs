using BenchmarkDotNet.Attributes;
using CorridorSim.Engine;

namespace CorridorSim.Benchmarks;

/// <summary>
/// The hold model: N pending entities, each re-scheduling itself after an Exp(1)-hour delay. Measures the
/// kernel's cost per event (pop, one exponential draw, push, dispatch) at small, medium and large pending sets.
/// Baseline: the same loop on .NET's <see cref="PriorityQueue{TElement, TPriority}"/> keyed by (time, sequence).
/// One operation = one event.
/// </summary>
/// <remarks>
/// The exponential draw is part of every event in all three methods. <see cref="ExponentialDraw.Ziggurat"/> draws it
/// with <see cref="RandomStream.NextExponential"/>; <see cref="ExponentialDraw.Inversion"/> with <c>-log(1 - u)</c>, as
/// the earliest tables in <c>benchmarks/results/</c> did (the logarithm then adds a fixed cost per event to both sides
/// of the ratio). Both are measured, so the ratio of either can be read off one run.
/// </remarks>
[MemoryDiagnoser]
public class HoldModelBenchmarks
{
    private const int EventsPerInvocation = 200_000;

    private Simulation _eventSim = null!;
    private Simulation _processSim = null!;
    private PriorityQueue<Entity, Key> _queue = null!;
    private RandomStream _baselineRng = null!;
    private long _baselineSeq;

    /// <summary>How an Exp(1) delay is drawn.</summary>
    public enum ExponentialDraw
    {
        /// <summary><see cref="RandomStream.NextExponential"/>: the ziggurat method.</summary>
        Ziggurat,

        /// <summary>Inversion, <c>-log(1 - u)</c> with <see cref="RandomStream.NextDouble"/>.</summary>
        Inversion,
    }

    /// <summary>Number of pending entities.</summary>
    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    /// <summary>How the Exp(1) delays are drawn (the same way in all three methods).</summary>
    [Params(ExponentialDraw.Ziggurat, ExponentialDraw.Inversion)]
    public ExponentialDraw Draw { get; set; }

    private sealed class Entity
    {
        public required RandomStream Rng { get; init; }

        // Read once per event; constant for a run, so the branch on it is always predicted.
        public required bool Ziggurat { get; init; }
    }

    private readonly record struct Key(long Time, long Sequence) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            int c = Time.CompareTo(other.Time);
            return c != 0 ? c : Sequence.CompareTo(other.Sequence);
        }
    }

    private static readonly Action<Simulation, Entity> Hold = HoldHandler;

    private static void HoldHandler(Simulation sim, Entity e) => sim.Schedule(ExpHours(e), Hold, e);

    private static SimDuration ExpHours(Entity e) =>
        SimDuration.FromTicks((long)((e.Ziggurat ? e.Rng.NextExponential() : -Math.Log(1.0 - e.Rng.NextDouble())) * SimDuration.TicksPerHour));

    /// <summary>Builds the event-API model with N pending entities and runs it past its start-up.</summary>
    /// <remarks>Each method gets its own setup, so a benchmark's process holds only its own model in memory.</remarks>
    [GlobalSetup(Target = nameof(EventApi))]
    public void SetupEventApi()
    {
        _eventSim = new Simulation(seed: 1);
        var rng = _eventSim.Stream("hold");
        var entity = new Entity { Rng = rng, Ziggurat = Draw == ExponentialDraw.Ziggurat };
        for (int i = 0; i < N; i++)
        {
            _eventSim.Schedule(ExpHours(entity), Hold, entity);
        }

        _eventSim.Run(Math.Max(4L * N, EventsPerInvocation));
    }

    /// <summary>Builds the process model with N pending processes and runs it past its start-up.</summary>
    [GlobalSetup(Target = nameof(ProcessApi))]
    public void SetupProcessApi()
    {
        _processSim = new Simulation(seed: 1);
        var shared = new Entity { Rng = _processSim.Stream("hold"), Ziggurat = Draw == ExponentialDraw.Ziggurat };
        for (int i = 0; i < N; i++)
        {
            _processSim.Start(async p =>
            {
                while (true)
                {
                    await p.Delay(ExpHours(shared));
                }
            });
        }

        _processSim.Run(Math.Max(4L * N, EventsPerInvocation));
    }

    /// <summary>Fills the baseline's priority queue with N entries and runs it once.</summary>
    [GlobalSetup(Target = nameof(Baseline))]
    public void SetupBaseline()
    {
        _baselineRng = new RandomStream(1);
        _queue = new PriorityQueue<Entity, Key>(N);
        var be = new Entity { Rng = _baselineRng, Ziggurat = Draw == ExponentialDraw.Ziggurat };
        for (int i = 0; i < N; i++)
        {
            _queue.Enqueue(be, new Key(ExpHours(be).Ticks, _baselineSeq++));
        }

        Baseline();
    }

    /// <summary>The same workload on .NET's PriorityQueue (4-ary heap), keyed by (time, sequence).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvocation)]
    public long Baseline()
    {
        PriorityQueue<Entity, Key> q = _queue;
        long now = 0;
        for (int i = 0; i < EventsPerInvocation; i++)
        {
            q.TryDequeue(out Entity? e, out Key k);
            now = k.Time;
            q.Enqueue(e!, new Key(now + ExpHours(e!).Ticks, _baselineSeq++));
        }

        return now;
    }

    /// <summary>The event-scheduling API: a static handler and a state object, no closure.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public long EventApi() => _eventSim.Run(EventsPerInvocation);

    /// <summary>Processes: N async methods each awaiting <c>p.Delay(Exp(1))</c> in a loop.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public long ProcessApi() => _processSim.Run(EventsPerInvocation);
}
