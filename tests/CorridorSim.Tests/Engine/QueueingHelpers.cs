using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CorridorSim.Tests.Engine;

/// <summary>
/// Steady-state measures of a queue, all in hours and customers: the mean wait in queue (Wq), the mean number
/// waiting (Lq), the mean sojourn (W = Wq + mean service) and the mean number in the system (L).
/// </summary>
internal readonly record struct QueueMeasures(double WaitInQueueHours, double NumberInQueue, double SojournHours, double NumberInSystem);

/// <summary>
/// Closed forms of queueing theory that the engine is validated against (DESIGN.md, "Validation"),
/// and a runner of independent replications that turns one number per replication into a mean with a
/// Student-t confidence interval.
/// </summary>
/// <remarks>
/// Rates are per hour, times in hours. Every formula needs a stable queue (utilisation below 1) and says so.
/// </remarks>
internal static class QueueingHelpers
{
    /// <summary>
    /// The Erlang C probability that an arrival to an M/M/c queue has to wait, for <paramref name="servers"/>
    /// servers and offered load <paramref name="offeredLoad"/> = λ/μ (erlangs), which must be below the server count.
    /// </summary>
    /// <remarks>
    /// Computed through Erlang B by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), then
    /// C = c·B / (c − a·(1 − B)); the recursion avoids the factorials and powers of the textbook sum.
    /// </remarks>
    public static double ErlangC(int servers, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(servers);
        RequireStable(offeredLoad / servers, nameof(offeredLoad));
        double b = 1.0;
        for (int k = 1; k <= servers; k++)
        {
            b = offeredLoad * b / (k + (offeredLoad * b));
        }

        return servers * b / (servers - (offeredLoad * (1 - b)));
    }

    /// <summary>M/M/c with arrival rate λ, service rate μ per server and c servers: Wq = C(c, λ/μ) / (cμ − λ), Lq = λ·Wq.</summary>
    public static QueueMeasures MMc(double arrivalRatePerHour, double serviceRatePerHour, int servers)
    {
        RequirePositive(arrivalRatePerHour, nameof(arrivalRatePerHour));
        RequirePositive(serviceRatePerHour, nameof(serviceRatePerHour));
        double offeredLoad = arrivalRatePerHour / serviceRatePerHour;
        double wq = ErlangC(servers, offeredLoad) / ((servers * serviceRatePerHour) - arrivalRatePerHour);
        return FromWaitInQueue(arrivalRatePerHour, wq, 1 / serviceRatePerHour);
    }

    /// <summary>M/M/1 from its own textbook formulas (not through Erlang C): Wq = ρ/(μ − λ), Lq = ρ²/(1 − ρ).</summary>
    public static QueueMeasures MM1(double arrivalRatePerHour, double serviceRatePerHour)
    {
        RequirePositive(arrivalRatePerHour, nameof(arrivalRatePerHour));
        RequirePositive(serviceRatePerHour, nameof(serviceRatePerHour));
        double rho = arrivalRatePerHour / serviceRatePerHour;
        RequireStable(rho, nameof(arrivalRatePerHour));
        double wq = rho / (serviceRatePerHour - arrivalRatePerHour);
        double lq = rho * rho / (1 - rho);
        return new QueueMeasures(wq, lq, wq + (1 / serviceRatePerHour), lq + rho);
    }

    /// <summary>
    /// M/G/1 by the Pollaczek–Khinchine formula: Wq = λ·E[S²] / (2(1 − ρ)) with E[S²] = Var[S] + E[S]², ρ = λ·E[S].
    /// </summary>
    public static QueueMeasures MG1(double arrivalRatePerHour, double meanServiceHours, double serviceVarianceHoursSquared)
    {
        RequirePositive(arrivalRatePerHour, nameof(arrivalRatePerHour));
        RequirePositive(meanServiceHours, nameof(meanServiceHours));
        if (!double.IsFinite(serviceVarianceHoursSquared) || serviceVarianceHoursSquared < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(serviceVarianceHoursSquared), serviceVarianceHoursSquared, "The variance must be finite and at least 0.");
        }

