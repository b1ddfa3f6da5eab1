using CityDx.Domain.Forms;

namespace CityDx.UnitTests.Forms;

public sealed class FormDefinitionTests
{
    private static readonly FormDefinition Form = new(
    [
        new("name", FieldType.ShortText, "氏名", "Name", MaxLength: 10),
        new("note", FieldType.LongText, "備考", "Note", Required: false),
        new("copies", FieldType.Number, "通数", "Copies", Min: 1, Max: 10),
        new("born", FieldType.Date, "生年月日", "Born"),
        new("mail", FieldType.Email, "メール", "Email"),
        new("tel", FieldType.Phone, "電話", "Phone"),
        new("kind", FieldType.SingleChoice, "種別", "Kind", Options: [new("a", "甲", "A"), new("b", "乙", "B")]),
        new("ok", FieldType.YesNo, "同意", "Agree"),
    ]);

    private static Dictionary<string, string?> Valid() => new()
    {
        ["name"] = " 大阪 花子 ",
        ["copies"] = "2",
        ["born"] = "1990-02-28",
        ["mail"] = "hanako@example.jp",
        ["tel"] = "06-6208-8181",
        ["kind"] = "a",
        ["ok"] = "yes",
    };

    [Fact]
    public void Valid_answers_pass_trimmed_and_unknown_keys_are_dropped()
    {
        var answers = Valid();
        answers["smuggled"] = "<script>";
        var result = Form.Validate(answers);
        Assert.True(result.IsValid);
        Assert.Equal("大阪 花子", result.Answers["name"]);
        Assert.False(result.Answers.ContainsKey("smuggled"));
        Assert.False(result.Answers.ContainsKey("note"));
    }

    [Theory]
    [InlineData("name", "", "Form.Required")]
    [InlineData("name", "12345678901", "Form.TooLong")]
    [InlineData("name", "a\u0000b", "Form.InvalidCharacters")]
    [InlineData("name", "abc\u202Egpj", "Form.InvalidCharacters")]
    [InlineData("name", "invalid utf-8 \uFFFD", "Form.InvalidCharacters")]
    [InlineData("copies", "two", "Form.NotANumber")]
    [InlineData("copies", "11", "Form.OutOfRange")]
    [InlineData("copies", "0", "Form.OutOfRange")]
    [InlineData("born", "1990-02-30", "Form.NotADate")]
    [InlineData("born", "平成2年", "Form.NotADate")]
    [InlineData("mail", "hanako@", "Form.NotAnEmail")]
    [InlineData("mail", "a@b@c.jp", "Form.NotAnEmail")]
    [InlineData("tel", "6208-8181", "Form.NotAPhone")]
    [InlineData("tel", "06-6208-8181-1", "Form.NotAPhone")]
    [InlineData("kind", "c", "Form.NotAnOption")]
    [InlineData("kind", "", "Form.Required.Choose")]
    [InlineData("ok", "maybe", "Form.NotAnOption")]
    public void Each_rule_reports_its_field_and_code(string key, string value, string code)
    {
        var answers = Valid();
        answers[key] = value;
        var error = Assert.Single(Form.Validate(answers).Errors);
        Assert.Equal(key, error.FieldKey);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void A_lone_surrogate_is_refused_not_repaired()
    {
        var answers = Valid();
        answers["name"] = "a" + (char)0xD800 + "b";
        var error = Assert.Single(Form.Validate(answers).Errors);
        Assert.Equal("Form.InvalidCharacters", error.Code);
    }

    [Fact]
    public void Full_width_input_is_normalised_where_the_field_expects_ascii()
    {
        var answers = Valid();
        answers["copies"] = "３";
        answers["mail"] = "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ";
        answers["tel"] = "０６－６２０８－８１８１";
        answers["name"] = "ｵｵｻｶ　ﾊﾅｺ";
        answers["born"] = "平成2年2月28日";
        var result = Form.Validate(answers);
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.FieldKey + ":" + e.Code)));
        Assert.Equal("3", result.Answers["copies"]);
        Assert.Equal("hanako@example.jp", result.Answers["mail"]);
        Assert.Equal("0662088181", result.Answers["tel"]);
        Assert.Equal("オオサカ　ハナコ", result.Answers["name"]);
        Assert.Equal("1990-02-28", result.Answers["born"]);
    }

    [Fact]
    public void An_unbounded_text_field_still_has_a_limit()
    {
        var form = new FormDefinition([new("x", FieldType.ShortText, "x", "x")]);
        var error = Assert.Single(form.Validate(new Dictionary<string, string?> { ["x"] = new string('あ', 201) }).Errors);
        Assert.Equal("Form.TooLong", error.Code);
    }
}
