using System.Runtime.CompilerServices;
using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>The public <see cref="Simulation"/> API: cancelling, running until an instant, stopping, argument checks.</summary>
public class SimulationTests
{
    private const long Hour = 3_600_000_000;

    private sealed class Counter
    {
        public int Runs { get; set; }
    }

    private static readonly Action<Simulation, Counter> Count = static (_, c) => c.Runs++;

    [Fact]
    public void Cancel_PendingEvent_ReturnsTrueAndEventNeverRuns()
    {
        var sim = new Simulation();
        var counter = new Counter();
        EventHandle handle = sim.Schedule(SimDuration.FromHours(1), Count, counter);

        Assert.True(sim.Cancel(handle));
        sim.Run();

        Assert.Equal(0, counter.Runs);
        Assert.Equal(0, sim.EventsProcessed);
    }

    [Fact]
    public void Run_CancelledEventAfterTheLastOne_DoesNotMoveTheClock()
    {
        var sim = new Simulation();
        var counter = new Counter();
        sim.Schedule(SimDuration.FromHours(1), Count, counter);
        EventHandle timeout = sim.Schedule(SimDuration.FromHours(100), Count, counter);
        Assert.True(sim.Cancel(timeout));

        sim.Run();

        Assert.Equal(SimTime.FromHours(1), sim.Now);
        Assert.False(sim.Cancel(timeout)); // taken off the calendar, still not cancellable twice
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void Cancel_AlreadyRunEvent_ReturnsFalse()
    {
        var sim = new Simulation();
        var counter = new Counter();
        EventHandle handle = sim.Schedule(SimDuration.FromHours(1), Count, counter);
        sim.Run();

        Assert.False(sim.Cancel(handle));
        Assert.Equal(1, counter.Runs);
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void Cancel_EventRunAtCurrentInstant_ReturnsFalse()
    {
        var sim = new Simulation();
        var counter = new Counter();
        EventHandle first = sim.Schedule(SimDuration.FromHours(1), Count, counter);
        EventHandle second = sim.Schedule(SimDuration.FromHours(1), Count, counter);

        sim.Run(1); // the clock is at 1h; `first` has run, `second` (same instant) has not

        Assert.False(sim.Cancel(first));
        Assert.True(sim.Cancel(second));
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void Cancel_AlreadyCancelledEvent_ReturnsFalse()
    {
        var sim = new Simulation();
        EventHandle handle = sim.Schedule(SimDuration.FromHours(1), Count, new Counter());

        Assert.True(sim.Cancel(handle));
        Assert.False(sim.Cancel(handle));
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void Cancel_DefaultHandle_ReturnsFalse()
    {
        var sim = new Simulation();
        sim.Schedule(SimDuration.Zero, Count, new Counter());

        Assert.False(sim.Cancel(default));
        Assert.Equal(1, sim.PendingEvents);
    }

    [Fact]
    public void Cancel_FromInsideAnEventAtTheSameInstant_PreventsTheLaterEvent()
    {
        var sim = new Simulation();
        var counter = new Counter();
        var box = new StrongBox<EventHandle>();
        sim.Schedule(SimDuration.FromHours(1), static (s, b) => Assert.True(s.Cancel(b.Value)), box);
        box.Value = sim.Schedule(SimDuration.FromHours(1), Count, counter);

        sim.Run();

        Assert.Equal(0, counter.Runs);
        Assert.Equal(1, sim.EventsProcessed);
    }

    [Fact]
    public void PendingEvents_ScheduledRunAndCancelled_CountsOnlyThoseStillToRun()
    {
        var sim = new Simulation();
        var counter = new Counter();
        Assert.Equal(0, sim.PendingEvents);

        EventHandle a = sim.Schedule(SimDuration.FromHours(1), Count, counter);
        sim.Schedule(SimDuration.FromHours(2), Count, counter);
        sim.Schedule(SimDuration.FromHours(3), Count, counter);
        Assert.Equal(3, sim.PendingEvents);

        sim.Cancel(a);
        Assert.Equal(2, sim.PendingEvents);

        Assert.Equal(1, sim.Run(1));
        Assert.Equal(1, sim.PendingEvents);
        Assert.Equal(SimTime.FromHours(2), sim.Now);

        sim.Run();
        Assert.Equal(0, sim.PendingEvents);
        Assert.Equal(2, counter.Runs);
    }

    [Fact]
    public void RunUntil_EventsBeforeAndAtEnd_RunsOnlyThoseStrictlyBeforeAndSetsClockToEnd()
    {
        var sim = new Simulation();
        var log = new List<(long Sequence, long Time)>();
        sim.Schedule(SimDuration.FromHours(1), Record, new Probe(log, 1));
        sim.Schedule(SimDuration.FromHours(10), Record, new Probe(log, 2)); // exactly at the end: stays pending
        sim.Schedule(SimDuration.FromHours(11), Record, new Probe(log, 3));

        sim.RunUntil(SimTime.FromHours(10));

        Assert.Equal([(1L, SimDuration.TicksPerHour)], log);
        Assert.Equal(SimTime.FromHours(10), sim.Now);
        Assert.Equal(2, sim.PendingEvents);

        sim.Run();
        Assert.Equal([1L, 2L, 3L], log.Select(e => e.Sequence));
    }

    [Fact]
    public void RunUntil_EmptyCalendar_AdvancesClockToEnd()
    {
        var sim = new Simulation();

        sim.RunUntil(SimTime.FromDays(365));

        Assert.Equal(SimTime.FromDays(365), sim.Now);
        Assert.Equal(0, sim.EventsProcessed);
    }

    [Fact]
    public void RunUntil_EventDueExactlyAtEnd_CanStillBeCancelled()
    {
        var sim = new Simulation();
        var counter = new Counter();
        EventHandle atEnd = sim.Schedule(SimDuration.FromHours(10), Count, counter);

        sim.RunUntil(SimTime.FromHours(10));

        Assert.True(sim.Cancel(atEnd)); // it has not run: RunUntil runs events strictly before the end
        sim.Run();
        Assert.Equal(0, counter.Runs);
    }

    [Fact]
    public void RunUntil_ThenScheduleAtTheSameInstant_NewEventCanBeCancelled()
    {
        var sim = new Simulation();
        var counter = new Counter();
        sim.RunUntil(SimTime.FromHours(10));

        EventHandle now = sim.Schedule(SimDuration.Zero, Count, counter);

        Assert.True(sim.Cancel(now));
        sim.Run();
        Assert.Equal(0, counter.Runs);
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void RunUntil_AtCurrentInstantAfterRunningPartOfIt_KeepsRunEventsUncancellable()
    {
        var sim = new Simulation();
        var counter = new Counter();
        EventHandle first = sim.Schedule(SimDuration.FromHours(1), Count, counter);
        EventHandle second = sim.Schedule(SimDuration.FromHours(1), Count, counter);
        sim.Run(1);

        sim.RunUntil(SimTime.FromHours(1)); // the clock does not move

        Assert.False(sim.Cancel(first));
        Assert.True(sim.Cancel(second));
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void RunUntil_EndBeforeNow_ThrowsNamingEnd()
    {
        var sim = new Simulation();
        sim.RunUntil(SimTime.FromHours(5));

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.RunUntil(SimTime.FromHours(4)));
        Assert.Equal("end", ex.ParamName);
    }

    [Fact]
    public void Stop_CalledByAnEvent_RunReturnsAfterThatEventAndCanResume()
    {
        var sim = new Simulation();
        var counter = new Counter();
        sim.Schedule(SimDuration.FromHours(1), Count, counter);
        sim.Schedule(SimDuration.FromHours(2), static (s, c) => { c.Runs++; s.Stop(); }, counter);
        sim.Schedule(SimDuration.FromHours(2), Count, counter);
        sim.Schedule(SimDuration.FromHours(3), Count, counter);

        sim.Run();

        Assert.Equal(2, counter.Runs);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
        Assert.Equal(2, sim.PendingEvents);

        sim.Run();
        Assert.Equal(4, counter.Runs);
        Assert.Equal(SimTime.FromHours(3), sim.Now);
    }

    [Fact]
    public void Stop_DuringRunUntil_LeavesClockAtTheStoppingEvent()
    {
        var sim = new Simulation();
        var counter = new Counter();
        sim.Schedule(SimDuration.FromHours(2), static (s, c) => { c.Runs++; s.Stop(); }, counter);
        sim.Schedule(SimDuration.FromHours(3), Count, counter);

        sim.RunUntil(SimTime.FromHours(10));

        Assert.Equal(1, counter.Runs);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
    }

    [Fact]
    public void Stop_DuringRunOfN_ReturnsTheNumberRun()
    {
        var sim = new Simulation();
        var counter = new Counter();
        sim.Schedule(SimDuration.FromHours(1), Count, counter);
        sim.Schedule(SimDuration.FromHours(2), static (s, c) => { c.Runs++; s.Stop(); }, counter);
        sim.Schedule(SimDuration.FromHours(3), Count, counter);

        Assert.Equal(2, sim.Run(10));
        Assert.Equal(1, sim.PendingEvents);
    }

    [Fact]
    public void Schedule_NegativeDelay_ThrowsNamingDelay()
    {
        var sim = new Simulation();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimDuration.FromTicks(-1), Count, new Counter()));

        Assert.Equal("delay", ex.ParamName);
        Assert.Equal(0, sim.PendingEvents);
    }

    [Fact]
    public void ScheduleAt_TimeBeforeNow_ThrowsNamingTime()
    {
        var sim = new Simulation();
        sim.RunUntil(SimTime.FromHours(2));

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleAt(SimTime.FromHours(1), Count, new Counter()));

        Assert.Equal("time", ex.ParamName);
    }

    [Fact]
    public void Run_NegativeMaxEvents_Throws()
    {
        var sim = new Simulation();

        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(-1));
    }

    [Fact]
    public void Run_RestoresExecutionContextFlow()
    {
        var sim = new Simulation();
        bool suppressedInside = false;
        sim.Start(async p =>
        {
            await p.Delay(SimDuration.FromHours(1));
            suppressedInside = ExecutionContext.IsFlowSuppressed();
        });

        sim.Run();

        Assert.True(suppressedInside);
        Assert.False(ExecutionContext.IsFlowSuppressed());
    }

    [Fact]
    public void Run_CallerAlreadySuppressedFlow_RunsAndLeavesItSuppressed()
    {
        var sim = new Simulation();
        int resumed = 0;
        sim.Start(async p =>
        {
            await p.Delay(SimDuration.FromHours(1));
            resumed++;
        });

        AsyncFlowControl flow = ExecutionContext.SuppressFlow();
        try
        {
            sim.RunUntil(SimTime.FromHours(2));
            Assert.True(ExecutionContext.IsFlowSuppressed());
        }
        finally
        {
            flow.Undo();
        }

        Assert.Equal(1, resumed);
        Assert.False(ExecutionContext.IsFlowSuppressed());
    }

    [Fact]
    public void Schedule_DelayPastTheLastInstant_ThrowsArgumentOutOfRange()
    {
        var sim = new Simulation();
        sim.Schedule(SimDuration.FromHours(1), static (_, _) => { }, (object?)null);
        sim.Run();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimDuration.MaxValue, static (_, _) => { }, (object?)null));
        Assert.Equal("delay", ex.ParamName);
    }

    private sealed class Probe(List<(long Sequence, long Time)> log, long sequence)
    {
        public List<(long Sequence, long Time)> Log { get; } = log;

        public long Sequence { get; } = sequence;
    }

    private static readonly Action<Simulation, Probe> Record = static (sim, probe) => probe.Log.Add((probe.Sequence, sim.Now.Ticks));

    [Fact]
    public void Run_CalledFromAHandlerOrAProcess_ThrowsInvalidOperation()
    {
        var sim = new Simulation();
        Exception? fromHandler = null;
        Exception? fromHandlerUntil = null;
        sim.Schedule(SimDuration.FromHours(1), (s, _) =>
        {
            fromHandler = Xunit.Record.Exception(() => s.Run());
            fromHandlerUntil = Xunit.Record.Exception(() => s.RunUntil(SimTime.FromHours(3)));
        }, (object?)null);
        Exception? fromProcess = null;
        sim.Start(async p =>
        {
            await p.Delay(SimDuration.FromHours(2));
            fromProcess = Xunit.Record.Exception(() => p.Simulation.Run(10));
        });

        sim.Run();

        Assert.IsType<InvalidOperationException>(fromHandler);
        Assert.IsType<InvalidOperationException>(fromHandlerUntil);
        Assert.IsType<InvalidOperationException>(fromProcess);
        Assert.Contains("already running", fromHandler!.Message, StringComparison.Ordinal);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
        sim.RunUntil(SimTime.FromHours(4)); // and runs again from outside
        Assert.Equal(SimTime.FromHours(4), sim.Now);
    }
}
