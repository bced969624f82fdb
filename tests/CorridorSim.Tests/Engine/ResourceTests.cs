using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

public class ResourceTests
{
    private static SimDuration Hours(double h) => SimDuration.FromHours(h);

    // ---- random workloads ----------------------------------------------------------------------------

    /// <summary>One customer: arrives, requests one unit, holds it, releases it.</summary>
    public readonly record struct Job(int ArrivalMinutes, int HoldMinutes, int Priority, bool Preempt);

    public readonly record struct Workload(int Capacity, Job[] Jobs)
    {
        public override string ToString() =>
            $"capacity {Capacity}; jobs (arrival min, hold min, priority, preempt): " +
            string.Join(" ", Jobs.Select(j => $"({j.ArrivalMinutes},{j.HoldMinutes},{j.Priority}{(j.Preempt ? ",P" : "")})"));
    }

    private static Gen<Workload> WorkloadGen(int maxPriority, int preemptPercent) =>
        from capacity in Gen.Choose(1, 5)
        from count in Gen.Choose(1, 60)
        from jobs in JobGen(maxPriority, preemptPercent).ArrayOf(count)
        select new Workload(capacity, jobs);

    private static Gen<Job> JobGen(int maxPriority, int preemptPercent) =>
        from arrival in Gen.Frequency(
            (1, Gen.Choose(0, 4).Select(h => h * 60)), // bursts of equal arrival times
            (3, Gen.Choose(0, 600)))
        from hold in Gen.Frequency(
            (1, Gen.Constant(0)),
            (5, Gen.Choose(1, 300)))
        from priority in Gen.Choose(0, maxPriority)
        from preempt in Gen.Choose(1, 100).Select(x => x <= preemptPercent)
        select new Job(arrival, hold, priority, preempt);

    /// <summary>
    /// The specification of a priority resource without preemption: a request is granted at once when a unit is
    /// free and nobody waits; otherwise it waits, and each release grants the waiter first by (priority, arrival).
    /// </summary>
    private sealed class ResourceModel(int capacity)
    {
        private readonly SortedSet<(int Priority, long Arrival, int Job)> _queue = [];
        private long _arrivals;

        public int InUse { get; private set; }

        public int QueueLength => _queue.Count;

        public List<int> Grants { get; } = [];

        public bool Request(int job, int priority)
        {
            if (_queue.Count == 0 && InUse < capacity)
            {
                InUse++;
                Grants.Add(job);
                return true;
            }

            _queue.Add((priority, _arrivals++, job));
            return false;
        }

        public void Release()
        {
            InUse--;
            while (_queue.Count > 0 && InUse < capacity)
            {
                (int Priority, long Arrival, int Job) first = _queue.Min;
                _queue.Remove(first);
                InUse++;
                Grants.Add(first.Job);
            }
        }
    }

    /// <summary>Runs the workload; returns the jobs in the order their units were granted (by grant id) and in request order.</summary>
    private static (List<int> GrantOrder, List<int> RequestOrder, ResourceModel Model, Resource Resource) RunWorkload(Workload workload)
    {
        var sim = new Simulation();
        var resource = new Resource(sim, workload.Capacity, "quay");
        var model = new ResourceModel(workload.Capacity);
        var grantIds = new long[workload.Jobs.Length];
        var requestOrder = new List<int>();

        void CheckAgainstModel()
        {
            Assert.Equal(model.InUse, resource.InUse);
            Assert.Equal(model.QueueLength, resource.QueueLength);
            Assert.InRange(resource.InUse, 0, workload.Capacity);
        }

        for (int j = 0; j < workload.Jobs.Length; j++)
        {
            int job = j;
            Job spec = workload.Jobs[j];
            sim.Start(async p =>
            {
                await p.Delay(SimDuration.FromMinutes(spec.ArrivalMinutes));
                requestOrder.Add(job);
                bool immediate = model.Request(job, spec.Priority);
                RequestAwaitable request = p.Request(resource, spec.Priority);
                Assert.Equal(immediate, request.IsCompleted);
                CheckAgainstModel();

                ResourceLease lease = await request;
                grantIds[job] = lease.GrantId;
                CheckAgainstModel();
                await p.Delay(SimDuration.FromMinutes(spec.HoldMinutes));

                lease.Dispose();
                model.Release();
                CheckAgainstModel();
            }, $"job-{job}");
        }

        sim.Run();

        List<int> grantOrder = [.. Enumerable.Range(0, grantIds.Length).OrderBy(j => grantIds[j])];
        return (grantOrder, requestOrder, model, resource);
    }

