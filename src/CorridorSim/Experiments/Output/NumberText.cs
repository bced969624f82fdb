using System.Globalization;

namespace CorridorSim.Experiments;

/// <summary>Deterministic number text shared by the JSON and CSV writers.</summary>
internal static class NumberText
{
    /// <summary>The significant digits kept.</summary>
    public const int SignificantDigits = 6;

    /// <summary>
    /// <paramref name="v"/> rounded to <see cref="SignificantDigits"/> significant digits, invariant culture: plain
    /// decimal notation for magnitudes in [1e-6, 1e15), shortest round-trip exponent notation outside; null for NaN
    /// and infinities; negative zero as 0.
    /// </summary>
    public static string? Format(double v)
    {
        if (!double.IsFinite(v))
        {
            return null;
        }

        double rounded = double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (rounded == 0)
        {
            return "0";
        }

        double magnitude = Math.Abs(rounded);
        return magnitude >= 1e-6 && magnitude < 1e15
            ? rounded.ToString("0.##############", CultureInfo.InvariantCulture)
            : rounded.ToString("R", CultureInfo.InvariantCulture);
    }
}
