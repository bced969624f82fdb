using System.Globalization;

namespace CorridorSim.Corridor;

/// <summary>
/// Thrown when a scenario file or a corridor definition is invalid; lists every error found, not only the first.
/// Nothing runs.
/// </summary>
public sealed class ScenarioException : Exception
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

    /// <summary>Every error found, in the order of the file (syntax and structure first, then the model's checks).</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Describe(IReadOnlyList<ScenarioError>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return "The scenario is invalid.";
        }

        string what = errors.Any(e => e.File is not null) ? "The scenario" : "The corridor definition";
        return $"{what} has {errors.Count.ToString(CultureInfo.InvariantCulture)} error(s):" + Environment.NewLine +
               string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
