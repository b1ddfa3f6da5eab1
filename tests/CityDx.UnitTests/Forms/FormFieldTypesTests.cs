using CityDx.Domain.Forms;

namespace CityDx.UnitTests.Forms;

public sealed class FormFieldTypesTests
{
    private static readonly FieldOption[] Colours = [new("red", "赤", "Red"), new("blue", "青", "Blue"), new("green", "緑", "Green")];

    private static Dictionary<string, string?> A(params (string Key, string? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    private static FormValidationResult One(FormField field, params (string Key, string? Value)[] answers) => new FormDefinition([field]).Validate(A(answers));

    private static void Fails(FormValidationResult result, string key, string code)
    {
        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.FieldKey);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void New_types_keep_existing_numbers_and_are_appended()
    {
        Assert.Equal(11, (int)FieldType.PostalAddress);
        Assert.Equal(12, (int)FieldType.MultipleChoice);
        Assert.Equal(13, (int)FieldType.FileUpload);
        Assert.Equal(14, (int)FieldType.RepeatingGroup);
        Assert.Equal(15, (int)FieldType.Declaration);
        Assert.Equal(16, (int)FieldType.Information);
    }

    private static FormField Multi(bool required = true, decimal? min = null, decimal? max = null) =>
        new("colours", FieldType.MultipleChoice, "色", "Colours", Required: required, Options: Colours, Min: min, Max: max);

    [Fact]
    public void Multiple_choice_stores_options_in_option_order_without_repeats()
    {
        var result = One(Multi(), ("colours", " green\r\nred\ngreen\n\n"));
        Assert.True(result.IsValid);
        Assert.Equal("red\ngreen", result.Answers["colours"]);
    }

    [Fact]
    public void Multiple_choice_refuses_a_value_that_is_not_an_option() =>
        Fails(One(Multi(), ("colours", "red\npurple")), "colours", "Form.NotAnOption");

    [Fact]
    public void Multiple_choice_required_and_empty_asks_to_choose()
    {
        Fails(One(Multi(), ("colours", "\n")), "colours", "Form.Required.Choose");
        var optional = One(Multi(required: false), ("colours", ""));
        Assert.True(optional.IsValid);
        Assert.Empty(optional.Answers);
    }

    [Theory]
    [InlineData("red", false)]
    [InlineData("red\nblue", true)]
    [InlineData("red\nblue\ngreen", false)]
    public void Multiple_choice_min_and_max_bound_the_number_chosen(string answer, bool valid)
    {
        var result = One(Multi(min: 2, max: 2), ("colours", answer));
        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal("Form.SelectionCount", error.Code);
            Assert.Equal(2m, error.Args!["min"]);
            Assert.Equal(2m, error.Args!["max"]);
        }
    }

    private static FormField Files(bool required = true, int? maxFiles = 2) =>
        new("docs", FieldType.FileUpload, "添付", "Attachments", Required: required, AllowedFileTypes: ["pdf", "png"], MaxFileSizeBytes: 5_000_000, MaxFiles: maxFiles);

    [Fact]
    public void File_upload_stores_the_ids_and_counts_them_against_max_files()
    {
        var ok = One(Files(), ("docs", "id-1\nid-2\n"));
        Assert.True(ok.IsValid);
        Assert.Equal("id-1\nid-2", ok.Answers["docs"]);

        var tooMany = One(Files(), ("docs", "id-1\nid-2\nid-3"));
        Fails(tooMany, "docs", "Form.TooManyFiles");
        Assert.Equal(2, tooMany.Errors[0].Args!["max"]);
        Assert.Empty(tooMany.Answers);
    }

    [Fact]
    public void File_upload_required_and_optional()
    {
        Fails(One(Files(), ("docs", "")), "docs", "Form.Required");
        Assert.True(One(Files(required: false)).IsValid);
        Assert.True(One(Files(maxFiles: null), ("docs", string.Join('\n', Enumerable.Range(0, 30).Select(i => $"f{i}")))).IsValid);
    }

    [Fact]
    public void Declaration_required_must_be_yes()
    {
        var field = new FormField("oath", FieldType.Declaration, "上記のとおり誓約します", "I declare the above");
        Assert.Equal("yes", One(field, ("oath", "yes")).Answers["oath"]);
        Fails(One(field, ("oath", "no")), "oath", "Form.Declaration");
        Fails(One(field), "oath", "Form.Declaration");
        Fails(One(field, ("oath", "on")), "oath", "Form.Declaration");
    }

    [Fact]
    public void Declaration_optional_may_be_left_but_not_given_another_value()
    {
        var field = new FormField("oath", FieldType.Declaration, "同意", "Agree", Required: false);
        Assert.True(One(field).IsValid);
        Assert.Empty(One(field).Answers);
        Fails(One(field, ("oath", "maybe")), "oath", "Form.NotAnOption");
    }

    [Fact]
    public void Information_is_never_validated_or_stored()
    {
        var info = new FormField("about", FieldType.Information, "ご注意", "Note", Required: true, ContentJa: "本人確認書類が必要です", ContentEn: "ID is needed");
        var result = One(info, ("about", "posted anyway"));
        Assert.True(result.IsValid);
        Assert.Empty(result.Answers);
        Assert.Equal("ID is needed", info.Content(true));
        Assert.Equal("本人確認書類が必要です", info.Content(false));
        Assert.False(info.IsInput);
    }

    [Fact]
    public void Min_length_is_checked_after_normalising()
    {
        var field = new FormField("code", FieldType.ShortText, "コード", "Code", MinLength: 3);
        var short1 = One(field, ("code", " ab "));
        Fails(short1, "code", "Form.TooShort");
        Assert.Equal(3, short1.Errors[0].Args!["min"]);
        Assert.True(One(field, ("code", "abc")).IsValid);
    }

    [Theory]
    [InlineData("AB-1234", true)]
    [InlineData("ＡＢ－１２３４", false)] // ShortText keeps full-width letters as typed (NormalizeText), so no match
    [InlineData("xAB-1234", false)]
    [InlineData("AB-1234x", false)]
    [InlineData("AB-12345", false)]
    [InlineData(" AB-1234\n", true)] // trimmed before matching
    public void Pattern_must_match_the_whole_answer(string answer, bool valid)
    {
        var field = new FormField("code", FieldType.ShortText, "コード", "Code", Pattern: "[A-Z]{2}-[0-9]{4}");
        var result = One(field, ("code", answer));
        if (valid)
        {
            Assert.True(result.IsValid);
        }
        else
        {
            Fails(result, "code", "Form.Pattern");
        }
    }

    [Fact]
    public void Pattern_applies_to_the_normalised_value()
    {
        // Phone numbers are stored as digits, so the pattern sees digits only.
        var field = new FormField("tel", FieldType.Phone, "電話", "Phone", Pattern: "0[0-9]{9}");
        Assert.True(One(field, ("tel", "06-6208-8181")).IsValid);
        Fails(One(field, ("tel", "090-1234-5678")), "tel", "Form.Pattern");
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_as_no_match_instead_of_hanging()
    {
        var field = new FormField("x", FieldType.LongText, "X", "X", Pattern: "(a+)+b");
        var started = DateTime.UtcNow;
        Fails(One(field, ("x", new string('a', 3000))), "x", "Form.Pattern");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_pattern_that_does_not_compile_fails_closed_at_validation()
    {
        var field = new FormField("x", FieldType.ShortText, "X", "X", Pattern: "([a-z]");
        Fails(One(field, ("x", "abc")), "x", "Form.Pattern");
    }

    private static FormField Pets(int? minRows = null, int? maxRows = 3, bool required = true) => new(
        "pets", FieldType.RepeatingGroup, "ペット", "Pets", Required: required, MinRows: minRows, MaxRows: maxRows,
        SubFields:
        [
            new("name", FieldType.ShortText, "名前", "Name", MaxLength: 5),
            new("born", FieldType.Date, "生年月日", "Born", Required: false),
            new("kind", FieldType.SingleChoice, "種類", "Kind", Options: [new("dog", "犬", "Dog"), new("cat", "猫", "Cat")]),
        ]);

    [Fact]
    public void Repeating_group_validates_each_row_with_the_sub_field_rules()
    {
        var result = One(Pets(),
            ("pets[0].name", "ポチ"), ("pets[0].kind", "dog"), ("pets[0].born", "令和2年4月1日"),
            ("pets[1].name", "タマ"), ("pets[1].kind", "cat"));
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.FieldKey + ":" + e.Code)));
        Assert.Equal("2", result.Answers["pets"]);
        Assert.Equal("ポチ", result.Answers["pets[0].name"]);
        Assert.Equal("2020-04-01", result.Answers["pets[0].born"]);
        Assert.Equal("cat", result.Answers["pets[1].kind"]);
        Assert.False(result.Answers.ContainsKey("pets[1].born"));
    }

