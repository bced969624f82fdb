using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CorridorSim.Corridor;

/// <summary>
/// Kept for the summary check (Experiments/SummarySchema.cs), not used to load scenarios: the scenario loader binds
/// by its field tables (Loading/ScenarioBinder.cs).
/// </summary>
/// <remarks>
/// Validates a JSON tree against the subset of JSON Schema 2020-12 the scenario schema uses: <c>type</c>, <c>enum</c>,
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>propertyNames</c>, <c>minProperties</c>,
/// <c>maxProperties</c>, <c>items</c>, <c>prefixItems</c>, <c>minItems</c>, <c>maxItems</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>minLength</c>, <c>pattern</c>, local
/// <c>$ref</c>, <c>oneOf</c> and <c>anyOf</c>. <c>title</c> phrases what is expected in messages. Every error is
/// collected, with its JSON path.
/// </remarks>
internal sealed class SchemaInterpreter(JsonElement root)
{
    /// <summary>The keywords understood (validation) or tolerated (annotations); a test keeps the schema within them.</summary>
    public static readonly FrozenSet<string> Keywords = new[]
    {
        "$schema", "$id", "$ref", "$defs", "$comment", "title", "description",
        "type", "enum", "properties", "required", "additionalProperties", "propertyNames", "minProperties", "maxProperties",
        "items", "prefixItems", "minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "pattern", "oneOf", "anyOf",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public void Validate(JsonNode? node, JsonElement schema, string path, List<ScenarioLoader.Issue> errors, bool isKey)
    {
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new(path, $"found {Nodes.Describe(node, isKey)}, expected nothing here."));
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            int before = errors.Count;
            Validate(node, Resolve(reference.GetString()), path, errors, isKey);
            if (errors.Count > before)
            {
                return;
            }
        }

        string? title = schema.TryGetProperty("title", out JsonElement t) ? t.GetString() : null;
        NodeKind kind = Nodes.Kind(node);
        double number = double.NaN;
        if (kind == NodeKind.Number && (!Nodes.TryNumber(node, out number) || !double.IsFinite(number)))
        {
            errors.Add(new(path, $"found {Nodes.Describe(node)}, expected a finite number."));
            return;
        }

        if (kind == NodeKind.Unreadable)
        {
            errors.Add(new(path, $"found {Nodes.Describe(node)}, expected a JSON value."));
            return;
        }

