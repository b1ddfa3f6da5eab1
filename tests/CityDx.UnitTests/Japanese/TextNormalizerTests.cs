using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("ヤマダ タロウ", "ヤマダ　タロウ")]
    [InlineData("やまだ たろう", "ヤマダ　タロウ")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ")]
    [InlineData("ｶﾞｯｺｳ", "ガッコウ")]
    [InlineData("ﾊﾟﾝ", "パン")]
    [InlineData("ｳﾞｧｲｵﾘﾝ", "ヴァイオリン")]
    [InlineData("ゔぁいおりん", "ヴァイオリン")]
    [InlineData("か\u309B", "ガ")]       // spacing ゛
    [InlineData("は\u309C", "パ")]       // spacing ゜
    [InlineData("か\u3099", "ガ")]       // combining mark
    [InlineData("ｶ\u309B", "ガ")]
    [InlineData("ヤマダ　　タロウ ", "ヤマダ　タロウ")]
    [InlineData("  さとう\t ", "サトウ")]
    [InlineData("\u3000サトウ\u3000", "サトウ")]
    [InlineData("スミス・ジョン", "スミス・ジョン")]
    [InlineData("ｽﾐｽ･ｼﾞｮﾝ", "スミス・ジョン")]
    [InlineData("ローラ", "ローラ")]
    [InlineData("ﾛｰﾗ", "ローラ")]
    [InlineData("ロ-ラ", "ローラ")]         // ASCII hyphen after kana
    [InlineData("ろ\u2212ら", "ローラ")]     // minus sign
    [InlineData("ロ\u2010ラ", "ローラ")]     // hyphen
    [InlineData("ロ－ラ", "ローラ")]         // full-width hyphen-minus
    [InlineData("ロ--ラ", "ローーラ")]       // each mark becomes ー
    [InlineData("さゝき", "サヽキ")]
    [InlineData("いゞ", "イヾ")]
    [InlineData("けやきがおか", "ケヤキガオカ")]
    [InlineData("ゕゖ", "ヵヶ")]
    public void TryNormalizeFurigana_accepts(string input, string expected)
    {
        Assert.True(TextNormalizer.TryNormalizeFurigana(input, out var result, out var error));
        Assert.Equal(expected, result);
        Assert.Equal(NormalizationError.None, error);
        Assert.Equal(expected, TextNormalizer.NormalizeFurigana(input));
    }

    [Theory]
    [InlineData("山田", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("やま田", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("Yamada", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("ヤマダ1", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("ヤマダ１", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("ﾔﾏﾀﾞ!", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("-ヤマダ", NormalizationError.FuriganaInvalidCharacter)]       // hyphen with no kana before it
    [InlineData("ヤマダ -タロウ", NormalizationError.FuriganaInvalidCharacter)] // hyphen after a space
    [InlineData("ア\u309B", NormalizationError.FuriganaInvalidCharacter)]       // ア has no voiced form
    [InlineData("\u309Bア", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("ﾞｱ", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("カ ﾞ", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("ヤマダ😀", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("ヤマダ。", NormalizationError.FuriganaInvalidCharacter)]
    [InlineData("", NormalizationError.Empty)]
    [InlineData("   ", NormalizationError.Empty)]
    [InlineData("\u3000", NormalizationError.Empty)]
    [InlineData(null, NormalizationError.Empty)]
    public void TryNormalizeFurigana_rejects(string? input, NormalizationError expected)
    {
        Assert.False(TextNormalizer.TryNormalizeFurigana(input, out var result, out var error));
        Assert.Equal(expected, error);
        Assert.Equal("", result);
        Assert.Throws<ArgumentException>(() => TextNormalizer.NormalizeFurigana(input));
    }

    [Fact]
    public void Furigana_message_lists_the_allowed_symbols()
    {
        Assert.Equal("フリガナはカタカナまたはひらがなで入力してください(使える記号:ー ・ スペース)。", ErrorMessages.Ja(NormalizationError.FuriganaInvalidCharacter));
        Assert.Contains("katakana or hiragana", ErrorMessages.En(NormalizationError.FuriganaInvalidCharacter), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("０６－６２０８－８１８１", "06-6208-8181")]
    [InlineData("ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ABC@example.com")]
    [InlineData("１２３　４５", "123 45")]
    [InlineData("！～", "!~")]
    [InlineData("山田１", "山田1")]
    [InlineData("ｶﾀｶﾅ", "ｶﾀｶﾅ")]
    [InlineData("ー‐−", "ー‐−")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void ToHalfWidthAscii(string? input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.ToHalfWidthAscii(input));
    }

    [Theory]
    [InlineData("  ﾃｽﾄ  ", "テスト")]
    [InlineData("ｶﾞｷﾞｸﾞ", "ガギグ")]
    [InlineData("ﾊﾟﾋﾟﾌﾟ", "パピプ")]
    [InlineData("ｺﾝﾆﾁﾊ｡｢ﾃｽﾄ｣､ｱ･ｲ", "コンニチハ。「テスト」、ア・イ")]
    [InlineData("大阪　　市", "大阪　市")]
    [InlineData("大阪   市", "大阪 市")]
    [InlineData("大阪\t\t市", "大阪 市")]
    [InlineData("a \u3000 b", "a b")]
    [InlineData("\u3000大阪市\u3000\n", "大阪市")]
    [InlineData("１行目\n２行目", "１行目\n２行目")]
    [InlineData("Ａ１", "Ａ１")]
    [InlineData("か\u3099", "が")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void NormalizeText(string? input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.NormalizeText(input));
    }

    [Fact]
    public void NormalizeText_output_is_nfc()
    {
        var text = TextNormalizer.NormalizeText("e\u0301ｶﾞ");

        Assert.Equal("éガ", text);
        Assert.True(text.IsNormalized(System.Text.NormalizationForm.FormC));
    }
}
