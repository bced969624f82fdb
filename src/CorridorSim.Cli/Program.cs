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

    /// <summary>Exit code: interrupted by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Runs the command line and returns the exit code; the first Ctrl-C stops the run cleanly, a second one ends the process.</summary>
    public static int Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        return Run(args, Console.Out, Console.Error, interrupt.Token);
    }

    /// <summary>Runs the command line writing to the given streams (used by the end-to-end tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    /// <summary>Runs the command line writing to the given streams; <paramref name="interrupt"/> plays the part of Ctrl-C.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(args);
        Command root = Commands.Build(stdout, stderr, interrupt);
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
