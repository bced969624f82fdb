using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class CsvTextTests
{
    [Fact]
    public void Row_CellsWithCommasOrQuotes_Quoted()
    {
        var csv = new CsvText();
        csv.Row(["a,b", "say \"hi\"", "plain"]);

        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",plain\n", csv.ToString());
    }
}
