using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CorridorSim.Corridor;

/// <summary>
/// Reads JSON scenario files (docs/scenario-format.md) into <see cref="Scenario"/>s. The file is checked whole before
/// anything runs: JSON syntax (comments and trailing commas are allowed), then each object against its field table
/// (unknown fields are errors), then <see cref="CorridorModel.Validate"/> and the checks of the calibration block.
/// Every error is reported at once, each with the file, its JSON path, what was found and what was expected; a
/// scenario is returned only when there is none.
/// </summary>
/// <remarks>
/// <para>
/// Where the rules live: each definition type's fields (name, form, required, range, description) are stated once,
/// in a table next to the definition (<c>Ports/PortFields.cs</c>, <c>Stages/StageFields.cs</c>, …, the top level in
/// <c>Model/ScenarioFields.cs</c>); defaults are the records' initializers, read by reflection. The binder
/// (<c>ScenarioBinder</c>) reads files by the tables, <c>ValidationContext.CheckRanges</c> checks code-built
/// definitions by them, and tests generate <see cref="SchemaJson"/> from them and check docs/scenario-format.md.
/// </para>
/// <para>
/// What does what: System.Text.Json's <see cref="JsonDocument"/> parses (syntax errors with line and byte, comments,
/// trailing commas); the binder is our own because System.Text.Json's typed binding stops at the first error and
/// names no expected range, while a scenario must list every error with what was found and expected (and "did you
/// mean" for a misspelt field, by edit distance). JsonSchema.Net checks, in tests only (the package depends on
/// MathNet.Numerics alone), that the generated schema and the binder accept the same documents.
/// </para>
/// <para>
/// No input makes the loader throw anything but <see cref="ScenarioException"/> (and
/// <see cref="ArgumentNullException"/> for null arguments). An error found by an earlier step hides later errors at
/// the same path or below it, so one mistake is reported once.
/// </para>
/// </remarks>
public static class ScenarioLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Planners annotate scenario files, and a trailing comma is not a modelling error.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>The JSON Schema (draft 2020-12) of the scenario format, generated from the field tables, as embedded in the assembly.</summary>
    /// <remarks>The package also ships it as <c>schema/scenario.schema.json</c>, for editors (point <c>"$schema"</c> at it).</remarks>
    public static string SchemaJson { get; } = ReadSchema();

    /// <summary>Reads and validates a scenario file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The file cannot be read or is invalid; every error is listed.</exception>
    public static Scenario Load(string path) =>
        TryLoad(path, out Scenario? scenario, out IReadOnlyList<ScenarioError> errors) ? scenario : throw new ScenarioException(errors);

    /// <summary>Reads and validates a scenario file without throwing for a bad file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="scenario">The scenario, or null when there are errors.</param>
    /// <param name="errors">Every error found (a file that cannot be read is one error at <c>$</c>); empty on success.</param>
    /// <returns>Whether the file is a valid scenario.</returns>
    public static bool TryLoad(string path, [NotNullWhen(true)] out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        scenario = null;
        string? json = null;
        string? problem;
        try
        {
            problem = ReadText(path, out json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            problem = $"cannot read the file: {ex.Message}";
        }

        if (problem is not null)
        {
            errors = [new ScenarioError("$", problem) { File = path }];
            return false;
        }

        return TryParse(json!, path, out scenario, out errors);
    }

    /// <summary>The file's text, strictly decoded; or why it cannot be a scenario (null when it can).</summary>
    private static string? ReadText(string path, out string? json)
    {
        json = null;
        var info = new FileInfo(path);

        // A pipe, socket or device reports no length, and opening it can block for ever (a FIFO without a writer) or
        // never end (/dev/zero): only a regular file with content is read.
        if (info.Exists && info.Length == 0)
        {
            return "the file is empty, or is not a regular file (a pipe, socket or device); expected a scenario file (JSON).";
        }

        byte[] bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> utf8 = bytes;
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }
        else if (utf8.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || utf8.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // A UTF-16 file with its byte-order mark: decoded as File.ReadAllText would.
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            json = reader.ReadToEnd();
            return null;
        }

        // Not File.ReadAllText, which replaces bytes that are not UTF-8 with U+FFFD and so silently changes the scenario.
        char[] chars = new char[utf8.Length];
        OperationStatus status = System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            int offset = read + (bytes.Length - utf8.Length);
            int lineStart = offset == 0 ? 0 : Array.LastIndexOf(bytes, (byte)'\n', offset - 1) + 1;
            int line = 1 + bytes.AsSpan(0, lineStart).Count((byte)'\n');
            return string.Create(CultureInfo.InvariantCulture,
                $"invalid UTF-8 at line {line}, byte {offset - lineStart + 1}: found the byte 0x{bytes[offset]:X2}, which does not begin or continue a UTF-8 character; expected a file saved as UTF-8.");
        }

        json = new string(chars, 0, written);
        return null;
    }

    /// <summary>Parses and validates scenario JSON.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed).</param>
    /// <param name="fileName">The name reported with each error.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The JSON is invalid; every error is listed.</exception>
    public static Scenario Parse(string json, string fileName) =>
        TryParse(json, fileName, out Scenario? scenario, out IReadOnlyList<ScenarioError> errors) ? scenario : throw new ScenarioException(errors);

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
        scenario = null;
        var binder = new ScenarioBinder();
        var semantic = new List<Issue>();
        var shadows = new List<(string Path, bool Subtree)>();
        if (Read(json, binder.Structure) is { } document)
        {
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    binder.Structure.Add(new("$", $"found {ScenarioBinder.Describe(document.RootElement)}, expected an object ({ScenarioFields.Root.Title})."));
                }
                else
                {
                    scenario = Bind(document.RootElement, binder, shadows, semantic);
                }
            }
        }

        var kept = new List<Issue>(binder.Structure);
        AddUnshadowed(kept, binder.Mapping, []);
        AddUnshadowed(kept, semantic, shadows);
        errors = [.. kept.Select(i => new ScenarioError(i.Path, i.Message) { File = fileName })];
        scenario = errors.Count == 0 ? scenario : null;
        return scenario is not null;
    }

    /// <summary>Reads JSON into a tree with the loader's syntax rules (duplicate fields rejected), for the summary check.</summary>
    /// <exception cref="ScenarioException">The text is not valid JSON, or repeats a field.</exception>
    internal static JsonNode? ParseDocument(string json, string fileName)
    {
        var issues = new List<Issue>();
        JsonNode? node = null;
        if (Read(json, issues) is { } document)
        {
            using (document)
            {
                node = JsonTree.ToNode(document.RootElement.Clone(), "$", issues); // the nodes outlive the pooled document
            }
        }

        return issues.Count > 0 ? throw new ScenarioException([.. issues.Select(i => new ScenarioError(i.Path, i.Message) { File = fileName })]) : node;
    }

    private static Scenario Bind(JsonElement root, ScenarioBinder binder, List<(string Path, bool Subtree)> shadows, List<Issue> semantic)
    {
        var arrays = new Dictionary<string, object?>(StringComparer.Ordinal);
        var s = (Scenario)binder.Object(root, ScenarioFields.Root, "$", arrays);
        IEnumerable<T> Items<T>(string array) => (arrays.GetValueOrDefault(array) as object[] ?? []).Cast<T>();
        s = s with
        {
            Corridor = new CorridorDefinition
            {
                Name = s.Name,
                Units = [.. Items<UnitType>("units")],
                Components = [.. ComponentKinds.Arrays.SelectMany(Items<ComponentDefinition>)],
                Flows = [.. Items<CargoFlowDefinition>("flows")],
                Slowdowns = [.. Items<SlowdownDefinition>("slowdowns")],
                Investments = [.. Items<InvestmentDefinition>("investments")],
            },
        };
        CrossFieldRules(root, binder.Mapping, shadows);
        bool simulationBroken = binder.Structure.Any(i => i.Path == "$" || IsAtOrUnder(i.Path, "$.simulation"));
        semantic.AddRange(CorridorValidator.Validate(s.Corridor, simulationBroken ? null : s.Simulation.SimulatedYears).Select(e => new Issue(e.Path, e.Message)));
        if (s.Calibration is { } c && root.TryGetProperty("calibration", out JsonElement cal) && cal.ValueKind == JsonValueKind.Object)
        {
            CheckCalibration(s, c, cal, simulationBroken, semantic);
        }

        if (s.Uncertainty is { } u && !simulationBroken)
        {
            semantic.AddRange(UncertaintyRules.Check(s, u).Select(e => new Issue(e.Path, e.Message)));
        }

        if (s.Plan is { } plan)
        {
            s = s with { Plan = PlanRules.Named(plan) };
            if (!simulationBroken)
            {
                semantic.AddRange(PlanRules.Check(s, s.Plan).Select(e => new Issue(e.Path, e.Message)));
            }
        }

        return s;
    }


    // The rules between fields of one object that a field table cannot state; the shadows keep a model check from
    // repeating an error already reported (a stage without "from" is not also "from and to must differ").
    private static void CrossFieldRules(JsonElement root, List<Issue> errors, List<(string Path, bool Subtree)> shadows)
    {
        static bool IsString(JsonElement o, string key) => o.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String;
        static string Text(JsonElement o, string key) => IsString(o, key) ? o.GetProperty(key).GetString()! : string.Empty;
        IEnumerable<(JsonElement Item, string Path)> Each(string array) =>
            root.TryGetProperty(array, out JsonElement a) && a.ValueKind == JsonValueKind.Array
                ? a.EnumerateArray().Select((x, i) => (x, Paths.Index("$." + array, i))).Where(x => x.x.ValueKind == JsonValueKind.Object)
                : [];

        foreach ((JsonElement o, string p) in Each("stages").Concat(Each("roadLegs")))
        {
            if (!IsString(o, "from") || !IsString(o, "to"))
            {
                shadows.Add((p, false));
            }

            if (o.TryGetProperty("modes", out _) && Text(o, "kind") is var kind && kind != "transshipment")
            {
                errors.Add(new(p + ".modes", $"'modes' is only used with kind \"transshipment\", found kind \"{kind}\"; expected no 'modes'."));
            }
        }

        foreach ((JsonElement o, string p) in Each("flows").Where(f => !IsString(f.Item, "origin") || !IsString(f.Item, "destination") || !IsString(f.Item, "unit")))
        {
            shadows.Add((p + ".routes", true)); // route checks walk from the origin with the flow's unit
        }

        foreach ((JsonElement o, string p) in Each("investments"))
        {
            string kind = Text(o, "kind");
            bool hasValue = o.TryGetProperty("value", out _), hasVessels = o.TryGetProperty("vessels", out _);
            if (!InvestmentFields.Investment["kind"]!.Words.Contains(kind))
            {
                shadows.AddRange([(p + ".component", false), (p + ".value", false), (p + ".vessels", false)]);
            }
            else if (kind == "addVessels" && hasValue)
            {
                errors.Add(new(p + ".value", "'value' is not used with kind \"addVessels\" (the vessels listed are added); expected no 'value'."));
            }
            else if (kind != "addVessels")
            {
                if (!hasValue)
                {
                    string meaning = kind switch
                    {
                        "berths" => "berth count", "lanes" => "lane count", "trainsPerDay" => "capacity in trains per day",
                        "handlingTimeFactor" => "handling-time factor", _ => "load factor",
                    };
                    errors.Add(new(p + ".value", $"missing field 'value', required with kind \"{kind}\": the new {meaning}."));
                }

                if (hasVessels)
                {
                    errors.Add(new(p + ".vessels", $"'vessels' is only used with kind \"addVessels\", found kind \"{kind}\"; expected no 'vessels'."));
                }
            }
        }
    }

    private static void CheckCalibration(Scenario s, CalibrationTarget c, JsonElement cal, bool simulationBroken, List<Issue> issues)
    {
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        int first = s.Simulation.StartYear, last = first + s.Simulation.Years - 1;
        if (!simulationBroken && (c.Year < first || c.Year > last))
        {
            issues.Add(new("$.calibration.year", $"found {I(c.Year)}, expected one of the simulated years {I(first)}..{I(last)} (simulation.startYear, simulation.years)."));
        }

        // A backtest year that is not simulated would silently drop out of the comparison.
        foreach (int year in c.ReportedTonsByYear.Keys.Where(y => !simulationBroken && (y < first || y > last)).Order())
        {
            issues.Add(new("$.calibration.reportedTonsByYear." + I(year), $"year {I(year)} is not simulated; expected one of {I(first)}..{I(last)} (simulation.startYear, simulation.years)."));
        }

        if (c.TransitFlow is { } flow)
        {
            IReadOnlyList<CargoFlowDefinition> flows = s.Corridor.Flows;
            if (!flows.Any(f => f.Id == flow))
            {
                string known = flows.Count == 0 ? "none is defined" : "defined: " + string.Join(", ", flows.Select(f => f.Id));
                issues.Add(new("$.calibration.transitFlow", $"found '{flow}', expected the id of a flow in $.flows ({known})."));
            }

            if (!cal.TryGetProperty("transitDaysMax", out _))
            {
                issues.Add(new("$.calibration.transitDaysMax", "missing field 'transitDaysMax', required with transitFlow: the highest reported transit time, in days."));
            }
            else if (c.TransitDaysMax < c.TransitDaysMin)
            {
                issues.Add(new("$.calibration.transitDaysMax", $"found {F(c.TransitDaysMax)}, expected at least transitDaysMin ({F(c.TransitDaysMin)})."));
            }
        }
        else
        {
            foreach (string field in (string[])["transitDaysMin", "transitDaysMax", "transitSource"])
            {
                if (cal.TryGetProperty(field, out _))
                {
                    issues.Add(new("$.calibration." + field, $"'{field}' is given but no transitFlow names the flow it refers to; add transitFlow or remove '{field}'."));
                }
            }
        }
    }

    private static JsonDocument? Read(string json, List<Issue> issues)
    {
        // File.ReadAllText drops a byte-order mark; text from elsewhere may still carry one.
        ReadOnlyMemory<char> text = json.AsMemory();
        if (text.Span.Length > 0 && text.Span[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (LoneSurrogate(text.Span) is { } at)
        {
            // JsonDocument would throw ArgumentException transcoding it: text from code, not from a UTF-8 file.
            ReadOnlySpan<char> before = text.Span[..at];
            int line = before.Count('\n') + 1;
            int column = at - (before.LastIndexOf('\n') + 1) + 1;
            issues.Add(new("$", string.Create(CultureInfo.InvariantCulture,
                $"invalid text at line {line}, character {column}: found half a UTF-16 surrogate pair (U+{(int)text.Span[at]:X4}) without its other half; expected valid Unicode text.")));
            return null;
        }

        try
        {
            JsonDocument document = JsonDocument.Parse(text, DocumentOptions);
            int before = issues.Count;
            CheckStrings(document.RootElement, "$", issues);
            if (issues.Count == before)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException ex)
        {
            string message = ex.Message.Split(" LineNumber:")[0];
            string where = ex.LineNumber is { } line
                ? $"line {(line + 1).ToString(CultureInfo.InvariantCulture)}, byte {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                : "an unknown position";
            issues.Add(new("$", $"invalid JSON at {where}: {message}"));
            return null;
        }
    }

    /// <summary>The index of the first UTF-16 surrogate that is not half of a pair, or null.</summary>
    private static int? LoneSurrogate(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// Reports every string and field name that holds a lone UTF-16 surrogate escape (<c>"\ud800"</c>): valid JSON
    /// syntax, but not text, so that reading it as a string throws; checking stops here, as after a syntax error.
    /// </summary>
    private static void CheckStrings(JsonElement e, string path, List<Issue> issues)
    {
        const string Lone = "a lone UTF-16 surrogate escape (such as \\ud800 without the low surrogate after it)";
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (TryString(p, out string? name))
                    {
                        CheckStrings(p.Value, Paths.Child(path, name), issues);
                    }
                    else
                    {
                        issues.Add(new(path, $"a field name holds {Lone}; expected text that is valid Unicode."));
                    }
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in e.EnumerateArray())
                {
                    CheckStrings(item, Paths.Index(path, i++), issues);
                }

                break;
            case JsonValueKind.String when !TryString(e, out _):
                issues.Add(new(path, $"found a string with {Lone}; expected text that is valid Unicode."));
                break;
            default:
                break;
        }
    }

    // System.Text.Json offers no TryGetString: a string that is not valid UTF-16 throws InvalidOperationException.
    private static bool TryString(JsonElement e, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = e.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static bool TryString(JsonProperty p, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = p.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    internal static bool TryParseDate(string text, out DateTime utc)
    {
        utc = default;
        string s = text.Trim().ToUpperInvariant();
        if (s.Length == 10)
        {
            bool ok = DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day);
            utc = DateTime.SpecifyKind(day, DateTimeKind.Utc);
            return ok;
        }

        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        ];
        bool parsed = DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at);
        utc = at.UtcDateTime;
        return parsed;
    }

    private static bool IsAtOrUnder(string path, string ancestor) =>
        path.StartsWith(ancestor, StringComparison.Ordinal) && (path.Length == ancestor.Length || path[ancestor.Length] is '.' or '[');

    private static void AddUnshadowed(List<Issue> kept, List<Issue> later, List<(string Path, bool Subtree)> shadows)
    {
        int earlier = kept.Count;
        foreach (Issue issue in later)
        {
            if (!shadows.Any(s => s.Subtree ? IsAtOrUnder(issue.Path, s.Path) : issue.Path == s.Path) &&
                !kept.Take(earlier).Any(k => IsAtOrUnder(issue.Path, k.Path)))
            {
                kept.Add(issue);
            }
        }
    }

    private static string ReadSchema()
    {
        using Stream stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("CorridorSim.scenario.schema.json")
            ?? throw new InvalidOperationException("The embedded resource 'CorridorSim.scenario.schema.json' is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>An error before its file name is known.</summary>
    internal readonly record struct Issue(string Path, string Message);
}
