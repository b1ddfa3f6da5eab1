using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class NameCharactersTests
{
    [Theory]
    [InlineData("山田 太郎")]
    [InlineData("山田　太郎")]
    [InlineData("やまだ はなこ")]
    [InlineData("ヤマダ")]
    [InlineData("佐々木")]
    [InlineData("〆木")]
    [InlineData("霞ヶ関")]
    [InlineData("髙橋")]        // U+9AD9
    [InlineData("﨑山")]        // U+FA11, CJK compatibility ideograph in JIS X 0213
    [InlineData("𠮷野家")]      // U+20BB7, Extension B (surrogate pair)
    [InlineData("㐂")]          // U+3402, Extension A
    [InlineData("みすゞ")]
    [InlineData("ジョン・スミス")]
    [InlineData("ローラ")]
    [InlineData("SMITH JOHN")]
    [InlineData("Ｓｍｉｔｈ")]
    [InlineData("José Müller")]
    public void Accepts(string name)
    {
        var result = NameCharacters.Validate(name);

        Assert.True(result.IsValid, result.CodePointLabel);
        Assert.Same(NameValidationResult.Valid, result);
    }

    [Theory]
    [InlineData("山田\u200B太郎", NormalizationError.NameControlCharacter, 0x200B, 2)]
    [InlineData("山田\u200F", NormalizationError.NameControlCharacter, 0x200F, 2)]
    [InlineData("\u202E山田", NormalizationError.NameControlCharacter, 0x202E, 0)]
    [InlineData("山田\u2066太郎\u2069", NormalizationError.NameControlCharacter, 0x2066, 2)]
    [InlineData("山田\u0007", NormalizationError.NameControlCharacter, 0x0007, 2)]
    [InlineData("山\u0085田", NormalizationError.NameControlCharacter, 0x0085, 1)]
    [InlineData("山田\t太郎", NormalizationError.NameControlCharacter, 0x0009, 2)]
    [InlineData("\uFEFF山田", NormalizationError.NameControlCharacter, 0xFEFF, 0)]
    [InlineData("山田\uE000", NormalizationError.NamePrivateUseCharacter, 0xE000, 2)]
    [InlineData("山\U000F0001田", NormalizationError.NamePrivateUseCharacter, 0xF0001, 1)]
    [InlineData("山田\u0378", NormalizationError.NameUnassignedCharacter, 0x0378, 2)]
    [InlineData("山田\uFAFF", NormalizationError.NameUnassignedCharacter, 0xFAFF, 2)]
    [InlineData("山田1", NormalizationError.NameCharacterNotAllowed, 0x31, 2)]
    [InlineData("山田-太郎", NormalizationError.NameCharacterNotAllowed, 0x2D, 2)]
    [InlineData("山田😀", NormalizationError.NameCharacterNotAllowed, 0x1F600, 2)]
    [InlineData("ﾔﾏﾀﾞ", NormalizationError.NameCharacterNotAllowed, 0xFF94, 0)]
    [InlineData("山田①", NormalizationError.NameCharacterNotAllowed, 0x2460, 2)]
    [InlineData("山田×", NormalizationError.NameCharacterNotAllowed, 0xD7, 2)]
    [InlineData("山田\U0002B740", NormalizationError.NameCharacterNotAllowed, 0x2B740, 2)] // Extension D: not JIS X 0213
    public void Rejects_and_names_the_character(string name, NormalizationError error, int codePoint, int index)
    {
        var result = NameCharacters.Validate(name);

        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error);
        Assert.Equal(codePoint, result.CodePoint);
        Assert.Equal(index, result.Index);
        Assert.Equal(char.ConvertFromUtf32(codePoint), result.RejectedCharacter);
    }

    // Lone surrogates cannot go through [InlineData] (attribute strings are stored as UTF-8 and become U+FFFD).
    [Fact]
    public void Rejects_lone_surrogates()
    {
        var trailingHigh = NameCharacters.Validate("山田" + '\uD800');
        var leadingLow = NameCharacters.Validate('\uDC00' + "山田");
        var reversedPair = NameCharacters.Validate("山" + '\uDFB7' + '\uD842'); // 𠮷 with its halves swapped

        Assert.Equal(new NameValidationResult(NormalizationError.NameLoneSurrogate, "\uD800", 0xD800, 2), trailingHigh);
        Assert.Equal(new NameValidationResult(NormalizationError.NameLoneSurrogate, "\uDC00", 0xDC00, 0), leadingLow);
        Assert.Equal(new NameValidationResult(NormalizationError.NameLoneSurrogate, "\uDFB7", 0xDFB7, 1), reversedPair);
        Assert.Equal("U+D800", trailingHigh.CodePointLabel);
        Assert.StartsWith("U+D800は氏名に使用できません。", ErrorMessages.Ja(trailingHigh), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Empty_names_are_refused(string? name)
    {
        Assert.Equal(NormalizationError.Empty, NameCharacters.Validate(name).Error);
    }

    [Fact]
    public void Messages_show_a_visible_character_and_its_code_point()
    {
        var result = NameCharacters.Validate("山田😀");

        Assert.Equal("U+1F600", result.CodePointLabel);
        Assert.Equal("😀", result.RejectedCharacter);
        Assert.StartsWith("「😀」(U+1F600)は氏名に使用できません。", ErrorMessages.Ja(result), StringComparison.Ordinal);
        Assert.StartsWith("「😀」(U+1F600) cannot be used in a name.", ErrorMessages.En(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_show_invisible_characters_by_code_point_only()
    {
        var result = NameCharacters.Validate("山田\u200B太郎");

        Assert.Equal("U+200B", result.CodePointLabel);
        Assert.StartsWith("U+200Bは氏名に使用できません。氏名に制御文字", ErrorMessages.Ja(result), StringComparison.Ordinal);
        Assert.DoesNotContain("\u200B", ErrorMessages.Ja(result), StringComparison.Ordinal);
        Assert.StartsWith("U+200B cannot be used in a name.", ErrorMessages.En(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Private_use_message_mentions_gaiji()
    {
        var result = NameCharacters.Validate("\uE000");

        Assert.Contains("外字", ErrorMessages.Ja(result), StringComparison.Ordinal);
        Assert.Contains("U+E000", ErrorMessages.En(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_code_has_messages_in_both_languages()
    {
        foreach (var code in Enum.GetValues<NormalizationError>().Where(c => c != NormalizationError.None))
        {
            Assert.False(string.IsNullOrWhiteSpace(ErrorMessages.Ja(code)));
            Assert.False(string.IsNullOrWhiteSpace(ErrorMessages.En(code)));
        }
    }
}
