using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CorridorSim.Cli;
using CorridorSim.Tests.Cli;

namespace CorridorSim.Tests.Docs;

/// <summary>
/// The README's quoted numbers are what the current code prints: each block between
/// <c>&lt;!-- generated: KIND REPLICATIONS SAMPLE… --&gt;</c> and <c>&lt;!-- /generated --&gt;</c> is rendered from a
/// fresh <c>corridorsim run samples/scenarios/SAMPLE.json -r REPLICATIONS --no-charts</c> (the file's seed) and compared;
/// REPLICATIONS written <c>RcC</c> adds <c>--capacity-replications C</c>.
/// </summary>
/// <remarks>
/// After an intended change of the numbers, rewrite the blocks with
/// <c>UPDATE_README=1 dotnet test tests/CorridorSim.Tests -c Release --filter "FullyQualifiedName~ReadmeNumbersTests"</c>
/// and review the prose around them. A new block kind is a case in <see cref="Render"/>.
/// </remarks>
public sealed partial class ReadmeNumbersTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly ConcurrentDictionary<(string, int, int), Lazy<RunOutput>> Runs = new();

    // Lives as long as the test process, like the runs it holds (a leftover temp folder is harmless).
    private static readonly TempDirectory Out = new();

    private static string ReadmePath => Path.Combine(CliHarness.RepositoryRoot, "README.md");

    [Fact]
    public void Readme_GeneratedBlocks_AreWhatTheCodePrints()
    {
        string readme = File.ReadAllText(ReadmePath);
        MatchCollection blocks = Block().Matches(readme);
        Assert.True(blocks.Count >= 3, "the README has no generated number blocks");

        string regenerated = Block().Replace(readme, m => m.Groups["head"].Value + Render(m.Groups["spec"].Value.Trim()) + m.Groups["tail"].Value);
        if (Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(ReadmePath, regenerated);
            return;
        }

        foreach ((Match block, Match fresh) in blocks.Zip(Block().Matches(regenerated)))
        {
            Assert.True(block.Value == fresh.Value,
                $"README block '{block.Groups["spec"].Value.Trim()}' is not what the code prints; run with UPDATE_README=1.\n--- README\n{block.Value}\n--- now\n{fresh.Value}");
        }
    }

    [Fact]
    public void Render_UnknownKind_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Render("no-such-kind 2 titr-baseline-2024"));

    /// <summary>The Markdown of one block: KIND REPLICATIONS SAMPLE….</summary>
    private static string Render(string spec)
    {
        string[] words = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] counts = words[1].Split('c');
        int replications = int.Parse(counts[0], Inv);
        int capacityReplications = counts.Length > 1 ? int.Parse(counts[1], Inv) : 0;
        RunOutput[] runs = [.. words[2..].Select(s => Run(s, replications, capacityReplications))];
        var md = new StringBuilder();
        switch (words[0])
        {
            case "projection-table":
                RunOutput r = runs[0];
                md.Append("| year | delivered Mt (mean, 95 % CI) | P(≥ ").Append(Mt(r.TargetTons)).Append(" Mt) | transit days mean / p95 | bottleneck (share of replications) |\n");
                md.Append("|---|---|---|---|---|\n");
                foreach (JsonElement y in r.Summary.GetProperty("years").EnumerateArray())
                {
                    int year = y.GetProperty("year").GetInt32();
                    JsonElement d = y.GetProperty("deliveredTons");
                    JsonElement t = y.GetProperty("transitDays");
                    md.Append(Inv, $"| {year} | {Mt(d, "mean")} ({Mt(d, "ci95Low")}–{Mt(d, "ci95High")}) | {F(y, "probabilityTargetMet", "0.00")} | ")
                        .Append(Inv, $"{F(t, "mean", "0.0")} / {F(t, "p95", "0.0")} | {y.GetProperty("bottleneck").GetString()} ({r.BottleneckShare[year]:0 %}) |\n");
                }

                md.Append('\n').Append(FirstYear(r)).Append('\n');
                break;
            case "capacity-table":
                JsonElement cap = runs[0].Summary.GetProperty("capacity");
                var delivered = runs[0].Summary.GetProperty("years").EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32());
                md.Append("| year | demand Mt | delivered Mt (of it backlog) | diverted Mt | service capacity Mt (95 % CI) | ceiling Mt (95 % CI) | binding component: relief, service Mt/yr gained (95 % CI) |\n");
                md.Append("|---|---|---|---|---|---|---|\n");
                foreach (JsonElement y in cap.GetProperty("years").EnumerateArray())
                {
                    JsonElement p = delivered[y.GetProperty("year").GetInt32()];
                    JsonElement sc = y.GetProperty("serviceCapacityTons"), ce = y.GetProperty("ceilingTons");
                    string binding = y.GetProperty("bottlenecks").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } b
                        ? string.Create(Inv, $"{b.GetProperty("component").GetString()}: {b.GetProperty("relief").GetString()}, +{Mt(b.GetProperty("serviceCapacityGainTons"), "mean")} ({Mt(b.GetProperty("serviceCapacityGainTons"), "ci95Low")}–{Mt(b.GetProperty("serviceCapacityGainTons"), "ci95High")})")
                        : "–";
                    md.Append(Inv, $"| {y.GetProperty("year").GetInt32()} | {Mt(y, "demandTons")} | {Mt(p.GetProperty("deliveredTons"), "mean")} ({Mt(p, "deliveredFromBacklogTons")}) | {Mt(p.GetProperty("divertedTons"), "mean")} | ")
                        .Append(Inv, $"{Mt(sc, "mean")} ({Mt(sc, "ci95Low")}–{Mt(sc, "ci95High")}) | {Mt(ce, "mean")} ({Mt(ce, "ci95Low")}–{Mt(ce, "ci95High")}) | {binding} |\n");
                }

                md.Append('\n').Append(cap.GetProperty("firstYearTargetMet") is { ValueKind: JsonValueKind.Object } capMet
                    ? string.Create(Inv, $"**First year the service capacity reaches {Mt(runs[0].TargetTons)} Mt (in ≥ 90 % of {cap.GetProperty("replications").GetInt32()} search replications): {capMet.GetProperty("year").GetInt32()}**")
                    : string.Create(Inv, $"**The service capacity does not reach {Mt(runs[0].TargetTons)} Mt in any simulated year**")).Append('\n');
                break;
            case "scenario-comparison":
                md.Append("| scenario | delivered Mt in each year (mean) | first year at the target with probability ≥ 0.9 |\n|---|---|---|\n");
                foreach (RunOutput run in runs)
                {
                    string years = string.Join(", ", run.Summary.GetProperty("years").EnumerateArray()
                        .Select(y => $"{y.GetProperty("year").GetInt32()}: {Mt(y.GetProperty("deliveredTons"), "mean")}"));
                    md.Append(Inv, $"| `{run.Sample}.json` | {years} | {FirstYearShort(run)} |\n");
                }

                break;
            case "calibration":
                JsonElement c = runs[0].Summary.GetProperty("calibration");
                JsonElement transit = c.GetProperty("transit");
                md.Append(Inv, $"With {replications} replications `run` prints a tons error of {c.GetProperty("relativeError").GetDouble():+0.0 %;−0.0 %} ")
                    .Append(Inv, $"for {c.GetProperty("year").GetInt32()} (tolerance ±{c.GetProperty("tolerance").GetDouble():0 %}) and a mean transit of ")
                    .Append(Inv, $"{F(transit, "simulatedMeanDays", "0.0")} days against the reported {transit.GetProperty("minDays").GetDouble():0.#}–{transit.GetProperty("maxDays").GetDouble():0.#}.\n");
                break;
            case "backtest":
                JsonElement cal = runs[0].Summary.GetProperty("calibration");
                md.Append("| year | reported Mt | model Mt | error | stated capacity Mt/yr | service capacity Mt/yr |\n|---|---|---|---|---|---|\n");
                foreach (JsonElement b in cal.GetProperty("backtest").EnumerateArray())
                {
                    static string OrDash(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Number ? Mt(e, name) : "–";
                    md.Append(Inv, $"| {b.GetProperty("year").GetInt32()} | {Mt(b, "reportedTons")} | {Mt(b, "simulatedTons")} | {b.GetProperty("relativeError").GetDouble():+0.0 %;−0.0 %} | ")
                        .Append(Inv, $"{OrDash(b, "statedCapacityTons")} | {OrDash(b, "serviceCapacityTons")} |\n");
                }

                break;
            default:
                throw new InvalidOperationException($"unknown README block kind '{words[0]}'");
        }

        return md.ToString();
    }

    private static string FirstYear(RunOutput r) =>
        r.Summary.GetProperty("firstYearTargetMet") is { ValueKind: JsonValueKind.Object } met
            ? string.Create(Inv, $"**First year at {Mt(r.TargetTons)} Mt with probability ≥ 0.9: {met.GetProperty("year").GetInt32()} (probability {met.GetProperty("probability").GetDouble():0.00})**")
            : $"**The target of {Mt(r.TargetTons)} Mt is not met with probability ≥ 0.9 in any simulated year**";

    private static string FirstYearShort(RunOutput r) =>
        r.Summary.GetProperty("firstYearTargetMet") is { ValueKind: JsonValueKind.Object } met
            ? string.Create(Inv, $"{met.GetProperty("year").GetInt32()} (probability {met.GetProperty("probability").GetDouble():0.00})")
            : "none";

    private static string Mt(double tons) => (tons / 1e6).ToString("0.###", Inv);

    private static string Mt(JsonElement e, string name) => (e.GetProperty(name).GetDouble() / 1e6).ToString("0.000", Inv);

    private static string F(JsonElement e, string name, string format) => e.GetProperty(name).GetDouble().ToString(format, Inv);

    private static RunOutput Run(string sample, int replications, int capacityReplications) =>
        Runs.GetOrAdd((sample, replications, capacityReplications), key => new Lazy<RunOutput>(() =>
        {
            string dir = Out[$"{key.Item1}-r{key.Item2}-c{key.Item3}"];
            string[] capacity = key.Item3 > 0 ? ["--capacity-replications", key.Item3.ToString(Inv)] : [];
            CliResult r = CliHarness.Run(["run", CliHarness.SamplePath(key.Item1), "-r", key.Item2.ToString(Inv), "--no-charts", "--out", dir, .. capacity]);
            Assert.True(r.ExitCode == Program.Success, r.ToString());
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "summary.json")));
            var share = new Dictionary<int, double>();
            foreach (string line in File.ReadAllLines(Path.Combine(dir, "years.csv")).Skip(1))
            {
                string[] cells = line.Split(',');
                if (cells[1] == "bottleneckShare")
                {
                    share[int.Parse(cells[0], Inv)] = double.Parse(cells[5], Inv);
                }
            }

            return new RunOutput(key.Item1, summary.RootElement.Clone(), share);
        })).Value;

    [GeneratedRegex(@"(?<head><!-- generated: (?<spec>[^>]*?) -->\n)(?<body>.*?)(?<tail><!-- /generated -->)", RegexOptions.Singleline)]
    private static partial Regex Block();

    private sealed record RunOutput(string Sample, JsonElement Summary, Dictionary<int, double> BottleneckShare)
    {
        public double TargetTons => Summary.GetProperty("targetTons").GetDouble();
    }
}
