using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// Checks summary.json text against the embedded summary schema (<see cref="SummaryWriter.GetJsonSchema"/>) with the
/// scenario loader's schema interpreter, so the CLI can check its own output without a second JSON Schema library.
/// </summary>
internal static class SummarySchema
{
    // Keywords that hold one subschema, a map of subschemas, or an array of subschemas.
    private static readonly string[] SchemaValued = ["items", "additionalProperties", "propertyNames"];
    private static readonly string[] SchemaMaps = ["properties", "$defs"];
    private static readonly string[] SchemaArrays = ["prefixItems", "oneOf", "anyOf"];

    // Built once; a JsonElement is immutable, so sharing it across threads is safe.
    private static readonly Lazy<JsonElement> Root = new(() => Prepare(SummaryWriter.GetJsonSchema()));

    /// <summary>
    /// Validates <paramref name="json"/> as summary.json: strict JSON syntax (no comments, no trailing commas), each
    /// field once, then the schema.
    /// </summary>
    /// <param name="json">The text of summary.json.</param>
    /// <returns>Every error as <c>JSON path: message</c>; empty when the text conforms.</returns>
    /// <exception cref="InvalidOperationException">The embedded schema uses a keyword the interpreter does not check (a build error).</exception>
    internal static IReadOnlyList<string> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // The loader's reader below tolerates comments and trailing commas, which a scenario may have and our output must not.
            using JsonDocument strict = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return [$"$: invalid JSON: {ex.Message}"];
        }

        JsonNode? document;
        try
        {
            // The loader's reader reports a repeated field with its path.
            document = ScenarioLoader.ParseDocument(json, "summary.json");
        }
        catch (ScenarioException ex)
        {
            return [.. ex.Errors.Select(e => $"{e.Path}: {e.Message}")];
        }

        JsonElement root = Root.Value;
        var issues = new List<ScenarioLoader.Issue>();
        new SchemaInterpreter(root).Validate(document, root, "$", issues, isKey: false);
        return [.. issues.Select(i => $"{i.Path}: {i.Message}")];
    }

    /// <summary>
    /// The schema as the interpreter reads it: <c>const</c> (which it does not know) rewritten as the equivalent
    /// one-value <c>enum</c>, and any other unknown keyword refused, so that no part of the schema is silently skipped.
    /// </summary>
    internal static JsonElement Prepare(string schemaJson)
    {
        JsonNode schema = JsonNode.Parse(schemaJson) ?? throw new InvalidOperationException("The summary schema is the JSON literal null.");
        Rewrite(schema, "#");
        using JsonDocument document = JsonDocument.Parse(schema.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void Rewrite(JsonNode? schema, string where)
    {
        if (schema is not JsonObject o)
        {
            // true/false schemas are understood as they are.
            return;
        }

        if (o.TryGetPropertyValue("const", out JsonNode? value))
        {
            if (o.ContainsKey("enum"))
            {
                throw new InvalidOperationException($"The summary schema at {where} has both const and enum.");
            }

            o.Remove("const");
            o["enum"] = new JsonArray(value?.DeepClone());
        }

        foreach (KeyValuePair<string, JsonNode?> keyword in o.ToList())
        {
            if (!SchemaInterpreter.Keywords.Contains(keyword.Key))
            {
                throw new InvalidOperationException($"The summary schema at {where} uses '{keyword.Key}', which the schema interpreter does not check.");
            }

            string at = where + "/" + keyword.Key;
            if (SchemaValued.Contains(keyword.Key))
            {
                Rewrite(keyword.Value, at);
            }
            else if (SchemaMaps.Contains(keyword.Key) && keyword.Value is JsonObject map)
            {
                foreach (KeyValuePair<string, JsonNode?> entry in map.ToList())
                {
                    Rewrite(entry.Value, at + "/" + entry.Key);
                }
            }
            else if (SchemaArrays.Contains(keyword.Key) && keyword.Value is JsonArray list)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    Rewrite(list[i], at + "/" + i.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
