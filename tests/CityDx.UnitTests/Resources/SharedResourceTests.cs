using System.Xml.Linq;
using CityDx.TestData;

namespace CityDx.UnitTests.Resources;

/// <summary>Japanese first, English second: every string exists in both, and none is left empty.</summary>
public sealed class SharedResourceTests
{
    private static string ResourceFolder() => RepoRoot.Combine("src", "CityDx.Application", "Resources");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(ResourceFolder(), file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    [Fact]
    public void Japanese_and_English_have_the_same_keys_and_no_empty_value()
    {
        var ja = Read("SharedResource.resx");
        var en = Read("SharedResource.en.resx");
        Assert.Empty(ja.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(ja.Keys));
        Assert.Empty(ja.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        Assert.Empty(en.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void Placeholders_match_between_languages()
    {
        var ja = Read("SharedResource.resx");
        var en = Read("SharedResource.en.resx");
        static string[] Holes(string s) => System.Text.RegularExpressions.Regex.Matches(s, @"\{[a-z0-9]+\}").Select(m => m.Value).Order().ToArray();
        foreach (var (key, value) in ja)
        {
            Assert.True(Holes(value).SequenceEqual(Holes(en[key])), $"{key}: '{value}' vs '{en[key]}'");
        }
    }
}
