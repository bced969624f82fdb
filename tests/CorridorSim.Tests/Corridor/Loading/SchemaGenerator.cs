using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Tests.Corridor.Loading;

/// <summary>
/// Writes the scenario JSON Schema from the field tables (<see cref="ScenarioFields"/>): src/CorridorSim/Corridor/
/// scenario.schema.json is this text, checked by <c>SchemaTests</c>; rewrite it with <c>UPDATE_SCHEMA=1 dotnet test</c>.
/// </summary>
internal static class SchemaGenerator
{
    public static string Generate()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Shape root = ScenarioFields.Root;
            w.WriteStartObject();
            w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            w.WriteString("$id", "https://corridorsim.example/schemas/scenario/1");
            w.WriteString("title", root.Title);
            w.WriteString("description", "A CorridorSim scenario: a corridor (units, ports, stages, vessel legs, road legs, flows, slowdowns, investments), how to simulate it and what to calibrate it against. Field names are camelCase and map one to one onto CorridorDefinition, SimulationSettings and CalibrationTarget; every field name carries its unit. Unknown fields are errors. Generated from the loader's field tables; see docs/scenario-format.md.");
            Body(w, root);
            w.WriteStartObject("$defs");
            w.WriteStartObject("date");
            w.WriteString("type", "string");
            w.WriteString("title", ScenarioBinder.DateTitle);
            w.WriteString("pattern", ScenarioBinder.DatePattern);
            w.WriteEndObject();
            w.WriteStartObject("yearKey");
            w.WriteString("type", "string");
            w.WriteString("title", "a 4-digit year such as \"2027\"");
            w.WriteString("pattern", ScenarioBinder.YearPattern);
            w.WriteEndObject();
            w.WriteStartObject("distribution");
            w.WriteString("title", ScenarioBinder.DistributionTitle);
            w.WriteStartArray("oneOf");
            w.WriteStartObject();
            w.WriteString("type", "number");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("$ref", "#/$defs/distributionObject");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("distributionObject");
            w.WriteString("type", "object");
            w.WriteString("title", "a distribution");
            w.WriteString("description", "A distribution named by its only key, with its parameters in an array, in the unit of the quantity (hours for durations).");
            w.WriteNumber("minProperties", 1);
            w.WriteNumber("maxProperties", 1);
            w.WriteBoolean("additionalProperties", false);
            w.WriteStartObject("properties");
            foreach (DistributionForm d in DistributionForms.All)
            {
                w.WriteStartObject(d.Name);
                w.WriteString("type", "array");
                w.WriteString("title", d.Parameters);
                w.WriteNumber("minItems", d.Arity == 0 ? 1 : d.Arity);
                w.WriteNumber("maxItems", d.Arity == 0 ? DistributionForms.MaxValues : d.Arity);
                if (d.PhasesFirst)
                {
                    w.WriteStartArray("prefixItems");
                    Property(w, DistributionForms.Phases, null, inArray: true);
                    w.WriteStartObject();
                    w.WriteString("type", "number");
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                else
                {
                    w.WriteStartObject("items");
                    w.WriteString("type", "number");
                    w.WriteEndObject();
                }

                w.WriteString("description", d.Description);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            foreach (Shape s in ScenarioFields.All.Skip(1))
            {
                w.WriteStartObject(s.Name);
                w.WriteString("type", "object");
                w.WriteString("title", s.Title);
                Body(w, s);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Body(Utf8JsonWriter w, Shape s)
    {
        if (s == ScenarioFields.Root)
        {
            w.WriteString("type", "object");
        }

        w.WriteBoolean("additionalProperties", false);
        string[] required = [.. s.Fields.Where(f => f.Required).Select(f => f.Name)];
        if (required.Length > 0)
        {
            w.WriteStartArray("required");
            foreach (string r in required)
            {
                w.WriteStringValue(r);
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("properties");
        foreach (Field f in s.Fields)
        {
            w.WritePropertyName(f.Name);
            Property(w, f, s, inArray: false);
        }

        w.WriteEndObject();
    }

    private static void Property(Utf8JsonWriter w, Field f, Shape? owner, bool inArray)
    {
        w.WriteStartObject();
        switch (f.Form)
        {
            case Form.Integer or Form.Number:
                w.WriteString("type", f.Form == Form.Integer ? "integer" : "number");
                Range(w, f);
                break;
            case Form.Text:
                w.WriteString("type", "string");
                if (f.MinLength > 0)
                {
                    w.WriteNumber("minLength", f.MinLength);
                }

                if (f.MaxLength > 0)
                {
                    w.WriteNumber("maxLength", f.MaxLength);
                }

                break;
            case Form.Words:
                w.WriteStartArray("enum");
                foreach (string word in f.Words)
                {
                    w.WriteStringValue(word);
                }

                w.WriteEndArray();
                break;
            case Form.Date:
                w.WriteString("$ref", "#/$defs/date");
                break;
            case Form.Distribution:
                w.WriteString("$ref", "#/$defs/distribution");
                break;
            case Form.Months:
                w.WriteString("type", "array");
                w.WriteString("title", "12 monthly values, January first");
                w.WriteNumber("minItems", 12);
                w.WriteNumber("maxItems", 12);
                w.WriteStartObject("items");
                w.WriteString("type", "number");
                Range(w, f);
                w.WriteEndObject();
                break;
            case Form.NumberList:
                w.WriteString("type", "array");
                if (f.MinItems > 0)
                {
                    w.WriteNumber("minItems", f.MinItems);
                }

                w.WriteStartObject("items");
                w.WriteString("type", "number");
                Range(w, f);
                w.WriteEndObject();
                break;
            case Form.YearMap or Form.TextMap:
                w.WriteString("type", "object");
                w.WriteStartObject("propertyNames");
                if (f.Form == Form.YearMap)
                {
                    w.WriteString("$ref", "#/$defs/yearKey");
                }
                else
                {
                    w.WriteNumber("minLength", 1);
                }

                w.WriteEndObject();
                w.WriteStartObject("additionalProperties");
                w.WriteString("type", f.Form == Form.YearMap ? "number" : "string");
                Range(w, f);
                w.WriteEndObject();
                break;
            case Form.Object:
                w.WriteString("$ref", "#/$defs/" + f.Item!.Name);
                break;
            default: // List, TextList
                w.WriteString("type", "array");
                if (f.MinItems > 0)
                {
                    w.WriteNumber("minItems", f.MinItems);
                }

                w.WriteStartObject("items");
                if (f.Item is { } item)
                {
                    w.WriteString("$ref", "#/$defs/" + item.Name);
                }
                else
                {
                    w.WriteString("type", "string");
                    w.WriteNumber("minLength", 1);
                    w.WriteNumber("maxLength", CorridorDefinition.MaxIdLength);
                }

                w.WriteEndObject();
                break;
        }

        w.WriteString("description", inArray ? f.Description : f.Description + " " + DefaultText(f, owner!));
        w.WriteEndObject();
    }

    private static void Range(Utf8JsonWriter w, Field f)
    {
        if (f.Min is { } lo)
        {
            w.WritePropertyName(f.MinExclusive ? "exclusiveMinimum" : "minimum");
            w.WriteRawValue(Field.F(lo));
        }

        if (f.Max is { } hi)
        {
            w.WritePropertyName(f.MaxExclusive ? "exclusiveMaximum" : "maximum");
            w.WriteRawValue(Field.F(hi));
        }
    }

    /// <summary>"Required." or the default as the record's initializer sets it.</summary>
    public static string DefaultText(Field f, Shape owner)
    {
        if (f.Required)
        {
            return "Required.";
        }

        return owner.DefaultOf(f) switch
        {
            null => "Default: none.",
            "" => "Default: empty.",
            string s => $"Default: \"{s}\".",
            Enum e => $"Default: \"{char.ToLowerInvariant(e.ToString()[0])}{e.ToString()[1..]}\".",
            Distribution d => $"Default: {d}.",
            ICollection { Count: 0 } => "Default: none.",
            IConvertible n => $"Default: {Field.F(Convert.ToDouble(n, System.Globalization.CultureInfo.InvariantCulture))}.",
            _ => "Default: none.",
        };
    }
}
