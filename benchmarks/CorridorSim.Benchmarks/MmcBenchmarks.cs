using BenchmarkDotNet.Attributes;
using CorridorSim.Engine;

namespace CorridorSim.Benchmarks;

/// <summary>
/// M/M/c with processes and a <see cref="Resource"/>: λ = 9 customers/hour, μ = 1/hour, c = 10 (ρ = 0.9).
/// One process per customer: arrive, request a server, hold it for Exp(1) hours, release.
/// One operation = one customer served.
/// </summary>
[MemoryDiagnoser]
public class MmcBenchmarks
{
    private const int CustomersPerInvocation = 50_000;

    private Simulation _sim = null!;
    private Resource _servers = null!;
    private RandomStream _arrivals = null!;
    private RandomStream _service = null!;
    private long _served;

    private static SimDuration Exp(RandomStream rng, double meanHours) =>
        SimDuration.FromTicks((long)(-Math.Log(1.0 - rng.NextDouble()) * meanHours * SimDuration.TicksPerHour));

    /// <summary>Builds the queue and runs it into steady state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulation(seed: 7);
        _servers = new Resource(_sim, 10, "servers");
        _arrivals = _sim.Stream("arrivals");
        _service = _sim.Stream("service");
        _sim.Start(Source, "source");
        Serve();
    }

    private async ProcessTask Source(SimProcess p)
    {
        while (true)
        {
            await p.Delay(Exp(_arrivals, 1.0 / 9.0));
            p.Simulation.Start(Customer);
        }
    }

    private async ProcessTask Customer(SimProcess p)
    {
        using ResourceLease server = await p.Request(_servers);
        await p.Delay(Exp(_service, 1.0));
        _served++;
    }

    /// <summary>Serves the next <c>CustomersPerInvocation</c> customers.</summary>
    [Benchmark(OperationsPerInvoke = CustomersPerInvocation)]
    public long Serve()
    {
        long target = _served + CustomersPerInvocation;
        while (_served < target)
        {
            _sim.Run(1024);
        }

        return _served;
    }
}
