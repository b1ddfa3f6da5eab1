using System.Text;

namespace CityDx.Domain.Japanese;

/// <summary>
/// Japanese telephone numbers as typed by residents.
/// </summary>
/// <remarks>
/// <para>Storage form: <b>digits only</b> (e.g. "0662088181"). Hyphen positions of fixed-line numbers depend on the
/// area-code table of the MIC numbering plan (2- to 5-digit area codes), which is not embedded here, so the digits are
/// the only form that is canonical for every number. Use <see cref="Format"/> for display.</para>
/// <para>Accepted: fixed-line (10 digits, 0 + area code 1–9…), mobile 070/080/090 and IP 050 and M2M 020 (11 digits),
/// free dial 0120 (10) and 0800 (11), navi dial 0570 (10). Input may be full- or half-width and contain hyphens
/// (any dash variant), parentheses and spaces, and may start with +81 (then the leading 0 is restored).
/// Refused: other lengths, numbers not starting with 0, and prefixes that are not subscriber numbers
/// (00…, 010, 030, 040, 060, 0990).</para>
/// </remarks>
public static class PhoneNumber
{
    /// <summary>Normalises a phone number to digits only.</summary>
    public static bool TryNormalize(string? input, out string normalized, out NormalizationError error)
    {
        normalized = "";
        if (!TryExtractDigits(input, out var digits, out error))
        {
            return false;
        }

        if (digits.Length == 0)
        {
            error = NormalizationError.Empty;
            return false;
        }

        if (digits[0] != '0')
        {
            error = NormalizationError.PhoneMustStartWithZero;
            return false;
        }

        var expectedLength = ExpectedLength(digits);
        if (expectedLength is null)
        {
            error = NormalizationError.PhoneUnsupportedPrefix;
            return false;
        }

        if (digits.Length != expectedLength)
        {
            error = NormalizationError.PhoneInvalidLength;
            return false;
        }

        normalized = digits;
        error = NormalizationError.None;
        return true;
    }

    /// <summary>
    /// Display form with hyphens where the grouping is determined by the prefix alone:
    /// 090-1234-5678, 050-…, 0120-123-456, 0570-…, 0800-123-4567, 03-1234-5678, 06-6208-8181.
    /// Other fixed-line numbers are returned as digits (their area-code length needs the MIC table).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not a valid phone number.</exception>
    public static string Format(string? input)
    {
        if (!TryNormalize(input, out var d, out var error))
        {
            throw new ArgumentException(ErrorMessages.En(error), nameof(input));
        }

        return d switch
        {
            _ when d.StartsWith("0120", StringComparison.Ordinal) || d.StartsWith("0570", StringComparison.Ordinal) => $"{d[..4]}-{d[4..7]}-{d[7..]}",
            _ when d.StartsWith("0800", StringComparison.Ordinal) => $"{d[..4]}-{d[4..7]}-{d[7..]}",
            _ when d.Length == 11 => $"{d[..3]}-{d[3..7]}-{d[7..]}",
            _ when d.StartsWith("03", StringComparison.Ordinal) || d.StartsWith("06", StringComparison.Ordinal) => $"{d[..2]}-{d[2..6]}-{d[6..]}",
            _ => d,
        };
    }

    /// <summary>Digit count required for the prefix, or null if the prefix is not a subscriber number.</summary>
    private static int? ExpectedLength(string digits)
    {
        if (digits.Length < 2)
        {
            return 10; // Too short to classify; reported as a length error.
        }

        if (digits.StartsWith("0800", StringComparison.Ordinal))
        {
            return 11;
        }

        if (digits.StartsWith("0120", StringComparison.Ordinal) || digits.StartsWith("0570", StringComparison.Ordinal))
        {
            return 10;
        }

        if (digits.StartsWith("0990", StringComparison.Ordinal) || digits[1] == '0')
        {
            return null;
        }

        if (digits.Length >= 3 && digits[2] == '0')
        {
            // 0X0 numbers are non-geographic: only these are in use.
            return digits[1] is '2' or '5' or '7' or '8' or '9' ? 11 : null;
        }

        return 10;
    }

    private static bool TryExtractDigits(string? input, out string digits, out NormalizationError error)
    {
        var text = TextNormalizer.ToHalfWidthAscii(input).Trim();
        var builder = new StringBuilder(text.Length + 1);
        var start = 0;
        if (text.StartsWith("+81", StringComparison.Ordinal))
        {
            builder.Append('0');
            start = 3;
        }

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                // "+81 (0)90-…": the 0 in parentheses is the trunk prefix already restored.
                if (!(start > 0 && builder.Length == 1 && c == '0'))
                {
                    builder.Append(c);
                }
            }
            else if (!(c is ' ' or '(' or ')' || TextNormalizer.IsHyphenLike(c)))
            {
                digits = "";
                error = NormalizationError.PhoneInvalidCharacter;
                return false;
            }
        }

        digits = builder.ToString();
        error = NormalizationError.None;
        return true;
    }
}
