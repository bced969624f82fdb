namespace CorridorSim.Engine;

/// <summary>A wait source with a deadline (batch service).</summary>
internal interface IBatchWaitSource : IWaitSource
{
    void OnBatchDeadline(SimProcess process);
}