    [Property(MaxTest = 200)]
    public Property Request_RandomPriorityWorkload_GrantsInModelOrderAndNeverExceedsCapacity() =>
        Prop.ForAll(WorkloadGen(maxPriority: 3, preemptPercent: 0).ToArbitrary(), workload =>
        {
            (List<int> grantOrder, _, ResourceModel model, Resource resource) = RunWorkload(workload);

            Assert.Equal(model.Grants, grantOrder);
            Assert.Equal(0, resource.InUse);
            Assert.Equal(0, resource.QueueLength);
            Assert.Equal(workload.Jobs.Length, resource.WaitHours.Count);
        });

    [Property(MaxTest = 200)]
    public Property Request_EqualPriorities_GrantOrderEqualsRequestOrder() =>
        Prop.ForAll(WorkloadGen(maxPriority: 0, preemptPercent: 0).ToArbitrary(), workload =>
        {
            (List<int> grantOrder, List<int> requestOrder, _, _) = RunWorkload(workload);

            Assert.Equal(requestOrder, grantOrder);
        });

    [Property(MaxTest = 200)]
    public Property Request_RandomPreemptingWorkload_NeverExceedsCapacityAndReturnsEveryUnit() =>
        Prop.ForAll(WorkloadGen(maxPriority: 4, preemptPercent: 30).ToArbitrary(), workload =>
        {
            var sim = new Simulation();
            var resource = new Resource(sim, workload.Capacity, "quay");
            int preempted = 0;
            int finished = 0;

            void Check() => Assert.InRange(resource.InUse, 0, workload.Capacity);

            for (int j = 0; j < workload.Jobs.Length; j++)
            {
                int job = j;
                Job spec = workload.Jobs[j];
                sim.Start(async p =>
                {
                    await p.Delay(SimDuration.FromMinutes(spec.ArrivalMinutes));
                    try
                    {
                        using ResourceLease lease = await p.Request(resource, spec.Priority, spec.Preempt);
                        Check();
                        await p.Delay(SimDuration.FromMinutes(spec.HoldMinutes));
                        finished++;
                    }
                    catch (PreemptedException ex)
                    {
                        Assert.Same(resource, ex.Resource);
                        preempted++;
                    }

                    Check();
                }, $"job-{job}");
            }

            sim.Run();

            Assert.Equal(workload.Jobs.Length, finished + preempted);
            Assert.Equal(0, resource.InUse);
            Assert.Equal(0, resource.QueueLength);
        });

    // ---- priority and preemption, by hand ---------------------------------------------------------------

