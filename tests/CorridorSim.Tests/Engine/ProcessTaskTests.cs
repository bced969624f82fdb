using System.Runtime.CompilerServices;
using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>
/// Process bodies: the one body type, <see cref="ProcessTask"/> (what <c>async p =&gt; …</c> lambdas become; resumed
/// directly), awaiting <c>async Task</c> helper methods (resumed through a continuation delegate), and the edges of the
/// <see cref="ProcessTask"/> builder. A body awaiting helpers must behave as one that awaits directly; the rest of the
/// suite mostly awaits directly, so here the helper paths.
/// </summary>
public class ProcessTaskTests
{
    /// <summary>How a scenario written as a <see cref="Task"/>-returning helper is run as a process.</summary>
    public enum BodyKind
    {
        /// <summary>A <see cref="ProcessTask"/> body that awaits a <see cref="Task"/> helper that awaits the scenario (as <c>BerthAndHandle</c> awaits <c>Handle</c>).</summary>
        ProcessTaskAwaitingNestedTaskHelpers,

        /// <summary>A <see cref="ProcessTask"/> body that awaits the scenario as a helper.</summary>
        ProcessTaskAwaitingTaskHelper,
    }

    private static SimDuration Hours(double h) => SimDuration.FromHours(h);

    private static SimProcess Start(Simulation sim, BodyKind kind, Func<SimProcess, Task> body, string name) =>
        kind == BodyKind.ProcessTaskAwaitingNestedTaskHelpers
            ? sim.Start(async p => await Nested(body, p), name)
            : sim.Start(async p => await body(p), name);

    private static async Task Nested(Func<SimProcess, Task> body, SimProcess p) => await body(p);

    [Fact]
    public void Start_AsyncLambdaAndProcessTaskMethod_BothRunFromTheStartEvent()
    {
        var sim = new Simulation();

        SimProcess lambda = sim.Start(async p => await p.Delay(Hours(1)));
        SimProcess method = sim.Start(DelayOneHour);
        Assert.False(lambda.IsCompleted || method.IsCompleted);
        sim.Run();

        Assert.True(lambda.IsCompleted && method.IsCompleted);
        Assert.Equal(SimTime.FromHours(1), sim.Now);
    }

    private static async ProcessTask DelayOneHour(SimProcess p) => await p.Delay(Hours(1));

    [Theory]
    [InlineData(BodyKind.ProcessTaskAwaitingNestedTaskHelpers)]
    [InlineData(BodyKind.ProcessTaskAwaitingTaskHelper)]
    public void Delays_ResumeInCalendarOrder_AsWithProcessTaskBodies(BodyKind kind)
    {
        // Three processes with random delays (many ties at whole hours), as direct ProcessTask bodies and as the
        // kind under test: the same trace of (time, process).
        static List<string> Trace(BodyKind? kind)
        {
            var sim = new Simulation(seed: 7);
            var trace = new List<string>();
            for (int i = 0; i < 3; i++)
            {
                string name = "p" + i;
                RandomStream rng = sim.Stream(name);
                SimDuration Step() => Hours((int)(rng.NextDouble() * 4));
                if (kind is { } k)
                {
                    Start(sim, k, async p =>
                    {
                        for (int n = 0; n < 50; n++)
                        {
                            await p.Delay(Step());
                            trace.Add($"{p.Now.Ticks}:{p.Name}");
                        }
                    }, name);
                }
                else
                {
                    SimProcess direct = sim.Start(async p =>
                    {
                        for (int n = 0; n < 50; n++)
                        {
                            await p.Delay(Step());
                            trace.Add($"{p.Now.Ticks}:{p.Name}");
                        }
                    }, name);
                    Assert.Equal(name, direct.Name);
                }
            }

            sim.Run();
            return trace;
        }

        List<string> expected = Trace(null);

        Assert.Equal(150, expected.Count);
        Assert.Equal(expected, Trace(kind));
    }

    [Theory]
    [InlineData(BodyKind.ProcessTaskAwaitingNestedTaskHelpers)]
    [InlineData(BodyKind.ProcessTaskAwaitingTaskHelper)]
    public void Interrupt_QueuedForAResource_LeavesTheQueue_AndTheHolderReleasesInFinally(BodyKind kind)
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        bool waiterInterrupted = false;
        bool holderReleased = false;

