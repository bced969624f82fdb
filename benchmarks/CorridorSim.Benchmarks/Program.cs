using BenchmarkDotNet.Running;

namespace CorridorSim.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/CorridorSim.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen by the command-line arguments (BenchmarkSwitcher).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
