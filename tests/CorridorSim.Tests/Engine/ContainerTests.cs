using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

public class ContainerTests
{
    private static SimDuration Hours(double h) => SimDuration.FromHours(h);

    // ---- random put/get workloads ----------------------------------------------------------------------

    public enum StepKind
    {
        Put,
        Get,
        Wait,
        TryPut,
        TryGet,
    }

    public readonly record struct Step(StepKind Kind, int Amount, int Minutes);

    public readonly record struct Workload(int Capacity, int InitialLevel, Step[][] Processes)
    {
        public override string ToString() =>
            $"capacity {Capacity}, initial level {InitialLevel}; processes: " +
            string.Join(" | ", Processes.Select(steps => string.Join(" ", steps.Select(s => $"{s.Kind}({(s.Kind == StepKind.Wait ? s.Minutes : s.Amount)})"))));
    }

    private static Gen<Step> StepGen(int capacity) =>
        Gen.Frequency(
            (4, Gen.Choose(0, capacity).Select(a => new Step(StepKind.Put, a, 0))),
            (4, Gen.Choose(0, capacity).Select(a => new Step(StepKind.Get, a, 0))),
            (3, Gen.Choose(0, 120).Select(m => new Step(StepKind.Wait, 0, m))),
            (1, Gen.Choose(0, capacity).Select(a => new Step(StepKind.TryPut, a, 0))),
            (1, Gen.Choose(0, capacity).Select(a => new Step(StepKind.TryGet, a, 0))));

    private static Gen<Workload> WorkloadGen =>
        from capacity in Gen.Choose(1, 50)
        from initial in Gen.Choose(0, capacity)
        from processes in Gen.Choose(1, 6)
        from steps in StepGen(capacity).ArrayOf().ArrayOf(processes)
        select new Workload(capacity, initial, steps);

    [Property(MaxTest = 300)]
    public Property PutAndGet_RandomProcesses_LevelStaysWithinBoundsAndMaterialIsConserved() =>
        Prop.ForAll(WorkloadGen.ToArbitrary(), workload =>
        {
            var sim = new Simulation();
            var yard = new Container(sim, workload.Capacity, workload.InitialLevel, "yard");
            double added = 0;
            double removed = 0;

            void CheckBounds() => Assert.InRange(yard.Level, 0, workload.Capacity);

            foreach (Step[] steps in workload.Processes)
            {
                sim.Start(async p =>
                {
                    foreach (Step step in steps)
                    {
                        switch (step.Kind)
                        {
                            case StepKind.Put:
                                await p.Put(yard, step.Amount);
                                added += step.Amount;
                                break;
                            case StepKind.Get:
                                await p.Get(yard, step.Amount);
                                removed += step.Amount;
                                break;
                            case StepKind.Wait:
                                await p.Delay(SimDuration.FromMinutes(step.Minutes));
                                break;
                            case StepKind.TryPut:
                                added += yard.TryPut(step.Amount) ? step.Amount : 0;
                                break;
                            case StepKind.TryGet:
                                removed += yard.TryGet(step.Amount) ? step.Amount : 0;
                                break;
                        }

                        CheckBounds();
                    }
                });
            }

            sim.Run(); // processes still blocked at the end simply never complete their step

            CheckBounds();
            Assert.InRange(yard.MaxLevel, 0, workload.Capacity);
            Assert.Equal(workload.InitialLevel + added - removed, yard.Level);
        });

    // ---- FIFO --------------------------------------------------------------------------------------------

