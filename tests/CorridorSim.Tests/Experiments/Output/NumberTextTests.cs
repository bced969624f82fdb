using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(12_345_678.9, "12345700")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(2024.0, "2024")]
    [InlineData(-0.0, "0")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.000123456789, "0.000123457")]
    [InlineData(1.23456789e-7, "1.23457E-07")]
    [InlineData(1e20, "1E+20")]
    [InlineData(999_999.7, "1000000")]
    [InlineData(double.NaN, null)]
    [InlineData(double.PositiveInfinity, null)]
    public void Format_SixSignificantDigits(double value, string? expected)
    {
        Assert.Equal(expected, NumberText.Format(value));
    }
}
