using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CorridorSim.Tests.Cli;
using Xunit;

namespace CorridorSim.Tests.Samples;

/// <summary>
/// Every sample states its metric and traces its figures (issue 15, DOMAIN.md question 19): the top-level
/// <c>metric</c> names the KZ Ministry of Transport series [S249]; every object of the listed arrays that states
/// figures carries a <c>source</c> citing a DOMAIN.md id ([S…], [P…] or [G…]) or marking the figures an estimate with
/// "(E"; and every id cited anywhere in the file is a key of its <c>sources</c> map.
/// </summary>
public sealed partial class SampleSourcesTests
{
    /// <summary>The arrays whose every object must carry a source.</summary>
    private static readonly string[] SourcedArrays = ["units", "ports", "stages", "vesselLegs", "roadLegs", "flows", "slowdowns", "investments"];

    public static TheoryData<string> Samples { get; } = [.. CliHarness.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_EveryFigure_CitesASourceOrIsMarkedAnEstimate(string sample)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(CliHarness.SamplePath(sample)))!;
        Assert.Empty(Problems(root));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_Metric_IsTheMinistrySeries(string sample)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(CliHarness.SamplePath(sample)))!;
        string metric = root["metric"]?.GetValue<string>() ?? string.Empty;
        Assert.Contains("KZ Ministry of Transport TITR series [S249]", metric, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_MissingSourceUnmarkedFigureAndUnknownId_AreEachReported()
    {
        JsonNode root = JsonNode.Parse("""
            {
              "sources": { "S1": "x" },
              "ports": [ { "id": "a", "berths": 2 }, { "id": "b", "berths": 2, "source": "two berths" }, { "id": "c", "berths": 2, "source": "[S1] (E)" } ],
              "flows": [ { "id": "f", "annualTons": 5, "source": "[S2] five tons" } ]
            }
            """)!;
        IReadOnlyList<string> problems = Problems(root);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("$.ports[0]: no source", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.ports[1]: source cites no", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.flows[0].source: cites [S2]", StringComparison.Ordinal));
    }

    /// <summary>Every object of <see cref="SourcedArrays"/> without a citing source, and every cited id missing from $.sources.</summary>
    internal static IReadOnlyList<string> Problems(JsonNode root)
    {
        var problems = new List<string>();
        var known = (root["sources"] as JsonObject)?.Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (string array in SourcedArrays)
        {
            if (root[array] is not JsonArray items)
            {
                continue;
            }

            for (int i = 0; i < items.Count; i++)
            {
                string path = $"$.{array}[{i}]";
                string? source = items[i]?["source"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(source))
                {
                    problems.Add($"{path}: no source for its figures.");
                }
                else if (!Cited().IsMatch(source) && !source.Contains("(E", StringComparison.Ordinal))
                {
                    problems.Add($"{path}: source cites no DOMAIN.md id and marks no estimate \"(E\": {source}");
                }
            }
        }

        Walk(root, "$", (path, text) =>
        {
            foreach (Match m in Cited().Matches(text))
            {
                if (!known.Contains(m.Groups["id"].Value))
                {
                    problems.Add($"{path}: cites [{m.Groups["id"].Value}], which is not in $.sources.");
                }
            }
        });
        return problems;
    }

    private static void Walk(JsonNode? node, string path, Action<string, string> text)
    {
        switch (node)
        {
            case JsonObject o:
                foreach ((string key, JsonNode? value) in o)
                {
                    Walk(value, $"{path}.{key}", text);
                }

                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", text);
                }

                break;
            case JsonValue v when v.TryGetValue(out string? s):
                text(path, s);
                break;
        }
    }

    [GeneratedRegex(@"\[(?<id>[SPG]\d+)\]")]
    private static partial Regex Cited();
}
