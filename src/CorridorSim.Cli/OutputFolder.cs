namespace CorridorSim.Cli;

/// <summary>
/// The output folder of one run or sweep: checked before anything is simulated, written in a hidden staging folder
/// beside it, and put in place by renames, so the folder never mixes files of two runs.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    /// <summary>Every file name that run or sweep writes; a folder holding anything else is not replaced.</summary>
    public static readonly IReadOnlySet<string> KnownNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "summary.json", "years.csv", "components.csv", "flows.csv",
        "throughput.png", "utilization.png", "utilization-heatmap.png", "transit.png",
        "sweep.csv", "sweep.json", "sweep.png",
        "capacity.csv", "capacity.png",
        "study.csv", "samples.csv", "sensitivity.csv", "fan.png", "first-year.png", "sensitivity.png",
        "plan.csv", "plan-items.csv", "plan.png",
        "manifest.json", "records.parquet",
    };

    private const string StagingMarker = ".corridorsim-";

    private readonly List<string> _written = [];
    private bool _committed;

    private OutputFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The folder the user asked for (full path).</summary>
    public string Target { get; }

    /// <summary>The hidden folder beside <see cref="Target"/> that the files are written to until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>The file names handed out by <see cref="File"/>, in order.</summary>
    public IReadOnlyList<string> Written => _written;

    /// <summary>
    /// The default output folder: <c>out/</c> and the scenario name made one safe path segment, so a name such as
    /// <c>../x</c> or <c>/etc</c> stays inside <c>out/</c>.
    /// </summary>
    public static string DefaultFor(string scenarioName, string suffix = "")
    {
        char[] invalid = [.. Path.GetInvalidFileNameChars(), '/', '\\', ':'];
        var segment = new string([.. (scenarioName + suffix).Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]);
        segment = segment.Trim().TrimStart('.').TrimEnd('.', ' ');
        if (segment.Length > 100)
        {
            segment = segment[..100];
        }

        return Path.Combine("out", segment.Length == 0 ? "scenario" : segment);
    }

    /// <summary>
    /// Checks <paramref name="path"/> and creates its staging folder beside it (the write probe; the parent folders are
    /// created, the folder itself only by <see cref="Commit"/>, so a run that fails leaves none); any problem is a
    /// <see cref="UsageException"/> (exit code 2), raised before the simulation starts.
    /// </summary>
    /// <param name="path">The folder asked for.</param>
    /// <param name="outside">Files the command writes beside the folder (an option and its path, or null), which must not be inside it.</param>
    public static OutputFolder Prepare(string path, params (string Option, string? File)[] outside)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (System.IO.File.Exists(target))
        {
            throw new UsageException($"--out '{target}' is a file; expected a folder.");
        }

        foreach ((string option, string? file) in outside)
        {
            if (file is not null && Path.GetFullPath(file).StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new UsageException($"{option} '{Path.GetFullPath(file)}' is inside --out '{target}', which each run replaces whole; write it outside that folder.");
            }
        }

        string? parent = Path.GetDirectoryName(target);
        if (parent is null)
        {
            throw new UsageException($"--out '{target}' is the root of a file system; choose a folder inside it.");
        }

        for (string? above = parent; above is not null; above = Path.GetDirectoryName(above))
        {
            if (System.IO.File.Exists(above))
            {
                throw new UsageException($"--out '{target}' cannot be created: '{above}' is a file.");
            }
        }

        if (Directory.Exists(target))
        {
            string[] foreign = [.. Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).OfType<string>()
                .Where(n => !KnownNames.Contains(n)).Order(StringComparer.Ordinal)];
            if (foreign.Length > 0)
            {
                throw new UsageException(
                    $"--out '{target}' holds files that corridorsim does not write ({string.Join(", ", foreign.Take(5))}{(foreign.Length > 5 ? ", …" : "")}); " +
                    "the folder is replaced by each run, so choose a new or empty folder.");
            }
        }

        string staging = Path.Combine(parent, StagingMarker + Path.GetFileName(target) + "-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Directory.CreateDirectory(staging);
            string probe = Path.Combine(staging, ".probe");
            System.IO.File.WriteAllText(probe, "");
            System.IO.File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new UsageException($"cannot write to the output folder '{target}': {ex.Message.Replace(staging, parent, StringComparison.Ordinal)}");
        }

        return new OutputFolder(target, staging);
    }

    /// <summary>The staging path of <paramref name="name"/>, recorded as written.</summary>
    public string File(string name)
    {
        _written.Add(name);
        return Path.Combine(Staging, name);
    }

    /// <summary>
    /// Replaces <see cref="Target"/> by the staging folder: the previous run's folder is renamed aside, the new one
    /// renamed into place, then the old one deleted; files the previous run wrote and this one did not are gone.
    /// </summary>
    public void Commit()
    {
        var asides = new List<string>();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Target))
                {
                    string aside = Path.Combine(Path.GetDirectoryName(Target)!, StagingMarker + "old-" + Path.GetFileName(Target) + "-" + Guid.NewGuid().ToString("N")[..12]);
                    Directory.Move(Target, aside);
                    asides.Add(aside);
                }

                Directory.Move(Staging, Target);
                break;
            }
            catch (IOException) when (attempt < 3)
            {
                // A concurrent run put its folder in place between the two renames: take its place in turn.
            }
        }

        _committed = true;
        asides.ForEach(TryDelete);
    }

    /// <summary>Deletes the staging folder unless it was committed.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(Staging);
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden folder is harmless and named as ours.
        }
    }
}
