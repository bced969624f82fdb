using System.Text.Json;
using CorridorSim.Cli;
using Json.Schema;

namespace CorridorSim.Tests.Cli;

/// <summary><c>corridorsim init</c> and what an installed tool shows on its own (<see cref="Init"/>).</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Init_NewFolder_WritesEverySampleAndTheSchemaTheyReference()
    {
        string dir = _dir["scenarios"];

        CliResult r = CliHarness.Run("init", dir);

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.Equal([.. CliHarness.SampleNames.Select(n => n + ".json").Append(Init.SchemaFileName).Order(StringComparer.Ordinal)],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        JsonSchema schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(dir, Init.SchemaFileName)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        foreach (string name in CliHarness.SampleNames)
        {
            string file = Path.Combine(dir, name + ".json");
            using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            string reference = sample.RootElement.GetProperty("$schema").GetString()!;
            Assert.True(File.Exists(Path.Combine(dir, reference)), $"{name}: $schema '{reference}' does not resolve beside it");
            Assert.True(schema.Evaluate(sample.RootElement).IsValid, $"{name} does not conform to the schema init wrote");
            CliResult validate = CliHarness.Run("validate", file);
            Assert.True(validate.ExitCode == Program.Success, validate.ToString());
        }
    }

    [Fact]
    public void Init_SamplesEmbedded_AreTheRepositorySamplesButForTheSchemaReference()
    {
        IReadOnlyList<(string Name, string Text)> samples = Init.Samples();

        Assert.Equal(CliHarness.SampleNames.Select(n => n + ".json"), samples.Select(s => s.Name));
        foreach ((string name, string text) in samples)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(CliHarness.SamplesDirectory, name)), text);
        }
    }

    [Fact]
    public void Init_FilesAlreadyThere_ExitTwoWithoutForceAndOverwritesWithForce()
    {
        string dir = _dir["scenarios"];
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, Init.SchemaFileName), "mine");

        CliResult refused = CliHarness.Run("init", dir);
        Assert.True(refused.ExitCode == Program.InvalidInput, refused.ToString());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, Init.SchemaFileName)));
        Assert.Single(Directory.GetFiles(dir));

        CliResult forced = CliHarness.Run("init", dir, "--force");
        Assert.True(forced.ExitCode == Program.Success, forced.ToString());
        Assert.NotEqual("mine", File.ReadAllText(Path.Combine(dir, Init.SchemaFileName)));
    }

    [Fact]
    public void Help_Root_UsageLineSaysCorridorsimAndListsInit()
    {
        CliResult r = CliHarness.Run("--help");

        Assert.True(r.ExitCode == Program.Success, r.ToString());
        Assert.Contains("Usage:\n  corridorsim [command] [options]", r.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("init", r.Stdout, StringComparison.Ordinal);
    }
}