        if (schema.TryGetProperty("type", out JsonElement type) && !TypeMatches(kind, number, type))
        {
            errors.Add(new(path, $"found {Nodes.Describe(node, isKey)}, expected {TypePhrase(type)}{(title is null ? string.Empty : $" ({title})")}."));
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement allowed) && !allowed.EnumerateArray().Any(a => EqualsJson(a, node, kind, number)))
        {
            string list = string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()));
            string hint = string.Empty;
            if (Nodes.TryString(node, out string? word) &&
                Paths.Suggest(word, allowed.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)) is { } close)
            {
                hint = $"; did you mean \"{close}\"?";
            }

            errors.Add(new(path, $"found {Nodes.Describe(node, isKey)}, expected one of: {list}{(hint.Length > 0 ? hint : ".")}"));
            return;
        }

        switch (kind)
        {
            case NodeKind.Number:
                CheckRange(node, number, schema, path, errors);
                break;
            case NodeKind.String:
                CheckString(node, schema, title, path, errors, isKey);
                break;
            case NodeKind.Array:
                CheckArray((JsonArray)node!, schema, title, path, errors);
                break;
            case NodeKind.Object:
                CheckObject((JsonObject)node!, schema, title, path, errors);
                break;
            default:
                break;
        }

        if (schema.TryGetProperty("oneOf", out JsonElement oneOf))
        {
            CheckAlternatives(node, kind, number, oneOf, exactlyOne: true, title, path, errors, isKey);
        }

        if (schema.TryGetProperty("anyOf", out JsonElement anyOf))
        {
            CheckAlternatives(node, kind, number, anyOf, exactlyOne: false, title, path, errors, isKey);
        }
    }

    private JsonElement Resolve(string? reference)
    {
        // Local references only ("#" or "#/$defs/name"): the schema is self-contained.
        if (reference is null || !reference.StartsWith('#'))
        {
            throw new InvalidOperationException($"The scenario schema has an unsupported $ref '{reference}'.");
        }

        JsonElement target = root;
        foreach (string raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(token, out target))
            {
                throw new InvalidOperationException($"The scenario schema's $ref '{reference}' points nowhere.");
            }
        }

        return target;
    }

    private static bool TypeMatches(NodeKind kind, double number, JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            return type.EnumerateArray().Any(t => TypeMatches(kind, number, t));
        }

        return type.GetString() switch
        {
            "null" => kind == NodeKind.Null,
            "boolean" => kind == NodeKind.Boolean,
            "number" => kind == NodeKind.Number,
            "integer" => kind == NodeKind.Number && Nodes.IsWhole(number),
            "string" => kind == NodeKind.String,
            "array" => kind == NodeKind.Array,
            "object" => kind == NodeKind.Object,
            _ => false,
        };
    }

    private static string TypePhrase(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            return string.Join(" or ", type.EnumerateArray().Select(TypePhrase));
        }

        return type.GetString() switch
        {
            "integer" => "an integer",
            "array" => "an array",
            "object" => "an object",
            "null" => "null",
            { } other => "a " + other,
            null => "a value",
        };
    }

    private bool SchemaTypeMatches(NodeKind kind, double number, JsonElement schema)
    {
        for (int depth = 0; depth < 32 && schema.ValueKind == JsonValueKind.Object; depth++)
        {
            if (schema.TryGetProperty("type", out JsonElement type))
            {
                return TypeMatches(kind, number, type);
            }

            if (!schema.TryGetProperty("$ref", out JsonElement r))
            {
                return true;
            }

            schema = Resolve(r.GetString());
        }

        return true;
    }

    private string AlternativesPhrase(JsonElement alternatives)
    {
        var phrases = new List<string>();
        foreach (JsonElement alt in alternatives.EnumerateArray())
        {
            JsonElement s = alt;
            for (int depth = 0; depth < 32 && s.ValueKind == JsonValueKind.Object && !s.TryGetProperty("type", out _) && s.TryGetProperty("$ref", out JsonElement r); depth++)
            {
                s = Resolve(r.GetString());
            }

            phrases.Add(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("type", out JsonElement type) ? TypePhrase(type) : "a value");
        }

        return string.Join(" or ", phrases.Distinct());
    }

    private static bool EqualsJson(JsonElement a, JsonNode? node, NodeKind kind, double number) =>
        a.ValueKind switch
        {
            JsonValueKind.String => kind == NodeKind.String && Nodes.TryString(node, out string? s) && s == a.GetString(),
            JsonValueKind.Number => kind == NodeKind.Number && a.TryGetDouble(out double d) && d == number,
            JsonValueKind.True => kind == NodeKind.Boolean && Nodes.TryBoolean(node, out bool t) && t,
            JsonValueKind.False => kind == NodeKind.Boolean && Nodes.TryBoolean(node, out bool f) && !f,
            JsonValueKind.Null => kind == NodeKind.Null,
            _ => false,
        };

    private static void CheckRange(JsonNode? node, double value, JsonElement schema, string path, List<ScenarioLoader.Issue> errors)
    {
        bool ok = true;
        string? low = null;
        string? high = null;
        bool lowExclusive = false;
        bool highExclusive = false;
        if (schema.TryGetProperty("minimum", out JsonElement min))
        {
            ok &= value >= min.GetDouble();
            low = min.GetRawText();
        }

        if (schema.TryGetProperty("exclusiveMinimum", out JsonElement xmin))
        {
            ok &= value > xmin.GetDouble();
            low = xmin.GetRawText();
            lowExclusive = true;
        }

        if (schema.TryGetProperty("maximum", out JsonElement max))
        {
            ok &= value <= max.GetDouble();
            high = max.GetRawText();
        }

        if (schema.TryGetProperty("exclusiveMaximum", out JsonElement xmax))
        {
            ok &= value < xmax.GetDouble();
            high = xmax.GetRawText();
            highExclusive = true;
        }

        if (ok)
        {
            return;
        }

        string range = (low, high) switch
        {
            ({ } l, { } h) when !lowExclusive && !highExclusive => $"within {l}..{h}",
            ({ } l, { } h) => $"within {(lowExclusive ? "(" : "[")}{l}, {h}{(highExclusive ? ")" : "]")}",
            ({ } l, null) => lowExclusive ? $"greater than {l}" : $"at least {l}",
            (null, { } h) => highExclusive ? $"less than {h}" : $"at most {h}",
            _ => "in range",
        };
        bool integer = schema.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.GetString() == "integer";
        errors.Add(new(path, $"found {Nodes.Describe(node)}, expected {(integer ? "an integer" : "a number")} {range}."));
    }

    private void CheckString(JsonNode? node, JsonElement schema, string? title, string path, List<ScenarioLoader.Issue> errors, bool isKey)
    {
        Nodes.TryString(node, out string? s);
        s ??= string.Empty;
        if (schema.TryGetProperty("minLength", out JsonElement minLength) && s.Length < minLength.GetInt32())
        {
            string expected = title ?? (minLength.GetInt32() == 1 ? "a non-empty string" : $"a string of at least {minLength.GetInt32().ToString(CultureInfo.InvariantCulture)} characters");
            errors.Add(new(path, $"found {Nodes.Describe(node, isKey)}, expected {expected}."));
            return;
        }

        if (schema.TryGetProperty("pattern", out JsonElement pattern))
        {
            string p = pattern.GetString() ?? string.Empty;
            if (!_patterns.TryGetValue(p, out Regex? regex))
            {
                regex = new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                _patterns.Add(p, regex);
            }

            if (!regex.IsMatch(s))
            {
                errors.Add(new(path, $"found {Nodes.Describe(node, isKey)}, expected {title ?? "a string matching " + p}."));
            }
        }
    }

    private void CheckArray(JsonArray array, JsonElement schema, string? title, string path, List<ScenarioLoader.Issue> errors)
    {
        int n = array.Count;
        int? min = schema.TryGetProperty("minItems", out JsonElement a) ? a.GetInt32() : null;
        int? max = schema.TryGetProperty("maxItems", out JsonElement b) ? b.GetInt32() : null;
        if (n < (min ?? 0) || n > (max ?? int.MaxValue))
        {
            string count = (min, max) switch
            {
                ({ } l, { } h) when l == h => "exactly " + Nodes.Items(l),
                ({ } l, { } h) => $"{l.ToString(CultureInfo.InvariantCulture)}..{h.ToString(CultureInfo.InvariantCulture)} items",
                ({ } l, null) => "at least " + Nodes.Items(l),
                (null, { } h) => "at most " + Nodes.Items(h),
                _ => "items",
            };
            errors.Add(new(path, $"found {(n == 0 ? "an empty array" : "an array of " + Nodes.Items(n))}, expected {count}{(title is null ? string.Empty : $" ({title})")}."));
        }

        int prefix = 0;
        if (schema.TryGetProperty("prefixItems", out JsonElement prefixItems))
        {
            foreach (JsonElement itemSchema in prefixItems.EnumerateArray())
            {
                if (prefix >= n)
                {
                    break;
                }

                Validate(array[prefix], itemSchema, Paths.Index(path, prefix), errors, isKey: false);
                prefix++;
            }
        }

        if (schema.TryGetProperty("items", out JsonElement items))
        {
            for (int i = prefix; i < n; i++)
            {
                Validate(array[i], items, Paths.Index(path, i), errors, isKey: false);
            }
        }
    }

    private void CheckObject(JsonObject obj, JsonElement schema, string? title, string path, List<ScenarioLoader.Issue> errors)
    {
        int n = obj.Count;
        int? min = schema.TryGetProperty("minProperties", out JsonElement a) ? a.GetInt32() : null;
        int? max = schema.TryGetProperty("maxProperties", out JsonElement b) ? b.GetInt32() : null;
        if (n < (min ?? 0) || n > (max ?? int.MaxValue))
        {
            static string Fields(int k) => k == 1 ? "1 field" : $"{k.ToString(CultureInfo.InvariantCulture)} fields";
            string count = (min, max) switch
            {
                ({ } l, { } h) when l == h => "exactly " + Fields(l),
                ({ } l, { } h) => $"{l.ToString(CultureInfo.InvariantCulture)}..{h.ToString(CultureInfo.InvariantCulture)} fields",
                ({ } l, null) => "at least " + Fields(l),
                (null, { } h) => "at most " + Fields(h),
                _ => "fields",
            };
            string found = n == 0 ? "no fields" : $"{Fields(n)} ({string.Join(", ", obj.Select(p => p.Key))})";
            errors.Add(new(path, $"found {found}, expected {count}{(title is null ? string.Empty : $" ({title})")}."));
        }

        bool hasProperties = schema.TryGetProperty("properties", out JsonElement properties);
        bool hasNames = schema.TryGetProperty("propertyNames", out JsonElement propertyNames);
        bool hasAdditional = schema.TryGetProperty("additionalProperties", out JsonElement additional);
        foreach (KeyValuePair<string, JsonNode?> field in obj)
        {
            string child = Paths.Child(path, field.Key);
            if (hasNames)
            {
                int before = errors.Count;
                Validate(JsonValue.Create(field.Key), propertyNames, child, errors, isKey: true);
                if (errors.Count > before)
                {
                    continue;
                }
            }

            if (hasProperties && properties.TryGetProperty(field.Key, out JsonElement fieldSchema))
            {
                Validate(field.Value, fieldSchema, child, errors, isKey: false);
            }
            else if (hasAdditional && additional.ValueKind == JsonValueKind.False)
            {
                List<string> known = hasProperties ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
                string list = known.Count == 0 ? "no fields are allowed here" : "expected one of: " + string.Join(", ", known);
                string hint = Paths.Suggest(field.Key, known) is { } close ? $"; did you mean '{close}'?" : ".";
                errors.Add(new(child, $"unknown field '{field.Key}' ({list}){hint}"));
            }
            else if (hasAdditional)
            {
                Validate(field.Value, additional, child, errors, isKey: false);
            }
        }

        if (schema.TryGetProperty("required", out JsonElement required))
        {
            foreach (JsonElement name in required.EnumerateArray())
            {
                string key = name.GetString() ?? string.Empty;
                if (!obj.ContainsKey(key))
                {
                    errors.Add(new(Paths.Child(path, key), $"missing required field '{key}'{(title is null ? string.Empty : $" of {title}")}."));
                }
            }
        }
    }

    private void CheckAlternatives(JsonNode? node, NodeKind kind, double number, JsonElement alternatives, bool exactlyOne,
        string? title, string path, List<ScenarioLoader.Issue> errors, bool isKey)
    {
        int passed = 0;
        List<ScenarioLoader.Issue>? closest = null;
        foreach (JsonElement alternative in alternatives.EnumerateArray())
        {
            var attempt = new List<ScenarioLoader.Issue>();
            Validate(node, alternative, path, attempt, isKey);
            if (attempt.Count == 0)
            {
                passed++;
            }
            else if (closest is null && SchemaTypeMatches(kind, number, alternative))
            {
                // The alternative of the value's own type explains best what is wrong inside it.
                closest = attempt;
            }
        }

        if (passed == 0)
        {
            if (closest is not null)
            {
                errors.AddRange(closest);
            }
            else
            {
                errors.Add(new(path, $"found {Nodes.Describe(node, isKey)}, expected {title ?? AlternativesPhrase(alternatives)}."));
            }
        }
        else if (exactlyOne && passed > 1)
        {
            errors.Add(new(path, $"found {Nodes.Describe(node, isKey)}, which matches more than one form of {title ?? "this field"}; expected exactly one."));
        }
    }
}

