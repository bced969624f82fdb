using System.CommandLine;

namespace CorridorSim.Cli;

/// <summary>Entry point of the <c>corridorsim</c> tool.</summary>
public static class Program
{
    /// <summary>Exit code: success.</summary>
    public const int Success = 0;

    /// <summary>Exit code: anything else went wrong.</summary>
    public const int Failure = 1;

    /// <summary>Exit code: invalid input (bad arguments or an invalid scenario; the report says what).</summary>
    public const int InvalidInput = 2;

    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line writing to the given streams (used by the end-to-end tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        RootCommand root = Commands.Build(stdout, stderr);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine("error: " + error.Message);
            }

            stderr.WriteLine("Run 'corridorsim --help' for usage.");
            return InvalidInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
