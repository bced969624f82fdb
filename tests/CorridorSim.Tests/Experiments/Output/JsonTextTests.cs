using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class JsonTextTests
{
    [Fact]
    public void Write_Numbers_RoundedNaNAsNullLfLineEndingsAndAFinalNewline()
    {
        string text = JsonText.Write(w =>
        {
            w.WriteStartObject();
            JsonText.Number(w, "a", 1.0 / 3);
            JsonText.Number(w, "b", double.NaN);
            w.WriteEndObject();
        });

        Assert.Equal("{\n  \"a\": 0.333333,\n  \"b\": null\n}\n", text);
    }

    [Fact]
    public void TargetMet_None_Null()
    {
        string text = JsonText.Write(w =>
        {
            w.WriteStartObject();
            JsonText.TargetMet(w, "t", null);
            JsonText.TargetMet(w, "u", new TargetMetYear { Year = 2030, Probability = 0.95 });
            w.WriteEndObject();
        });

        Assert.Equal("{\n  \"t\": null,\n  \"u\": {\n    \"year\": 2030,\n    \"probability\": 0.95\n  }\n}\n", text);
    }
}
