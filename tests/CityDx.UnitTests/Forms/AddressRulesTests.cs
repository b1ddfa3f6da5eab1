using CityDx.Domain.Forms;

namespace CityDx.UnitTests.Forms;

/// <summary>都道府県 from the 47, 郵便番号 agreeing with 都道府県・市区町村, and a question limited to some 市区町村 (issue #16 item 2).</summary>
public sealed class AddressRulesTests
{
    private static readonly AnswerContext Postal = new(new DateOnly(2026, 12, 3), new Dictionary<string, IReadOnlyList<PostalArea>>
    {
        ["5300005"] = [new PostalArea("大阪府", "大阪市北区")],
        ["5640001"] = [new PostalArea("大阪府", "吹田市")],
    });

    private static FormField Home(params string[] cities) =>
        new("home", FieldType.PostalAddress, "現在の住所(大阪市内)", "Current address (in Osaka City)", AllowedCities: cities.Length == 0 ? null : cities);

    private static FormValidationResult Answer(FormField field, string code, string prefecture, string city, AnswerContext? context = null) =>
        new FormDefinition([field]).Validate(new Dictionary<string, string?>
        {
            ["home.postal_code"] = code,
            ["home.prefecture"] = prefecture,
            ["home.city"] = city,
            ["home.town"] = "中之島",
            ["home.street"] = "1-3-20",
        }, context ?? Postal);

    private static void Refused(FormValidationResult result, string key, string code)
    {
        var error = Assert.Single(result.Errors);
        Assert.Equal((key, code), (error.FieldKey, error.Code));
        Assert.Empty(result.Answers);
    }

    [Fact]
    public void The_same_street_typed_in_every_part_is_refused()
    {
        Refused(Answer(Home(), "530-0005", "中之島1-3-20", "中之島1-3-20"), "home.prefecture", "Form.Address.PrefectureUnknown");
    }

    [Fact]
    public void A_matching_address_is_accepted()
    {
        var result = Answer(Home(), "５３０－０００５", "大阪府", "大阪市北区");
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.Code)));
        Assert.Equal("5300005", result.Answers["home.postal_code"]);
    }

    [Fact]
    public void A_postal_code_of_another_city_is_refused_naming_where_it_belongs()
    {
        var result = Answer(Home(), "564-0001", "大阪府", "大阪市北区");
        Refused(result, "home.postal_code", "Form.Address.PostalCodeMismatch");
        Assert.Equal("大阪府吹田市", result.Errors[0].Args!["area"]);
        Assert.Equal("564-0001", result.Errors[0].Args!["code"]);
    }

    [Fact]
    public void A_code_the_postal_data_does_not_know_is_not_held_against_the_address() =>
        Assert.True(Answer(Home(), "100-0001", "東京都", "千代田区").IsValid);

    [Fact]
    public void Without_postal_data_only_the_prefecture_list_is_checked() =>
        Assert.True(Answer(Home(), "564-0001", "大阪府", "大阪市北区", new AnswerContext(new DateOnly(2026, 12, 3))).IsValid);

    [Theory]
    [InlineData("大阪市", "大阪府", "大阪市北区", true)]
    [InlineData("大阪府大阪市", "大阪府", "大阪市北区", true)]
    [InlineData("吹田市", "大阪府", "吹田市", true)]
    [InlineData("大阪市", "大阪府", "吹田市", false)]
    [InlineData("大阪府大阪市", "東京都", "大阪市北区", false)]
    public void A_question_can_accept_only_some_municipalities(string allowed, string prefecture, string city, bool ok)
    {
        var result = new FormDefinition([Home(allowed)]).Validate(new Dictionary<string, string?>
        {
            ["home.postal_code"] = "999-9999",
            ["home.prefecture"] = prefecture,
            ["home.city"] = city,
            ["home.street"] = "1-1",
        }, Postal);
        Assert.Equal(ok, result.IsValid);
        if (!ok)
        {
            Assert.Equal("Form.Address.OutsideArea", Assert.Single(result.Errors).Code);
        }
    }

    [Fact]
    public void Accepted_municipalities_travel_through_the_json_format_and_blank_ones_are_refused_at_publish()
    {
        var back = FormJson.Import(FormJson.Export(new FormDefinition([Home("大阪市", "吹田市")])));
        Assert.True(back.Succeeded, string.Join("\n", back.Errors));
        Assert.Equal(["大阪市", "吹田市"], back.Definition!.Fields[0].AllowedCityList);
        Assert.Contains(FormChecks.Check(new FormDefinition([Home(" ")])), p => p.Code == "Publish.BadAllowedCity");
    }
}
