using System.Text.RegularExpressions;
using CorridorSim.Tests.Cli;

namespace CorridorSim.Tests.Docs;

/// <summary>The documentation points at what exists, and the tool package's readme stands on its own.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string[] RepositoryFolders = ["src/", "tests/", "samples/", "docs/", "benchmarks/", ".ci/"];

    /// <summary>Every Markdown file of the repository outside build output.</summary>
    public static TheoryData<string> MarkdownFiles
    {
        get
        {
            var data = new TheoryData<string>();
            string root = CliHarness.RepositoryRoot;
            foreach (string file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.Split('/').Any(p => p is "bin" or "obj" or "artifacts" or "BenchmarkDotNet.Artifacts" || p.StartsWith('.') && p != ".ci"))
                .Order(StringComparer.Ordinal))
            {
                data.Add(file);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Markdown_FilePaths_Exist(string file)
    {
        string root = CliHarness.RepositoryRoot;
        string text = File.ReadAllText(Path.Combine(root, file));
        string folder = Path.GetDirectoryName(Path.Combine(root, file))!;
        var missing = new List<string>();
        foreach (string candidate in Candidates(text))
        {
            string path = candidate.Split('#')[0].TrimEnd('.', ',', ':', ';');
            if (path.Length == 0 || path.Contains('<', StringComparison.Ordinal) || path.Contains('*', StringComparison.Ordinal)
                || path.Contains("NAME", StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal)
                || path.StartsWith("../shared/", StringComparison.Ordinal))
            {
                continue;
            }

            // ../shared/ is the team's folder beside the repository, not in it (skipped above). A path is read from the
            // repository root, or (a relative link) from the Markdown file's folder; a bare
            // file name such as `Components/ComponentKinds.cs` is the end of some repository path.
            bool exists = Exists(Path.Combine(root, path)) || Exists(Path.Combine(folder, path))
                || RepositoryFiles.Value.Any(f => f.EndsWith("/" + path.TrimEnd('/'), StringComparison.Ordinal));
            if (!exists)
            {
                missing.Add(candidate);
            }
        }

        Assert.True(missing.Count == 0, $"{file} names paths that do not exist: {string.Join(", ", missing.Distinct())}");
    }

    [Fact]
    public void ToolReadme_Packed_HasNoCiInternalsNorOutsideLinks()
    {
        string csproj = File.ReadAllText(Path.Combine(CliHarness.RepositoryRoot, "src", "CorridorSim.Cli", "CorridorSim.Cli.csproj"));
        string readme = File.ReadAllText(Path.Combine(CliHarness.RepositoryRoot, "src", "CorridorSim.Cli", "README.md"));

        Assert.Contains("<PackageReadmeFile>README.md</PackageReadmeFile>", csproj, StringComparison.Ordinal);
        Assert.Contains("corridorsim init", readme, StringComparison.Ordinal);
        foreach (string internals in (string[])[".ci/", "CI=", "artifacts/", "TRX", "samples.sh", "tests/"])
        {
            Assert.DoesNotContain(internals, readme, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(OutsideLink(), readme);
        Assert.DoesNotMatch(MarkdownLink(), readme);
    }

    private static readonly Lazy<string[]> RepositoryFiles = new(() =>
    [
        .. Directory.EnumerateFileSystemEntries(CliHarness.RepositoryRoot, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(CliHarness.RepositoryRoot, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.StartsWith("/.git/", StringComparison.Ordinal)),
    ]);

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary>Code spans and link targets that start with a repository folder, or are relative links.</summary>
    private static IEnumerable<string> Candidates(string text)
    {
        foreach (Match m in CodeSpan().Matches(text))
        {
            string span = m.Groups[1].Value.Trim();
            foreach (string word in span.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (RepositoryFolders.Any(f => word.StartsWith(f, StringComparison.Ordinal)) || SourceFileName().IsMatch(word))
                {
                    yield return word;
                }
            }
        }

        foreach (Match m in MarkdownLink().Matches(text))
        {
            string target = m.Groups[1].Value;
            if (!target.StartsWith('#') && !target.Contains(':', StringComparison.Ordinal))
            {
                yield return target;
            }
        }
    }

    [GeneratedRegex(@"^[\w./-]+\.(cs|csproj|md|sh|props|sln)$")]
    private static partial Regex SourceFileName();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("https?://")]
    private static partial Regex OutsideLink();
}
