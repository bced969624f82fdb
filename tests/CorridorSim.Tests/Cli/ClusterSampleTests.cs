using System.CommandLine;
using System.Text.RegularExpressions;
using CorridorSim.Cli;
using Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary>
/// samples/cluster/: the command lines the Kubernetes Indexed Job and the Slurm array script run are accepted by the
/// CLI's parser, they shard and merge, and the scheduler's task count is the shards' count.
/// </summary>
public sealed partial class ClusterSampleTests
{
    private static string ClusterFile(string name) => Path.Combine(CliHarness.RepositoryRoot, "samples", "cluster", name);

    /// <summary>The corridorsim command lines of a script or manifest (lines starting with the tool's name), shell variables set to 1.</summary>
    private static List<string[]> CommandLines(string path) =>
        [.. File.ReadLines(path)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith(Commands.ToolName + " ", StringComparison.Ordinal))
            .Select(l => ShellVariable().Replace(l, "1").Replace("\"", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..])];

    [GeneratedRegex("\"?\\$\\{?[A-Z_]+\\}?\"?")]
    private static partial Regex ShellVariable();

    [Theory]
    [InlineData("k8s.yaml")]
    [InlineData("slurm.sh")]
    public void ClusterSample_CommandLines_ParseWithoutErrorsAndShardThenMerge(string name)
    {
        List<string[]> lines = CommandLines(ClusterFile(name));
        Command root = Commands.Build(TextWriter.Null, TextWriter.Null, CancellationToken.None);

        Assert.Contains(lines, l => l[0] == "study" && l.Contains("--shard") && l[Array.IndexOf(l, "--shard") + 1] == "auto");
        Assert.Contains(lines, l => l[0] == "merge");
        foreach (string[] args in lines)
        {
            ParseResult parse = root.Parse(args);
            Assert.True(parse.Errors.Count == 0, $"{name}: `{string.Join(' ', args)}`: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
    }

    [Fact]
    public void K8s_Completions_AreTheShardCount()
    {
        string text = File.ReadAllText(ClusterFile("k8s.yaml"));
        Assert.Contains("completionMode: Indexed", text, StringComparison.Ordinal);
        int completions = int.Parse(Regex.Match(text, @"^\s*completions:\s*(\d+)\s*$", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(completions, Shards(CommandLines(ClusterFile("k8s.yaml"))));
    }

    [Fact]
    public void Slurm_ArrayRange_IsTheShardCount()
    {
        Match array = Regex.Match(File.ReadAllText(ClusterFile("slurm.sh")), @"--array=0-(\d+)\b");
        Assert.True(array.Success, "slurm.sh submits no --array=0-N");

        Assert.Equal(int.Parse(array.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1, Shards(CommandLines(ClusterFile("slurm.sh"))));
    }

    private static int Shards(List<string[]> lines)
    {
        string[] study = lines.Single(l => l.Contains("--shards"));
        return int.Parse(study[Array.IndexOf(study, "--shards") + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
