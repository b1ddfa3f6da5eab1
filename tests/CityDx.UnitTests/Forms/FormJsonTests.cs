using System.Text;
using System.Text.Json;
using CityDx.Domain.Forms;

namespace CityDx.UnitTests.Forms;

public sealed class FormJsonTests
{
    internal static FormDefinition Rich() => new(
    [
        new FormStep("applicant", "申請者", "Applicant",
        [
            new("name", FieldType.PersonName, "氏名", "Name", MaxLength: 40, MinLength: 2, HintJa: "戸籍上の氏名", HintEn: "As registered"),
            new("kana", FieldType.Furigana, "フリガナ", "Furigana", Required: false),
            new("born", FieldType.Date, "生年月日", "Born", Wareki: true),
            new("copies", FieldType.Number, "通数", "Copies", Min: 1, Max: 10.5m),
            new("has_dog", FieldType.YesNo, "犬を飼っていますか", "Dog?"),
            new("colours", FieldType.MultipleChoice, "色", "Colours", Options: [new("red", "赤", "Red"), new("blue", "青", "Blue")], Min: 1, Max: 2,
                ShowWhen: new("has_dog", ConditionOperator.IsYes)),
            new("code", FieldType.ShortText, "コード", "Code", Pattern: "[A-Z]{2}\"\\d+", ShowWhen: new("colours", ConditionOperator.OneOf, ["red", "blue"])),
        ]),
        new FormStep("more", "詳細", "More",
        [
            new("about", FieldType.Information, "", "", ContentJa: "<注意>&「本人」", ContentEn: "Note\nline 2"),
            new("docs", FieldType.FileUpload, "添付", "Files", AllowedFileTypes: ["pdf", "png"], MaxFileSizeBytes: 10_485_760_000, MaxFiles: 3),
            new("pets", FieldType.RepeatingGroup, "ペット", "Pets", MinRows: 0, MaxRows: 5, SubFields:
            [
                new("pet_name", FieldType.ShortText, "名前", "Name"),
                new("addr", FieldType.PostalAddress, "住所", "Address", Required: false),
            ]),
            new("oath", FieldType.Declaration, "誓約", "Declaration"),
        ], ShowWhen: new("name", ConditionOperator.NotEquals, ["x"])),
    ]);

    private static string Doc(string steps) => $$"""{"format":"citydx-form","version":1,"steps":{{steps}}}""";

    private const string OneField = """[{"key":"main","titleJa":"","titleEn":"","fields":[{"key":"a","type":"shortText","labelJa":"A","labelEn":"A"}]}]""";

    private static string Code(FormImportResult result)
    {
        Assert.Null(result.Definition);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        return error[..error.IndexOf(": ", StringComparison.Ordinal)];
    }

    [Fact]
    public void Round_trip_is_stable()
    {
        var json = FormJson.Export(Rich());
        var imported = FormJson.Import(json);
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        Assert.Equal(json, FormJson.Export(imported.Definition!));
    }

    [Fact]
    public void Round_trip_keeps_every_property()
    {
        var back = FormJson.Import(FormJson.Export(Rich())).Definition!;
        var original = Rich();
        Assert.Equal(original.Steps.Select(s => (s.Key, s.TitleJa, s.TitleEn, s.ShowWhen?.FieldKey, s.ShowWhen?.Operator)), back.Steps.Select(s => (s.Key, s.TitleJa, s.TitleEn, s.ShowWhen?.FieldKey, s.ShowWhen?.Operator)));
        foreach (var (a, b) in original.Fields.Zip(back.Fields))
        {
            // Records compare lists by reference, so compare with the lists taken out.
            Assert.Equal(a with { Options = null, AllowedFileTypes = null, SubFields = null, ShowWhen = null }, b with { Options = null, AllowedFileTypes = null, SubFields = null, ShowWhen = null });
            Assert.Equal(a.OptionList, b.OptionList);
            Assert.Equal(a.AllowedFileTypeList, b.AllowedFileTypeList);
            Assert.Equal(a.SubFieldList.Select(s => s.Key), b.SubFieldList.Select(s => s.Key));
            Assert.Equal(a.ShowWhen?.Values ?? [], b.ShowWhen?.Values ?? []);
        }

        Assert.Equal(10_485_760_000, back.FindField("docs")!.MaxFileSizeBytes);
        Assert.Equal(10.5m, back.FindField("copies")!.Max);
        Assert.Equal(FieldType.PostalAddress, back.FindField("pets")!.SubFieldList[1].Type);
        Assert.False(back.FindField("pets")!.SubFieldList[1].Required);
    }

