using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary>The PNG charts of <c>corridorsim run</c>.</summary>
public sealed class ChartTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_ChartsOn_WritesFourNonEmptyPngFilesWithTheHeatmap()
    {
        CliResult r = CliHarness.Run("run", CliHarness.SamplePath("titr-baseline-2024"), "-r", "1", "--out", _dir.Path);

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.Contains("throughput.png, utilization.png, utilization-heatmap.png, transit.png", r.Stdout, StringComparison.Ordinal);
        foreach (string chart in (string[])["throughput.png", "utilization.png", "utilization-heatmap.png", "transit.png"])
        {
            AssertPng(_dir[chart]);
        }
    }

    /// <summary>The file exists, starts with the PNG signature, and holds more than a header (a real image).</summary>
    internal static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} missing");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path}: only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..PngSignature.Length]);

        // The IHDR chunk follows the signature: width and height, big-endian, both non-zero.
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)) > 0);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)) > 0);
    }
}
