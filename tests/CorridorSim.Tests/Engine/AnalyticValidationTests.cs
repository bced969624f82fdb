using System.Globalization;
using CorridorSim.Engine;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Engine;

/// <summary>
/// The kernel against queueing theory (DESIGN.md, "Validation"). Each check runs independent replications of a
/// process-based model (a source process, one process per customer holding a <see cref="Resource"/> lease), deletes
/// a warm-up, and asserts that the 99% Student-t confidence interval of the replication means contains the closed
/// form, and that the interval is tight (its half-width is a stated small fraction of the true value), so a test
/// cannot pass with a uselessly wide interval. Master seeds are fixed, so every run gives the same numbers.
/// </summary>
public class AnalyticValidationTests(ITestOutputHelper output)
{
    private const double Confidence = 0.99;

    // ---- the closed forms themselves -------------------------------------------------------------------

    [Fact]
    public void ErlangC_TenServersNineErlangs_MatchesIndependentValue()
    {
        // 0.668731524107697, computed independently from the textbook sum
        // (a^c/c!)·c/(c−a) / (Σ_{k<c} a^k/k! + (a^c/c!)·c/(c−a)) in Python with exact factorials.
        Assert.Equal(0.6687315241, QueueingHelpers.ErlangC(10, 9), 1e-9);
        Assert.Equal(0.6687, QueueingHelpers.ErlangC(10, 9), 1e-3);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.25)]
    public void ErlangC_OneServer_IsUtilisation(double rho) =>
        Assert.Equal(rho, QueueingHelpers.ErlangC(1, rho), 12);

    [Theory]
    [InlineData(1.5)]
    [InlineData(0.4)]
    public void ErlangC_TwoServers_IsSquaredLoadOverTwoPlusLoad(double a) =>
        Assert.Equal(a * a / (2 + a), QueueingHelpers.ErlangC(2, a), 12);

    [Fact]
    public void MMc_OneServer_AgreesWithMM1AndPollaczekKhinchine()
    {
        QueueMeasures mm1 = QueueingHelpers.MM1(0.8, 1);
        QueueMeasures mmc = QueueingHelpers.MMc(0.8, 1, 1);
        QueueMeasures mg1 = QueueingHelpers.MG1(0.8, 1, 1); // exponential service: variance = mean²

        Assert.Equal(4, mm1.WaitInQueueHours, 12);
        Assert.Equal(3.2, mm1.NumberInQueue, 12);
        Assert.Equal(mm1.WaitInQueueHours, mmc.WaitInQueueHours, 12);
        Assert.Equal(mm1.NumberInQueue, mmc.NumberInQueue, 12);
        Assert.Equal(mm1.NumberInSystem, mmc.NumberInSystem, 12);
        Assert.Equal(mm1.WaitInQueueHours, mg1.WaitInQueueHours, 12);
    }

    [Fact]
    public void MD1_IsHalfOfMM1AndPollaczekKhinchineWithZeroVariance()
    {
        QueueMeasures md1 = QueueingHelpers.MD1(0.8, 1);

        Assert.Equal(2, md1.WaitInQueueHours, 12);
        Assert.Equal(QueueingHelpers.MG1(0.8, 1, 0).WaitInQueueHours, md1.WaitInQueueHours, 12);
        Assert.Equal(QueueingHelpers.MM1(0.8, 1).WaitInQueueHours / 2, md1.WaitInQueueHours, 12);
    }

    [Fact]
    public void TandemMM1SojournHours_TwoStations_SumsStationSojourns() =>
        Assert.Equal(2 + (1 / 0.3), QueueingHelpers.TandemMM1SojournHours(0.5, 1, 0.8), 12);

    [Fact]
    public void ReplicationEstimate_KnownValues_UsesStudentT()
    {
        // Mean 3, s = √2.5; t(0.995, 4) = 4.604094871... (tables), half-width = t·s/√5.
        ReplicationEstimate e = ReplicationEstimate.Of([1, 2, 3, 4, 5]);

        Assert.Equal(3, e.Mean, 12);
        Assert.Equal(4.604094871 * Math.Sqrt(2.5) / Math.Sqrt(5), e.HalfWidth, 6);
        Assert.True(e.Contains(3));
        Assert.False(e.Contains(10));
    }

    // ---- simulated queues against the closed forms -----------------------------------------------------

    [Fact]
    public void Resource_MM1_WaitAndQueueLengthMatchClosedForm()
    {
        const double lambda = 0.8;
        const double mu = 1.0;
        const int replications = 40;
        const double warmupHours = 1_000;
        const double horizonHours = 100_000;
        QueueMeasures exact = QueueingHelpers.MM1(lambda, mu);

        (double Wq, double Lq)[] runs = QueueingHelpers.RunReplications(replications, i =>
            RunSingleStation(seed: 1001, i, lambda, Distribution.Exponential(1 / mu), servers: 1, warmupHours, horizonHours));

        Check("M/M/1 Wq (h)", exact.WaitInQueueHours, runs.Select(r => r.Wq).ToArray(), horizonHours, maxRelativeHalfWidth: 0.025);
        Check("M/M/1 Lq", exact.NumberInQueue, runs.Select(r => r.Lq).ToArray(), horizonHours, maxRelativeHalfWidth: 0.025);
    }

    [Fact]
    public void Resource_MMcErlangC_WaitAndQueueLengthMatchClosedForm()
    {
        const double lambda = 9.0;
        const double mu = 1.0;
        const int servers = 10;
        const int replications = 40;
        const double warmupHours = 500;
        const double horizonHours = 10_000;
        QueueMeasures exact = QueueingHelpers.MMc(lambda, mu, servers);

        (double Wq, double Lq)[] runs = QueueingHelpers.RunReplications(replications, i =>
            RunSingleStation(seed: 1002, i, lambda, Distribution.Exponential(1 / mu), servers, warmupHours, horizonHours));

        Check("M/M/10 Wq (h)", exact.WaitInQueueHours, runs.Select(r => r.Wq).ToArray(), horizonHours, maxRelativeHalfWidth: 0.05);
        Check("M/M/10 Lq", exact.NumberInQueue, runs.Select(r => r.Lq).ToArray(), horizonHours, maxRelativeHalfWidth: 0.05);
    }

    [Fact]
    public void Resource_MD1_WaitMatchesPollaczekKhinchine()
    {
        const double lambda = 0.8;
        const double serviceHours = 1.0;
        const int replications = 40;
        const double warmupHours = 1_000;
        const double horizonHours = 60_000;
        QueueMeasures exact = QueueingHelpers.MD1(lambda, serviceHours);

        (double Wq, double Lq)[] runs = QueueingHelpers.RunReplications(replications, i =>
            RunSingleStation(seed: 1003, i, lambda, Distribution.Constant(serviceHours), servers: 1, warmupHours, horizonHours));

        Check("M/D/1 Wq (h)", exact.WaitInQueueHours, runs.Select(r => r.Wq).ToArray(), horizonHours, maxRelativeHalfWidth: 0.025);
        Check("M/D/1 Lq", exact.NumberInQueue, runs.Select(r => r.Lq).ToArray(), horizonHours, maxRelativeHalfWidth: 0.025);
    }

    [Fact]
    public void Resource_TandemMM1_SojournMatchesJacksonNetwork()
    {
        const double lambda = 0.5;
        const double mu1 = 1.0;
        const double mu2 = 0.8;
        const int replications = 40;
        const double warmupHours = 1_000;
        const double horizonHours = 40_000;
        double exact = QueueingHelpers.TandemMM1SojournHours(lambda, mu1, mu2);

        double[] sojourns = QueueingHelpers.RunReplications(replications, i =>
            RunTandem(seed: 1004, i, lambda, mu1, mu2, warmupHours, horizonHours));

        Check("Tandem M/M/1 sojourn W (h)", exact, sojourns, horizonHours, maxRelativeHalfWidth: 0.025);
    }

    [Fact]
    public void LittlesLaw_MG2_TimeAverageInSystemEqualsArrivalRateTimesSojourn()
    {
        // M/G/2 with triangular service: no closed form is needed, Little's law holds for any queue.
        const double lambda = 1.5;
        const int replications = 40;
        const double warmupHours = 500;
        const double horizonHours = 10_000;

        (double L, double LambdaW)[] runs = QueueingHelpers.RunReplications(replications, i =>
            RunLittle(seed: 1005, i, lambda, Distribution.Triangular(0.5, 1, 1.5), servers: 2, warmupHours, horizonHours));

        var l = ReplicationEstimate.Of(runs.Select(r => r.L).ToArray(), Confidence);
        var lambdaW = ReplicationEstimate.Of(runs.Select(r => r.LambdaW).ToArray(), Confidence);
        var difference = ReplicationEstimate.Of(runs.Select(r => r.L - r.LambdaW).ToArray(), Confidence);
        Report("Little L (time average)", null, l, horizonHours);
        Report("Little λ_obs·W", null, lambdaW, horizonHours);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Little L − λ_obs·W: expected 0, simulated {difference.Mean:0.000000}, 99% CI [{difference.Lower:0.000000}, {difference.Upper:0.000000}] (half-width {difference.HalfWidth / l.Mean:P3} of L), {difference.Replications} replications × {horizonHours:0} h"));

        Assert.True(difference.Contains(0), $"Little's law: the 99% CI of L − λW, {difference}, does not contain 0.");
        Assert.True(difference.HalfWidth < 0.001 * l.Mean, $"Little's law: the CI half-width {difference.HalfWidth} is not below 0.1% of L = {l.Mean}.");
        Assert.True(l.Mean > 1, $"Little's law: L = {l.Mean} is too small for the check to mean anything.");
    }

    // ---- models ----------------------------------------------------------------------------------------

    /// <summary>
    /// A single station: Poisson arrivals at rate <paramref name="lambda"/>, <paramref name="servers"/> servers,
    /// FIFO. Returns the resource's own statistics over the measurement window: mean wait of the requests granted
    /// in it (Wq, hours) and the time-average number waiting (Lq).
    /// </summary>
    private static (double Wq, double Lq) RunSingleStation(
        ulong seed, int replication, double lambda, Distribution service, int servers, double warmupHours, double horizonHours)
    {
        var sim = new Simulation(seed, replication);
        var station = new Resource(sim, servers, "station");
        RandomStream serviceStream = sim.Stream("service");
        StartPoissonSource(sim, lambda, async p => await Serve(p, station, service.Sample(serviceStream)));

        sim.RunUntil(SimTime.FromHours(warmupHours));
        station.ResetStatistics();
        sim.RunUntil(SimTime.FromHours(warmupHours + horizonHours));
        return (station.WaitHours.Mean, station.MeanQueueLength);
    }

    /// <summary>Two exponential stations in series; returns the mean sojourn (hours) of customers leaving in the window.</summary>
    private static double RunTandem(ulong seed, int replication, double lambda, double mu1, double mu2, double warmupHours, double horizonHours)
    {
        var sim = new Simulation(seed, replication);
        var first = new Resource(sim, 1, "first");
        var second = new Resource(sim, 1, "second");
        RandomStream firstStream = sim.Stream("service-1");
        RandomStream secondStream = sim.Stream("service-2");
        Distribution firstService = Distribution.Exponential(1 / mu1);
        Distribution secondService = Distribution.Exponential(1 / mu2);
        var sojourn = new Tally(keepObservations: false);

        StartPoissonSource(sim, lambda, async p =>
        {
            SimTime arrived = p.Now;
            await Serve(p, first, firstService.Sample(firstStream));
            await Serve(p, second, secondService.Sample(secondStream));
            sojourn.Add((p.Now - arrived).TotalHours);
        });

        sim.RunUntil(SimTime.FromHours(warmupHours));
        sojourn.Reset();
        sim.RunUntil(SimTime.FromHours(warmupHours + horizonHours));
        return sojourn.Mean;
    }

    /// <summary>
    /// A c-server station measured the way Little's law states it: L is the time average of the number in the system
    /// (a <see cref="TimeWeighted"/> updated at every arrival and departure), λ the observed arrival rate in the
    /// window and W the mean sojourn of the customers leaving in it (a <see cref="Tally"/>).
    /// </summary>
    /// <remarks>
    /// Over a finite window L·T and λ·T·W differ only by the customers straddling its two edges; in steady state
    /// (after the warm-up) those edge terms have equal expectations, so the per-replication difference has mean 0.
    /// </remarks>
    private static (double L, double LambdaW) RunLittle(
        ulong seed, int replication, double lambda, Distribution service, int servers, double warmupHours, double horizonHours)
    {
        var sim = new Simulation(seed, replication);
        var station = new Resource(sim, servers, "station");
        RandomStream serviceStream = sim.Stream("service");
        var inSystem = new TimeWeighted(sim.Now);
        var sojourn = new Tally(keepObservations: false);
        int present = 0;
        long arrivals = 0;

        StartPoissonSource(sim, lambda, async p =>
        {
            SimTime arrived = p.Now;
            arrivals++;
            inSystem.Update(p.Now, ++present);
            await Serve(p, station, service.Sample(serviceStream));
            inSystem.Update(p.Now, --present);
            sojourn.Add((p.Now - arrived).TotalHours);
        });

        sim.RunUntil(SimTime.FromHours(warmupHours));
        inSystem.Reset(sim.Now);
        sojourn.Reset();
        arrivals = 0;
        sim.RunUntil(SimTime.FromHours(warmupHours + horizonHours));
        double observedLambda = arrivals / horizonHours;
        return (inSystem.Mean(sim.Now), observedLambda * sojourn.Mean);
    }

    /// <summary>A source process: exponential gaps of mean 1/<paramref name="lambda"/> hours, one new process per customer.</summary>
    private static void StartPoissonSource(Simulation sim, double lambda, Func<SimProcess, ProcessTask> customer)
    {
        RandomStream arrivalStream = sim.Stream("arrivals");
        Distribution gap = Distribution.Exponential(1 / lambda);
        sim.Start(async p =>
        {
            while (true)
            {
                await p.Delay(SimDuration.FromHours(gap.Sample(arrivalStream)));
                sim.Start(customer, "customer");
            }
        }, "source");
    }

    /// <summary>Queues for one unit of <paramref name="resource"/>, holds it for the service time, releases it (by <c>using</c>).</summary>
    private static async Task Serve(SimProcess p, Resource resource, double serviceHours)
    {
        using ResourceLease lease = await p.Request(resource);
        await p.Delay(SimDuration.FromHours(serviceHours));
    }

    // ---- checks and reporting --------------------------------------------------------------------------

    private void Check(string name, double exact, double[] perReplication, double horizonHours, double maxRelativeHalfWidth)
    {
        var estimate = ReplicationEstimate.Of(perReplication, Confidence);
        Report(name, exact, estimate, horizonHours);
        Assert.True(estimate.Contains(exact), $"{name}: the 99% CI {estimate} does not contain the closed form {exact}.");
        Assert.True(estimate.HalfWidth < maxRelativeHalfWidth * exact,
            $"{name}: the 99% CI half-width {estimate.HalfWidth} is not below {maxRelativeHalfWidth:P1} of {exact}; the check would be too loose.");
    }

    private void Report(string name, double? exact, ReplicationEstimate estimate, double horizonHours) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: closed form {(exact is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "—")}, simulated {estimate.Mean:0.0000}, 99% CI [{estimate.Lower:0.0000}, {estimate.Upper:0.0000}] (half-width {estimate.HalfWidth:0.0000}, {estimate.HalfWidth / Math.Abs(estimate.Mean):P2} of the mean), {estimate.Replications} replications × {horizonHours:0} h"));
}
