namespace CorridorSim.Engine;

/// <summary>
/// A lease on one unit of a <see cref="Resource"/>, returned by <see cref="SimProcess.Request"/>.
/// Disposing it releases the unit (use a <c>using</c> declaration, so an interrupt or exception releases it too).
/// </summary>
public readonly struct ResourceLease : IDisposable, IEquatable<ResourceLease>
{
    internal ResourceLease(Resource resource, long grantId)
    {
        Resource = resource;
        GrantId = grantId;
    }

    /// <summary>The resource the unit belongs to (null for the default lease).</summary>
    public Resource? Resource { get; }

    /// <summary>The grant's identifier, unique within its resource.</summary>
    public long GrantId { get; }

    /// <summary>Releases the unit; see <see cref="Resource.Release"/>.</summary>
    public void Dispose() => Resource?.Release(this);

    /// <inheritdoc />
    public bool Equals(ResourceLease other) => ReferenceEquals(Resource, other.Resource) && GrantId == other.GrantId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResourceLease other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => GrantId.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(ResourceLease a, ResourceLease b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ResourceLease a, ResourceLease b) => !a.Equals(b);
}
