using System.Text;

namespace CityDx.Domain.Japanese;

/// <summary>
/// Folds Japanese text for matching: NFKC (full/half width, half-width kana), katakana → hiragana,
/// lower case, runs of white space → one space. Applied to both the indexed text and the query.
/// </summary>
public static class SearchFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            // ァ (U+30A1) … ヶ (U+30F6) → ぁ … ゖ; ー and ・ stay.
            builder.Append(c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
