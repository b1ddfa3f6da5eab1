using System.Security.Cryptography;

namespace CityDx.Domain.Cases;

/// <summary>
/// 受付番号 (reference number): eight random characters and a check character, shown as
/// <c>XXXX-XXXX-C</c>. The alphabet leaves out look-alikes (0 O, 1 I L, 2 Z, 5 S, 8 B, U V) so a number read over the phone or copied by hand survives; the check character
/// (Luhn mod N) catches a single mistyped character and most swaps of two neighbours.
/// Uniqueness is enforced by the database; a collision (1 in 24^8 per pair) is retried by the caller.
/// </summary>
public static class ReceiptNumber
{
    public const string Alphabet = "346789ACDEFGHJKMNPQRTWXY";
    private const int BodyLength = 8;

    public static string Generate() => Generate(RandomNumberGenerator.GetInt32);

    /// <summary>Generates from a supplied source of randomness (tests pass a fixed one).</summary>
    public static string Generate(Func<int, int> nextInt)
    {
        Span<char> body = stackalloc char[BodyLength];
        for (var i = 0; i < BodyLength; i++)
        {
            body[i] = Alphabet[nextInt(Alphabet.Length)];
        }

        var check = CheckCharacter(body);
        return string.Create(BodyLength + 3, (body.ToString(), check), static (span, state) =>
        {
            state.Item1.AsSpan(0, 4).CopyTo(span);
            span[4] = '-';
            state.Item1.AsSpan(4, 4).CopyTo(span[5..]);
            span[9] = '-';
            span[10] = state.check;
        });
    }

    /// <summary>
    /// Normalises what a person typed (any case, full-width, with or without hyphens or spaces) and
    /// returns the canonical form when the characters and the check character are valid.
    /// </summary>
    public static bool TryNormalize(string? input, out string canonical)
    {
        canonical = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        Span<char> chars = stackalloc char[BodyLength + 1];
        var n = 0;
        foreach (var raw in input)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (c is '-' or ' ' or '\u3000' or '\u2010' or '\u2212' or '\u30FC')
            {
                continue;
            }

            c = char.ToUpperInvariant(c);
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0 || n == chars.Length)
            {
                return false;
            }

            chars[n++] = c;
        }

        if (n != BodyLength + 1 || CheckCharacter(chars[..BodyLength]) != chars[BodyLength])
        {
            return false;
        }

        canonical = $"{chars[..4]}-{chars[4..8]}-{chars[8]}";
        return true;
    }

    public static bool IsValid(string? input) => TryNormalize(input, out var canonical) && canonical == input;

    /// <summary>Luhn mod N over the alphabet.</summary>
    internal static char CheckCharacter(ReadOnlySpan<char> body)
    {
        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        var remainder = sum % n;
        return Alphabet[(n - remainder) % n];
    }
}
