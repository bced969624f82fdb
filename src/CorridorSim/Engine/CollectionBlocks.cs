namespace CorridorSim.Engine;

/// <summary>Adding a block of items to a collection.</summary>
internal static class CollectionBlocks
{
    /// <summary>Adds <paramref name="items"/> in order; a list (or a type derived from one) takes them as one block copy.</summary>
    public static void AddAll<T>(this ICollection<T> into, ReadOnlySpan<T> items)
    {
        if (into is List<T> list)
        {
            list.AddRange(items);
            return;
        }

        foreach (T item in items)
        {
            into.Add(item);
        }
    }
}
