using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// Reads a JSON tree into definition records by their field tables (<see cref="Shape"/>), collecting every error:
/// structure (type, range, unknown, duplicate and missing fields: what the generated schema also says) in
/// <see cref="Structure"/>, and what only the model can tell (impossible distribution parameters, dates that do
/// not exist) in <see cref="Mapping"/>. A value in error is left at the record's default or a placeholder, so the
/// model's own checks still run over the rest of the file.
/// </summary>
internal sealed class ScenarioBinder
{
    /// <summary>The date pattern, stated once for the binder and the schema.</summary>
    public const string DatePattern = @"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$";

    public const string DateTitle = "a date \"YYYY-MM-DD\" or an ISO 8601 date-time such as \"2027-03-01T06:00:00Z\"";

    public const string DistributionTitle = "a distribution: a number (a constant) or an object with exactly one key naming the distribution, such as {\"triangular\": [min, mode, max]}";

    public const string YearPattern = "^[1-9][0-9]{3}$";

    private static readonly Regex Dates = new(DatePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Years = new(YearPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // A JsonElement is immutable; this one's document is never disposed.
    private static readonly JsonElement NoFields = JsonDocument.Parse("{}").RootElement;

    public List<ScenarioLoader.Issue> Structure { get; } = [];

    public List<ScenarioLoader.Issue> Mapping { get; } = [];

    /// <summary>
    /// Binds an object (a value that is not one is reported and bound as a blank record, so indices stay those of the
    /// file); the fields without a property of the record go to <paramref name="unbound"/>.
    /// </summary>
    public object Object(JsonElement e, Shape shape, string path, Dictionary<string, object?>? unbound = null)
    {
        bool isObject = e.ValueKind == JsonValueKind.Object;
        if (!isObject)
        {
            Error(path, $"found {Describe(e)}, expected an object ({shape.Title}).");
        }

        Type type = shape.Concrete;
        if (isObject && ComponentKinds.All.Any(k => k.Discriminator is not null && shape.Type.IsAssignableFrom(k.DefinitionType)))
        {
            string? kind = e.TryGetProperty("kind", out JsonElement k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            type = ComponentKinds.All.FirstOrDefault(c => c.Discriminator == kind && shape.Type.IsAssignableFrom(c.DefinitionType))?.DefinitionType
                ?? ComponentKinds.All.First(c => shape.Type.IsAssignableFrom(c.DefinitionType)).DefinitionType;
        }

        object record = Shape.Blank(type);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in (isObject ? e : NoFields).EnumerateObject())
        {
            string at = Paths.Child(path, p.Name);
            if (!seen.Add(p.Name))
            {
                Error(at, $"duplicate field '{p.Name}'; expected each field once.");
                continue;
            }

            if (shape[p.Name] is not { } field)
            {
                string known = string.Join(", ", shape.Fields.Select(f => f.Name));
                string hint = Paths.Suggest(p.Name, shape.Fields.Select(f => f.Name)) is { } close ? $"; did you mean '{close}'?" : ".";
                Error(at, $"unknown field '{p.Name}' (expected one of: {known}){hint}");
                continue;
            }

            PropertyInfo? property = Shape.Property(type, field);
            object? value = Value(p.Value, field, at, property?.PropertyType ?? typeof(object));
            if (property is null)
            {
                unbound?.Add(field.Name, value);
            }
            else if (value is not null)
            {
                property.SetValue(record, value);
            }
        }

        foreach (Field f in shape.Fields.Where(f => f.Required))
        {
            if (isObject && !seen.Contains(f.Name))
            {
                Error(Paths.Child(path, f.Name), $"missing required field '{f.Name}' of {shape.Title}.");
            }

            // A required value left unset would only make the model's checks fail on null.
            if (Shape.Property(type, f) is { } p && p.GetValue(record) is null)
            {
                Type t = p.PropertyType;
                p.SetValue(record, t == typeof(string) ? string.Empty
                    : t == typeof(Distribution) ? Engine.Distribution.Constant(0)
                    : t.IsGenericType ? System.Array.CreateInstance(t.GetGenericArguments()[0], 0)
                    : Shape.Blank(t));
            }
        }

        return record;
    }

    private object? Value(JsonElement e, Field f, string path, Type target)
    {
        switch (f.Form)
        {
            case Form.Integer or Form.Number:
                return Number(e, f, path) is { } d ? Convert(d, e, target, path) : null;
            case Form.Text:
                if (e.ValueKind != JsonValueKind.String)
                {
                    return Error(path, $"found {Describe(e)}, expected a string.");
                }

                string text = e.GetString()!;
                if (text.Length < f.MinLength)
                {
                    return Error(path, $"found {Describe(e)}, expected a non-empty string.");
                }

                return f.MaxLength > 0 && text.Length > f.MaxLength
                    ? Error(path, string.Create(CultureInfo.InvariantCulture, $"found a string of {text.Length} characters, expected an id of at most {f.MaxLength} characters."))
                    : text;
            case Form.Words:
                string? word = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                if (word is null || !f.Words.Contains(word))
                {
                    string hint = word is not null && Paths.Suggest(word, f.Words) is { } close ? $"; did you mean \"{close}\"?" : ".";
                    return Error(path, $"found {Describe(e)}, expected one of: {string.Join(", ", f.Words.Select(w => $"\"{w}\""))}{hint}");
                }

                return target.IsEnum ? Enum.Parse(target, char.ToUpperInvariant(word[0]) + word[1..]) : word;
            case Form.Date:
                return Date(e, path);
            case Form.Distribution:
                return Distribution(e, path);
            case Form.Months:
                if (Array(e, path, 12, 12, "12 monthly values, January first") is not { } months)
                {
                    return null;
                }

                double?[] values = [.. months.Select((m, i) => Number(m, f with { Form = Form.Number }, Paths.Index(path, i)))];
                return values.All(v => v is not null) ? values.Select(v => v!.Value).ToArray() : null;
            case Form.NumberList:
                if (Array(e, path, f.MinItems, int.MaxValue, null) is not { } numbers)
                {
                    return null;
                }

                double?[] list = [.. numbers.Select((m, i) => Number(m, f with { Form = Form.Number }, Paths.Index(path, i)))];
                return list.All(v => v is not null) ? list.Select(v => v!.Value).ToArray() : null;
            case Form.YearMap or Form.TextMap:
                return Map(e, f, path);
            case Form.Object:
                return Object(e, f.Item!, path);
            case Form.List:
                return Array(e, path, f.MinItems, int.MaxValue, null) is { } items ? List(items.Select((x, i) => Object(x, f.Item!, Paths.Index(path, i))), target) : null;
            default: // TextList
                return Array(e, path, f.MinItems, int.MaxValue, null) is { } ids
                    ? List(ids.Select((x, i) => Value(x, Field.Id("id", string.Empty), Paths.Index(path, i), typeof(string))), target)
                    : null;
        }
    }