    [Fact]
    public void Repeating_group_errors_name_the_row_and_sub_field()
    {
        var result = One(Pets(), ("pets[0].name", "ポチ"), ("pets[0].kind", "dog"), ("pets[1].name", "とても長い名前"), ("pets[1].kind", "bird"));
        Assert.Equal(
            [("pets[1].name", "Form.TooLong"), ("pets[1].kind", "Form.NotAnOption")],
            result.Errors.Select(e => (e.FieldKey, e.Code)));
    }

    [Fact]
    public void Repeating_group_rows_are_contiguous_from_zero()
    {
        var result = One(Pets(), ("pets[0].name", "ポチ"), ("pets[0].kind", "dog"), ("pets[2].name", "迷子"), ("pets[2].kind", "dog"), ("pets[01].name", "x"));
        Assert.True(result.IsValid);
        Assert.Equal("1", result.Answers["pets"]);
        Assert.DoesNotContain(result.Answers.Keys, k => k.StartsWith("pets[2]", StringComparison.Ordinal) || k.StartsWith("pets[01]", StringComparison.Ordinal));
    }

    [Fact]
    public void Repeating_group_row_count_may_be_posted_so_blank_rows_count()
    {
        var result = One(Pets(), ("pets", "2"), ("pets[0].name", "ポチ"), ("pets[0].kind", "dog"), ("pets[5].name", "x"));
        Assert.Equal([("pets[1].name", "Form.Required"), ("pets[1].kind", "Form.Required.Choose")], result.Errors.Select(e => (e.FieldKey, e.Code)));
        Fails(One(Pets(), ("pets", "two")), "pets", "Form.NotANumber");
    }

