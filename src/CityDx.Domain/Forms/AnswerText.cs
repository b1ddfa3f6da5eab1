using System.Text.RegularExpressions;
using CityDx.Domain.Japanese;

namespace CityDx.Domain.Forms;

/// <summary>What any typed answer must be made of, how it is normalised per field type, and how a pattern is matched.</summary>
internal static class AnswerText
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>'\n'-separated values, trimmed, blanks and repeats dropped ("\r\n" is accepted too).</summary>
    public static List<string> Lines(string? raw) =>
        raw is null ? [] : [.. raw.Split('\n').Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Full-width digits and letters made half-width where the type expects them, half-width kana made full-width,
    /// spaces trimmed; names keep their exact code points.
    /// </summary>
    public static string Normalize(FieldType type, string? raw) => raw is null ? "" : type switch
    {
        FieldType.ShortText or FieldType.LongText => TextNormalizer.NormalizeText(raw),
        // Names keep their exact code points (no NFC, which would change some registered kanji).
        FieldType.PersonName => string.Join(' ', raw.Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries)),
        FieldType.Number or FieldType.Email or FieldType.Phone or FieldType.Date => TextNormalizer.ToHalfWidthAscii(raw).Trim(),
        _ => raw.Trim(),
    };

    /// <summary>Whether the raw answer holds a character no answer may hold (checked before normalising, which would hide it).</summary>
    public static bool Refuses(string? raw) => raw is not null && (!IsWellFormed(raw) || raw.Any(IsRefused));

    /// <summary>
    /// The whole normalised answer must match (as with the HTML pattern attribute): the pattern is wrapped in
    /// \A(?:…)\z. Culture-invariant, 100 ms timeout; a timeout or a pattern that does not compile (which
    /// <see cref="FormChecks"/> refuses at publish) counts as no match.
    /// </summary>
    public static bool MatchesPattern(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Control characters (but line breaks and tabs), bidirectional overrides, which can disguise
    /// text, and U+FFFD, which is what invalid UTF-8 in a request decodes to.
    /// </summary>
    private static bool IsRefused(char c) =>
        (char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
        || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\uFFFD';

    /// <summary>No lone surrogate halves (they cannot be stored or shown).</summary>
    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
