using System.Globalization;
using System.Text.RegularExpressions;

namespace CorridorSim.Corridor;

/// <summary>
/// Thrown when a scenario file or a corridor definition is invalid; lists every error found, not only the first.
/// Nothing runs.
/// </summary>
public sealed partial class ScenarioException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message (one error at <c>$</c>).</summary>
    /// <param name="message">What is wrong.</param>
    public ScenarioException(string message)
        : base(message)
    {
        Errors = [new ScenarioError("$", message)];
    }

    /// <summary>Creates the exception with a message (one error at <c>$</c>) and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScenarioError("$", message)];
    }

    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">Every error found.</param>
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>
    /// How many errors of one kind (the same message but for the values and numbers in it) <see cref="ReportLines"/> and the
    /// exception's message list before they say how many more there are.
    /// </summary>
    public const int ReportedPerKind = 10;

    /// <summary>Every error found, in the order of the file (syntax and structure first, then the model's checks).</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <summary>
    /// The errors as a report prints them, one a line in the order found: at most <see cref="ReportedPerKind"/> of each
    /// kind, then, for each kind with more, a line <c>… and N more like the one at PATH</c>. <see cref="Errors"/> keeps them all.
    /// </summary>
    /// <returns>The lines, without indentation.</returns>
    public IReadOnlyList<string> ReportLines() => Report(Errors);

    private static List<string> Report(IReadOnlyList<ScenarioError> errors)
    {
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        var hidden = new List<(string Kind, ScenarioError First, int Count)>();
        var lines = new List<string>();
        foreach (ScenarioError e in errors)
        {
            string kind = KindOf(e.Message);
            int n = shown.GetValueOrDefault(kind);
            shown[kind] = n + 1;
            if (n < ReportedPerKind)
            {
                lines.Add(e.ToString());
                continue;
            }

            int at = hidden.FindIndex(h => h.Kind == kind);
            if (at < 0)
            {
                hidden.Add((kind, e, 1));
            }
            else
            {
                hidden[at] = hidden[at] with { Count = hidden[at].Count + 1 };
            }
        }

        lines.AddRange(hidden.Select(h => string.Create(CultureInfo.InvariantCulture, $"… and {h.Count} more like the one at {h.First.Path}: {h.First.Message}")));
        return lines;
    }

    // The message without what it quotes or counts: "unknown field 'x' …" at a thousand paths is one kind.
    private static string KindOf(string message) => Quoted().Replace(message, "_");

    [GeneratedRegex("""'[^']*'|"[^"]*"|-?[0-9][0-9.e+\-]*""", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    private static string Describe(IReadOnlyList<ScenarioError>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return "The scenario is invalid.";
        }

        string what = errors.Any(e => e.File is not null) ? "The scenario" : "The corridor definition";
        return $"{what} has {errors.Count.ToString(CultureInfo.InvariantCulture)} error(s):" + Environment.NewLine +
               string.Join(Environment.NewLine, Report(errors).Select(line => "  " + line));
    }
}
