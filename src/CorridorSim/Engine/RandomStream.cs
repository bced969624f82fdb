using System.Runtime.CompilerServices;
using System.Text;
using MathNet.Numerics.Random;

namespace CorridorSim.Engine;

/// <summary>
/// A reproducible stream of pseudo-random numbers: xoshiro256** (Blackman &amp; Vigna, 2018) with its
/// 256-bit state filled by SplitMix64 from a 64-bit seed.
/// </summary>
/// <remarks>
/// <para>
/// The algorithm is ours, not <see cref="System.Random"/>'s, so a seed gives the same sequence on every
/// machine and every .NET version. The stream derives from <see cref="RandomSource"/> (and so from
/// <see cref="System.Random"/>): pass it to the Math.NET Numerics samplers, for example
/// <c>MathNet.Numerics.Distributions.Exponential.Sample(stream, rate)</c>. Every method that produces a
/// number (<see cref="NextUInt64"/>, <see cref="NextDouble"/>, <c>Next</c>, <c>NextInt64</c>,
/// <c>NextSingle</c>, <c>NextBytes</c>) draws from the xoshiro256** state only; nothing is cached
/// between calls (no spare normal variate), so a result never depends on which component sampled first.
/// </para>
/// <para>
/// A stream is not thread-safe. One simulation is single-threaded; replications running in parallel
/// each own their streams.
/// </para>
/// </remarks>
public sealed class RandomStream : RandomSource
{
    // Golden-ratio increment of SplitMix64; also used to keep a zero replication index away from zero.
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x00000100000001B3UL;

    // 2^-53: turns the top 53 bits of a draw into a double in [0, 1).
    private const double DoubleUnit = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>
    /// Creates a stream from a 64-bit seed. The xoshiro256** state is the first four outputs of a
    /// SplitMix64 generator started at <paramref name="seed"/>; every seed, zero included, is valid.
    /// <see cref="Name"/> is empty.
    /// </summary>
    /// <param name="seed">Any 64-bit value.</param>
    public RandomStream(ulong seed)
        : this(seed, string.Empty)
    {
    }

    private RandomStream(ulong seed, string name)
        : base(false)
    {
        Name = name;
        ulong x = seed;
        _s0 = SplitMix64Next(ref x);
        _s1 = SplitMix64Next(ref x);
        _s2 = SplitMix64Next(ref x);
        _s3 = SplitMix64Next(ref x);
    }

