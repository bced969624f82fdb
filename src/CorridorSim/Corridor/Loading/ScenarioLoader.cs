using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// Reads JSON scenario files (docs/scenario-format.md) into <see cref="Scenario"/>s. The file is checked whole before
/// anything runs: JSON syntax (comments and trailing commas are allowed), then structure against the JSON Schema
/// embedded in this assembly (<see cref="SchemaJson"/>; unknown fields are errors), then the mapping onto the model
/// (dates, year keys, distribution parameters), then <see cref="CorridorModel.Validate"/> and the checks of the
/// simulation and calibration blocks. Every error found is reported at once, each with the file, its JSON path, what
/// was found and what was expected; a scenario is returned only when there is none.
/// </summary>
/// <remarks>
/// No input makes the loader throw anything but <see cref="ScenarioException"/> (and
/// <see cref="ArgumentNullException"/> for null arguments): a malformed file is a list of errors, never a crash.
/// An error found by an earlier step hides later errors at the same path or below it, so one mistake is reported once.
/// </remarks>
public static class ScenarioLoader
{
    private const string SchemaResourceName = "CorridorSim.scenario.schema.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Planners annotate scenario files, and a trailing comma is not a modelling error.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>The JSON Schema (draft 2020-12) of the scenario format, as embedded in the assembly; the loader validates against it.</summary>
    /// <remarks>The package also ships it as <c>schema/scenario.schema.json</c>, for editors (point <c>"$schema"</c> at it).</remarks>
    public static string SchemaJson { get; } = ReadSchema();

    // Parsed once; a JsonElement is immutable, so sharing it across threads is safe.
    private static readonly JsonElement SchemaRoot = ParseSchema(SchemaJson);