    [Fact]
    public void Repeating_group_stored_answers_validate_again_to_the_same()
    {
        var first = One(Pets(), ("pets[0].name", "ポチ"), ("pets[0].kind", "dog"), ("pets[1].name", "タマ"), ("pets[1].kind", "cat"));
        var again = new FormDefinition([Pets()]).Validate(first.Answers.ToDictionary(p => p.Key, p => (string?)p.Value));
        Assert.True(again.IsValid);
        Assert.Equal(first.Answers.OrderBy(p => p.Key, StringComparer.Ordinal), again.Answers.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(2, 2, 3)]
    [InlineData(3, 2, 3)]
    [InlineData(4, 2, 3)]
    public void Repeating_group_row_count_is_bounded(int rows, int minRows, int maxRows)
    {
        var answers = Enumerable.Range(0, rows).SelectMany(i => new[] { ($"pets[{i}].name", (string?)"ポチ"), ($"pets[{i}].kind", (string?)"dog") }).ToArray();
        var result = One(Pets(minRows: minRows, maxRows: maxRows), answers);
        var outOfRange = rows < minRows || rows > maxRows;
        Assert.Equal(outOfRange, !result.IsValid);
        if (outOfRange)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("pets", "Form.Rows"), (error.FieldKey, error.Code));
            Assert.Equal(minRows, error.Args!["min"]);
            Assert.Equal(maxRows, error.Args!["max"]);
            Assert.Empty(result.Answers);
        }
    }

    [Fact]
    public void Required_group_needs_a_row_and_optional_group_may_have_none()
    {
        Fails(One(Pets()), "pets", "Form.Rows");
        var optional = One(Pets(required: false));
        Assert.True(optional.IsValid);
        Assert.Empty(optional.Answers);
    }

    [Fact]
    public void Group_rows_without_max_are_capped_at_the_row_limit()
    {
        var answers = Enumerable.Range(0, FormDefinition.RowLimit + 1).SelectMany(i => new[] { ($"pets[{i}].name", (string?)"a"), ($"pets[{i}].kind", (string?)"dog") }).ToArray();
        Fails(One(Pets(maxRows: null), answers), "pets", "Form.Rows");
    }

    [Fact]
    public void Postal_address_inside_a_group_uses_the_row_key()
    {
        var group = new FormField("homes", FieldType.RepeatingGroup, "住所", "Homes", SubFields: [new("addr", FieldType.PostalAddress, "住所", "Address")]);
        var result = One(group, ("homes[0].addr.postal_code", "530-8201"), ("homes[0].addr.prefecture", "大阪府"), ("homes[0].addr.city", "大阪市北区"), ("homes[0].addr.street", "中之島1-3-20"));
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.FieldKey + ":" + e.Code)));
        Assert.Equal("5308201", result.Answers["homes[0].addr.postal_code"]);
    }

    [Fact]
    public void New_optional_properties_default_to_null()
    {
        var f = new FormField("a", FieldType.ShortText, "A", "A");
        Assert.Null(f.ShowWhen);
        Assert.Null(f.Pattern);
        Assert.Null(f.SubFields);
        Assert.Empty(f.SubFieldList);
        Assert.Empty(f.AllowedFileTypeList);
        Assert.Equal("pets[3].name", GroupRow.Key("pets", 3, "name"));
    }
}
