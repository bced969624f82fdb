namespace CorridorSim.Engine;

/// <summary>
/// What every simulation awaiter holds, as its only field: so that the <see cref="ProcessTask"/> builder reads the
/// awaiting process of any of them through this one type (see <see cref="ISimAwaiter"/>).
/// </summary>
internal readonly struct AwaiterCore
{
    public readonly SimProcess Process;
    public readonly bool Completed;
    public readonly bool ResultInValue;

    public AwaiterCore(SimProcess process, bool completed, bool resultInValue)
    {
        Process = process;
        Completed = completed;
        ResultInValue = resultInValue;
    }
}