    /// <summary>Reads and validates a scenario file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The file cannot be read or is invalid; every error is listed.</exception>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryLoad(path, out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
            ? scenario
            : throw new ScenarioException(errors);
    }

    /// <summary>Reads and validates a scenario file without throwing for a bad file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="scenario">The scenario, or null when there are errors.</param>
    /// <param name="errors">Every error found (a file that cannot be read is one error at <c>$</c>); empty on success.</param>
    /// <returns>Whether the file is a valid scenario.</returns>
    public static bool TryLoad(string path, [NotNullWhen(true)] out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            scenario = null;
            errors = [new ScenarioError("$", $"cannot read the file: {ex.Message}") { File = path }];
            return false;
        }

        return TryParse(json, path, out scenario, out errors);
    }

    /// <summary>Parses and validates scenario JSON.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed).</param>
    /// <param name="fileName">The name reported with each error.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The JSON is invalid; every error is listed.</exception>
    public static Scenario Parse(string json, string fileName) =>
        TryParse(json, fileName, out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
            ? scenario
            : throw new ScenarioException(errors);

    /// <summary>
    /// Validates a scenario held as a JSON tree, for example one read by <see cref="ParseDocument"/> and then edited
    /// by a parameter sweep. The tree is only read.
    /// </summary>
    /// <param name="document">The scenario's root object.</param>
    /// <param name="fileName">The name reported with each error.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The scenario is invalid; every error is listed.</exception>
    public static Scenario Parse(JsonNode document, string fileName)
    {
        ArgumentNullException.ThrowIfNull(document);
        return TryParse(document, fileName, out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
            ? scenario
            : throw new ScenarioException(errors);
    }

    /// <summary>Parses and validates scenario JSON without throwing for bad JSON.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed).</param>
    /// <param name="fileName">The name reported with each error.</param>
    /// <param name="scenario">The scenario, or null when there are errors.</param>
    /// <param name="errors">Every error found; empty on success.</param>
    /// <returns>Whether the JSON is a valid scenario.</returns>
    public static bool TryParse(string json, string fileName, [NotNullWhen(true)] out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        var issues = new IssueList();
        JsonNode? document = ReadDocument(json, issues);
        if (issues.SyntaxFailed)
        {
            scenario = null;
            errors = issues.ToErrors(fileName);
            return false;
        }

        return Complete(document, fileName, issues, out scenario, out errors);
    }

    /// <summary>Validates a scenario held as a JSON tree without throwing for a bad scenario. The tree is only read.</summary>
    /// <param name="document">The scenario's root object (null, the JSON literal, is reported as an error).</param>
    /// <param name="fileName">The name reported with each error.</param>
    /// <param name="scenario">The scenario, or null when there are errors.</param>
    /// <param name="errors">Every error found; empty on success.</param>
    /// <returns>Whether the tree is a valid scenario.</returns>
    public static bool TryParse(JsonNode? document, string fileName, [NotNullWhen(true)] out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (Unreadable(document) is { } reason)
        {
            scenario = null;
            errors = [new ScenarioError("$", $"the JSON tree cannot be read: {reason} (ScenarioLoader.ParseDocument reports a repeated field with its path).") { File = fileName }];
            return false;
        }

        return Complete(document, fileName, new IssueList(), out scenario, out errors);
    }

    /// <summary>
    /// Reads scenario JSON into a mutable tree with the loader's syntax rules (comments and trailing commas allowed,
    /// duplicate fields rejected), without validating it; edit the tree and pass it to <see cref="Parse(JsonNode, string)"/>.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="fileName">The name reported with each error.</param>
    /// <returns>The tree (null for the JSON literal <c>null</c>).</returns>
    /// <exception cref="ScenarioException">The text is not valid JSON, or repeats a field.</exception>
    public static JsonNode? ParseDocument(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        var issues = new IssueList();
        JsonNode? document = ReadDocument(json, issues);
        IReadOnlyList<ScenarioError> errors = issues.ToErrors(fileName);
        return errors.Count > 0 ? throw new ScenarioException(errors) : document;
    }

    // A tree from JsonNode.Parse fills each object lazily and throws on a repeated field when it is first read;
    // reading the whole tree once here keeps that exception out of the checks. Iterative: a tree built in code may be deep.
    private static string? Unreadable(JsonNode? document)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(document);
        try
        {
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case JsonObject o:
                        foreach (KeyValuePair<string, JsonNode?> field in o)
                        {
                            pending.Push(field.Value);
                        }

                        break;
                    case JsonArray a:
                        foreach (JsonNode? item in a)
                        {
                            pending.Push(item);
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }

        return null;
    }

    private static bool Complete(JsonNode? document, string fileName, IssueList issues, [NotNullWhen(true)] out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
    {
        // Step 2: structure, driven by the embedded schema.
        new SchemaInterpreter(SchemaRoot).Validate(document, SchemaRoot, "$", issues.Primary, isKey: false);

        Scenario? mapped = null;
        if (document is JsonObject root)
        {
            // Step 3: the model. The mapper reads defensively and substitutes placeholders for what step 2 rejected,
            // so that the model's own checks (step 4) still run over the rest of the file.
            var mapper = new ScenarioMapper(issues.Mapping, issues.Shadows);
            mapped = mapper.Map(root);

            // Step 4: the model's checks; their paths match the file because the file mirrors the definition.
            foreach (ScenarioError e in CorridorModel.Validate(mapped.Corridor))
            {
                issues.Semantic.Add(new Issue(e.Path, e.Message));
            }

            bool simulationBroken = issues.Primary.Any(i => IsAtOrUnder(i.Path, "$.simulation") || i.Path == "$");
            CheckSettings(mapped, root, simulationBroken, issues.Semantic);
        }

        errors = issues.ToErrors(fileName);
        scenario = errors.Count == 0 ? mapped : null;
        return scenario is not null;
    }

    private static void CheckSettings(Scenario s, JsonObject root, bool simulationBroken, List<Issue> issues)
    {
        if (s.Calibration is not { } c || root["calibration"] is not JsonObject cal)
        {
            return;
        }

        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        int first = s.Simulation.StartYear;
        int last = first + s.Simulation.Years - 1;
        if (!simulationBroken && (c.Year < first || c.Year > last))
        {
            issues.Add(new Issue("$.calibration.year",
                $"found {c.Year.ToString(CultureInfo.InvariantCulture)}, expected one of the simulated years {first.ToString(CultureInfo.InvariantCulture)}..{last.ToString(CultureInfo.InvariantCulture)} (simulation.startYear, simulation.years)."));
        }

        if (c.TransitFlow is { } flow)
        {
            IReadOnlyList<CargoFlowDefinition> flows = s.Corridor.Flows;
            if (!flows.Any(f => f.Id == flow))
            {
                string known = flows.Count == 0 ? "none is defined" : "defined: " + string.Join(", ", flows.Select(f => f.Id));
                issues.Add(new Issue("$.calibration.transitFlow", $"found '{flow}', expected the id of a flow in $.flows ({known})."));
            }

            if (!cal.ContainsKey("transitDaysMax"))
            {
                issues.Add(new Issue("$.calibration.transitDaysMax", "missing field 'transitDaysMax', required with transitFlow: the highest reported transit time, in days."));
            }
            else if (c.TransitDaysMax < c.TransitDaysMin)
            {
                issues.Add(new Issue("$.calibration.transitDaysMax",
                    $"found {F(c.TransitDaysMax)}, expected at least transitDaysMin ({F(c.TransitDaysMin)})."));
            }
        }
        else
        {
            foreach (string field in (string[])["transitDaysMin", "transitDaysMax", "transitSource"])
            {
                if (cal.ContainsKey(field))
                {
                    issues.Add(new Issue("$.calibration." + field, $"'{field}' is given but no transitFlow names the flow it refers to; add transitFlow or remove '{field}'."));
                }
            }
        }
    }

    private static JsonNode? ReadDocument(string json, IssueList issues)
    {
        // File.ReadAllText drops a byte-order mark; text from elsewhere may still carry one.
        ReadOnlyMemory<char> text = json.AsMemory();
        if (text.Span.Length > 0 && text.Span[0] == '\uFEFF')
        {
            text = text[1..];
        }

        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text, DocumentOptions);

            // Cloned so the nodes below may outlive the pooled document.
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            string message = ex.Message;
            int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }

            string where = ex.LineNumber is { } line
                ? $"line {(line + 1).ToString(CultureInfo.InvariantCulture)}, byte {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                : "an unknown position";
            issues.Primary.Add(new Issue("$", $"invalid JSON at {where}: {message}"));
            issues.SyntaxFailed = true;
            return null;
        }

        return ToNode(root, "$", issues.Primary);
    }

    // JsonNode.Parse throws on a repeated field; JsonDocument keeps both, so the repeat can be reported with its path.
    private static JsonNode? ToNode(JsonElement e, string path, List<Issue> issues)
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
                        issues.Add(new Issue(child, $"duplicate field '{p.Name}'; expected each field once."));
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
                    a.Add(ToNode(item, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", issues));
                    i++;
                }

                return a;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            default:
                return JsonValue.Create(e);
        }
    }

    private static bool IsAtOrUnder(string path, string ancestor) =>
        path.StartsWith(ancestor, StringComparison.Ordinal) &&
        (path.Length == ancestor.Length || path[ancestor.Length] is '.' or '[');

    private static string ReadSchema()
    {
        using Stream? stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(SchemaResourceName);
        if (stream is null)
        {
            throw new InvalidOperationException($"The embedded resource '{SchemaResourceName}' is missing from the assembly.");
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static JsonElement ParseSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>An error before its file name is known.</summary>
    internal readonly record struct Issue(string Path, string Message);

    /// <summary>Errors by the step that found them; a later step's error at or under an earlier one's path is dropped.</summary>
    private sealed class IssueList
    {
        public List<Issue> Primary { get; } = [];

        public List<Issue> Mapping { get; } = [];

        public List<Issue> Semantic { get; } = [];

        /// <summary>Paths (and, if flagged, what lies under them) where a model check would only echo a placeholder.</summary>
        public List<(string Path, bool Subtree)> Shadows { get; } = [];

        public bool SyntaxFailed { get; set; }

        public IReadOnlyList<ScenarioError> ToErrors(string file)
        {
            var kept = new List<Issue>(Primary);
            AddUnshadowed(kept, Mapping, []);
            AddUnshadowed(kept, Semantic, Shadows);
            return kept.Select(i => new ScenarioError(i.Path, i.Message) { File = file }).ToList();
        }

        private static void AddUnshadowed(List<Issue> kept, List<Issue> later, List<(string Path, bool Subtree)> shadows)
        {
            int earlier = kept.Count;
            foreach (Issue issue in later)
            {
                bool shadowed = shadows.Any(s => s.Subtree ? IsAtOrUnder(issue.Path, s.Path) : issue.Path == s.Path);
                for (int k = 0; k < earlier && !shadowed; k++)
                {
                    shadowed = IsAtOrUnder(issue.Path, kept[k].Path);
                }

                if (!shadowed)
                {
                    kept.Add(issue);
                }
            }
        }
    }
}

/// <summary>JSON paths and the phrasing of found values.</summary>
internal static class Paths
{
    public static string Child(string path, string key)
    {
        bool simple = key.Length > 0;
        foreach (char c in key)
        {
            simple &= c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$';
        }

        return simple ? path + "." + key : path + "['" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }

    public static string Index(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    public static string Quote(string s)
    {
        const int Max = 60;
        var b = new StringBuilder(Math.Min(s.Length, Max) + 3);
        b.Append('"');
        int n = 0;
        foreach (char c in s)
        {
            if (n++ == Max)
            {
                b.Append('…');
                break;
            }

            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.Append('"').ToString();
    }

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="word"/> if it is close enough to be a typo.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Distance(word.ToUpperInvariant(), c.ToUpperInvariant());
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}

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

/// <summary>
/// Validates a JSON tree against the subset of JSON Schema 2020-12 the scenario schema uses: <c>type</c>, <c>enum</c>,
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>propertyNames</c>, <c>minProperties</c>,
/// <c>maxProperties</c>, <c>items</c>, <c>prefixItems</c>, <c>minItems</c>, <c>maxItems</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>minLength</c>, <c>pattern</c>, local
/// <c>$ref</c>, <c>oneOf</c> and <c>anyOf</c>. <c>title</c> phrases what is expected in messages. Every error is
/// collected, with its JSON path.
/// </summary>
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

/// <summary>
/// Maps a scenario tree onto the model. Reads defensively (never throws): a value that is missing or of the wrong
/// type, already reported by the schema step, becomes a placeholder so the remaining checks still run. Reports what
/// only the model can tell: impossible distribution parameters, dates that do not exist, year keys, fields that do
/// not fit the investment kind.
/// </summary>
internal sealed class ScenarioMapper(List<ScenarioLoader.Issue> errors, List<(string Path, bool Subtree)> shadows)
{
    private static readonly Distribution Placeholder = Distribution.Constant(0);

    public Scenario Map(JsonObject root)
    {
        JsonObject? sim = root["simulation"] as JsonObject;
        JsonObject? cal = root["calibration"] as JsonObject;
        return new Scenario
        {
            Name = Str(root, "name", string.Empty),
            Description = Str(root, "description", string.Empty),
            Sources = StringMap(root["sources"] as JsonObject),
            Simulation = new SimulationSettings
            {
                StartYear = Int(sim, "startYear", 2024),
                Years = Int(sim, "years", 1),
                WarmupDays = Num(sim, "warmupDays", 60),
                Replications = Int(sim, "replications", 20),
                Seed = Seed(sim, "$.simulation.seed"),
                TargetTons = Num(sim, "targetTons", 10_000_000),
                TargetProbability = Num(sim, "targetProbability", 0.9),
            },
            Calibration = cal is null
                ? null
                : new CalibrationTarget
                {
                    Year = Int(cal, "year", 0),
                    ReportedTons = Num(cal, "reportedTons", 0),
                    Tolerance = Num(cal, "tolerance", 0.1),
                    Source = Str(cal, "source", string.Empty),
                    TransitFlow = Nodes.TryString(cal["transitFlow"], out string? flow) ? flow : null,
                    TransitDaysMin = Num(cal, "transitDaysMin", 0),
                    TransitDaysMax = Num(cal, "transitDaysMax", 0),
                    TransitSource = Str(cal, "transitSource", string.Empty),
                },
            Corridor = new CorridorDefinition
            {
                Name = Str(root, "name", "corridor"),
                Units = Each(root, "units", "$.units", MapUnit),
                Components =
                [
                    .. Each(root, "ports", "$.ports", MapPort),
                    .. Each(root, "stages", "$.stages", MapStage),
                    .. Each(root, "vesselLegs", "$.vesselLegs", MapVesselLeg),
                    .. Each(root, "roadLegs", "$.roadLegs", MapRoadLeg),
                ],
                Flows = Each(root, "flows", "$.flows", MapFlow),
                Slowdowns = Each(root, "slowdowns", "$.slowdowns", MapSlowdown),
                Investments = Each(root, "investments", "$.investments", MapInvestment),
            },
        };
    }

    private UnitType MapUnit(JsonObject? o, string path) => new()
    {
        Id = Str(o, "id", string.Empty),
        UnitsPerTrain = Int(o, "unitsPerTrain", 50),
    };

    private PortDefinition MapPort(JsonObject? o, string path)
    {
        JsonObject? storms = o?["storms"] as JsonObject;
        return new PortDefinition
        {
            Id = Str(o, "id", string.Empty),
            Berths = Int(o, "berths", 1),
            HandlingHours = Dist(o, "handlingHours", path) ?? Placeholder,
            PortTimeTargetHours = Num(o, "portTimeTargetHours", 30),
            Storms = storms is null
                ? null
                : new StormDefinition
                {
                    EpisodesPerMonth = Numbers(storms["episodesPerMonth"] as JsonArray),
                    DurationHours = Dist(storms, "durationHours", path + ".storms") ?? Distribution.Constant(48),
                    Closures = Each(storms, "closures", path + ".storms.closures",
                        (c, p) => new DatedClosure(Date(c, "start", p), Num(c, "durationHours", 1))),
                },
        };
    }

    private StageDefinition MapStage(JsonObject? o, string path)
    {
        if (!Nodes.TryString(o?["from"], out _) || !Nodes.TryString(o?["to"], out _))
        {
            shadows.Add((path, false)); // "from and to must differ" would only repeat the missing field
        }

        return MapStageFields(o, path);
    }

    private StageDefinition MapStageFields(JsonObject? o, string path)
    {
        string id = Str(o, "id", string.Empty), from = Str(o, "from", string.Empty), to = Str(o, "to", string.Empty);
        double trainsPerDay = Num(o, "trainsPerDay", 1), wait = Num(o, "maxFormationWaitHours", 48);
        Distribution transit = Dist(o, "transitHours", path) ?? Placeholder;
        string kind = Str(o, "kind", "rail");
        if (o?.ContainsKey("modes") == true && kind != "transshipment")
        {
            errors.Add(new(path + ".modes", $"'modes' is only used with kind \"transshipment\", found kind \"{kind}\"; expected no 'modes'."));
        }

        return kind switch
        {
            "border" => new BorderCrossingDefinition { Id = id, From = from, To = to, TrainsPerDay = trainsPerDay, TransitHours = transit, MaxFormationWaitHours = wait },
            "transshipment" => new TransshipmentDefinition
            {
                Id = id, From = from, To = to, TrainsPerDay = trainsPerDay, TransitHours = transit, MaxFormationWaitHours = wait,
                Modes = Each(o, "modes", path + ".modes", (m, p) => new HandlingMode
                {
                    Name = Str(m, "name", string.Empty),
                    Share = Num(m, "share", 1),
                    Hours = Dist(m, "hours", p) ?? Placeholder,
                }),
            },
            "terminal" => new TerminalDefinition { Id = id, From = from, To = to, TrainsPerDay = trainsPerDay, TransitHours = transit, MaxFormationWaitHours = wait },
            _ => new RailSegmentDefinition { Id = id, From = from, To = to, TrainsPerDay = trainsPerDay, TransitHours = transit, MaxFormationWaitHours = wait, LengthKm = Num(o, "lengthKm", 0) },
        };
    }

    private VesselDefinition MapVessel(JsonObject? o, string path) => new()
    {
        Name = Str(o, "name", string.Empty),
        CapacityUnits = Int(o, "capacityUnits", 1),
        InServiceFrom = o?["inServiceFrom"] is null ? null : Date(o, "inServiceFrom", path),
    };

    private VesselLegDefinition MapVesselLeg(JsonObject? o, string path) => new()
    {
        Id = Str(o, "id", string.Empty),
        Kind = Str(o, "kind", "ferry"),
        PortA = Str(o, "portA", string.Empty),
        PortB = Str(o, "portB", string.Empty),
        Unit = Str(o, "unit", string.Empty),
        Vessels = Each(o, "vessels", path + ".vessels", MapVessel),
        SailingHours = Dist(o, "sailingHours", path) ?? Placeholder,
        Departure = Str(o, "departure", string.Empty) == "timetable" ? DepartureRule.Timetable : DepartureRule.WhenFullOrMaxWait,
        MaxWaitHours = Num(o, "maxWaitHours", 72),
        BackhaulMaxWaitHours = Num(o, "backhaulMaxWaitHours", 0),
        TimetableIntervalHours = Num(o, "timetableIntervalHours", 168),
        LoadFactorByYear = YearMap(o, "loadFactorByYear", path),
    };

    private RoadLegDefinition MapRoadLeg(JsonObject? o, string path)
    {
        if (!Nodes.TryString(o?["from"], out _) || !Nodes.TryString(o?["to"], out _))
        {
            shadows.Add((path, false)); // "from and to must differ" would only repeat the missing field
        }

        return new RoadLegDefinition
        {
            Id = Str(o, "id", string.Empty),
            From = Str(o, "from", string.Empty),
            To = Str(o, "to", string.Empty),
            Lanes = Int(o, "lanes", 1),
            ProcessingHours = Dist(o, "processingHours", path) ?? Placeholder,
            HaulHours = Dist(o, "haulHours", path) ?? Placeholder,
        };
    }

    private CargoFlowDefinition MapFlow(JsonObject? o, string path)
    {
        if (!Nodes.TryString(o?["origin"], out _) || !Nodes.TryString(o?["destination"], out _) || !Nodes.TryString(o?["unit"], out _))
        {
            // Route checks walk from the origin to the destination with the flow's unit: without them they only echo.
            shadows.Add((path + ".routes", true));
        }

        return MapFlowFields(o, path);
    }

    private CargoFlowDefinition MapFlowFields(JsonObject? o, string path) => new()
    {
        Id = Str(o, "id", string.Empty),
        Commodity = Str(o, "commodity", "containers"),
        Unit = Str(o, "unit", string.Empty),
        TonsPerUnit = Num(o, "tonsPerUnit", 1),
        AnnualTons = Num(o, "annualTons", 0),
        BaseYear = Int(o, "baseYear", 2024),
        GrowthPerYear = Num(o, "growthPerYear", 0),
        AnnualTonsByYear = YearMap(o, "annualTonsByYear", path),
        Seasonality = Numbers(o?["seasonality"] as JsonArray),
        Origin = Str(o, "origin", string.Empty),
        Destination = Str(o, "destination", string.Empty),
        Routes = Each(o, "routes", path + ".routes", (r, _) => new RouteDefinition
        {
            Legs = r?["legs"] is JsonArray legs
                ? legs.Select(l => Nodes.TryString(l, out string? s) ? s : string.Empty).ToList()
                : [],
            Share = Num(r, "share", 1),
        }),
        RouteChoice = Str(o, "routeChoice", string.Empty) == "shortestExpectedTime" ? RouteChoice.ShortestExpectedTime : RouteChoice.FixedShares,
    };

    private SlowdownDefinition MapSlowdown(JsonObject? o, string path) => new()
    {
        Component = Str(o, "component", string.Empty),
        Start = Date(o, "start", path),
        DurationDays = Num(o, "durationDays", 1),
        CapacityFactor = Num(o, "capacityFactor", 1),
    };

    private InvestmentDefinition MapInvestment(JsonObject? o, string path)
    {
        string kindText = Str(o, "kind", string.Empty);
        InvestmentKind? kind = kindText switch
        {
            "berths" => InvestmentKind.Berths,
            "trainsPerDay" => InvestmentKind.TrainsPerDay,
            "handlingTimeFactor" => InvestmentKind.HandlingTimeFactor,
            "addVessels" => InvestmentKind.AddVessels,
            "loadFactor" => InvestmentKind.LoadFactor,
            "lanes" => InvestmentKind.Lanes,
            _ => null,
        };
        bool hasValue = o?.ContainsKey("value") == true;
        bool hasVessels = o?.ContainsKey("vessels") == true;
        if (kind == InvestmentKind.AddVessels && hasValue)
        {
            errors.Add(new(path + ".value", "'value' is not used with kind \"addVessels\" (the vessels listed are added); expected no 'value'."));
        }
        else if (kind is { } k && k != InvestmentKind.AddVessels)
        {
            if (!hasValue)
            {
                errors.Add(new(path + ".value", $"missing field 'value', required with kind \"{kindText}\": the new {ValueMeaning(k)}."));
            }

            if (hasVessels)
            {
                errors.Add(new(path + ".vessels", $"'vessels' is only used with kind \"addVessels\", found kind \"{kindText}\"; expected no 'vessels'."));
            }
        }
        else if (kind is null)
        {
            // Which component and value fit depends on the kind, already reported.
            shadows.Add((path + ".component", false));
            shadows.Add((path + ".value", false));
            shadows.Add((path + ".vessels", false));
        }

        return new InvestmentDefinition
        {
            Name = Str(o, "name", string.Empty),
            Date = Date(o, "date", path),
            Component = Str(o, "component", string.Empty),
            Kind = kind ?? InvestmentKind.AddVessels,
            Value = Num(o, "value", 0),
            Vessels = kind == InvestmentKind.AddVessels || !hasVessels ? Each(o, "vessels", path + ".vessels", MapVessel) : [],
        };

        static string ValueMeaning(InvestmentKind k) => k switch
        {
            InvestmentKind.Berths => "berth count",
            InvestmentKind.Lanes => "lane count",
            InvestmentKind.TrainsPerDay => "capacity in trains per day",
            InvestmentKind.HandlingTimeFactor => "handling-time factor",
            _ => "load factor",
        };
    }

    private List<T> Each<T>(JsonObject? o, string key, string path, Func<JsonObject?, string, T> map)
    {
        // Every element is mapped, objects or not, so the model's indices stay those of the file.
        var list = new List<T>();
        if (o?[key] is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                list.Add(map(array[i] as JsonObject, Paths.Index(path, i)));
            }
        }

        return list;
    }

    private static string Str(JsonObject? o, string key, string fallback) =>
        Nodes.TryString(o?[key], out string? s) ? s : fallback;

    private static double Num(JsonObject? o, string key, double fallback) =>
        Nodes.TryNumber(o?[key], out double d) && double.IsFinite(d) ? d : fallback;

    private static int Int(JsonObject? o, string key, int fallback) =>
        Nodes.TryInt(o?[key], out int i) ? i : fallback;

    private static List<double> Numbers(JsonArray? array) =>
        array is null ? [] : array.Select(n => Nodes.TryNumber(n, out double d) && double.IsFinite(d) ? d : 0).ToList();

    private static Dictionary<string, string> StringMap(JsonObject? o)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (o is null)
        {
            return map;
        }

        foreach (KeyValuePair<string, JsonNode?> kv in o)
        {
            if (Nodes.TryString(kv.Value, out string? s))
            {
                map[kv.Key] = s;
            }
        }

        return map;
    }

    private ulong Seed(JsonObject? sim, string path)
    {
        JsonNode? node = sim?["seed"];
        if (node is null)
        {
            return 42;
        }

        if (node is JsonValue v)
        {
            if (v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong fromText))
            {
                return fromText;
            }

            if (v.TryGetValue(out ulong u))
            {
                return u;
            }

            // A whole double below 2^64 converts exactly (JSON text like 1e3 lands here).
            if (Nodes.TryNumber(v, out double d) && Nodes.IsWhole(d) && d >= 0 && d < 18446744073709551616.0)
            {
                return (ulong)d;
            }
        }

        if (Nodes.TryNumber(node, out double any) && Nodes.IsWhole(any) && any >= 0)
        {
            errors.Add(new(path, $"found {Nodes.Describe(node)}, expected an integer within 0..18446744073709551615."));
        }

        return 42;
    }

    private DateTime Date(JsonObject? o, string key, string path)
    {
        if (Nodes.TryString(o?[key], out string? text))
        {
            if (TryParseDate(text, out DateTime date))
            {
                return date;
            }

            errors.Add(new(Paths.Child(path, key), $"found {Nodes.Describe(o![key])}, expected a calendar date that exists, \"YYYY-MM-DD\" or an ISO 8601 date-time."));
        }

        return new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    }

    internal static bool TryParseDate(string text, out DateTime utc)
    {
        utc = default;
        string s = text.Trim().ToUpperInvariant();
        if (s.Length == 10)
        {
            if (DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
            {
                utc = DateTime.SpecifyKind(day, DateTimeKind.Utc);
                return true;
            }

            return false;
        }

        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        ];
        if (DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
        {
            utc = at.UtcDateTime;
            return true;
        }

        return false;
    }

    private Dictionary<int, double> YearMap(JsonObject? o, string key, string path)
    {
        var map = new Dictionary<int, double>();
        if (o?[key] is not JsonObject years)
        {
            return map;
        }

        foreach (KeyValuePair<string, JsonNode?> kv in years)
        {
            string child = Paths.Child(Paths.Child(path, key), kv.Key);
            if (kv.Key.Length != 4 || !int.TryParse(kv.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year < 1000)
            {
                errors.Add(new(child, $"found the key {Paths.Quote(kv.Key)}, expected a 4-digit year such as \"2027\"."));
                continue;
            }

            if (Nodes.TryNumber(kv.Value, out double d) && double.IsFinite(d))
            {
                map[year] = d;
            }
        }

        return map;
    }

    private Distribution? Dist(JsonObject? o, string key, string path)
    {
        JsonNode? node = o?[key];
        if (node is null)
        {
            return null;
        }

        string at = Paths.Child(path, key);
        if (Nodes.TryNumber(node, out double constant))
        {
            return double.IsFinite(constant) ? Distribution.Constant(constant) : Placeholder;
        }

        if (node is not JsonObject obj || obj.Count != 1)
        {
            return Placeholder;
        }

        (string name, JsonNode? value) = obj.First();
        if (value is not JsonArray array)
        {
            return Placeholder;
        }

        var args = new double[array.Count];
        for (int i = 0; i < args.Length; i++)
        {
            if (!Nodes.TryNumber(array[i], out args[i]) || !double.IsFinite(args[i]))
            {
                return Placeholder;
            }
        }

        string argsPath = Paths.Child(at, name);
        try
        {
            Distribution? d = (name, args.Length) switch
            {
                ("constant", 1) => Distribution.Constant(args[0]),
                ("exponential", 1) => Distribution.Exponential(args[0]),
                ("uniform", 2) => Distribution.Uniform(args[0], args[1]),
                ("triangular", 3) => Distribution.Triangular(args[0], args[1], args[2]),
                ("normal", 2) => Distribution.Normal(args[0], args[1]),
                ("lognormal", 2) => Distribution.LogNormal(args[0], args[1]),
                ("gamma", 2) => Distribution.Gamma(args[0], args[1]),
                ("erlang", 2) when Nodes.IsWhole(args[0]) && args[0] >= 1 && args[0] <= 1000 => Distribution.Erlang((int)args[0], args[1]),
                ("empirical", > 0) => Distribution.Empirical(args),
                _ => null,
            };
            return d ?? Placeholder;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            string reason = ex.Message;
            foreach (string end in (string[])[" (Parameter", "\n", "\r"])
            {
                int cut = reason.IndexOf(end, StringComparison.Ordinal);
                if (cut >= 0)
                {
                    reason = reason[..cut];
                }
            }

            reason = reason.TrimEnd('.');
            if (reason.Length > 0)
            {
                reason = char.ToLowerInvariant(reason[0]) + reason[1..];
            }

            string found = "[" + string.Join(", ", args.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
            errors.Add(new(argsPath, $"impossible distribution parameters: found {name} {found}: {reason}; expected {Signature(name)}."));
            return Placeholder;
        }
    }

    private static string Signature(string name) => name switch
    {
        "constant" => "[value], finite",
        "exponential" => "[mean] with mean > 0",
        "uniform" => "[min, max] with min < max",
        "triangular" => "[min, mode, max] with min < max and min <= mode <= max",
        "normal" => "[mean, sd] with sd >= 0",
        "lognormal" => "[mean, sd] with mean > 0 and sd >= 0",
        "gamma" => "[shape, scale], both > 0",
        "erlang" => "[k, mean] with k a whole number >= 1 and mean > 0",
        "empirical" => "[v1, ..., vn], at least one value",
        _ => "valid parameters",
    };
}
