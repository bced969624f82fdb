using System.Text;

namespace CorridorSim.Experiments;

/// <summary>Builds CSV text: RFC 4180 quoting where needed, <c>\n</c> line endings.</summary>
internal sealed class CsvText
{
    private readonly StringBuilder _text = new();

    /// <summary>Appends one row.</summary>
    public void Row(IEnumerable<string> cells)
    {
        bool first = true;
        foreach (string cell in cells)
        {
            if (!first)
            {
                _text.Append(',');
            }

            first = false;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                _text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _text.Append(cell);
            }
        }

        _text.Append('\n');
    }

    /// <summary>The CSV text.</summary>
    public override string ToString() => _text.ToString();
}
