namespace CorridorSim.Corridor;

/// <summary>One problem found in a corridor definition.</summary>
/// <param name="Path">Where, as a JSON path over the definition's camel-case field names (e.g. <c>$.stages[2].trainsPerDay</c>); a scenario file has the same shape.</param>
/// <param name="Message">What is wrong, naming the component, what was found and what was expected.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <summary>The error as <c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
