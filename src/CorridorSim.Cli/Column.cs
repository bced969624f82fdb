namespace CorridorSim.Cli;

/// <summary>One column of a printed table: its header and how a row fills it.</summary>
internal sealed record Column<T>(string Header, Func<T, string> Cell);
