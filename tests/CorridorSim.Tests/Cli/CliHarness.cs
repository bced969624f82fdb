using CorridorSim.Cli;

namespace CorridorSim.Tests.Cli;

/// <summary>What one in-process run of the command line returned and printed.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs <see cref="Program.Run"/> in process, and finds the repository's sample scenarios.</summary>
internal static class CliHarness
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding CorridorSim.sln), found by walking up from the test binary.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string SamplesDirectory => Path.Combine(RepositoryRoot, "samples", "scenarios");

    /// <summary>The sample scenario names (file names without .json), in ordinal order.</summary>
    public static IReadOnlyList<string> SampleNames { get; } =
        [.. Directory.GetFiles(Path.Combine(FindRepositoryRoot(), "samples", "scenarios"), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)];

    /// <summary>The sample names as theory data.</summary>
    public static TheoryData<string> Samples
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in SampleNames)
            {
                data.Add(name);
            }

            return data;
        }
    }

    public static string SamplePath(string name) => Path.Combine(SamplesDirectory, name + ".json");

    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh, empty folder under the system temp folder.</summary>
    public static string NewTempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "corridorsim-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteQuietly(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CorridorSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CorridorSim.sln not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A temp folder deleted when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = CliHarness.NewTempDirectory();

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose() => CliHarness.DeleteQuietly(Path);
}