        double rho = arrivalRatePerHour * meanServiceHours;
        RequireStable(rho, nameof(arrivalRatePerHour));
        double secondMoment = serviceVarianceHoursSquared + (meanServiceHours * meanServiceHours);
        double wq = arrivalRatePerHour * secondMoment / (2 * (1 - rho));
        return FromWaitInQueue(arrivalRatePerHour, wq, meanServiceHours);
    }

    /// <summary>M/D/1 (constant service D = 1/μ): Wq = ρ / (2μ(1 − ρ)), the Pollaczek–Khinchine formula with Var[S] = 0.</summary>
    public static QueueMeasures MD1(double arrivalRatePerHour, double serviceHours)
    {
        RequirePositive(arrivalRatePerHour, nameof(arrivalRatePerHour));
        RequirePositive(serviceHours, nameof(serviceHours));
        double mu = 1 / serviceHours;
        double rho = arrivalRatePerHour / mu;
        RequireStable(rho, nameof(arrivalRatePerHour));
        double wq = rho / (2 * mu * (1 - rho));
        return FromWaitInQueue(arrivalRatePerHour, wq, serviceHours);
    }

    /// <summary>
    /// The mean sojourn through M/M/1 stations in series (a Jackson network: by Burke's theorem every station sees
    /// Poisson arrivals at rate λ): Σ 1/(μᵢ − λ).
    /// </summary>
    public static double TandemMM1SojournHours(double arrivalRatePerHour, params double[] serviceRatesPerHour)
    {
        ArgumentNullException.ThrowIfNull(serviceRatesPerHour);
        RequirePositive(arrivalRatePerHour, nameof(arrivalRatePerHour));
        double total = 0;
        foreach (double mu in serviceRatesPerHour)
        {
            RequirePositive(mu, nameof(serviceRatesPerHour));
            RequireStable(arrivalRatePerHour / mu, nameof(serviceRatesPerHour));
            total += 1 / (mu - arrivalRatePerHour);
        }

        return total;
    }

    /// <summary>
    /// Runs <paramref name="count"/> independent replications, replication <c>i</c> getting index <c>i</c>, on parallel
    /// threads, and returns their results in index order, so the outcome does not depend on the thread count.
    /// </summary>
    /// <remarks>Each replication must build its own <c>Simulation</c>; simulations share no state, so this is safe.</remarks>
    public static T[] RunReplications<T>(int count, Func<int, T> replication)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        ArgumentNullException.ThrowIfNull(replication);
        var results = new T[count];
        Parallel.For(0, count, i => results[i] = replication(i));
        return results;
    }

    private static QueueMeasures FromWaitInQueue(double arrivalRatePerHour, double wq, double meanServiceHours) =>
        new(wq, arrivalRatePerHour * wq, wq + meanServiceHours, arrivalRatePerHour * (wq + meanServiceHours));

    private static void RequirePositive(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The value must be finite and greater than 0.");
        }
    }

    private static void RequireStable(double utilisation, string paramName)
    {
        if (!(utilisation > 0 && utilisation < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, utilisation, "The utilisation must lie in (0, 1): the queue must be stable.");
        }
    }
}

/// <summary>
/// The mean of one statistic over independent replications with its Student-t confidence interval:
/// mean ± t(1 − α/2, n − 1) · s / √n. Replications are independent and their means roughly normal,
/// which the autocorrelated observations inside one run are not; hence one number per replication.
/// </summary>
internal sealed class ReplicationEstimate
{
    private ReplicationEstimate(IReadOnlyList<double> values, double confidence, double mean, double standardDeviation, double halfWidth)
    {
        Values = values;
        Confidence = confidence;
        Mean = mean;
        StandardDeviation = standardDeviation;
        HalfWidth = halfWidth;
    }

    /// <summary>One value per replication, in replication order.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The number of replications.</summary>
    public int Replications => Values.Count;

    /// <summary>The confidence level, for example 0.99.</summary>
    public double Confidence { get; }

    /// <summary>The mean over replications.</summary>
    public double Mean { get; }

    /// <summary>The sample standard deviation across replications.</summary>
    public double StandardDeviation { get; }

    /// <summary>Half the width of the confidence interval.</summary>
    public double HalfWidth { get; }

    /// <summary>The interval's lower end.</summary>
    public double Lower => Mean - HalfWidth;

    /// <summary>The interval's upper end.</summary>
    public double Upper => Mean + HalfWidth;

    /// <summary>The estimate of <paramref name="values"/> (at least two) at <paramref name="confidence"/> (default 99%).</summary>
    public static ReplicationEstimate Of(IReadOnlyList<double> values, double confidence = 0.99)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Count, 2);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must lie in (0, 1).");
        }

        int n = values.Count;
        double mean = values.Average();
        double sumSquares = 0;
        foreach (double v in values)
        {
            sumSquares += (v - mean) * (v - mean);
        }

        double sd = Math.Sqrt(sumSquares / (n - 1));
        double t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2));
        return new ReplicationEstimate(values.ToArray(), confidence, mean, sd, t * sd / Math.Sqrt(n));
    }

    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>The mean and interval, for test output.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Mean:0.0000} ± {HalfWidth:0.0000} ({Confidence:P0} CI [{Lower:0.0000}, {Upper:0.0000}], n = {Replications})");
}