    [Fact]
    public void Export_is_versioned_camel_case_with_enum_names_and_no_nulls()
    {
        using var doc = JsonDocument.Parse(FormJson.Export(Rich()));
        var root = doc.RootElement;
        Assert.Equal("citydx-form", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var colours = root.GetProperty("steps")[0].GetProperty("fields")[5];
        Assert.Equal("multipleChoice", colours.GetProperty("type").GetString());
        Assert.Equal("isYes", colours.GetProperty("showWhen").GetProperty("operator").GetString());
        Assert.False(colours.GetProperty("showWhen").TryGetProperty("values", out _));
        Assert.False(colours.TryGetProperty("hintJa", out _));
        Assert.False(colours.TryGetProperty("wareki", out _));
        Assert.True(root.GetProperty("steps")[0].GetProperty("fields")[2].GetProperty("wareki").GetBoolean());
        Assert.Equal("oneOf", root.GetProperty("steps")[0].GetProperty("fields")[6].GetProperty("showWhen").GetProperty("operator").GetString());
        Assert.DoesNotContain("null", FormJson.Export(Rich()), StringComparison.Ordinal);
    }

    [Fact]
    public void Imported_definition_behaves_like_the_original()
    {
        var back = FormJson.Import(FormJson.Export(Rich())).Definition!;
        var code = back.FindField("code")!;
        var answers = new Dictionary<string, string?> { ["has_dog"] = "yes", ["colours"] = "blue" };
        Assert.True(back.IsVisible(code, answers));
        answers["has_dog"] = "no";
        Assert.False(back.IsVisible(code, answers));
    }

    [Fact]
    public void A_minimal_document_imports_with_defaults()
    {
        var result = FormJson.Import(Doc(OneField));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var field = Assert.Single(result.Definition!.Fields);
        Assert.True(field.Required);
        Assert.False(field.Wareki);
        Assert.Null(field.Options);
    }

    [Fact]
    public void Input_over_one_mebibyte_is_refused()
    {
        var padding = new string(' ', FormJson.MaxBytes);
        Assert.Equal("Json.TooLarge", Code(FormJson.Import(Doc(OneField) + padding)));
        // Multi-byte characters count as bytes, not chars.
        var kana = Doc(OneField).Replace("\"A\"", "\"" + new string('あ', 3000) + "\"", StringComparison.Ordinal);
        Assert.True(FormJson.Import(kana).Succeeded);
        var bigJapanese = new string('あ', (FormJson.MaxBytes / 3) + 1);
        Assert.Equal("Json.TooLarge", Code(FormJson.Import(bigJapanese)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"format\":\"citydx-form\",}")]
    [InlineData("{} {}")]
    [InlineData("// comment\n{}")]
    [InlineData("{'format':'citydx-form'}")]
    public void Invalid_json_is_refused(string json) => Assert.Equal("Json.Invalid", Code(FormJson.Import(json)));

    [Fact]
    public void Null_input_is_refused_not_thrown() => Assert.Equal("Json.Invalid", Code(FormJson.Import(null!)));

    [Fact]
    public void Nesting_deeper_than_32_is_refused()
    {
        string Nested(int depth) => "{\"format\":\"citydx-form\",\"version\":1,\"steps\":[],\"x\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
        Assert.Equal("Json.TooDeep", Code(FormJson.Import(Nested(33))));
        Assert.Equal("Json.TooDeep", Code(FormJson.Import(Nested(5000))));
        // 32 levels is fine for the depth check (and then refused only for the unknown property).
        Assert.Equal("Json.UnknownProperty", Code(FormJson.Import(Nested(32))));
    }

    [Theory]
    [InlineData("{\"format\":\"citydx-form\",\"format\":\"citydx-form\",\"version\":1,\"steps\":[]}")]
    [InlineData("{\"format\":\"citydx-form\",\"version\":1,\"steps\":[{\"key\":\"a\",\"key\":\"b\",\"titleJa\":\"\",\"titleEn\":\"\",\"fields\":[]}]}")]
    [InlineData("{\"format\":\"citydx-form\",\"version\":1,\"steps\":[{\"key\":\"main\",\"titleJa\":\"\",\"titleEn\":\"\",\"fields\":[{\"key\":\"a\",\"type\":\"shortText\",\"labelJa\":\"A\",\"labelEn\":\"A\",\"required\":true,\"required\":false}]}]}")]
    [InlineData("{\"format\":\"citydx-form\",\"version\":1,\"steps\":[],\"x\":{\"a\":1,\"\\u0061\":2}}")]
    public void Duplicate_property_names_in_any_object_are_refused(string json) => Assert.Equal("Json.DuplicateProperty", Code(FormJson.Import(json)));

    [Fact]
    public void The_same_name_in_different_objects_is_fine()
    {
        var json = Doc("""[{"key":"a","titleJa":"A","titleEn":"A","fields":[{"key":"a","type":"shortText","labelJa":"A","labelEn":"A"}]},{"key":"b","titleJa":"B","titleEn":"B","fields":[{"key":"b","type":"shortText","labelJa":"B","labelEn":"B"}]}]""");
        Assert.True(FormJson.Import(json).Succeeded);
    }

    [Theory]
    [InlineData("{\"format\":\"other\",\"version\":1,\"steps\":[]}", "Json.UnknownFormat")]
    [InlineData("{\"version\":1,\"steps\":[]}", "Json.UnknownFormat")]
    [InlineData("{\"format\":\"citydx-form\",\"version\":2,\"steps\":[]}", "Json.UnsupportedVersion")]
    [InlineData("{\"format\":\"citydx-form\",\"version\":\"1\",\"steps\":[]}", "Json.UnsupportedVersion")]
    [InlineData("{\"format\":\"citydx-form\",\"steps\":[]}", "Json.UnsupportedVersion")]
    [InlineData("[]", "Json.WrongType")]
    [InlineData("{\"format\":\"citydx-form\",\"version\":1}", "Json.Missing")]
    [InlineData("{\"format\":\"citydx-form\",\"version\":1,\"steps\":{}}", "Json.WrongType")]
    public void Unknown_format_version_or_shape_is_refused(string json, string code) => Assert.Equal(code, Code(FormJson.Import(json)));

    [Theory]
    [InlineData("\"type\":\"shortText\"", "\"type\":\"signature\"", "Json.UnknownFieldType")]
    [InlineData("\"type\":\"shortText\"", "\"type\":\"ShortText\"", "Json.UnknownFieldType")]
    [InlineData("\"type\":\"shortText\"", "\"type\":1", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"showWhen\":{\"fieldKey\":\"a\",\"operator\":\"greaterThan\",\"values\":[\"1\"]}", "Json.UnknownOperator")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"required\":\"yes\"", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"maxLength\":1.5", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"maxLength\":99999999999", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"min\":\"1\"", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"options\":\"a,b\"", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"options\":[\"a\"]", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"allowedFileTypes\":[1]", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"showWhen\":\"a\"", "Json.WrongType")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"colour\":\"red\"", "Json.UnknownProperty")]
    [InlineData("\"labelEn\":\"A\"", "\"labelEn\":null", "Json.Missing")]
    [InlineData(",\"labelEn\":\"A\"", "", "Json.Missing")]
    public void Bad_fields_are_refused(string find, string replace, string code)
    {
        var json = Doc(OneField).Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Doc(OneField), json);
        Assert.Equal(code, Code(FormJson.Import(json)));
    }

    [Fact]
    public void Errors_name_the_path_in_words()
    {
        var json = Doc(OneField).Replace("\"labelEn\":\"A\"", "\"labelEn\":\"A\",\"required\":\"yes\"", StringComparison.Ordinal);
        Assert.Equal("Json.WrongType: $.steps[0].fields[0].required must be true or false", Assert.Single(FormJson.Import(json).Errors));
    }

    [Fact]
    public void Several_schema_errors_are_all_listed()
    {
        var json = Doc(OneField).Replace("\"type\":\"shortText\"", "\"type\":\"nope\",\"required\":1,\"extra\":true", StringComparison.Ordinal);
        var result = FormJson.Import(json);
        Assert.Null(result.Definition);
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Strings_over_4000_characters_are_refused()
    {
        var ok = Doc(OneField).Replace("\"labelJa\":\"A\"", $"\"labelJa\":\"{new string('あ', 4000)}\"", StringComparison.Ordinal);
        Assert.True(FormJson.Import(ok).Succeeded);
        var tooLong = Doc(OneField).Replace("\"labelJa\":\"A\"", $"\"labelJa\":\"{new string('あ', 4001)}\"", StringComparison.Ordinal);
        Assert.Equal("Json.StringTooLong", Code(FormJson.Import(tooLong)));
        var longName = Doc(OneField).Replace("\"labelJa\":\"A\"", $"\"labelJa\":\"A\",\"{new string('x', 4001)}\":1", StringComparison.Ordinal);
        Assert.Equal("Json.StringTooLong", Code(FormJson.Import(longName)));
    }

    [Fact]
    public void More_than_max_fields_are_refused_counting_sub_fields()
    {
        string Fields(int n) => string.Join(',', Enumerable.Range(0, n).Select(i => $"{{\"key\":\"f{i}\",\"type\":\"shortText\",\"labelJa\":\"A\",\"labelEn\":\"A\"}}"));
        Assert.True(FormJson.Import(Doc($"[{{\"key\":\"main\",\"titleJa\":\"\",\"titleEn\":\"\",\"fields\":[{Fields(FormDefinition.MaxFields)}]}}]")).Succeeded);
        Assert.Equal("Json.TooManyFields", Code(FormJson.Import(Doc($"[{{\"key\":\"main\",\"titleJa\":\"\",\"titleEn\":\"\",\"fields\":[{Fields(FormDefinition.MaxFields + 1)}]}}]"))));
        var group = $"{{\"key\":\"g\",\"type\":\"repeatingGroup\",\"labelJa\":\"G\",\"labelEn\":\"G\",\"subFields\":[{Fields(FormDefinition.MaxFields)}]}}";
        Assert.Equal("Json.TooManyFields", Code(FormJson.Import(Doc($"[{{\"key\":\"main\",\"titleJa\":\"\",\"titleEn\":\"\",\"fields\":[{group}]}}]"))));
    }

    private const string Noise = "{}[]\",:0a\\ \u0000\uD800";

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new Random(20260401);
        var source = FormJson.Export(Rich());
        for (var i = 0; i < 300; i++)
        {
            var chars = source.ToCharArray();
            for (var j = 0; j < 5; j++)
            {
                chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
            }

            var result = FormJson.Import(new string(chars));
            Assert.True(result.Definition is not null || result.Errors.Count > 0);
        }
    }

    [Fact]
    public void Export_keeps_japanese_readable() =>
        Assert.Contains("犬を飼っていますか", FormJson.Export(Rich()), StringComparison.Ordinal);

    [Fact]
    public void Export_is_utf8_json_that_any_parser_reads()
    {
        var bytes = Encoding.UTF8.GetBytes(FormJson.Export(Rich()));
        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal(2, doc.RootElement.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public void The_example_in_the_format_document_imports_and_can_be_published()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "form-json-format.md")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var markdown = File.ReadAllText(Path.Combine(dir.FullName, "docs", "form-json-format.md"));
        var example = markdown[markdown.IndexOf("## Example", StringComparison.Ordinal)..];
        var start = example.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = example[start..example.IndexOf("```", start, StringComparison.Ordinal)];
        var result = FormJson.Import(json);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(FormChecks.Check(result.Definition!));
        Assert.Equal(["name", "has_dog", "dog_name", "colours", "vaccine", "oath"], result.Definition!.Fields.Select(f => f.Key));
    }
}
