using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class KenAllNormalizerTests
{
    private static KenAllRow Row(
        string postalCode,
        string town,
        string townKana,
        string city = "大阪市北区",
        string cityKana = "ｵｵｻｶｼｷﾀｸ",
        string code = "27127",
        string prefecture = "大阪府",
        string prefectureKana = "ｵｵｻｶﾌ") =>
        new(code, postalCode, prefectureKana, cityKana, townKana, prefecture, city, town,
            OneTownManyCodes: false, KoazaNumbered: false, HasChome: false, OneCodeManyTowns: false,
            UpdateStatus: 0, UpdateReason: 0);

    private static PostalAddress Single(params KenAllRow[] rows) => Assert.Single(KenAllNormalizer.Normalize(rows));

    [Fact]
    public void Plain_row_becomes_an_address_with_full_width_kana()
    {
        var address = Single(Row("5300001", "梅田", "ｳﾒﾀﾞ"));

        Assert.Equal(
            new PostalAddress("5300001", "27", "大阪府", "大阪市北区", "梅田", "オオサカフ", "オオサカシキタク", "ウメダ"),
            address);
    }

    [Fact]
    public void Prefecture_code_is_the_first_two_digits_of_the_local_government_code()
    {
        var address = Single(Row("0600000", "以下に掲載がない場合", "ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ", city: "札幌市中央区",
            cityKana: "ｻｯﾎﾟﾛｼﾁｭｳｵｳｸ", code: "01101", prefecture: "北海道", prefectureKana: "ﾎｯｶｲﾄﾞｳ"));

        Assert.Equal("01", address.PrefectureCode);
        Assert.Equal("ホッカイドウ", address.PrefectureKana);
        Assert.Equal("サッポロシチュウオウク", address.CityKana);
    }

    [Fact]
    public void Not_listed_marker_becomes_an_empty_town()
    {
        var address = Single(Row("5300000", "以下に掲載がない場合", "ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ"));

        Assert.Equal("", address.Town);
        Assert.Equal("", address.TownKana);
        Assert.Equal("大阪市北区", address.City);
    }

    [Theory]
    [InlineData("4090142", "小菅村の次に１～６６３番地がくる場合", "ｺｽｹﾞﾑﾗﾉﾂｷﾞﾆ1-663ﾊﾞﾝﾁｶﾞｸﾙﾊﾞｱｲ", "北都留郡小菅村", "19442")]
    [InlineData("7660001", "琴平町の次に４２７番地以降がくる場合（川西）", "ｺﾄﾋﾗﾁｮｳﾉﾂｷﾞﾆ427ﾊﾞﾝﾁｲｺｳｶﾞｸﾙﾊﾞｱｲ(ｶﾜﾆｼ)", "仲多度郡琴平町", "37403")]
    public void Next_is_numbered_banchi_marker_becomes_an_empty_town(
        string postalCode, string town, string kana, string city, string code)
    {
        var address = Single(Row(postalCode, town, kana, city: city, code: code));

        Assert.Equal(("", ""), (address.Town, address.TownKana));
    }

    [Fact]
    public void Next_is_banchi_marker_becomes_an_empty_town()
    {
        var address = Single(Row("9693100", "猪苗代町の次に番地がくる場合", "ｲﾅﾜｼﾛﾏﾁﾉﾂｷﾞﾆﾊﾞﾝﾁｶﾞｸﾙﾊﾞｱｲ",
            city: "耶麻郡猪苗代町", cityKana: "ﾔﾏｸﾞﾝｲﾅﾜｼﾛﾏﾁ", code: "07408", prefecture: "福島県",
            prefectureKana: "ﾌｸｼﾏｹﾝ"));

        Assert.Equal("", address.Town);
        Assert.Equal("", address.TownKana);
    }

    [Fact]
    public void Whole_municipality_ichien_becomes_an_empty_town()
    {
        var address = Single(Row("1000301", "利島村一円", "ﾄｼﾏﾑﾗｲﾁｴﾝ", city: "利島村", cityKana: "ﾄｼﾏﾑﾗ",
            code: "13362", prefecture: "東京都", prefectureKana: "ﾄｳｷｮｳﾄ"));

        Assert.Equal("", address.Town);
        Assert.Equal("", address.TownKana);
    }

    [Fact]
    public void Whole_municipality_ichien_of_a_district_town_becomes_an_empty_town()
    {
        // KEN_ALL-style (made-up code): 市区町村名 includes the 郡, the town repeats only the municipality's own name.
        var address = Single(Row("9999999", "某町一円", "ﾎﾞｳﾁｮｳｲﾁｴﾝ", city: "某郡某町",
            cityKana: "ﾎﾞｳｸﾞﾝﾎﾞｳﾁｮｳ", code: "99999", prefecture: "某県", prefectureKana: "ﾎﾞｳｹﾝ"));

        Assert.Equal("", address.Town);
    }

    [Fact]
    public void A_town_really_named_ichien_is_kept()
    {
        // 滋賀県犬上郡多賀町 has a 大字 named 一円 (いちえん); it is not a whole-municipality marker.
        var address = Single(Row("5220317", "一円", "ｲﾁｴﾝ", city: "犬上郡多賀町", cityKana: "ｲﾇｶﾐｸﾞﾝﾀｶﾞﾁｮｳ",
            code: "25443", prefecture: "滋賀県", prefectureKana: "ｼｶﾞｹﾝ"));

        Assert.Equal("一円", address.Town);
        Assert.Equal("イチエン", address.TownKana);
    }

    [Theory]
    [InlineData("中之島（次のビルを除く）", "ﾅｶﾉｼﾏ(ﾂｷﾞﾉﾋﾞﾙｦﾉｿﾞｸ)", "中之島", "ナカノシマ")]
    [InlineData("天満橋ＯＡＰタワー（地階・階層不明）", "ﾃﾝﾏﾊﾞｼOAPﾀﾜｰ(ﾁｶｲ･ｶｲｿｳﾌﾒｲ)", "天満橋ＯＡＰタワー", "テンマバシOAPタワー")]
    [InlineData("天神橋（１～６丁目）", "ﾃﾝｼﾞﾝﾊﾞｼ(1-6ﾁｮｳﾒ)", "天神橋", "テンジンバシ")]
    [InlineData("道頓堀（その他）", "ﾄﾞｳﾄﾝﾎﾞﾘ(ｿﾉﾀ)", "道頓堀", "ドウトンボリ")]
    [InlineData("道頓堀（１丁目東）", "ﾄﾞｳﾄﾝﾎﾞﾘ(1ﾁｮｳﾒﾋｶﾞｼ)", "道頓堀", "ドウトンボリ")]
    [InlineData("藤野（４００、４００－２番地）", "ﾌｼﾞﾉ(400､400-2ﾊﾞﾝﾁ)", "藤野", "フジノ")]
    [InlineData("葛巻（第４０地割「５７番地１２５、１７６を除く」～第４５地割）",
        "ｸｽﾞﾏｷ(ﾀﾞｲ40ﾁﾜﾘ<57ﾊﾞﾝﾁ125､176ｦﾉｿﾞｸ>-ﾀﾞｲ45ﾁﾜﾘ)", "葛巻", "クズマキ")]
    [InlineData("外（（大字））", "ｿﾄ((ｵｵｱｻﾞ))", "外", "ソト")] // nested parentheses are removed completely
    public void Parenthesised_notes_are_removed_keeping_the_base_name(
        string town, string townKana, string expectedTown, string expectedKana)
    {
        var address = Single(Row("5300005", town, townKana));

        Assert.Equal(expectedTown, address.Town);
        Assert.Equal(expectedKana, address.TownKana);
    }

    [Theory]
    [InlineData("天満橋ＯＡＰタワー（１５階）", "ﾃﾝﾏﾊﾞｼOAPﾀﾜｰ(15ｶｲ)", "天満橋ＯＡＰタワー１５階", "テンマバシOAPタワー15カイ")]
    [InlineData("阿倍野筋あべのハルカス（５５階）", "ｱﾍﾞﾉｽｼﾞｱﾍﾞﾉﾊﾙｶｽ(55ｶｲ)", "阿倍野筋あべのハルカス５５階", "アベノスジアベノハルカス55カイ")]
    public void Building_floor_is_kept_without_parentheses(
        string town, string townKana, string expectedTown, string expectedKana)
    {
        var address = Single(Row("5306015", town, townKana));

        Assert.Equal(expectedTown, address.Town);
        Assert.Equal(expectedKana, address.TownKana);
    }

    [Fact]
    public void Town_split_over_consecutive_rows_is_merged()
    {
        // KEN_ALL splits 町域名 longer than its column over several records with the same code (the shape of 千歳市 協和).
        var rows = new[]
        {
            Row("0660005", "協和（８８－２、２７１－１０、３４３－２、４０４－１、４２７－", "ｷｮｳﾜ(88-2､271-10､343-2､404-1､427-",
                city: "千歳市", cityKana: "ﾁﾄｾｼ", code: "01224", prefecture: "北海道", prefectureKana: "ﾎｯｶｲﾄﾞｳ"),
            Row("0660005", "３、４３１－１２、４４３－６、６０８－２、６４１－８、８１４、", "3､431-12､443-6､608-2､641-8､814､",
                city: "千歳市", cityKana: "ﾁﾄｾｼ", code: "01224", prefecture: "北海道", prefectureKana: "ﾎｯｶｲﾄﾞｳ"),
            Row("0660005", "８４２－５、１１３７－３、１３９２、１６５７、１７５２番地）", "842-5､1137-3､1392､1657､1752ﾊﾞﾝﾁ)",
                city: "千歳市", cityKana: "ﾁﾄｾｼ", code: "01224", prefecture: "北海道", prefectureKana: "ﾎｯｶｲﾄﾞｳ"),
            Row("0660012", "美々", "ﾋﾞﾋﾞ",
                city: "千歳市", cityKana: "ﾁﾄｾｼ", code: "01224", prefecture: "北海道", prefectureKana: "ﾎｯｶｲﾄﾞｳ"),
        };

        var addresses = KenAllNormalizer.Normalize(rows).ToList();

        Assert.Equal(2, addresses.Count);
        Assert.Equal(("0660005", "協和", "キョウワ"), (addresses[0].PostalCode, addresses[0].Town, addresses[0].TownKana));
        Assert.Equal(("0660012", "美々", "ビビ"), (addresses[1].PostalCode, addresses[1].Town, addresses[1].TownKana));
    }

    [Fact]
    public void Split_rows_that_repeat_the_kana_are_merged_without_repeating_it()
    {
        var rows = new[]
        {
            Row("0285102", "葛巻（第４０地割「５７番地１２５、１７６を除く」～", "ｸｽﾞﾏｷ(ﾀﾞｲ40ﾁﾜﾘ<57ﾊﾞﾝﾁ125､176ｦﾉｿﾞｸ>-ﾀﾞｲ45ﾁﾜﾘ)",
                city: "岩手郡葛巻町", cityKana: "ｲﾜﾃｸﾞﾝｸｽﾞﾏｷﾏﾁ", code: "03302"),
            Row("0285102", "第４５地割）", "ｸｽﾞﾏｷ(ﾀﾞｲ40ﾁﾜﾘ<57ﾊﾞﾝﾁ125､176ｦﾉｿﾞｸ>-ﾀﾞｲ45ﾁﾜﾘ)",
                city: "岩手郡葛巻町", cityKana: "ｲﾜﾃｸﾞﾝｸｽﾞﾏｷﾏﾁ", code: "03302"),
        };

        var address = Single(rows);

        Assert.Equal("葛巻", address.Town);
        Assert.Equal("クズマキ", address.TownKana);
    }

    [Fact]
    public void Open_parenthesis_does_not_swallow_a_row_with_another_postal_code()
    {
        var rows = new[]
        {
            Row("5300041", "天神橋（１～", "ﾃﾝｼﾞﾝﾊﾞｼ(1-"),
            Row("5300042", "天満橋", "ﾃﾝﾏﾊﾞｼ"),
        };

        var addresses = KenAllNormalizer.Normalize(rows).ToList();

        Assert.Equal(2, addresses.Count);
        Assert.Equal(("5300041", "天神橋", "テンジンバシ"), (addresses[0].PostalCode, addresses[0].Town, addresses[0].TownKana));
        Assert.Equal(("5300042", "天満橋", "テンマバシ"), (addresses[1].PostalCode, addresses[1].Town, addresses[1].TownKana));
    }

    [Fact]
    public void Open_parenthesis_at_the_end_of_the_input_is_cut_off()
    {
        var address = Single(Row("5300041", "天神橋（１～", "ﾃﾝｼﾞﾝﾊﾞｼ(1-"));

        Assert.Equal("天神橋", address.Town);
        Assert.Equal("テンジンバシ", address.TownKana);
    }

    [Fact]
    public void Identical_postal_code_and_town_after_cleaning_are_returned_once()
    {
        // Real Osaka case: 531-0041 is listed twice, as 天神橋（７丁目） and 天神橋（８丁目）.
        var rows = new[]
        {
            Row("5310041", "天神橋（７丁目）", "ﾃﾝｼﾞﾝﾊﾞｼ(7ﾁｮｳﾒ)"),
            Row("5310041", "天神橋（８丁目）", "ﾃﾝｼﾞﾝﾊﾞｼ(8ﾁｮｳﾒ)"),
            Row("5300041", "天神橋（１～６丁目）", "ﾃﾝｼﾞﾝﾊﾞｼ(1-6ﾁｮｳﾒ)"),
        };

        var addresses = KenAllNormalizer.Normalize(rows).ToList();

        Assert.Equal(["5310041", "5300041"], addresses.Select(a => a.PostalCode));
        Assert.All(addresses, a => Assert.Equal("天神橋", a.Town));
    }

    [Fact]
    public void Different_towns_under_one_postal_code_are_all_kept()
    {
        var rows = new[]
        {
            Row("4520961", "春日明河原", "ｶｽｶﾞｱｹｶﾞﾜﾗ", city: "清須市", cityKana: "ｷﾖｽｼ", code: "23233"),
            Row("4520961", "春日一番割", "ｶｽｶﾞｲﾁﾊﾞﾝﾜﾘ", city: "清須市", cityKana: "ｷﾖｽｼ", code: "23233"),
        };

        Assert.Equal(["春日明河原", "春日一番割"], KenAllNormalizer.Normalize(rows).Select(a => a.Town));
    }

    [Fact]
    public void Kanji_columns_are_not_unicode_normalised()
    {
        // U+FA10 (塚, a compatibility ideograph) would become U+585A under NFC.
        var address = Single(Row("5300001", "\uFA10本", "ﾂｶﾓﾄ"));

        Assert.Equal("\uFA10本", address.Town);
    }

    [Fact]
    public void Invalid_postal_code_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => KenAllNormalizer.Normalize([Row("530001", "梅田", "ｳﾒﾀﾞ")]).ToList());
    }

    [Fact]
    public void Null_input_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => KenAllNormalizer.Normalize(null!));
    }
}
