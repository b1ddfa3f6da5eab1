using System.Globalization;
using System.Text;

namespace CityDx.Domain.Japanese;

/// <summary>Outcome of <see cref="NameCharacters.Validate"/>.</summary>
/// <param name="Error">Why the name was refused, or <see cref="NormalizationError.None"/>.</param>
/// <param name="RejectedCharacter">The refused character (a lone surrogate is given as-is).</param>
/// <param name="CodePoint">Its code point.</param>
/// <param name="Index">UTF-16 index of the refused character in the input.</param>
public sealed record NameValidationResult(NormalizationError Error, string? RejectedCharacter, int? CodePoint, int Index)
{
    /// <summary>A successful result.</summary>
    public static NameValidationResult Valid { get; } = new(NormalizationError.None, null, null, -1);

    /// <summary>Whether the name is acceptable.</summary>
    public bool IsValid => Error == NormalizationError.None;

    /// <summary>"U+9AD9" style label of the refused code point, or null.</summary>
    public string? CodePointLabel => CodePoint is { } cp ? $"U+{cp:X4}" : null;
}

/// <summary>
/// Characters allowed in 氏名 fields, approximating JIS X 0213 (the repertoire of 住民基本台帳 systems).
/// </summary>
/// <remarks>
/// Allowed: CJK Unified Ideographs (U+4E00–U+9FFF), Extension A (U+3400–U+4DBF), CJK Compatibility Ideographs
/// (U+F900–U+FAFF, e.g. 﨑), Extension B (U+20000–U+2A6DF; JIS X 0213 plane 2 lives here, e.g. 𠮷 — the whole block
/// is allowed because the exact 303 code points need the JIS table), hiragana, katakana (incl. small ㇰ-ㇿ), ー, ・,
/// 々 〆 〇 ヶ, the iteration marks ゝゞヽヾ, latin letters (ASCII, full-width and accented Latin-1/Latin Extended-A),
/// half-width space and U+3000. Everything else is refused, with a specific code for control/invisible characters
/// (C0, C1, format characters such as U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF), unassigned code points,
/// private-use characters (外字) and lone surrogates. Half-width katakana is refused: run
/// <see cref="TextNormalizer.NormalizeText"/> first if you want it converted.
/// </remarks>
public static class NameCharacters
{
    /// <summary>Checks every character of <paramref name="name"/>; returns the first refused one.</summary>
    public static NameValidationResult Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new NameValidationResult(NormalizationError.Empty, null, null, -1);
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                rune = new Rune(c, name[i + 1]);
            }
            else if (char.IsSurrogate(c))
            {
                return new NameValidationResult(NormalizationError.NameLoneSurrogate, c.ToString(), c, i);
            }
            else
            {
                rune = new Rune(c);
            }

            var error = Check(rune);
            if (error != NormalizationError.None)
            {
                return new NameValidationResult(error, rune.ToString(), rune.Value, i);
            }

            i += rune.Utf16SequenceLength - 1;
        }

        return NameValidationResult.Valid;
    }

    private static NormalizationError Check(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator => NormalizationError.NameControlCharacter,
        UnicodeCategory.PrivateUse => NormalizationError.NamePrivateUseCharacter,
        UnicodeCategory.OtherNotAssigned => NormalizationError.NameUnassignedCharacter,
        _ => IsAllowed(rune.Value) ? NormalizationError.None : NormalizationError.NameCharacterNotAllowed,
    };

    private static bool IsAllowed(int v) => v switch
    {
        ' ' or '\u3000' => true,
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') => true,
        (>= 'Ａ' and <= 'Ｚ') or (>= 'ａ' and <= 'ｚ') => true,
        >= 0xC0 and <= 0x17F => Rune.IsLetter(new Rune(v)), // À–ſ, excluding × and ÷
        (>= 'ぁ' and <= 'ゖ') or 'ゝ' or 'ゞ' => true,
        (>= 'ァ' and <= 'ヾ') => true, // katakana incl. ・ ー ヽ ヾ ヶ
        >= 0x31F0 and <= 0x31FF => true, // small katakana for Ainu (JIS X 0213)
        '々' or '〆' or '〇' => true,
        (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) => true,
        >= 0x20000 and <= 0x2A6DF => true,
        _ => false,
    };
}
