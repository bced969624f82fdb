using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>Processes: interrupts, signals, joins, faults and the allocation-free await.</summary>
public class SimProcessTests
{
    private static SimDuration Hours(double h) => SimDuration.FromHours(h);

    // ---- interrupts ------------------------------------------------------------------------------------

    [Fact]
    public void Interrupt_DuringDelay_SurfacesAtTheAwaitWithCauseAndIsCaught()
    {
        var sim = new Simulation();
        object? cause = null;
        SimTime caughtAt = default;
        bool after = false;

        SimProcess worker = sim.Start(async p =>
        {
            try
            {
                await p.Delay(Hours(10));
                after = true;
            }
            catch (ProcessInterruptedException ex)
            {
                cause = ex.Cause;
                caughtAt = p.Now;
            }
        }, "worker");
        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            worker.Interrupt("storm");
        });

        sim.Run();

        Assert.Equal("storm", cause);
        Assert.Equal(SimTime.FromHours(3), caughtAt);
        Assert.False(after);
        Assert.True(worker.IsCompleted);
    }

    [Fact]
    public void Interrupt_DelayInterruptedEarly_ResumesOnceAndTheStaleTimerNeitherResumesNorMovesTheClock()
    {
        var sim = new Simulation();
        var resumes = new List<SimTime>();

        SimProcess worker = sim.Start(async p =>
        {
            try
            {
                await p.Delay(Hours(10));
            }
            catch (ProcessInterruptedException)
            {
                resumes.Add(p.Now);
            }

            await p.Delay(Hours(1));
            resumes.Add(p.Now);
            await p.Delay(Hours(20)); // spans the interrupted delay's original due time (10h)
            resumes.Add(p.Now);
        }, "worker");
        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            worker.Interrupt();
        });

        sim.Run();

        Assert.Equal([SimTime.FromHours(3), SimTime.FromHours(4), SimTime.FromHours(24)], resumes);
        Assert.Equal(SimTime.FromHours(24), sim.Now);
    }

    [Fact]
    public void Interrupt_LastDelayInterrupted_RunEndsAtTheInterruptNotAtTheCancelledDueTime()
    {
        var sim = new Simulation();
        SimProcess worker = sim.Start(async p =>
        {
            try
            {
                await p.Delay(Hours(100));
            }
            catch (ProcessInterruptedException)
            {
                // Give up.
            }
        }, "worker");
        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            worker.Interrupt();
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(3), sim.Now);
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void Interrupt_TwiceAtTheSameInstant_FirstCauseWinsAndProcessResumesOnce()
    {
        var sim = new Simulation();
        var causes = new List<object?>();
        SimProcess worker = sim.Start(async p =>
        {
            try
            {
                await p.Delay(Hours(10));
            }
            catch (ProcessInterruptedException ex)
            {
                causes.Add(ex.Cause);
            }
        }, "worker");
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            worker.Interrupt("first");
            worker.Interrupt("second");
        });

        sim.Run();

        Assert.Equal(["first"], causes);
    }

    [Fact]
    public void Interrupt_WhileQueuedForResource_LeavesTheQueueAndTheNextWaiterGetsTheUnit()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1, name: "berth");
        var log = new List<string>();

        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(berth);
            await p.Delay(Hours(5));
        }, "holder");
        SimProcess impatient = sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            try
            {
                using ResourceLease lease = await p.Request(berth);
                log.Add("impatient served");
            }
            catch (ProcessInterruptedException)
            {
                log.Add($"impatient left at {p.Now}");
            }
        }, "impatient");
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            using ResourceLease lease = await p.Request(berth);
            log.Add($"patient served at {p.Now}");
            await p.Delay(Hours(1));
        }, "patient");
        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            Assert.Equal(2, berth.QueueLength);
            impatient.Interrupt("gave up");
            Assert.Equal(1, berth.QueueLength);
        });

        sim.Run();

        Assert.Equal(["impatient left at t=3h", "patient served at t=5h"], log);
        Assert.Equal(0, berth.InUse);
        Assert.Equal(0, berth.QueueLength);
    }

    [Fact]
    public void Interrupt_WhileHoldingLease_UsingReleasesTheUnit()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        SimTime secondServedAt = default;

        SimProcess holder = sim.Start(async p =>
        {
            try
            {
                using ResourceLease lease = await p.Request(berth);
                await p.Delay(Hours(10));
            }
            catch (ProcessInterruptedException)
            {
                // `using` released the unit before this catch ran: the waiter below already holds it.
                Assert.Equal(0, berth.QueueLength);
            }
        }, "holder");
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            using ResourceLease lease = await p.Request(berth);
            secondServedAt = p.Now;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(4));
            holder.Interrupt();
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(4), secondServedAt);
        Assert.Equal(0, berth.InUse);
    }

    [Fact]
    public void Interrupt_WhileHoldingLease_FinallyReleasesTheUnit()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        bool caught = false;

        SimProcess holder = sim.Start(async p =>
        {
            ResourceLease lease = await p.Request(berth);
            try
            {
                await p.Delay(Hours(10));
            }
            catch (ProcessInterruptedException)
            {
                caught = true;
            }
            finally
            {
                lease.Dispose();
            }
        }, "holder");
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            holder.Interrupt();
        });

        sim.Run();

        Assert.True(caught);
        Assert.Equal(0, berth.InUse);
    }

    [Fact]
    public void Interrupt_AfterGrantBeforeResume_GivesTheUnitBackWithoutLeak()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        var log = new List<string>();
        SimProcess? waiter = null;

        sim.Start(async p =>
        {
            ResourceLease lease = await p.Request(berth);
            await p.Delay(Hours(2));
            lease.Dispose(); // grants the unit to `waiter`, whose resume is scheduled for this instant...
            Assert.Equal(1, berth.InUse);
            waiter!.Interrupt("too late"); // ...but the interrupt comes first
            Assert.Equal(0, berth.InUse);
        }, "holder");
        waiter = sim.Start(async p =>
        {
            try
            {
                using ResourceLease lease = await p.Request(berth);
                log.Add("served");
            }
            catch (ProcessInterruptedException ex)
            {
                log.Add($"interrupted: {ex.Cause}");
            }
        }, "waiter");
        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            using ResourceLease lease = await p.Request(berth);
            log.Add($"third served at {p.Now}");
        });

        sim.Run();

        Assert.Equal(["interrupted: too late", "third served at t=3h"], log);
        Assert.Equal(0, berth.InUse);
    }

    [Fact]
    public void Interrupt_CompletedProcess_ThrowsInvalidOperation()
    {
        var sim = new Simulation();
        SimProcess done = sim.Start(async p => await p.Delay(Hours(1)), "done");
        sim.Run();

        Assert.True(done.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => done.Interrupt());
    }

    [Fact]
    public void Interrupt_ProcessNotYetStarted_ThrowsInvalidOperation()
    {
        var sim = new Simulation();
        SimProcess later = sim.Start(async p => await p.Delay(Hours(1)), "later");

        Assert.Throws<InvalidOperationException>(() => later.Interrupt());
    }

    [Fact]
    public void Interrupt_ItselfWhileRunning_ThrowsInvalidOperation()
    {
        var sim = new Simulation();
        Exception? error = null;
        sim.Start(async p =>
        {
            error = Record.Exception(() => p.Interrupt());
            await p.Delay(Hours(1));
        });

        sim.Run();

        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void Interrupt_UncaughtInProcess_FaultsTheRunNamingTheProcess()
    {
        var sim = new Simulation();
        SimProcess victim = sim.Start(async p => await p.Delay(Hours(5)), "victim");
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            victim.Interrupt("boom");
        });

        var ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.Equal("victim", ex.ProcessName);
        Assert.IsType<ProcessInterruptedException>(ex.InnerException);
    }

    // ---- signals, joins, timers --------------------------------------------------------------------------

    [Fact]
    public void WhenAny_ReturnsIndexOfFirstTriggeredAndLaterTriggersDoNotResumeAgain()
    {
        var sim = new Simulation();
        var a = new SimSignal(sim);
        var b = new SimSignal(sim);
        var c = new SimSignal(sim);
        var resumes = new List<(int Index, SimTime At)>();

        sim.Start(async p =>
        {
            int index = await p.WhenAny(a, b, c);
            resumes.Add((index, p.Now));
            await p.Delay(Hours(10)); // still waiting here when a and c trigger
            resumes.Add((-1, p.Now));
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            b.Trigger();
            await p.Delay(Hours(1));
            a.Trigger();
            c.Trigger();
        });

        sim.Run();

        Assert.Equal([(1, SimTime.FromHours(1)), (-1, SimTime.FromHours(11))], resumes);
    }

    [Fact]
    public void WhenAny_TwoTriggeredAtTheSameInstant_ReturnsTheFirstTriggered()
    {
        var sim = new Simulation();
        var a = new SimSignal(sim);
        var b = new SimSignal(sim);
        int index = -1;
        int resumes = 0;

        sim.Start(async p =>
        {
            index = await p.WhenAny(a, b);
            resumes++;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            b.Trigger();
            a.Trigger();
        });

        sim.Run();

        Assert.Equal(1, index);
        Assert.Equal(1, resumes);
    }

    [Fact]
    public void WhenAny_AlreadyTriggered_CompletesAtOnceWithItsIndex()
    {
        var sim = new Simulation();
        var a = new SimSignal(sim);
        var b = new SimSignal(sim);
        b.Trigger();
        int index = -1;
        SimTime at = SimTime.MaxValue;

        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            index = await p.WhenAny(a, b);
            at = p.Now;
        });

        sim.Run();

        Assert.Equal(1, index);
        Assert.Equal(SimTime.FromHours(2), at);
    }

    [Fact]
    public void WhenAll_ResumesWhenTheLastSignalTriggers()
    {
        var sim = new Simulation();
        SimSignal[] signals = [new(sim), new(sim), new(sim)];
        SimTime at = default;
        int resumes = 0;

        sim.Start(async p =>
        {
            await p.WhenAll(signals);
            at = p.Now;
            resumes++;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            signals[2].Trigger();
            await p.Delay(Hours(1));
            signals[0].Trigger();
            await p.Delay(Hours(1));
            signals[1].Trigger();
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(3), at);
        Assert.Equal(1, resumes);
    }

    [Fact]
    public void WhenAll_SomeAlreadyTriggered_WaitsOnlyForTheRest()
    {
        var sim = new Simulation();
        var done = new SimSignal(sim);
        done.Trigger();
        var pending = new SimSignal(sim);
        SimTime at = default;

        sim.Start(async p =>
        {
            await p.WhenAll(done, pending);
            at = p.Now;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(4));
            pending.Trigger();
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(4), at);
    }

    [Fact]
    public void Wait_SignalTriggered_AllWaitersResumeInWaitingOrderAtTheTriggerInstant()
    {
        var sim = new Simulation();
        var go = new SimSignal(sim);
        var log = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string name = $"w{i}";
            sim.Start(async p =>
            {
                await p.Wait(go);
                log.Add($"{name}@{p.Now}");
            });
        }

        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            go.Trigger();
        });

        sim.Run();

        Assert.Equal(["w0@t=2h", "w1@t=2h", "w2@t=2h"], log);
        Assert.Equal(SimTime.FromHours(2), go.TriggeredAt);
        Assert.Throws<InvalidOperationException>(go.Trigger);
    }

    [Fact]
    public void Join_WaitsForTheOtherProcessToComplete()
    {
        var sim = new Simulation();
        SimProcess worker = sim.Start(async p => await p.Delay(Hours(5)), "worker");
        SimTime joinedAt = default;

        sim.Start(async p =>
        {
            await p.Join(worker);
            joinedAt = p.Now;
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(5), joinedAt);
    }

    [Fact]
    public void Join_AlreadyCompletedProcess_ReturnsAtOnce()
    {
        var sim = new Simulation();
        SimProcess worker = sim.Start(async p => await p.Delay(Hours(1)), "worker");
        SimTime joinedAt = default;

        sim.Start(async p =>
        {
            await p.Delay(Hours(3));
            await p.Join(worker);
            joinedAt = p.Now;
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(3), joinedAt);
    }

    [Fact]
    public void Completion_TriggeredWhenTheBodyReturns()
    {
        var sim = new Simulation();
        SimProcess worker = sim.Start(async p => await p.Delay(Hours(7)), "worker");
        SimSignal completion = worker.Completion;

        Assert.False(completion.IsTriggered);
        sim.Run();

        Assert.True(completion.IsTriggered);
        Assert.Equal(SimTime.FromHours(7), completion.TriggeredAt);
        Assert.Same(completion, worker.Completion);
    }

    [Fact]
    public void Completion_AskedForAfterCompletion_IsAlreadyTriggered()
    {
        var sim = new Simulation();
        SimProcess worker = sim.Start(async p => await p.Delay(Hours(7)), "worker");
        sim.Run();

        Assert.True(worker.Completion.IsTriggered);
    }

    [Fact]
    public void Timer_TriggersAfterItsDelay()
    {
        var sim = new Simulation();
        SimTime at = default;
        int index = -1;

        sim.Start(async p =>
        {
            SimSignal timeout = p.Simulation.Timer(Hours(6));
            var never = new SimSignal(p.Simulation);
            index = await p.WhenAny(never, timeout);
            at = p.Now;
        });

        sim.Run();

        Assert.Equal(1, index);
        Assert.Equal(SimTime.FromHours(6), at);
    }

    // ---- faults ----------------------------------------------------------------------------------------

    [Fact]
    public void Run_ProcessThrows_ThrowsProcessFaultedExceptionNamingIt()
    {
        var sim = new Simulation();
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            throw new InvalidOperationException("crane broke");
        }, "crane-3");

        var ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.Equal("crane-3", ex.ProcessName);
        Assert.Contains("crane-3", ex.Message, StringComparison.Ordinal);
        Assert.Equal("crane broke", ex.InnerException!.Message);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
    }

    [Fact]
    public void Run_ProcessThrowsBeforeItsFirstAwait_ThrowsProcessFaultedException()
    {
        var sim = new Simulation();
        sim.Start(p => throw new InvalidOperationException("bad start"), "starter");

        var ex = Assert.Throws<ProcessFaultedException>(() => sim.Run());

        Assert.Equal("starter", ex.ProcessName);
    }

    [Fact]
    public void Delay_NegativeDuration_ThrowsNamingDelay()
    {
        var sim = new Simulation();
        Exception? error = null;
        sim.Start(async p =>
        {
            error = Record.Exception(() => p.Delay(SimDuration.FromTicks(-1)));
            await p.Delay(SimDuration.Zero);
        });

        sim.Run();

        Assert.Equal("delay", Assert.IsType<ArgumentOutOfRangeException>(error).ParamName);
    }

    [Fact]
    public void DelayUntil_FutureInstant_ResumesThen()
    {
        var sim = new Simulation();
        SimTime at = default;
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.DelayUntil(SimTime.FromHours(9));
            at = p.Now;
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(9), at);
    }

    // ---- allocation-free steady state -----------------------------------------------------------------------

    [Theory]
    [InlineData(1.0 / 3600)] // 1 s
    [InlineData(1.0)]
    [InlineData(24.0)]
    [InlineData(24.0 * 365)]
    public void Await_DelayAndFreeResourceInSteadyState_AllocatesNothingPerIteration(double delayHours)
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 2);
        var other = new Resource(sim, capacity: 1);
        SimDuration delay = SimDuration.FromHours(delayHours);
        SimDuration shortDelay = SimDuration.FromTicks(delay.Ticks / 3);
        long iterations = 0;

        sim.Start(async p =>
        {
            while (true)
            {
                using (ResourceLease lease = await p.Request(berth))
                {
                    await p.Delay(delay);
                    using ResourceLease second = await p.Request(other, priority: 1);
                    await p.Delay(shortDelay);
                }

                await p.Delay(delay);
                iterations++;
            }
        }, "loop");
        sim.Start(async p =>
        {
            while (true)
            {
                using ResourceLease lease = await p.Request(berth);
                await p.Delay(shortDelay);
            }
        }, "neighbour");

        sim.Run(20_000); // warm up: state machines, lists, calendar arrays, statistics
        long startIterations = iterations;
        long[] windows = SteadyStateAllocation.Measure(() => sim.Run(100_000));
        long measured = iterations - startIterations;

        Assert.True(measured >= 10_000, $"only {measured} iterations ran");
        SteadyStateAllocation.AssertAtMost(windows, 0, $"100,000 events ({measured / windows.Length} iterations)");
    }
}
