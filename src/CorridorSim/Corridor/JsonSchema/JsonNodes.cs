using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CorridorSim.Corridor;

/// <summary>What a JSON value is, read without throwing whatever the node holds.</summary>
internal enum NodeKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
    Unreadable,
}

/// <summary>Safe readers over <see cref="JsonNode"/>: a node built in code may hold any CLR value.</summary>
internal static class Nodes
{
    public static NodeKind Kind(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return NodeKind.Null;
            case JsonObject:
                return NodeKind.Object;
            case JsonArray:
                return NodeKind.Array;
            case JsonValue v:
                try
                {
                    return v.GetValueKind() switch
                    {
                        JsonValueKind.String => NodeKind.String,
                        JsonValueKind.Number => NodeKind.Number,
                        JsonValueKind.True or JsonValueKind.False => NodeKind.Boolean,
                        JsonValueKind.Null => NodeKind.Null,
                        _ => NodeKind.Unreadable,
                    };
                }
                catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or JsonException or FormatException)
                {
                    return NodeKind.Unreadable;
                }

            default:
                return NodeKind.Unreadable;
        }
    }

    public static bool TryString(JsonNode? node, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return node is JsonValue v && Kind(v) == NodeKind.String && v.TryGetValue(out value);
    }

    public static bool TryBoolean(JsonNode? node, out bool value)
    {
        value = false;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue(out JsonElement e))
        {
            value = e.ValueKind == JsonValueKind.True;
            return e.ValueKind is JsonValueKind.True or JsonValueKind.False;
        }

        return v.TryGetValue(out value);
    }

    /// <summary>Reads a number; it may be infinite or NaN (check with <see cref="double.IsFinite"/>).</summary>
    public static bool TryNumber(JsonNode? node, out double value)
    {
        value = double.NaN;
        if (node is not JsonValue v || Kind(v) != NodeKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out JsonElement e))
        {
            return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value);
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue(out decimal m))
        {
            value = (double)m;
            return true;
        }

        if (v.TryGetValue(out float f))
        {
            value = f;
            return true;
        }

        // Other numeric CLR types: their JSON text.
        string? text = RawText(v);
        return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value's JSON text, or null if it cannot be written as JSON (NaN, infinity, an unsupported type).</summary>
    public static string? RawText(JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue(out JsonElement e))
        {
            return e.GetRawText();
        }

        try
        {
            return node?.ToJsonString() ?? "null";
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or JsonException)
        {
            return null;
        }
    }

    public static bool IsWhole(double d) => double.IsFinite(d) && Math.Floor(d) == d;

    public static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        if (TryNumber(node, out double d) && IsWhole(d) && d >= int.MinValue && d <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }

        return false;
    }

    /// <summary>How a found value reads in a message: <c>a string "ten"</c>, <c>-2</c>, <c>an array of 3 items</c>.</summary>
    public static string Describe(JsonNode? node, bool isKey = false)
    {
        NodeKind kind = Kind(node);
        switch (kind)
        {
            case NodeKind.Null:
                return "null";
            case NodeKind.Boolean:
                return TryBoolean(node, out bool b) && b ? "true" : "false";
            case NodeKind.Number:
                return RawText(node) ?? (TryNumber(node, out double d) ? d.ToString("R", CultureInfo.InvariantCulture) : "a number");
            case NodeKind.String:
                TryString(node, out string? s);
                s ??= string.Empty;
                return isKey ? "the key " + Paths.Quote(s) : s.Length == 0 ? "an empty string" : "a string " + Paths.Quote(s);
            case NodeKind.Array:
                int n = ((JsonArray)node!).Count;
                return n == 0 ? "an empty array" : $"an array of {Items(n)}";
            case NodeKind.Object:
                int m = ((JsonObject)node!).Count;
                return m == 0 ? "an empty object" : "an object";
            default:
                return "a value that cannot be read as JSON";
        }
    }

    public static string Items(int n) => n == 1 ? "1 item" : $"{n.ToString(CultureInfo.InvariantCulture)} items";
}


/// <summary>Reads JSON text into a <see cref="JsonNode"/> tree with the loader's syntax rules, for the summary check.</summary>
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
