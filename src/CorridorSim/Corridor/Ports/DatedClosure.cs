namespace CorridorSim.Corridor;

/// <summary>A closure at a fixed date.</summary>
/// <param name="Start">When the closure starts.</param>
/// <param name="DurationHours">How long it lasts, in hours.</param>
public sealed record DatedClosure(DateTime Start, double DurationHours);