    [Fact]
    public void Request_WaitersOfDifferentPriorities_ServedByPriorityThenArrival()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        var served = new List<string>();

        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(berth);
            await p.Delay(Hours(10));
        });
        (string Name, int Priority)[] waiters = [("low-a", 5), ("high-a", 1), ("low-b", 5), ("high-b", 1), ("mid", 3)];
        for (int i = 0; i < waiters.Length; i++)
        {
            (string name, int priority) = waiters[i];
            int arrival = i + 1;
            sim.Start(async p =>
            {
                await p.Delay(Hours(arrival));
                using ResourceLease lease = await p.Request(berth, priority);
                served.Add(name);
                await p.Delay(Hours(1));
            });
        }

        sim.Run();

        Assert.Equal(["high-a", "high-b", "mid", "low-a", "low-b"], served);
    }

    [Fact]
    public void Request_PreemptingHigherPriority_TakesTheUnitOfTheWorstHolder()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 2, name: "berth");
        var log = new List<string>();

        foreach ((string name, int priority) in new[] { ("tanker", 3), ("barge", 7) })
        {
            sim.Start(async p =>
            {
                try
                {
                    using ResourceLease lease = await p.Request(berth, priority);
                    await p.Delay(Hours(10));
                    log.Add($"{name} done at {p.Now}");
                }
                catch (PreemptedException ex)
                {
                    log.Add($"{name} preempted at {p.Now} from {ex.Resource!.Name}");
                }
            }, name);
        }

        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            RequestAwaitable request = p.Request(berth, priority: 0, preempt: true);
            Assert.True(request.IsCompleted); // granted at once, the barge's unit taken
            using ResourceLease lease = await request;
            log.Add($"ambulance ship served at {p.Now}");
            Assert.Equal(2, berth.InUse);
            await p.Delay(Hours(1));
        }, "ambulance ship");

        sim.Run();

        Assert.Equal(["ambulance ship served at t=2h", "barge preempted at t=2h from berth", "tanker done at t=10h"], log);
        Assert.Equal(0, berth.InUse);
    }

    [Fact]
    public void Dispose_PreemptedLease_IsANoOp()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        ResourceLease stale = default;
        int inUseAfterStaleDispose = -1;

        SimProcess victim = sim.Start(async p =>
        {
            stale = await p.Request(berth, priority: 5);
            try
            {
                await p.Delay(Hours(10));
            }
            catch (PreemptedException)
            {
                stale.Dispose(); // the unit is the preempter's now; this must not release it
                inUseAfterStaleDispose = berth.InUse;
            }
        }, "victim");
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            using ResourceLease lease = await p.Request(berth, priority: 0, preempt: true);
            await p.Delay(Hours(5));
            Assert.Equal(1, berth.InUse);
        }, "preempter");

        sim.Run();

        Assert.Equal(1, inUseAfterStaleDispose);
        Assert.Equal(0, berth.InUse);
        Assert.True(victim.IsCompleted);
    }

    [Fact]
    public void Request_PreemptWithoutAWorseHolder_WaitsInTheQueue()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        SimTime servedAt = default;
        bool holderFinished = false;

        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(berth, priority: 2);
            await p.Delay(Hours(4));
            holderFinished = true;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            using ResourceLease lease = await p.Request(berth, priority: 2, preempt: true); // equal, not better
            servedAt = p.Now;
        });

        sim.Run();

        Assert.True(holderFinished);
        Assert.Equal(SimTime.FromHours(4), servedAt);
    }

    [Fact]
    public void Request_PreemptWhileLowerPriorityRequestsWait_StillPreempts()
    {
        // The preempting request is the most urgent one; less urgent waiters in the queue must not hold it back.
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        var log = new List<string>();

        sim.Start(async p =>
        {
            try
            {
                using ResourceLease lease = await p.Request(berth, priority: 5);
                await p.Delay(Hours(10));
                log.Add($"holder done at {p.Now}");
            }
            catch (PreemptedException)
            {
                log.Add($"holder preempted at {p.Now}");
            }
        }, "holder");
        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            using ResourceLease lease = await p.Request(berth, priority: 5);
            log.Add($"waiter served at {p.Now}");
        }, "waiter");
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            using ResourceLease lease = await p.Request(berth, priority: 0, preempt: true);
            log.Add($"urgent served at {p.Now}");
            await p.Delay(Hours(1));
        }, "urgent");

        sim.Run();

        Assert.Equal(["urgent served at t=2h", "holder preempted at t=2h", "waiter served at t=3h"], log);
        Assert.Equal(0, berth.InUse);
    }

    // ---- release errors ------------------------------------------------------------------------------

    [Fact]
    public void Release_Twice_ThrowsInvalidOperation()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        Exception? second = null;

        sim.Start(async p =>
        {
            ResourceLease lease = await p.Request(berth);
            berth.Release(lease);
            second = Record.Exception(() => berth.Release(lease));
        });
        sim.Run();

        Assert.IsType<InvalidOperationException>(second);
        Assert.Equal(0, berth.InUse);
    }

    [Fact]
    public void Release_LeaseOfAnotherResource_ThrowsInvalidOperation()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1, name: "berth");
        var crane = new Resource(sim, capacity: 1, name: "crane");
        Exception? error = null;

        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(crane);
            error = Record.Exception(() => berth.Release(lease));
        });
        sim.Run();

        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(0, crane.InUse);
    }

    [Fact]
    public void Release_DefaultLease_ThrowsInvalidOperationButDisposingItIsHarmless()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);

        Assert.Throws<InvalidOperationException>(() => berth.Release(default));
        default(ResourceLease).Dispose();
    }

    [Fact]
    public void Constructor_NegativeCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resource(new Simulation(), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resource(new Simulation(), 1).SetCapacity(-1));
    }

    // ---- capacity changes ----------------------------------------------------------------------------

    [Fact]
    public void SetCapacity_Up_ServesTheQueueAtOnce()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        var servedAt = new List<SimTime>();

        for (int i = 0; i < 4; i++)
        {
            sim.Start(async p =>
            {
                using ResourceLease lease = await p.Request(berth);
                servedAt.Add(p.Now);
                await p.Delay(Hours(10));
            });
        }

        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            Assert.Equal(3, berth.QueueLength);
            berth.SetCapacity(3); // a second and third berth open
            Assert.Equal(3, berth.InUse);
            Assert.Equal(1, berth.QueueLength);
        });

        sim.Run();

        Assert.Equal([SimTime.Zero, SimTime.FromHours(2), SimTime.FromHours(2), SimTime.FromHours(10)], servedAt);
    }

    [Fact]
    public void SetCapacity_Down_EvictsNobodyAndTakesEffectOnRelease()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 3);
        var servedAt = new List<SimTime>();

        for (int i = 0; i < 3; i++)
        {
            int hold = i + 2; // holders leave at 2h, 3h, 4h
            sim.Start(async p =>
            {
                using ResourceLease lease = await p.Request(berth);
                await p.Delay(Hours(hold));
            });
        }

        sim.Start(async p =>
        {
            await p.Delay(Hours(1));
            berth.SetCapacity(1);
            Assert.Equal(3, berth.InUse); // nobody evicted
            using ResourceLease lease = await p.Request(berth);
            servedAt.Add(p.Now);
            await p.Delay(Hours(1));
        });

        sim.Run();

        Assert.Equal([SimTime.FromHours(4)], servedAt); // only when the last of the three had left
        Assert.Equal(1, berth.Capacity);
    }

    [Fact]
    public void SetCapacity_Zero_StopsServiceUntilReopened()
    {
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 0);
        SimTime servedAt = default;

        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(berth);
            servedAt = p.Now;
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(5));
            berth.SetCapacity(1);
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(5), servedAt);
    }

    // ---- statistics ------------------------------------------------------------------------------------

    [Fact]
    public void Statistics_HandComputedCase_UtilisationMeanInUseQueueAndWaits()
    {
        // Two berths. A arrives at 0 and holds 4h; B arrives at 0 and holds 2h; C arrives at 1h, waits until B
        // leaves at 2h and holds 3h (to 5h). Units in use: 2 on [0,4), 1 on [4,5): 9 unit-hours of 10 available.
        // Queue: 1 on [1,2): mean 0.2 over 5h. Waits: 0, 0, 1h.
        var sim = new Simulation();
        var berths = new Resource(sim, capacity: 2);
        foreach ((double arrival, double hold) in new[] { (0.0, 4.0), (0.0, 2.0), (1.0, 3.0) })
        {
            sim.Start(async p =>
            {
                await p.Delay(Hours(arrival));
                using ResourceLease lease = await p.Request(berths);
                await p.Delay(Hours(hold));
            });
        }

        sim.Run();

        Assert.Equal(SimTime.FromHours(5), sim.Now);
        Assert.Equal(0.9, berths.Utilization, 12);
        Assert.Equal(1.8, berths.MeanInUse, 12);
        Assert.Equal(0.2, berths.MeanQueueLength, 12);
        Assert.Equal(3, berths.WaitHours.Count);
        Assert.Equal(1.0 / 3, berths.WaitHours.Mean, 12);
        Assert.Equal(1.0, berths.WaitHours.Max);
    }

    [Fact]
    public void Statistics_CapacityChangedDuringRun_UtilisationUsesTimeAverageCapacity()
    {
        // One unit busy on [0,4); capacity 1 on [0,2) and 3 on [2,4): 4 unit-hours used of 1*2 + 3*2 = 8.
        var sim = new Simulation();
        var berths = new Resource(sim, capacity: 1);
        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(berths);
            await p.Delay(Hours(4));
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            berths.SetCapacity(3);
        });

        sim.Run();

        Assert.Equal(0.5, berths.Utilization, 12);
    }

    [Fact]
    public void ResetStatistics_AfterWarmUp_CountsOnlyTheRest()
    {
        // Busy on [0,6); reset at 2h; read at 10h: 4 busy hours of 8.
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(berth);
            await p.Delay(Hours(6));
        });
        sim.Start(async p =>
        {
            await p.Delay(Hours(2));
            berth.ResetStatistics();
            await p.Delay(Hours(8));
        });

        sim.Run();

        Assert.Equal(SimTime.FromHours(10), sim.Now);
        Assert.Equal(0.5, berth.Utilization, 12);
        Assert.Equal(0, berth.WaitHours.Count);
    }

    [Fact]
    public void Preempt_HolderGrantedButNotYetResumed_ThrowsAtItsAwait_AndLeavesNoStaleGrant()
    {
        // At 1 h the holder releases; the unit goes to the queued waiter, whose resumption is scheduled for later at
        // the same instant. A preempting request runs before it: the waiter loses a unit it never received.
        var sim = new Simulation();
        var berth = new Resource(sim, capacity: 1);
        Exception? waiterSaw = null;
        bool urgentServed = false;

        sim.Start(async p =>
        {
            using ResourceLease lease = await p.Request(berth, priority: 5);
            await p.Delay(SimDuration.FromHours(1));
        }, "holder");
        sim.Start(async p =>
        {
            await p.Delay(SimDuration.FromHours(1));
            using ResourceLease lease = await p.Request(berth, priority: 0, preempt: true);
            urgentServed = true;
            await p.Delay(SimDuration.FromHours(1));
        }, "urgent");
        sim.Start(async p =>
        {
            try
            {
                using ResourceLease lease = await p.Request(berth, priority: 5);
                await p.Delay(SimDuration.FromHours(10));
            }
            catch (PreemptedException ex)
            {
                waiterSaw = ex;
            }
        }, "waiter");

        sim.Run();

        Assert.True(urgentServed);
        Assert.IsType<PreemptedException>(waiterSaw);
        Assert.Equal(0, berth.InUse);
        Assert.Equal(0, berth.RevokedCount);
        Assert.Equal(SimTime.FromHours(2), sim.Now);
    }
}
