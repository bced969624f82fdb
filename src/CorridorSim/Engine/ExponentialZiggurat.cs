using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CorridorSim.Engine;

/// <summary>
/// The tables of the ziggurat method for the standard exponential distribution (Marsaglia &amp; Tsang, "The
/// Ziggurat Method for Generating Random Variables", Journal of Statistical Software 5(8), 2000), 256 layers.
/// </summary>
/// <remarks>
/// <para>
/// The area under <c>f(x) = e^-x</c> is covered by 256 regions of equal area <c>V</c>. Layer 0 is the rectangle
/// <c>[0, V / f(R)) × [0, f(R))</c>: its part left of <c>R</c> lies under the curve, its part right of <c>R</c>
/// stands for the tail beyond <c>R</c> (area <c>e^-R</c>, so <c>V = (R + 1)·e^-R</c>). Layer <c>i</c> (1 to 255) is
/// the rectangle <c>[0, x_i) × [f(x_i), f(x_{i+1}))</c>, where <c>x_1 = R</c> and <c>x_{i+1}</c> solves
/// <c>x_i·(f(x_{i+1}) − f(x_i)) = V</c>; <c>x_256 = 0</c>.
/// </para>
/// <para>
/// A draw picks a layer and a point <c>x</c> uniformly across its width. Left of <c>x_{i+1}</c> (about 97.8 % of
/// draws) the whole layer lies under the curve and <c>x</c> is returned: one random word, one multiplication and
/// one comparison, no logarithm. Otherwise the point is accepted under the curve (the wedge test), or, in layer
/// 0, the tail is sampled as <c>R + Exp(1)</c> (the exponential forgets), or the draw starts again.
/// </para>
/// </remarks>
internal static class ExponentialZiggurat
{
    /// <summary>The right edge of layer 1 and start of the tail (Marsaglia &amp; Tsang's value for 256 layers).</summary>
    public const double R = 7.69711747013104972;

    /// <summary>The area of each region.</summary>
    private const double V = 3.949659822581572e-3;

    /// <summary>One layer's width and the fraction of it that lies wholly under the curve.</summary>
    public struct Layer
    {
        /// <summary>The layer's width: <c>x_i</c> (layer 0: <c>V / f(R)</c>).</summary>
        public double Width;

        /// <summary><c>x_{i+1} / x_i</c> (layer 0: <c>R / width</c>): a uniform <c>u</c> below it lands under the curve.</summary>
        public double Inner;
    }

    // Width and inner fraction per layer (16 bytes: a fast draw reads one cache line). Field initialisers, not a
    // static constructor, so that the JIT need not check the class's initialisation at every draw.
    private static readonly Layer[] Layers = BuildLayers(out Heights);

    // f(x_i) for i = 1 to 256 (index 0 unused): the layers' lower and upper edges, for the wedge test.
    private static readonly double[] Heights;

    /// <summary>Layer <paramref name="layer"/> (0 to 255), without a bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref Layer LayerAt(int layer) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Layers), layer & 0xFF);

    private static Layer[] BuildLayers(out double[] heights)
    {
        var layers = new Layer[256];
        heights = new double[257];
        var x = new double[257];
        x[1] = R;
        for (int i = 1; i < 255; i++)
        {
            x[i + 1] = -Math.Log(Math.Exp(-x[i]) + (V / x[i]));
        }

        x[256] = 0; // the formula gives -log(1 + 9e-14): the top of the curve, up to rounding

        double baseWidth = V / Math.Exp(-R);
        layers[0] = new Layer { Width = baseWidth, Inner = R / baseWidth };
        for (int i = 1; i < 256; i++)
        {
            layers[i] = new Layer { Width = x[i], Inner = x[i + 1] / x[i] };
        }

        for (int i = 1; i <= 256; i++)
        {
            heights[i] = Math.Exp(-x[i]);
        }

        return layers;
    }

    /// <summary>
    /// The rare case of a draw: <paramref name="x"/> lies in layer <paramref name="layer"/> right of its inner part.
    /// Returns the tail draw, the accepted <paramref name="x"/>, or a fresh draw.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Slow(RandomStream stream, int layer, double x)
    {
        if (layer == 0)
        {
            // The tail beyond R: R plus a standard exponential (1 − u lies in (0, 1], so the logarithm is finite).
            return R - Math.Log(1.0 - stream.NextDouble());
        }

        // The wedge: a uniform height between the layer's edges; under the curve, x is accepted. Rejected (rarely:
        // a draw takes this path 2.2 % of the time, and is rejected 1.1 %, about half of those), the draw starts again.
        double low = Heights[layer];
        double y = low + (stream.NextDouble() * (Heights[layer + 1] - low));
        return y < Math.Exp(-x) ? x : stream.NextExponential();
    }
}
