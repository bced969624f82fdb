using System.CommandLine;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CorridorSim.Corridor;

namespace CorridorSim.Cli;

/// <summary><c>corridorsim init [DIR]</c>: the sample scenarios and the scenario schema, so an installed tool has something to run.</summary>
internal static partial class Init
{
    /// <summary>The schema's file name beside the scenarios; their <c>$schema</c> points at it.</summary>
    public const string SchemaFileName = "scenario.schema.json";

    private const string SamplePrefix = "samples/";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var dirArg = new Argument<DirectoryInfo?>("DIR")
        {
            Description = "The folder to write to (created if missing; default: the current folder).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite files of the same names." };
        var cmd = new Command("init", "Write the sample scenarios and the scenario schema (for editors) into a folder.") { dirArg, force };
        cmd.SetAction(parse =>
        {
            string dir = parse.GetValue(dirArg)?.FullName ?? Directory.GetCurrentDirectory();
            return Write(dir, parse.GetValue(force), stdout, stderr);
        });
        return cmd;
    }

    /// <summary>The sample scenario files embedded in the tool: file name and text, in ordinal order.</summary>
    public static IReadOnlyList<(string Name, string Text)> Samples()
    {
        Assembly assembly = typeof(Init).Assembly;
        var samples = new List<(string, string)>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(SamplePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            samples.Add((resource[SamplePrefix.Length..], reader.ReadToEnd()));
        }

        return samples;
    }

    private static int Write(string dir, bool force, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<(string Name, string Text)> samples = Samples();
        var files = samples.Select(s => (s.Name, Text: SchemaReference().Replace(s.Text, $"\"$schema\": \"{SchemaFileName}\"", 1)))
            .Append((Name: SchemaFileName, Text: ScenarioLoader.SchemaJson))
            .ToList();
        try
        {
            if (File.Exists(dir))
            {
                stderr.WriteLine($"error: '{dir}' is a file; expected a folder.");
                return Program.InvalidInput;
            }

            string[] existing = [.. files.Select(f => f.Name).Where(n => File.Exists(Path.Combine(dir, n)))];
            if (existing.Length > 0 && !force)
            {
                stderr.WriteLine($"error: {dir} already holds {string.Join(", ", existing)}; nothing was written (use --force to overwrite them).");
                return Program.InvalidInput;
            }

            Directory.CreateDirectory(dir);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            foreach ((string name, string text) in files)
            {
                File.WriteAllText(Path.Combine(dir, name), text, utf8);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write to '{dir}': {ex.Message}");
            return Program.InvalidInput;
        }

        stdout.WriteLine($"Wrote {samples.Count} sample scenarios and {SchemaFileName} to {dir}:");
        foreach ((string name, _) in samples)
        {
            stdout.WriteLine("  " + name);
        }

        string first = Path.Combine(dir, samples.Select(s => s.Name).FirstOrDefault(n => n.Contains("baseline", StringComparison.Ordinal)) ?? samples[0].Name);
        stdout.WriteLine($"Try: {Commands.ToolName} validate {first}");
        stdout.WriteLine($"     {Commands.ToolName} run {first} -r 4");
        return Program.Success;
    }

    [GeneratedRegex("\"\\$schema\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex SchemaReference();
}
