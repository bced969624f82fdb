using System.Globalization;
using System.Text.Json;
using Parquet.Serialization;
using Xunit;

namespace CorridorSim.Tests.Cli;

/// <summary><c>--records FILE.parquet</c>: one flat row per (design row, year), read back with Parquet.Net and checked against summary.json.</summary>
public sealed class RecordsCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<IDictionary<string, object?>> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return [.. Task.Run(() => ParquetSerializer.DeserializeUntypedAsync(stream)).GetAwaiter().GetResult().Data.Select(d => (IDictionary<string, object?>)d!)];
    }

    [Fact]
    public void Run_Records_OneRowPerReplicationAndYearMatchingTheSummary()
    {
        string records = _dir["records.parquet"];
        CliResult r = CliHarness.Run("run", CliHarness.SamplePath("titr-baseline-2024"), "-r", "3", "--no-charts", "--out", _dir["out"], "--records", records);

        Assert.True(r.ExitCode == 0, r.ToString());
        List<IDictionary<string, object?>> rows = Read(records);
        Assert.Equal(3, rows.Count); // three replications of one year
        Assert.Equal([0, 1, 2], rows.Select(x => (int)x["replication"]!));
        Assert.All(rows, x => Assert.Equal(2024, (int)x["year"]!));
        Assert.All(rows, x => Assert.Equal(2024UL, (ulong)x["seed"]!));

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir["out"], "summary.json")));
        JsonElement year = summary.RootElement.GetProperty("years")[0];
        double mean = rows.Average(x => (double)x["delivered_tons"]!);
        AssertSixDigits(year.GetProperty("deliveredTons").GetProperty("mean").GetDouble(), mean);
        AssertSixDigits(year.GetProperty("tonsInSystemAtYearEnd").GetDouble(), rows.Average(x => (double)x["tons_in_system_at_year_end"]!));

        // The long figures add up: commodities and flows to the year's total; every component has its columns.
        foreach (IDictionary<string, object?> x in rows)
        {
            double byCommodity = x.Where(kv => kv.Key.StartsWith("delivered_tons.", StringComparison.Ordinal)).Sum(kv => (double)kv.Value!);
            double byFlow = x.Where(kv => kv.Key.StartsWith("flow.", StringComparison.Ordinal) && kv.Key.EndsWith(".delivered_tons", StringComparison.Ordinal)).Sum(kv => (double)kv.Value!);
            Assert.Equal((double)x["delivered_tons"]!, byCommodity, 1e-6 * byCommodity);
            Assert.Equal((double)x["delivered_tons"]!, byFlow, 1e-6 * byFlow);
        }

        Assert.Contains("delivered_tons.containers", rows[0].Keys);
        JsonElement component = summary.RootElement.GetProperty("components")[0];
        string id = component.GetProperty("id").GetString()!;
        AssertSixDigits(component.GetProperty("utilization").GetProperty("mean").GetDouble(), rows.Average(x => (double)x[$"component.{id}.utilization"]!));
    }

    [Fact]
    public void Study_Records_CarryTheInputsAndCapacityOfEachSample()
    {
        string scenario = ShardedStudy.StudyScenario(_dir["study.json"], samples: 2, years: 1);
        string records = _dir["records.parquet"];
        CliResult r = CliHarness.Run("study", scenario, "--no-charts", "--out", _dir["out"], "--records", records);

        Assert.True(r.ExitCode == 0, r.ToString());
        List<IDictionary<string, object?>> rows = Read(records);
        Assert.Equal([0, 1], rows.Select(x => (int)x["sample"]!));
        string[] samples = File.ReadAllLines(Path.Combine(_dir["out"], "samples.csv"));
        Assert.Equal("sample,year,demand,ferry-berths,demandTons,deliveredTons,serviceCapacityTons", samples[0]);
        for (int i = 0; i < 2; i++)
        {
            string[] cells = samples[i + 1].Split(',');
            AssertSixDigits(double.Parse(cells[2], CultureInfo.InvariantCulture), (double)rows[i]["input.demand"]!);
            AssertSixDigits(double.Parse(cells[5], CultureInfo.InvariantCulture), (double)rows[i]["delivered_tons"]!);
            AssertSixDigits(double.Parse(cells[6], CultureInfo.InvariantCulture), (double)rows[i]["service_capacity_tons"]!);
        }
    }

    /// <summary>summary.json and the CSVs round to 6 significant digits; the records hold the exact doubles.</summary>
    private static void AssertSixDigits(double rounded, double exact) =>
        Assert.Equal(rounded, double.Parse(exact.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}
