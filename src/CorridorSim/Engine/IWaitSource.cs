namespace CorridorSim.Engine;

/// <summary>Something a process can be queued on; it takes the process out when the process is interrupted.</summary>
internal interface IWaitSource
{
    /// <summary>Forgets the waiting process, or gives back what was granted to it but not yet delivered.</summary>
    void CancelWait(SimProcess process);

    /// <summary>
    /// Called when the process resumes from a completed wait on this source, just before its await returns: the
    /// last moment an interrupt could have given back what was granted. Nothing to do for most sources.
    /// </summary>
    void OnResumed(SimProcess process)
    {
    }
}