    private double? Number(JsonElement e, Field f, string path)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            return (double?)Error(path, $"found {Describe(e)}, expected {(f.Form == Form.Integer ? "an integer" : "a number")}.");
        }

        if (!e.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            return (double?)Error(path, $"found {Describe(e)}, expected a finite number.");
        }

        if (f.Form == Form.Integer && Math.Floor(d) != d)
        {
            return (double?)Error(path, $"found {Describe(e)}, expected an integer.");
        }

        if (!f.InRange(d))
        {
            string range = f.Min is not null && f.Max is not null ? "within " + f.RangeText : f.RangeText;
            return (double?)Error(path, $"found {Describe(e)}, expected {(f.Form == Form.Integer ? "an integer" : "a number")} {range}.");
        }

        return d;
    }

    private object? Convert(double d, JsonElement e, Type target, string path)
    {
        if (target == typeof(ulong))
        {
            if (e.TryGetUInt64(out ulong u) || (d < 18446744073709551616.0 && (u = (ulong)d) == u && d >= 0))
            {
                return u;
            }

            Mapping.Add(new(path, $"found {Describe(e)}, expected an integer within 0..18446744073709551615."));
            return null;
        }

        return target == typeof(int) ? (object)(int)d : d;
    }

    private object? Date(JsonElement e, string path)
    {
        string? text = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (text is null || !Dates.IsMatch(text))
        {
            return Error(path, $"found {Describe(e)}, expected {(text is null ? "a string (" + DateTitle + ")" : DateTitle)}.");
        }

        if (ScenarioLoader.TryParseDate(text, out DateTime utc))
        {
            return utc;
        }

        Mapping.Add(new(path, $"found {Describe(e)}, expected a calendar date that exists, \"YYYY-MM-DD\" or an ISO 8601 date-time."));
        return null;
    }

    private Distribution? Distribution(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            return Number(e, new Field("constant", Form.Number, string.Empty), path) is { } c ? Engine.Distribution.Constant(c) : null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return (Distribution?)Error(path, $"found {Describe(e)}, expected {DistributionTitle}.");
        }

        List<JsonProperty> keys = [.. e.EnumerateObject()];
        if (keys.Count != 1)
        {
            string found = keys.Count == 0 ? "no fields" : $"{keys.Count.ToString(CultureInfo.InvariantCulture)} fields ({string.Join(", ", keys.Select(k => k.Name))})";
            Error(path, $"found {found}, expected exactly 1 field (a distribution).");
        }

        Distribution? result = null;
        foreach (JsonProperty key in keys)
        {
            string at = Paths.Child(path, key.Name);
            if (DistributionForms.All.FirstOrDefault(d => d.Name == key.Name) is not { } form)
            {
                IEnumerable<string> names = DistributionForms.All.Select(d => d.Name);
                string hint = Paths.Suggest(key.Name, names) is { } close ? $"; did you mean '{close}'?" : ".";
                Error(at, $"unknown field '{key.Name}' (expected one of: {string.Join(", ", names)}){hint}");
                continue;
            }

            int min = form.Arity == 0 ? 1 : form.Arity, max = form.Arity == 0 ? DistributionForms.MaxValues : form.Arity;
            if (Array(key.Value, at, min, max, form.Parameters) is not { } items || items.Count < min || items.Count > max)
            {
                continue;
            }

            double?[] args = [.. items.Select((x, i) => Number(x, i == 0 && form.PhasesFirst ? DistributionForms.Phases : new Field("v", Form.Number, string.Empty), Paths.Index(at, i)))];
            if (keys.Count == 1 && args.All(a => a is not null))
            {
                result = Create(form, [.. args.Select(a => a!.Value)], at);
            }
        }

        return result;
    }

    private Distribution? Create(DistributionForm form, double[] args, string path)
    {
        try
        {
            return form.Create(args);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The library's own precondition message, without the parameter name .NET appends.
            string reason = ex.Message.Split(" (Parameter")[0].Split('\n')[0].Trim().TrimEnd('.');
            reason = reason.Length > 0 ? char.ToLowerInvariant(reason[0]) + reason[1..] : reason;
            string found = "[" + string.Join(", ", args.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
            Mapping.Add(new(path, $"impossible distribution parameters: found {form.Name} {found}: {reason}; expected {form.Conditions}."));
            return null;
        }
    }

    private object? Map(JsonElement e, Field f, string path)
    {
        bool years = f.Form == Form.YearMap;
        if (e.ValueKind != JsonValueKind.Object)
        {
            return Error(path, $"found {Describe(e)}, expected an object ({(years ? "a map of years to numbers" : "a map of source ids to citations")}).");
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (JsonProperty p in e.EnumerateObject())
        {
            string at = Paths.Child(path, p.Name);
            if (years ? !Years.IsMatch(p.Name) : p.Name.Length == 0)
            {
                Error(at, years ? $"found the key {Paths.Quote(p.Name)}, expected a 4-digit year such as \"2027\"." : "found the key \"\", expected a non-empty source id such as \"S249\".");
            }
            else if (!map.TryAdd(p.Name, years ? Number(p.Value, f with { Form = Form.Number }, at) : Value(p.Value, Field.Source, at, typeof(string))))
            {
                Error(at, $"duplicate field '{p.Name}'; expected each field once.");
            }
        }

        return years
            ? map.Where(kv => kv.Value is not null).ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => (double)kv.Value!)
            : map.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal);
    }

    private List<JsonElement>? Array(JsonElement e, string path, int min, int max, string? title)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return (List<JsonElement>?)Error(path, $"found {Describe(e)}, expected an array{(title is null ? string.Empty : $" ({title})")}.");
        }

        int n = e.GetArrayLength();
        if (n < min || n > max)
        {
            string count = min == max ? "exactly " + Items(min) : max == int.MaxValue ? "at least " + Items(min) : $"{min}..{max} items";
            Error(path, $"found {Describe(e)}, expected {count}{(title is null ? string.Empty : $" ({title})")}.");
        }

        return [.. e.EnumerateArray()];
    }

    private static object List(IEnumerable<object?> items, Type target)
    {
        List<object?> all = [.. items.Select(x => x ?? string.Empty)]; // only an id can be null: it was reported
        Type element = target.IsGenericType ? target.GetGenericArguments()[0] : typeof(object);
        var array = System.Array.CreateInstance(element, all.Count);
        ((IList)all).CopyTo(array, 0);
        return array;
    }

    private object? Error(string path, string message)
    {
        Structure.Add(new(path, message));
        return null;
    }

    private static string Items(int n) => n == 1 ? "1 item" : $"{n.ToString(CultureInfo.InvariantCulture)} items";

    /// <summary>How a found value reads in a message: <c>a string "ten"</c>, <c>-2</c>, <c>an array of 3 items</c>.</summary>
    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.String => e.GetString()!.Length == 0 ? "an empty string" : "a string " + Paths.Quote(e.GetString()!),
        JsonValueKind.Array => e.GetArrayLength() == 0 ? "an empty array" : "an array of " + Items(e.GetArrayLength()),
        _ => e.EnumerateObject().Any() ? "an object" : "an empty object",
    };
}
