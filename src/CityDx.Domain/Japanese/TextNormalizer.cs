using System.Text;

namespace CityDx.Domain.Japanese;

/// <summary>Normalisation of Japanese text typed into forms.</summary>
public static class TextNormalizer
{
    private const char IdeographicSpace = '\u3000';
    private const char LongVowelMark = 'ー';
    private const char MiddleDot = '・';

    /// <summary>
    /// Normalises a フリガナ field to full-width katakana; throws if the input is not valid.
    /// See <see cref="TryNormalizeFurigana(string?, out string, out NormalizationError)"/> for the rules.
    /// </summary>
    /// <exception cref="ArgumentException">The input is empty or contains a refused character.</exception>
    public static string NormalizeFurigana(string? input) =>
        TryNormalizeFurigana(input, out var result, out var error)
            ? result
            : throw new ArgumentException(ErrorMessages.En(error), nameof(input));

    /// <summary>
    /// Normalises a フリガナ field to full-width katakana.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Hiragana and katakana, full- or half-width, become full-width katakana (ｶﾞ → ガ, が → ガ, ゔ → ヴ).
    /// A voiced/semi-voiced mark (゛ ゜ ﾞ ﾟ or the combining forms) is merged into the preceding kana; it is refused
    /// when no such combined character exists (e.g. after ア or at the start).</item>
    /// <item>The long-vowel mark ー is kept; ｰ becomes ー. Hyphen-like marks (- ‐ ‑ – — ― − －) directly after a kana or ー
    /// become ー (people type them for the long vowel); elsewhere they are refused.</item>
    /// <item>The middle dot ・ is kept; ･ becomes ・.</item>
    /// <item>Spaces (half-width, full-width, tabs) are trimmed and every run inside becomes ONE full-width space (U+3000),
    /// matching the full-width katakana around it (セイ　メイ).</item>
    /// <item>Anything else (kanji, latin letters, digits, other symbols) is refused with
    /// <see cref="NormalizationError.FuriganaInvalidCharacter"/>; an empty or all-space input gives <see cref="NormalizationError.Empty"/>.</item>
    /// </list>
    /// </remarks>
    public static bool TryNormalizeFurigana(string? input, out string result, out NormalizationError error)
    {
        result = "";
        var output = new StringBuilder(input?.Length ?? 0);
        var pendingSpace = false;
        foreach (var original in input ?? "")
        {
            var c = WidenHalfWidthKatakana(original);
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = output.Length > 0;
                continue;
            }

            if (IsVoicedSoundMark(c))
            {
                if (pendingSpace || !TryCombineVoicedMark(output, c))
                {
                    error = NormalizationError.FuriganaInvalidCharacter;
                    return false;
                }

                continue;
            }

            char converted;
            if (IsHiragana(c))
            {
                converted = (char)(c + ('ア' - 'あ'));
            }
            else if (IsKatakana(c) || c is LongVowelMark or MiddleDot)
            {
                converted = c;
            }
            else if (IsHyphenLike(c) && !pendingSpace && output.Length > 0 && (IsKatakana(output[^1]) || output[^1] == LongVowelMark))
            {
                converted = LongVowelMark;
            }
            else
            {
                error = NormalizationError.FuriganaInvalidCharacter;
                return false;
            }

            if (pendingSpace)
            {
                output.Append(IdeographicSpace);
                pendingSpace = false;
            }

            output.Append(converted);
        }

        if (output.Length == 0)
        {
            error = NormalizationError.Empty;
            return false;
        }

        result = output.ToString();
        error = NormalizationError.None;
        return true;
    }

    /// <summary>
    /// Full-width ASCII variants (U+FF01–U+FF5E: ０-９, Ａ-Ｚ, ａ-ｚ, ！-～) become ASCII and the ideographic space U+3000
    /// becomes a normal space. Nothing else changes (katakana, kanji and e.g. ー or ‐ are left alone).
    /// Use for fields that expect ASCII: phone, postal code, numbers, e-mail.
    /// </summary>
    public static string ToHalfWidthAscii(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        return string.Create(input.Length, input, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    IdeographicSpace => ' ',
                    _ => c,
                };
            }
        });
    }

    /// <summary>
    /// General clean-up of free text: half-width katakana (and ｡｢｣､･) become full-width with voiced marks combined
    /// (ｶﾞ → ガ); leading/trailing whitespace (including U+3000 and line breaks) is trimmed; each run of spaces/tabs
    /// inside a line becomes one space, full-width if the run starts with U+3000, otherwise half-width;
    /// line breaks are kept; finally the text is put in Unicode NFC.
    /// Full-width letters and digits are NOT changed (use <see cref="ToHalfWidthAscii"/> for that).
    /// </summary>
    /// <remarks>NFC maps most CJK compatibility ideographs (U+F900–U+FAFF) to their unified forms; do not use this
    /// on names where the exact registered glyph matters.</remarks>
    public static string NormalizeText(string? input)
    {
        var builder = new StringBuilder(input?.Length ?? 0);
        var inSpaceRun = false;
        foreach (var original in (input ?? "").Trim())
        {
            var c = WidenHalfWidthKatakana(original);
            if (c is ' ' or '\t' or IdeographicSpace || (char.IsWhiteSpace(c) && c is not ('\r' or '\n' or '\u2028' or '\u2029')))
            {
                if (!inSpaceRun)
                {
                    builder.Append(c == IdeographicSpace ? IdeographicSpace : ' ');
                    inSpaceRun = true;
                }

                continue;
            }

            inSpaceRun = false;
            builder.Append(c);
        }

        // Combining marks produced from ﾞ/ﾟ are composed here (カ + U+3099 → ガ).
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether <paramref name="c"/> is a hyphen or dash that people type for "-" or "ー".</summary>
    internal static bool IsHyphenLike(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014'
        or '\u2015' or '\u2212' or '\uFF0D' or '\uFE63' or LongVowelMark or '\uFF70';

    /// <summary>Half-width katakana and punctuation (U+FF61–U+FF9F) to full-width; ﾞ/ﾟ become combining U+3099/U+309A.</summary>
    private static char WidenHalfWidthKatakana(char c) =>
        c is >= '\uFF61' and <= '\uFF9F' ? c.ToString().Normalize(NormalizationForm.FormKC)[0] : c;

    private static bool IsVoicedSoundMark(char c) => c is '\u3099' or '\u309A' or '\u309B' or '\u309C';

    private static bool TryCombineVoicedMark(StringBuilder output, char mark)
    {
        if (output.Length == 0)
        {
            return false;
        }

        var combining = mark is '\u3099' or '\u309B' ? '\u3099' : '\u309A';
        var combined = string.Concat(output[^1], combining).Normalize(NormalizationForm.FormC);
        if (combined.Length != 1)
        {
            return false;
        }

        output[^1] = combined[0];
        return true;
    }

    private static bool IsHiragana(char c) => c is (>= 'ぁ' and <= 'ゖ') or 'ゝ' or 'ゞ';

    private static bool IsKatakana(char c) => c is (>= 'ァ' and <= 'ヺ') or 'ヽ' or 'ヾ';
}