    private RandomStream(ulong s0, ulong s1, ulong s2, ulong s3)
        : base(false)
    {
        Name = string.Empty;
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>The stream's name as given to <see cref="Create"/>; empty for a stream built from a bare seed.</summary>
    public string Name { get; }

    /// <summary>
    /// Creates the stream named <paramref name="streamName"/> of replication <paramref name="replication"/>
    /// under <paramref name="masterSeed"/>.
    /// </summary>
    /// <remarks>
    /// The seed is derived by a fixed mixing function (see <see cref="DeriveSeed"/>): with
    /// <c>mix</c> the SplitMix64 finaliser and <c>fnv</c> the 64-bit FNV-1a hash of the UTF-8 bytes of the
    /// name, <c>seed = mix(masterSeed ^ mix(fnv ^ mix(replication + 0x9E3779B97F4A7C15)))</c>.
    /// The same (master seed, name, replication) therefore gives the same stream on every machine and
    /// .NET version; different names or replications give independent-looking streams. Each step of the
    /// mix is a bijection, so changing only one of the three inputs always changes the seed.
    /// Names are compared ordinally (case-sensitive, no normalisation).
    /// </remarks>
    /// <param name="masterSeed">The experiment's master seed.</param>
    /// <param name="streamName">The component's stream name, for example <c>"aktau/berth-service"</c>.</param>
    /// <param name="replication">The replication index, 0 or more.</param>
    /// <returns>A new stream positioned at its first draw.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="streamName"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replication"/> is negative.</exception>
    public static RandomStream Create(ulong masterSeed, string streamName, int replication)
    {
        ulong seed = DeriveSeed(masterSeed, streamName, replication);
        return new RandomStream(seed, streamName);
    }

    /// <summary>
    /// The seed of stream (<paramref name="masterSeed"/>, <paramref name="streamName"/>,
    /// <paramref name="replication"/>): <c>mix(masterSeed ^ mix(fnv1a64(utf8(streamName)) ^ mix(replication + 0x9E3779B97F4A7C15)))</c>,
    /// where <c>mix</c> is the SplitMix64 finaliser. Part of the reproducibility contract: never change it.
    /// </summary>
    internal static ulong DeriveSeed(ulong masterSeed, string streamName, int replication)
    {
        ArgumentNullException.ThrowIfNull(streamName);
        ArgumentOutOfRangeException.ThrowIfNegative(replication);

        ulong nameHash = Fnv1a64(Encoding.UTF8.GetBytes(streamName));
        unchecked
        {
            ulong h = Mix((ulong)replication + GoldenGamma);
            h = Mix(nameHash ^ h);
            return Mix(masterSeed ^ h);
        }
    }

    /// <summary>
    /// A stream whose xoshiro256** state is given word by word, for checking the generator against the
    /// authors' reference outputs. The state must not be all zero.
    /// </summary>
    internal static RandomStream FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(s0), "The xoshiro256** state must not be all zero.");
        }

        return new RandomStream(s0, s1, s2, s3);
    }

    /// <summary>The next 64 uniformly distributed random bits: one step of xoshiro256**.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong s0 = _s0;
            ulong s1 = _s1;
            ulong s2 = _s2;
            ulong s3 = _s3;

            ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;

            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = ulong.RotateLeft(s3, 45);

            _s0 = s0;
            _s1 = s1;
            _s2 = s2;
            _s3 = s3;
            return result;
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits: <c>(NextUInt64() &gt;&gt; 11) · 2^-53</c>.</summary>
    public override double NextDouble() => DoSample();

    /// <summary>
    /// A standard exponential draw (rate 1, mean 1), by the ziggurat method: about 98 % of draws cost one
    /// <see cref="NextUInt64"/>, a table lookup and a multiplication, without the logarithm of inversion
    /// (<c>-log(1 - u)</c>). Multiply by a mean for other rates.
    /// </summary>
    /// <remarks>
    /// Marsaglia &amp; Tsang (2000), 256 layers. The low 8 bits of a draw choose the layer and its top 53 bits the
    /// point across it, so the two are independent. A draw uses one random word, two in the rare wedge or tail cases
    /// (one more per rejection); the sequence for a seed is fixed like every other method's. The distribution samplers
    /// (<see cref="Distribution.Exponential"/>) keep inversion, so existing scenarios draw exactly what they drew before.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential()
    {
        unchecked
        {
            ulong bits = NextUInt64();
            int layer = (int)(bits & 0xFF);
            double u = (long)(bits >> 11) * DoubleUnit; // a signed conversion: one instruction; the value is below 2^53
            ref ExponentialZiggurat.Layer l = ref ExponentialZiggurat.LayerAt(layer);
            double x = u * l.Width;
            return u < l.Inner ? x : ExponentialZiggurat.Slow(this, layer, x);
        }
    }

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform integer in [0, <see cref="long.MaxValue"/>).</summary>
    public override long NextInt64()
    {
        while (true)
        {
            // The top 63 bits; long.MaxValue itself is outside the documented range, so draw again.
            ulong bits = NextUInt64() >> 1;
            if (bits != long.MaxValue)
            {
                return (long)bits;
            }
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="maxValue"/>).</summary>
    /// <param name="maxValue">The exclusive upper bound, 0 or more (0 returns 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative.</exception>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue <= 1 ? 0 : (long)NextBelow((ulong)maxValue);
    }

    /// <summary>A uniform integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
    /// <param name="minValue">The inclusive lower bound.</param>
    /// <param name="maxValue">The exclusive upper bound, at least <paramref name="minValue"/> (equal returns it).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minValue"/> is greater than <paramref name="maxValue"/>.</exception>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        unchecked
        {
            ulong range = (ulong)maxValue - (ulong)minValue;
            return range <= 1 ? minValue : (long)((ulong)minValue + NextBelow(range));
        }
    }

    /// <summary>Fills <paramref name="buffer"/> with random bytes, eight per draw, little-endian.</summary>
    /// <param name="buffer">The bytes to overwrite.</param>
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= sizeof(ulong))
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(buffer, NextUInt64());
            buffer = buffer[sizeof(ulong)..];
        }

        if (!buffer.IsEmpty)
        {
            ulong x = NextUInt64();
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = unchecked((byte)x);
                x >>= 8;
            }
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    protected override double DoSample() => (NextUInt64() >> 11) * DoubleUnit;

    /// <summary>A uniform integer in [0, <see cref="int.MaxValue"/>).</summary>
    protected override int DoSampleInteger()
    {
        while (true)
        {
            // The top 31 bits; int.MaxValue itself is outside the documented range, so draw again.
            int bits = (int)(NextUInt64() >> 33);
            if (bits != int.MaxValue)
            {
                return bits;
            }
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    protected override int DoSampleInteger(int maxExclusive) =>
        maxExclusive <= 1 ? 0 : (int)NextBelow((ulong)maxExclusive);

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    protected override int DoSampleInteger(int minInclusive, int maxExclusive)
    {
        long range = (long)maxExclusive - minInclusive;
        return range <= 1 ? minInclusive : (int)(minInclusive + (long)NextBelow((ulong)range));
    }

    /// <summary>Fills <paramref name="buffer"/> with random bytes over the full range 0–255.</summary>
    protected override void DoSampleBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <summary>A uniform integer in [0, 2^<paramref name="bitCount"/>) from the top bits of one draw.</summary>
    protected override int DoSampleInt32WithNBits(int bitCount) => (int)(NextUInt64() >> (64 - bitCount));

    /// <summary>A uniform integer in [0, 2^<paramref name="bitCount"/>) from the top bits of one draw.</summary>
    protected override long DoSampleInt64WithNBits(int bitCount) => (long)(NextUInt64() >> (64 - bitCount));

    /// <summary>The stream's name, or "RandomStream" when it has none.</summary>
    public override string ToString() => Name.Length == 0 ? nameof(RandomStream) : $"RandomStream({Name})";

    // Lemire's nearly-divisionless method: a uniform integer in [0, bound) for bound >= 1, without bias.
    private ulong NextBelow(ulong bound)
    {
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = unchecked(0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return high;
    }

    private static ulong SplitMix64Next(ref ulong state)
    {
        unchecked
        {
            state += GoldenGamma;
            return Mix(state);
        }
    }

    // The SplitMix64 output function (Stafford's Mix13 variant): a bijection on 64-bit words.
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong Fnv1a64(ReadOnlySpan<byte> bytes)
    {
        ulong hash = FnvOffsetBasis;
        unchecked
        {
            foreach (byte b in bytes)
            {
                hash ^= b;
                hash *= FnvPrime;
            }
        }

        return hash;
    }
}
