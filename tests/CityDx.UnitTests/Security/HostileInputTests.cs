using System.Xml.Linq;
using CityDx.Domain.Forms;
using CityDx.TestData;

namespace CityDx.UnitTests.Security;

/// <summary>
/// More than a thousand generated hostile values through every input type of the form definition:
/// validation never throws, every refusal names a message the portal has in both languages, and
/// nothing accepted carries control characters or bidirectional overrides into the case.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly IReadOnlyList<FieldOption> Options = [new("a", "あ", "A"), new("b", "い", "B")];

    public static TheoryData<FieldType> InputTypes() => new(Enum.GetValues<FieldType>().Where(t => t != FieldType.Information));

    private static FormField FieldOf(FieldType type) => type switch
    {
        FieldType.SingleChoice or FieldType.MultipleChoice => new FormField("q", type, "質問", "Question", Options: Options),
        FieldType.RepeatingGroup => new FormField("q", type, "質問", "Question", SubFields: [new FormField("name", FieldType.ShortText, "名前", "Name", MaxLength: 50)], MaxRows: 5),
        FieldType.ShortText or FieldType.LongText or FieldType.PersonName or FieldType.Furigana => new FormField("q", type, "質問", "Question", MaxLength: 200),
        _ => new FormField("q", type, "質問", "Question"),
    };

    /// <summary>The keys an answer of the type is posted under (compound types have parts).</summary>
    private static IEnumerable<string> KeysOf(FieldType type) => type switch
    {
        FieldType.PostalAddress => ["q.postal_code", "q.prefecture", "q.city", "q.town", "q.street", "q.building"],
        FieldType.RepeatingGroup => ["q", "q[0].name"],
        _ => ["q"],
    };

    private static readonly HashSet<string> MessageKeys = LoadMessageKeys();

    private static HashSet<string> LoadMessageKeys()
    {
        var resx = RepoRoot.Combine("src", "CityDx.Application", "Resources", "SharedResource.resx");
        return XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InputTypes))]
    public void Hostile_values_never_throw_and_every_refusal_has_a_message(FieldType type)
    {
        var form = new FormDefinition([FieldOf(type)]);
        var checkedValues = 0;
        foreach (var value in CityDx.TestData.HostileValues.All())
        {
            foreach (var key in KeysOf(type))
            {
                var answers = KeysOf(type).ToDictionary(k => k, k => k == key ? value : (string?)(k == "q" && type == FieldType.RepeatingGroup ? "1" : "x"));
                var result = form.Validate(answers);
                checkedValues++;
                foreach (var error in result.Errors)
                {
                    Assert.True(MessageKeys.Contains(error.Code) || error.Code == "Form.NotADate", $"{type}: no message for {error.Code}");
                }

                if (result.IsValid)
                {
                    foreach (var (answerKey, stored) in result.Answers)
                    {
                        Assert.False(stored.Any(c => char.IsControl(c) && c is not ('\n' or '\r')), $"{type}/{answerKey}: a control character was accepted ({Escape(value)})");
                        Assert.False(stored.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'), $"{type}/{answerKey}: a bidi override was accepted ({Escape(value)})");
                        Assert.False(stored.Any(char.IsSurrogate) && !IsWellFormed(stored), $"{type}/{answerKey}: a lone surrogate was accepted");
                    }
                }
            }
        }

        Assert.True(checkedValues >= CityDx.TestData.HostileValues.All().Count);
    }

    [Fact]
    public void More_than_a_thousand_values_are_tried_in_all() =>
        Assert.True(CityDx.TestData.HostileValues.All().Count * (Enum.GetValues<FieldType>().Length - 1) >= 1000);

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string value) =>
        value.Length > 40 ? $"{value.Length} chars" : string.Concat(value.Select(c => char.IsControl(c) || c > '\u2000' ? $"\\u{(int)c:X4}" : c.ToString()));
}
