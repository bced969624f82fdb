using System.Globalization;

namespace CorridorSim.Corridor;

/// <summary>What a scenario field holds, as the binder reads it and the schema generator writes it.</summary>
internal enum Form
{
    /// <summary>A whole number (JSON <c>1e3</c> counts).</summary>
    Integer,

    /// <summary>A finite number.</summary>
    Number,

    /// <summary>A string; <see cref="Field.MinLength"/> 1 makes it non-empty.</summary>
    Text,

    /// <summary>One of <see cref="Field.Words"/>; an enum property takes the word in PascalCase.</summary>
    Words,

    /// <summary>A date "YYYY-MM-DD" or an ISO 8601 date-time, read as UTC.</summary>
    Date,

    /// <summary>A number (a constant) or a one-key object naming a <see cref="DistributionForms">distribution form</see>.</summary>
    Distribution,

    /// <summary>12 numbers &gt;= 0, January first.</summary>
    Months,

    /// <summary>An object keyed by 4-digit years, each value a number within the field's range.</summary>
    YearMap,

    /// <summary>An object of non-empty keys to strings.</summary>
    TextMap,

    /// <summary>An object of <see cref="Field.Item"/>'s shape.</summary>
    Object,

    /// <summary>An array of <see cref="Field.Item"/>'s shape.</summary>
    List,

    /// <summary>An array of non-empty strings.</summary>
    TextList,

    /// <summary>An array of at least <see cref="Field.MinItems"/> numbers, each within the field's range.</summary>
    NumberList,
}

/// <summary>
/// One field of a scenario object: the one place its name, form, requiredness, range and description are stated.
/// Its default is not stated here but read from the definition record's initializer (<see cref="Shape.DefaultOf"/>).
/// </summary>
internal sealed record Field(string Name, Form Form, string Description)
{
    public bool Required { get; init; }

    public int MinLength { get; init; }

    /// <summary>The longest string allowed, in characters; 0 for no limit.</summary>
    public int MaxLength { get; init; }

    public double? Min { get; init; }

    public bool MinExclusive { get; init; }

    public double? Max { get; init; }

    public bool MaxExclusive { get; init; }

    public int MinItems { get; init; }

    public IReadOnlyList<string> Words { get; init; } = [];

    public Shape? Item { get; init; }

    /// <summary>The free-text citation every record object may carry; not read into the model (except where a property is named <c>Source</c>).</summary>
    public static Field Source { get; } = new("source", Form.Text, "Free-text citation kept for the record, e.g. \"[S24] Kuryk ferry processing 6–12 h\". Not used by the simulation.");

    public static Field Id(string name, string description) =>
        new(name, Form.Text, description) { Required = true, MinLength = 1, MaxLength = CorridorDefinition.MaxIdLength };

    public bool HasRange => Min is not null || Max is not null;

    public bool InRange(double v) =>
        (Min is not { } lo || (MinExclusive ? v > lo : v >= lo)) && (Max is not { } hi || (MaxExclusive ? v < hi : v <= hi));

    /// <summary>The range as messages and docs state it: <c>1..1000</c>, <c>(0, 10000]</c>, <c>at least 0</c>.</summary>
    public string RangeText => (Min, Max) switch
    {
        ({ } l, { } h) when !MinExclusive && !MaxExclusive => $"{F(l)}..{F(h)}",
        ({ } l, { } h) => $"{(MinExclusive ? "(" : "[")}{F(l)}, {F(h)}{(MaxExclusive ? ")" : "]")}",
        ({ } l, null) => MinExclusive ? $"greater than {F(l)}" : $"at least {F(l)}",
        (null, { } h) => MaxExclusive ? $"less than {F(h)}" : $"at most {F(h)}",
        _ => "any",
    };

    /// <summary>A bound as the schema and messages write it: 1e10 rather than 10000000000.</summary>
    public static string F(double v) =>
        v == 18446744073709551615.0 ? "18446744073709551615"
        : Math.Abs(v) >= 1e9 ? v.ToString("0.###e0", CultureInfo.InvariantCulture)
        : v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A scenario object: its fields in file order, the record it binds to and how messages name it.</summary>
/// <param name="Name">The schema's <c>$defs</c> name, e.g. <c>port</c>.</param>
/// <param name="Title">How messages name one, e.g. <c>a port</c>.</param>
/// <param name="Type">The record bound (a stage's type is picked by its <c>kind</c>, <see cref="ComponentKinds"/>).</param>
/// <param name="Fields">The fields.</param>
internal sealed record Shape(string Name, string Title, Type Type, IReadOnlyList<Field> Fields)
{
    public Field? this[string name] => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>A record of <paramref name="type"/> as its initializers leave it: the defaults, stated once, in the record.</summary>
    public static object Blank(Type type) =>
        type == typeof(DatedClosure) ? new DatedClosure(default, 0) : Activator.CreateInstance(type)!;

    /// <summary>The record a blank is made of: for an abstract type (a stage), the first registered kind of it.</summary>
    public Type Concrete => Type.IsAbstract ? ComponentKinds.All.First(k => Type.IsAssignableFrom(k.DefinitionType)).DefinitionType : Type;

    /// <summary>The default of an optional field, as the record's initializer sets it (null when it has no property).</summary>
    public object? DefaultOf(Field field) => Property(Concrete, field)?.GetValue(Blank(Concrete));

    /// <summary>The property a field binds to: its name in PascalCase, if the record has it and it can be set.</summary>
    public static System.Reflection.PropertyInfo? Property(Type type, Field field)
    {
        System.Reflection.PropertyInfo? p = type.GetProperty(char.ToUpperInvariant(field.Name[0]) + field.Name[1..]);
        return p is { CanWrite: true } ? p : null;
    }
}
