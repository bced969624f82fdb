using System.Text.Json;
using System.Text.Json.Nodes;

namespace CorridorSim.Corridor;

/// <summary>Reads JSON text into a <see cref="JsonNode"/> tree with the loader's syntax rules (a repeated field is reported with its path, not thrown).</summary>
internal static class JsonTree
{
    // JsonNode.Parse throws on a repeated field; JsonDocument keeps both, so the repeat can be reported with its path.
    public static JsonNode? ToNode(JsonElement e, string path, List<ScenarioLoader.Issue> issues)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new JsonObject();
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    string child = Paths.Child(path, p.Name);
                    JsonNode? value = ToNode(p.Value, child, issues);
                    if (o.ContainsKey(p.Name))
                    {
                        issues.Add(new(child, $"duplicate field '{p.Name}'; expected each field once."));
                        o[p.Name] = value;
                    }
                    else
                    {
                        o.Add(p.Name, value);
                    }
                }

                return o;
            case JsonValueKind.Array:
                var a = new JsonArray();
                int i = 0;
                foreach (JsonElement item in e.EnumerateArray())
                {
                    a.Add(ToNode(item, Paths.Index(path, i++), issues));
                }

                return a;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            default:
                return JsonValue.Create(e);
        }
    }
}
