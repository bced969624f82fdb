using System.Text.Json.Nodes;

namespace CorridorSim.Tests.Corridor.Loading;

/// <summary>Every value of a scenario tree, and the tree with one of them replaced or removed.</summary>
internal static class ScenarioMutations
{
    /// <summary>Every value in the tree, as the keys and indices leading to it.</summary>
    public static IEnumerable<List<object>> Locations(JsonNode? node, List<object>? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case JsonObject o:
                foreach (KeyValuePair<string, JsonNode?> kv in o)
                {
                    List<object> here = [.. prefix, kv.Key];
                    yield return here;
                    foreach (List<object> below in Locations(kv.Value, here))
                    {
                        yield return below;
                    }
                }

                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    List<object> here = [.. prefix, i];
                    yield return here;
                    foreach (List<object> below in Locations(a[i], here))
                    {
                        yield return below;
                    }
                }

                break;
            default:
                break;
        }
    }

    public static JsonNode Mutate(JsonNode original, List<object> location, JsonNode? replacement, bool remove)
    {
        JsonNode doc = original.DeepClone();
        JsonNode parent = doc;
        for (int i = 0; i < location.Count - 1; i++)
        {
            parent = location[i] is string key ? parent[key]! : parent[(int)location[i]]!;
        }

        object last = location[^1];
        if (parent is JsonObject o)
        {
            if (remove)
            {
                o.Remove((string)last);
            }
            else
            {
                o[(string)last] = replacement;
            }
        }
        else if (parent is JsonArray a)
        {
            if (remove)
            {
                a.RemoveAt((int)last);
            }
            else
            {
                a[(int)last] = replacement;
            }
        }

        return doc;
    }
}
