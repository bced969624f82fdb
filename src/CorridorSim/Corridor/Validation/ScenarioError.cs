namespace CorridorSim.Corridor;

/// <summary>
/// One problem found in a scenario: a file read by <see cref="ScenarioLoader"/> or a corridor built in code
/// (<see cref="CorridorBuilder"/>, <see cref="CorridorModel"/>), which has no file.
/// </summary>
/// <param name="Path">Where, as a JSON path over the camel-case field names, e.g. <c>$.flows[1].routes[0].legs[2]</c>; <c>$</c> for the whole scenario. A definition built in code has the shape of a scenario file.</param>
/// <param name="Message">What is wrong: what was found and what was expected.</param>
public sealed record ScenarioError(string Path, string Message)
{
    /// <summary>The file the error is in (or the name given to <see cref="ScenarioLoader.Parse(string, string)"/>); null for a definition built in code.</summary>
    public string? File { get; init; }

    /// <summary>The error as <c>file: path: message</c>, or <c>path: message</c> without a file.</summary>
    public override string ToString() => File is null ? $"{Path}: {Message}" : $"{File}: {Path}: {Message}";
}