        Start(sim, kind, async p =>
        {
            using ResourceLease lease = await p.Request(berth);
            try
            {
                await p.Delay(Hours(10));
            }
            finally
            {
                holderReleased = true;
            }
        }, "holder");
        SimProcess waiter = Start(sim, kind, async p =>
        {
            try
            {
                using ResourceLease lease = await p.Request(berth);
            }
            catch (ProcessInterruptedException)
            {
                waiterInterrupted = true;
            }
        }, "waiter");
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            waiter.Interrupt("cancelled");
        });

        sim.Run();

        Assert.True(waiterInterrupted);
        Assert.True(holderReleased);
        Assert.Equal(0, berth.InUse);
        Assert.Equal(0, berth.QueueLength);
        Assert.True(waiter.IsCompleted);
    }

    [Theory]
    [InlineData(BodyKind.ProcessTaskAwaitingNestedTaskHelpers)]
    [InlineData(BodyKind.ProcessTaskAwaitingTaskHelper)]
    public void Fault_AfterAnAwait_StopsTheRunWithTheProcessNameTimeAndInnerException(BodyKind kind)
    {
        var sim = new Simulation();
        Start(sim, kind, async p =>
        {
            await p.Delay(Hours(5));
            throw new FormatException("bad cargo");
        }, "loader");

        ProcessFaultedException ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.Equal("loader", ex.ProcessName);
        Assert.IsType<FormatException>(ex.InnerException);
        Assert.Equal(SimTime.FromHours(5), sim.Now);
    }

    [Theory]
    [InlineData(BodyKind.ProcessTaskAwaitingNestedTaskHelpers)]
    [InlineData(BodyKind.ProcessTaskAwaitingTaskHelper)]
    public void Await_DelayInSteadyState_AllocatesNothing(BodyKind kind)
    {
        var sim = new Simulation();
        long iterations = 0;
        Start(sim, kind, async p =>
        {
            while (true)
            {
                await p.Delay(Hours(1));
                iterations++;
            }
        }, "loop");

        sim.Run(20_000); // warm up (as in SimProcessTests: the first awaits of an async method set up its box)
        long startIterations = iterations;
        long[] windows = SteadyStateAllocation.Measure(() => sim.Run(100_000));

        Assert.Equal(3 * 100_000, iterations - startIterations);
        SteadyStateAllocation.AssertAtMost(windows, 0, "100,000 awaits");
    }

    // ---- the ProcessTask builder's edges ---------------------------------------------------------------------

    [Fact]
    public void ProcessTaskBody_RunsFromItsStartEvent_NotWhenStarted()
    {
        var sim = new Simulation();
        var log = new List<string>();
        sim.Schedule(SimDuration.Zero, static (_, l) => l.Add("earlier event"), log);
        SimProcess process = sim.Start(async p =>
        {
            log.Add("body at " + p.Now.Ticks);
            await p.Delay(Hours(1));
            log.Add("after delay");
        });

        Assert.Empty(log); // Start prepared the body; none of its code ran
        Assert.False(process.IsWaiting);
        sim.Run();

        Assert.Equal(["earlier event", "body at 0", "after delay"], log);
    }

    [Fact]
    public void ProcessTaskBody_StateMachineIsAllocatedByStart_SoTheFirstStepAllocatesNothing()
    {
        // The box is allocated next to its process when Start is called (they are neighbours in memory); running
        // the body then allocates nothing, from its first step on.
        var sim = new Simulation();
        sim.Start(HoldForever);
        sim.Run(2); // warm up: the body's code and the engine's paths are compiled
        for (int i = 0; i < 3; i++)
        {
            sim.Start(HoldForever); // start events due now, before the first process's next delay ends
        }

        // Each window: one more process's start event, its first step up to its first await.
        long[] windows = SteadyStateAllocation.Measure(() => sim.Run(1));

        Assert.Equal(4, sim.PendingEvents);
        SteadyStateAllocation.AssertAtMost(windows, 0, "a first step");
    }

    private static async ProcessTask HoldForever(SimProcess p)
    {
        while (true)
        {
            await p.Delay(Hours(1));
        }
    }

    [Fact]
    public void EngineAwaiters_AreRecognisedByTheBuilder_AndNameTheirProcessThroughAwaiterCore()
    {
        // The builder reads an engine awaiter's process through AwaiterCore, the awaiter's only field (no boxing).
        // Adding a field to an awaiter must fail here, not corrupt a resumption.
        var sim = new Simulation();
        SimProcess p = sim.Start(async q => await q.Delay(Hours(1)));

        Assert.True(SimAwaiter<SimAwaitable>.Is);
        Assert.True(SimAwaiter<SimAwaitable<int>>.Is);
        Assert.True(SimAwaiter<SimAwaitable<string>>.Is);
        Assert.True(SimAwaiter<RequestAwaitable>.Is);
        Assert.False(SimAwaiter<TaskAwaiter>.Is);
        Assert.False(SimAwaiter<YieldAwaitable.YieldAwaiter>.Is);

        var plain = new SimAwaitable(p);
        var typed = new SimAwaitable<string>(p, completed: false);
        var counted = new SimAwaitable<int>(p, completed: true, resultInValue: true);
        var request = new RequestAwaitable(p, completed: false);
        Assert.Same(p, Unsafe.As<SimAwaitable, AwaiterCore>(ref plain).Process);
        Assert.Same(p, Unsafe.As<SimAwaitable<string>, AwaiterCore>(ref typed).Process);
        Assert.Same(p, Unsafe.As<SimAwaitable<int>, AwaiterCore>(ref counted).Process);
        Assert.True(Unsafe.As<SimAwaitable<int>, AwaiterCore>(ref counted).ResultInValue);
        Assert.Same(p, Unsafe.As<RequestAwaitable, AwaiterCore>(ref request).Process);
    }

    [Fact]
    public void ProcessTaskBody_EndingWithoutAwaiting_CompletesAtItsStartAndTriggersCompletion()
    {
        var sim = new Simulation();
        int ran = 0;
        SimTime joinedAt = default;
        SimProcess quick = sim.Start(async p =>
        {
            ran++;
            await Task.CompletedTask; // completes synchronously: the body never suspends
        }, "quick");
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.Join(quick);
            joinedAt = p.Now;
        });

        sim.Run();

        Assert.Equal(1, ran);
        Assert.True(quick.IsCompleted);
        Assert.Equal(SimTime.FromHours(1), joinedAt);
    }

    [Fact]
    public void ProcessTaskBody_ThrowingBeforeItsFirstAwait_FaultsTheRun()
    {
        var sim = new Simulation();
        sim.Start(ThrowAtOnce, "early");

        ProcessFaultedException ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.Equal("early", ex.ProcessName);
        Assert.IsType<ArgumentException>(ex.InnerException);
        Assert.Equal(SimTime.Zero, sim.Now);
    }

    private static async ProcessTask ThrowAtOnce(SimProcess p)
    {
        if (p.Now == SimTime.Zero)
        {
            throw new ArgumentException("no berth configured");
        }

        await p.Delay(Hours(1));
    }

    [Fact]
    public void ProcessTaskBody_NotAsync_ThrowingFromTheDelegate_FaultsTheRun()
    {
        var sim = new Simulation();
        sim.Start(new Func<SimProcess, ProcessTask>(_ => throw new InvalidDataException("broken")), "sync");

        ProcessFaultedException ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    [Fact]
    public void ProcessTaskBody_AwaitingAnotherProcesssAwaitable_FaultsWithAClearMessage()
    {
        var sim = new Simulation();
        SimProcess other = sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.Delay(Hours(10));
        }, "other");
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            await other.Delay(Hours(1)); // not its own process
        }, "confused");

        ProcessFaultedException ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.Equal("confused", ex.ProcessName);
        InvalidOperationException inner = Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("Process 'other' is already suspended", inner.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BodyKind.ProcessTaskAwaitingNestedTaskHelpers)]
    [InlineData(BodyKind.ProcessTaskAwaitingTaskHelper)]
    public void AwaitableOfAProcessNotYetStarted_ThrowsAndLeavesItUntouched(BodyKind kind)
    {
        // "later" is started after "confused", so its start event runs after confused's first step. Had Delay gone on,
        // it would have left "later" a pending 1-hour wait, and later's own first await would have faulted.
        var sim = new Simulation();
        var resumedAt = new List<double>();
        SimProcess? later = null;
        string? caught = null;
        Start(sim, kind, async p =>
        {
            try
            {
                _ = later!.Delay(Hours(1)); // not its own process, and not started yet
            }
            catch (InvalidOperationException e)
            {
                caught = e.Message;
            }

            await p.Delay(Hours(1));
        }, "confused");
        later = Start(sim, kind, async p =>
        {
            await p.Delay(Hours(5));
            resumedAt.Add(p.Now.SinceStart.TotalHours);
        }, "later");

        sim.Run();

        Assert.Contains("Process 'later' has not started yet", caught, StringComparison.Ordinal);
        Assert.Equal([5.0], resumedAt);
        Assert.True(later.IsCompleted);
    }

    [Theory]
    [InlineData(BodyKind.ProcessTaskAwaitingNestedTaskHelpers)]
    [InlineData(BodyKind.ProcessTaskAwaitingTaskHelper)]
    public void AwaitableOfASuspendedProcess_ThrowsBeforeTouchingItsPendingWait(BodyKind kind)
    {
        // The error is raised before the other process's wait is changed: had Delay gone on, it would have replaced
        // the other process's 5-hour timer by a 1-hour one, and the other process would have resumed at hour 2.
        var sim = new Simulation();
        var resumedAt = new List<double>();
        string? caught = null;
        SimProcess other = Start(sim, kind, async p =>
        {
            await p.Delay(Hours(5));
            resumedAt.Add(p.Now.SinceStart.TotalHours);
        }, "other");
        Start(sim, kind, async p =>
        {
            await p.Delay(Hours(1));
            try
            {
                await other.Delay(Hours(1)); // not its own process
            }
            catch (InvalidOperationException e)
            {
                caught = e.Message;
            }

            await p.Delay(Hours(1));
        }, "confused");

        sim.Run();

        Assert.Equal([5.0], resumedAt);
        Assert.Contains("Process 'other' is already suspended", caught, StringComparison.Ordinal);
        Assert.True(other.IsCompleted);
    }

    [Theory]
    [InlineData(BodyKind.ProcessTaskAwaitingNestedTaskHelpers)]
    [InlineData(BodyKind.ProcessTaskAwaitingTaskHelper)]
    public void AwaitableOfACompletedProcess_ThrowsAndSchedulesNothing(BodyKind kind)
    {
        // A completed process has no body left to resume: a delay made on it would be a timer nobody awaits, which
        // would move the clock to hour 11 when the run drains.
        var sim = new Simulation();
        string? caught = null;
        SimProcess done = Start(sim, kind, async p => await p.Delay(Hours(1)), "done");
        Start(sim, kind, async p =>
        {
            await p.Delay(Hours(2));
            try
            {
                _ = done.Delay(Hours(9));
            }
            catch (InvalidOperationException e)
            {
                caught = e.Message;
            }
        }, "confused");

        sim.Run();

        Assert.Contains("Process 'done' has completed", caught, StringComparison.Ordinal);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void AwaitableNotAwaited_TheNextAwaitableThrows()
    {
        var sim = new Simulation();
        sim.Start(async p =>
        {
            _ = p.Delay(Hours(1)); // forgotten await: the process is now waiting on a timer its body does not await
            await p.Delay(Hours(2));
        }, "forgetful");

        ProcessFaultedException ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        InvalidOperationException inner = Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("Process 'forgetful' is already suspended", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessTaskBody_ExceptionCaughtInsideTheBody_DoesNotFault()
    {
        var sim = new Simulation();
        string? seen = null;
        SimProcess p1 = sim.Start(async p =>
        {
            try
            {
                await p.Delay(Hours(1));
                throw new TimeoutException("late");
            }
            catch (TimeoutException ex)
            {
                seen = ex.Message;
            }

            await p.Delay(Hours(1));
        });

        sim.Run();

        Assert.Equal("late", seen);
        Assert.True(p1.IsCompleted);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
    }

    public enum ForeignAwait
    {
        /// <summary>The body itself awaits real asynchronous work (a task completed from outside, after the run).</summary>
        TaskDelayInBody,

        /// <summary>The body awaits <see cref="Task.Yield"/> after a simulated delay.</summary>
        TaskYieldAfterADelay,

        /// <summary>An <c>async Task</c> helper the body awaits awaits real asynchronous work.</summary>
        TaskDelayInHelper,
    }

    [Theory]
    [InlineData(ForeignAwait.TaskDelayInBody)]
    [InlineData(ForeignAwait.TaskYieldAfterADelay)]
    [InlineData(ForeignAwait.TaskDelayInHelper)]
    public void Run_ProcessAwaitsANonSimulationAwaitable_FailsTheRunSayingSo(ForeignAwait kind)
    {
        var sim = new Simulation();
        bool resumed = false;

        // Real work that completes only when the test says so: a timer (Task.Delay) could complete before the await
        // looks at it on a loaded machine, and the body would then not be suspended at all.
        var work = new TaskCompletionSource();
        sim.Start(
            kind switch
            {
                ForeignAwait.TaskDelayInBody => async p =>
                {
                    await work.Task;
                    resumed = true;
                },
                ForeignAwait.TaskYieldAfterADelay => async p =>
                {
                    await p.Delay(Hours(2));
                    await Task.Yield();
                    resumed = true;
                },
                _ => async p =>
                {
                    await RealWork(work.Task);
                    resumed = true;
                },
            },
            "impatient");
        sim.Start(async p => await p.Delay(Hours(5)), "bystander");

        var ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.Equal("impatient", ex.ProcessName);
        Assert.Contains("not a simulation awaitable", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.True(sim.Now < SimTime.FromHours(5));
        work.SetResult(); // the foreign work completes after the run failed: the abandoned body must not resume
        Thread.Sleep(50);
        Assert.False(resumed);
    }

    private static async Task RealWork(Task work) => await work;

    [Fact]
    public void Run_ProcessAwaitsACompletedTaskOrAHelperOfSimulationAwaits_Runs()
    {
        var sim = new Simulation();
        SimProcess p1 = sim.Start(async p =>
        {
            await Task.CompletedTask;
            await Nested(async q => await q.Delay(Hours(1)), p);
        });

        sim.Run();

        Assert.True(p1.IsCompleted);
        Assert.Equal(SimTime.FromHours(1), sim.Now);
    }
}
