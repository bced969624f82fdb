namespace CorridorSim.Corridor;

/// <summary>Thrown when a corridor definition is invalid; lists every error found, not only the first.</summary>
public sealed class CorridorValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorridorValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorridorValidationException(string message)
        : base(message)
    {
        Errors = [new ValidationError("$", message)];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public CorridorValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ValidationError("$", message)];
    }

    /// <summary>Creates the exception from the errors found.</summary>
    public CorridorValidationException(IReadOnlyList<ValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 0
            ? "The corridor definition is invalid."
            : $"The corridor definition has {errors.Count} error(s):" + Environment.NewLine +
              string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
