using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class KenAllCsvTests
{
    private static string[] Fields() =>
    [
        "27127", "530  ", "5300005", "ｵｵｻｶﾌ", "ｵｵｻｶｼｷﾀｸ", "ﾅｶﾉｼﾏ(ﾂｷﾞﾉﾋﾞﾙｦﾉｿﾞｸ)", "大阪府", "大阪市北区",
        "中之島（次のビルを除く）", "0", "0", "1", "0", "1", "5",
    ];

    [Fact]
    public void Parses_a_record()
    {
        var row = KenAllCsv.ParseFields(Fields());

        Assert.Equal(
            new KenAllRow("27127", "5300005", "ｵｵｻｶﾌ", "ｵｵｻｶｼｷﾀｸ", "ﾅｶﾉｼﾏ(ﾂｷﾞﾉﾋﾞﾙｦﾉｿﾞｸ)", "大阪府", "大阪市北区",
                "中之島（次のビルを除く）", OneTownManyCodes: false, KoazaNumbered: false, HasChome: true,
                OneCodeManyTowns: false, UpdateStatus: 1, UpdateReason: 5),
            row);
    }

    [Fact]
    public void Each_flag_goes_to_its_own_property()
    {
        var fields = Fields();
        fields[9] = "1";
        fields[10] = "1";
        fields[11] = "0";
        fields[12] = "1";
        var row = KenAllCsv.ParseFields(fields);

        Assert.True(row.OneTownManyCodes);
        Assert.True(row.KoazaNumbered);
        Assert.False(row.HasChome);
        Assert.True(row.OneCodeManyTowns);
    }

    [Fact]
    public void Codes_and_flags_may_have_surrounding_spaces()
    {
        var fields = Fields();
        fields[0] = " 27127 ";
        fields[9] = " 1";
        var row = KenAllCsv.ParseFields(fields);

        Assert.Equal("27127", row.LocalGovernmentCode);
        Assert.True(row.OneTownManyCodes);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(16)]
    [InlineData(0)]
    public void Wrong_field_count_is_rejected(int count)
    {
        var fields = Fields().Concat(Enumerable.Repeat("0", 5)).Take(count).ToArray();

        var error = Assert.Throws<FormatException>(() => KenAllCsv.ParseFields(fields));
        Assert.Contains($"has {count}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, "a")]
    [InlineData(10, "")]
    [InlineData(11, "2")]
    [InlineData(12, "-1")]
    [InlineData(13, "3")]
    [InlineData(14, "7")]
    [InlineData(14, "１")]
    public void Non_numeric_or_out_of_range_flag_is_rejected(int index, string value)
    {
        var fields = Fields();
        fields[index] = value;

        var error = Assert.Throws<FormatException>(() => KenAllCsv.ParseFields(fields));
        Assert.Contains($"field {index + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("5300005", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "2712")]
    [InlineData(0, "27127a")]
    [InlineData(2, "530-0005")]
    [InlineData(2, "５３０００５")]
    public void Malformed_codes_are_rejected(int index, string value)
    {
        var fields = Fields();
        fields[index] = value;

        var error = Assert.Throws<FormatException>(() => KenAllCsv.ParseFields(fields));
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_fields_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => KenAllCsv.ParseFields(null!));
    }
}
