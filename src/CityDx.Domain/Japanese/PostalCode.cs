using System.Text;

namespace CityDx.Domain.Japanese;

/// <summary>Japanese postal codes (郵便番号).</summary>
public static class PostalCode
{
    /// <summary>
    /// Accepts "1234567", "123-4567" (any dash variant: - － ‐ ー − …), full-width digits, an optional 〒 prefix and
    /// surrounding spaces. A dash is allowed only between the 3rd and 4th digit. Outputs the 7 digits.
    /// </summary>
    public static bool TryNormalize(string? input, out string sevenDigits, out NormalizationError error)
    {
        sevenDigits = "";
        var text = TextNormalizer.ToHalfWidthAscii(input).Trim();
        if (text.StartsWith('〒'))
        {
            text = text[1..].TrimStart();
        }

        if (text.Length == 0)
        {
            error = NormalizationError.Empty;
            return false;
        }

        var digits = new StringBuilder(7);
        var dashSeen = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (TextNormalizer.IsHyphenLike(c) && digits.Length == 3 && !dashSeen)
            {
                dashSeen = true;
            }
            else
            {
                error = NormalizationError.PostalCodeInvalid;
                return false;
            }
        }

        if (digits.Length != 7)
        {
            error = NormalizationError.PostalCodeInvalid;
            return false;
        }

        sevenDigits = digits.ToString();
        error = NormalizationError.None;
        return true;
    }

    /// <summary>"123-4567" for any input accepted by <see cref="TryNormalize"/>.</summary>
    /// <exception cref="ArgumentException">The input is not a valid postal code.</exception>
    public static string Format(string? input) =>
        TryNormalize(input, out var d, out var error)
            ? $"{d[..3]}-{d[3..]}"
            : throw new ArgumentException(ErrorMessages.En(error), nameof(input));
}