    [Fact]
    public void Get_BlockedHead_BlocksSmallerGetsBehindIt()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100);
        var served = new List<string>();

        foreach ((string name, double amount) in new[] { ("big", 5.0), ("small-1", 1.0), ("small-2", 1.0) })
        {
            sim.Start(async p =>
            {
                await p.Get(tank, amount);
                served.Add($"{name}@{p.Now}");
            });
        }

        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            Assert.True(tank.TryPut(3)); // enough for the small ones, not for the head
            Assert.Equal(3, tank.WaitingGets);
            await p.Delay(Hours(1));
            Assert.True(tank.TryPut(4)); // 7: the head takes 5, then 1 and 1
        });

        sim.Run();

        Assert.Equal(["big@t=2h", "small-1@t=2h", "small-2@t=2h"], served);
        Assert.Equal(0, tank.Level);
    }

    [Fact]
    public void Put_BlockedHead_BlocksSmallerPutsBehindIt()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10, initialLevel: 10);
        var served = new List<string>();

        foreach ((string name, double amount) in new[] { ("big", 6.0), ("small", 1.0) })
        {
            sim.Start(async p =>
            {
                await p.Put(tank, amount);
                served.Add($"{name}@{p.Now}");
            });
        }

        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            Assert.True(tank.TryGet(2)); // room for the small one only
            Assert.Equal(2, tank.WaitingPuts);
            await p.Delay(Hours(1));
            Assert.True(tank.TryGet(5)); // level 3: the big one fits (9), then the small one (10)
        });

        sim.Run();

        Assert.Equal(["big@t=2h", "small@t=2h"], served);
        Assert.Equal(10, tank.Level);
    }

    [Fact]
    public void PutAndGet_WaitingOnEachOther_ServeAlternately()
    {
        // A producer puts 4 every hour into a 10-ton bin; a consumer takes 6 at a time.
        var sim = new Simulation();
        var bin = new Container(sim, capacity: 10);
        var takes = new List<SimTime>();

        sim.Start(async p =>
        {
            for (int i = 0; i < 6; i++)
            {
                await p.Delay(Hours(1));
                await p.Put(bin, 4);
            }
        });
        sim.Start(async p =>
        {
            for (int i = 0; i < 4; i++)
            {
                await p.Get(bin, 6);
                takes.Add(p.Now);
            }
        });

        sim.Run();

        // Level after each put: 4, 8→2, 6→0, 4, 8→2, 6→0.
        Assert.Equal([SimTime.FromHours(2), SimTime.FromHours(3), SimTime.FromHours(5), SimTime.FromHours(6)], takes);
        Assert.Equal(0, bin.Level);
    }

    // ---- level watchers ----------------------------------------------------------------------------------

    [Fact]
    public void WaitUntilAtLeast_ResumesWhenTheLevelReachesTheThresholdWithoutTakingAnything()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100);
        SimTime reachedAt = default;

        sim.Start(async p =>
        {
            await p.WaitUntilAtLeast(tank, 30);
            reachedAt = p.Now;
        });
        sim.Start(async p =>
        {
            for (int i = 0; i < 5; i++)
            {
                await p.Delay(Hours(1));
                await p.Put(tank, 10);
            }
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(3), reachedAt);
        Assert.Equal(50, tank.Level);
    }

    [Fact]
    public void WaitUntilAtMost_ResumesWhenTheLevelFallsToTheThreshold()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100, initialLevel: 50);
        SimTime reachedAt = default;

        sim.Start(async p =>
        {
            await p.WaitUntilAtMost(tank, 20);
            reachedAt = p.Now;
        });
        sim.Start(async p =>
        {
            for (int i = 0; i < 5; i++)
            {
                await p.Delay(Hours(1));
                await p.Get(tank, 10);
            }
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(3), reachedAt);
    }

    [Fact]
    public void WaitUntil_ConditionAlreadyTrue_CompletesAtOnce()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100, initialLevel: 40);
        var at = new List<SimTime>();

        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            await p.WaitUntilAtLeast(tank, 40);
            at.Add(p.Now);
            await p.WaitUntilAtMost(tank, 40);
            at.Add(p.Now);
        });

        sim.Run();

        Assert.Equal([SimTime.FromHours(1), SimTime.FromHours(1)], at);
    }

    [Fact]
    public void WaitUntilAtLeast_Interrupted_LeavesTheWatchList()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100);
        int resumes = 0;

        SimProcess watcher = sim.Start(async p =>
        {
            try
            {
                await p.WaitUntilAtLeast(tank, 10);
            }
            catch (ProcessInterruptedException)
            {
                // Gave up.
            }

            resumes++;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            watcher.Interrupt();
            await p.Delay(Hours(1));
            await p.Put(tank, 20); // must not wake the watcher again
        });

        sim.Run();

        Assert.Equal(1, resumes);
    }

    // ---- TryPut / TryGet -----------------------------------------------------------------------------------

    [Fact]
    public void TryPut_FitsOrNot_AddsOnlyWhatFits()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10, initialLevel: 4);

        Assert.True(tank.TryPut(6));
        Assert.Equal(10, tank.Level);
        Assert.False(tank.TryPut(0.5));
        Assert.Equal(10, tank.Level);
    }

    [Fact]
    public void TryGet_ThereOrNot_RemovesOnlyWhatIsThere()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10, initialLevel: 4);

        Assert.False(tank.TryGet(5));
        Assert.Equal(4, tank.Level);
        Assert.True(tank.TryGet(4));
        Assert.Equal(0, tank.Level);
    }

    [Fact]
    public void TryPut_WhileAPutWaits_RefusesSoAsNotToOvertake()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10, initialLevel: 8);
        bool? tried = null;

        sim.Start(async p => await p.Put(tank, 5));
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            tried = tank.TryPut(1); // would fit, but the waiting put is first
        });

        sim.Run();

        Assert.False(tried);
        Assert.Equal(1, tank.WaitingPuts);
    }

    [Fact]
    public void TryGet_WhileAGetWaits_RefusesSoAsNotToOvertake()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10, initialLevel: 2);
        bool? tried = null;

        sim.Start(async p => await p.Get(tank, 5));
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            tried = tank.TryGet(1);
        });

        sim.Run();

        Assert.False(tried);
        Assert.Equal(2, tank.Level);
    }

    [Fact]
    public void TryPut_ServesWaitingGets()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10);
        SimTime servedAt = default;

        sim.Start(async p =>
        {
            await p.Get(tank, 3);
            servedAt = p.Now;
        });
        sim.Schedule(Hours(2), static (_, t) => Assert.True(t.TryPut(5)), tank);

        sim.Run();

        Assert.Equal(SimTime.FromHours(2), servedAt);
        Assert.Equal(2, tank.Level);
    }

    // ---- capacity and validation ------------------------------------------------------------------------

    [Fact]
    public void SetCapacity_Up_LetsWaitingPutsProceed()
    {
        var sim = new Simulation();
        var yard = new Container(sim, capacity: 10, initialLevel: 10);
        SimTime putAt = default;

        sim.Start(async p =>
        {
            await p.Put(yard, 5);
            putAt = p.Now;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(24));
            yard.SetCapacity(20); // the yard extension opens
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(24), putAt);
        Assert.Equal(15, yard.Level);
        Assert.Equal(20, yard.Capacity);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(4.0)] // below the level 5
    public void SetCapacity_NotPositiveOrBelowLevel_Throws(double capacity)
    {
        var yard = new Container(new Simulation(), capacity: 10, initialLevel: 5);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => yard.SetCapacity(capacity));

        Assert.Equal("capacity", ex.ParamName);
        Assert.Equal(10, yard.Capacity);
    }

    [Fact]
    public void Constructor_InvalidArguments_ThrowNamingThem()
    {
        var sim = new Simulation();

        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new Container(sim, 0)).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new Container(sim, double.NaN)).ParamName);
        Assert.Equal("initialLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new Container(sim, 10, 11)).ParamName);
        Assert.Equal("initialLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new Container(sim, 10, -1)).ParamName);
        Assert.Equal("initialLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new Container(sim, double.PositiveInfinity, double.PositiveInfinity)).ParamName);
        Assert.Equal(double.PositiveInfinity, new Container(sim, double.PositiveInfinity).Capacity);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TryPutAndTryGet_InvalidAmount_ThrowNamingAmount(double amount)
    {
        var tank = new Container(new Simulation(), capacity: 10);

        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => tank.TryPut(amount)).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => tank.TryGet(amount)).ParamName);
    }

    [Fact]
    public void Put_AmountAboveCapacity_ThrowsBecauseItCouldNeverFit()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10);
        Exception? error = null;

        sim.Start(async p =>
        {
            error = Record.Exception(() => p.Put(tank, 11));
            await p.Delay(SimDuration.Zero);
        });
        sim.Run();

        Assert.Equal("amount", Assert.IsType<ArgumentOutOfRangeException>(error).ParamName);
    }

    [Fact]
    public void MeanLevel_HandComputed_IsTheTimeAverage()
    {
        // 0 on [0,2), 10 on [2,6), 4 on [6,8): (0 + 40 + 8) / 8 = 6.
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 10);
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            await p.Put(tank, 10);
            await p.Delay(Hours(4));
            await p.Get(tank, 6);
            await p.Delay(Hours(2));
        });

        sim.Run();

        Assert.Equal(6, tank.MeanLevel, 12);
        Assert.Equal(10, tank.MaxLevel);
    }

    [Fact]
    public void ContainerGet_AmountAboveCapacity_ThrowsInsteadOfWaitingForever()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100, name: "tank");
        Exception? caught = null;
        sim.Start(async p =>
        {
            try
            {
                await p.Get(tank, 150);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                caught = ex;
            }
        });
        sim.Run();
        Assert.IsType<ArgumentOutOfRangeException>(caught);
        Assert.Contains("tank", caught!.Message, StringComparison.Ordinal);
    }
}
