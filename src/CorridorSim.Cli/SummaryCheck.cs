using System.Globalization;
using System.Text.Json;
using CorridorSim.Experiments;
using Json.Schema;

namespace CorridorSim.Cli;

/// <summary>
/// Checks summary.json text against the schema the library ships (<see cref="SummaryWriter.GetJsonSchema"/>) with
/// JsonSchema.Net: strict JSON syntax, each field once, then the schema, every error as <c>JSON path: message</c>.
/// </summary>
internal static class SummaryCheck
{
    // Built once: JsonSchema.Net registers a schema under its $id, and this registry of our own keeps it from
    // clashing with any other instance built in the same process.
    private static readonly Lazy<(JsonSchema Schema, JsonDocument Document)> Reference = new(() =>
    {
        string text = SummaryWriter.GetJsonSchema();
        return (JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), JsonDocument.Parse(text));
    });

    /// <summary>
    /// Validates <paramref name="json"/> as summary.json: strict JSON syntax (no comments, no trailing commas), each
    /// field once, then the schema.
    /// </summary>
    /// <param name="json">The text of summary.json.</param>
    /// <returns>Every error as <c>JSON path: message</c>; empty when the text conforms.</returns>
    public static IReadOnlyList<string> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            // The default options refuse comments and trailing commas, which our output must not have.
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return [$"$: invalid JSON: {ex.Message}"];
        }

        using (document)
        {
            var errors = new List<string>();
            Duplicates(document.RootElement, "$", errors);
            if (errors.Count > 0)
            {
                return errors;
            }

            (JsonSchema schema, JsonDocument schemaDocument) = Reference.Value;
            EvaluationResults results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
            if (!results.IsValid)
            {
                new Messages(document.RootElement, schemaDocument.RootElement).Collect(results, null, errors);
            }

            return errors;
        }
    }

    /// <summary>A repeated field, which JsonDocument keeps (the last wins for lookups) and a reader of ours must not see.</summary>
    private static void Duplicates(JsonElement element, string path, List<string> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    string child = Child(path, p.Name);
                    if (!seen.Add(p.Name))
                    {
                        errors.Add($"{child}: duplicate field '{p.Name}'; expected each field once.");
                    }

                    Duplicates(p.Value, child, errors);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Duplicates(item, Index(path, i++), errors);
                }

                break;
            default:
                break;
        }
    }

    private static string Child(string path, string key)
    {
        bool simple = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
        return simple ? path + "." + key : path + "['" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }

    private static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Phrases JsonSchema.Net's results as the scenario loader phrases its errors: the path, what was found, what was expected.</summary>
    private sealed class Messages(JsonElement instance, JsonElement schema)
    {
        /// <summary>The errors of an invalid node and of its invalid descendants.</summary>
        public void Collect(EvaluationResults node, EvaluationResults? parent, List<string> errors)
        {
            string path = PathOf(node.InstanceLocation.ToString());
            JsonElement? value = Resolve(instance, node.InstanceLocation.ToString());
            foreach ((string keyword, string message) in node.Errors ?? new Dictionary<string, string>())
            {
                errors.AddRange(Phrase(node, parent, keyword, message, path, value));
            }

            List<EvaluationResults> failed = node.Details?.Where(d => !d.IsValid).ToList() ?? [];
            List<EvaluationResults> branches = failed.Where(IsOneOfBranch).ToList();
            if (branches.Count > 0)
            {
                // One message for the field: every form failed; the reason of each, in order.
                IEnumerable<string> reasons = branches.Select(b =>
                {
                    var inner = new List<string>();
                    Collect(b, node, inner);
                    return string.Join(", ", inner);
                });
                errors.Add($"{path}: found {Describe(value)}, expected exactly one of its {branches.Count} forms ({string.Join("; or ", reasons)}).");
            }

            foreach (EvaluationResults child in failed.Except(branches))
            {
                Collect(child, node, errors);
            }
        }

        private static bool IsOneOfBranch(EvaluationResults node)
        {
            string[] segments = node.EvaluationPath.ToString().Split('/');
            return segments.Length >= 2 && segments[^2] == "oneOf";
        }

        private IEnumerable<string> Phrase(EvaluationResults node, EvaluationResults? parent, string keyword, string message, string path, JsonElement? value)
        {
            string evaluation = node.EvaluationPath.ToString();
            if (evaluation.EndsWith("/additionalProperties", StringComparison.Ordinal) && parent is not null)
            {
                // The false schema of additionalProperties, reported at the unknown field; the parent holds the known ones.
                string field = Unescape(node.InstanceLocation.ToString().Split('/')[^1]);
                JsonElement? properties = Keyword(parent, "properties");
                string known = properties is { ValueKind: JsonValueKind.Object } p
                    ? "expected one of: " + string.Join(", ", p.EnumerateObject().Select(x => x.Name))
                    : "no fields are allowed here";
                yield return $"{path}: unknown field '{field}' ({known}).";
                yield break;
            }

            JsonElement? k = Keyword(node, keyword);
            switch (keyword)
            {
                case "const" when k is { } c:
                    yield return $"{path}: found {Describe(value)}, expected one of: {c.GetRawText()}.";
                    break;
                case "type" when k is { } t:
                    yield return $"{path}: found {Describe(value)}, expected {TypePhrase(t)}.";
                    break;
                case "minimum" when k is { } min:
                    yield return $"{path}: found {Describe(value)}, expected {Numeric(node)} at least {min.GetRawText()}.";
                    break;
                case "maximum" when k is { } max:
                    yield return $"{path}: found {Describe(value)}, expected {Numeric(node)} at most {max.GetRawText()}.";
                    break;
                case "minItems" when k is { } n:
                    yield return $"{path}: found {Describe(value)}, expected at least {n.GetRawText()} item(s).";
                    break;
                case "required" when k is { ValueKind: JsonValueKind.Array } names && value is { ValueKind: JsonValueKind.Object } o:
                    foreach (string name in names.EnumerateArray().Select(x => x.GetString() ?? string.Empty))
                    {
                        if (!o.TryGetProperty(name, out _))
                        {
                            yield return $"{Child(path, name)}: missing required field '{name}'.";
                        }
                    }

                    break;
                default:
                    yield return $"{path}: {message}";
                    break;
            }
        }

        private string Numeric(EvaluationResults node) =>
            Keyword(node, "type") is { ValueKind: JsonValueKind.String } t && t.GetString() == "integer" ? "an integer" : "a number";

        /// <summary>The value of <paramref name="keyword"/> in the subschema a node evaluated; null when it cannot be found.</summary>
        private JsonElement? Keyword(EvaluationResults node, string keyword) =>
            Resolve(schema, Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#'))) is { ValueKind: JsonValueKind.Object } s
            && s.TryGetProperty(keyword, out JsonElement v) ? v : null;

        /// <summary>The JSON path (<c>$.years[0].bottleneck</c>) of a JSON pointer into the instance.</summary>
        private string PathOf(string pointer)
        {
            string path = "$";
            JsonElement? at = instance;
            foreach (string raw in pointer.Split('/').Skip(1))
            {
                string segment = Unescape(raw);
                if (at is { ValueKind: JsonValueKind.Array } a && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                {
                    path = Index(path, i);
                    at = i < a.GetArrayLength() ? a[i] : null;
                }
                else
                {
                    path = Child(path, segment);
                    at = at is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(segment, out JsonElement v) ? v : null;
                }
            }

            return path;
        }

        private static JsonElement? Resolve(JsonElement root, string pointer)
        {
            JsonElement at = root;
            foreach (string raw in pointer.Split('/').Skip(1))
            {
                string segment = Unescape(raw);
                if (at.ValueKind == JsonValueKind.Object && at.TryGetProperty(segment, out JsonElement v))
                {
                    at = v;
                }
                else if (at.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < at.GetArrayLength())
                {
                    at = at[i];
                }
                else
                {
                    return null;
                }
            }

            return at;
        }

        private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

        /// <summary>How a found value reads: <c>a string "ten"</c>, <c>-2</c>, <c>an array of 3 items</c>.</summary>
        private static string Describe(JsonElement? value) => value switch
        {
            null => "nothing",
            { ValueKind: JsonValueKind.Null } => "null",
            { ValueKind: JsonValueKind.True } => "true",
            { ValueKind: JsonValueKind.False } => "false",
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } text ? "a string " + JsonSerializer.Serialize(text) : "an empty string",
            { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() switch
            {
                0 => "an empty array",
                1 => "an array of 1 item",
                int n => "an array of " + n.ToString(CultureInfo.InvariantCulture) + " items",
            },
            { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Any() ? "an object" : "an empty object",
            _ => "a value",
        };

        private static string TypePhrase(JsonElement type) => type.ValueKind == JsonValueKind.Array
            ? string.Join(" or ", type.EnumerateArray().Select(TypePhrase))
            : type.GetString() switch
            {
                "integer" => "an integer",
                "array" => "an array",
                "object" => "an object",
                "null" => "null",
                { } other => "a " + other,
                null => "a value",
            };
    }
}
