using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace CityDx.Web.Security;

/// <summary>
/// Where to go back after signing in or choosing a language. Only a local address is followed (no
/// open redirect), and it is sent percent-encoded: a Location header may hold ASCII only, so
/// <c>/北区</c> would fail the response (a 500 that also drops the sign-in cookie).
/// </summary>
public static class ReturnUrls
{
    /// <summary>The local return address, ASCII-encoded, or null when there is none or it is not local.</summary>
    public static string? LocalOrNull(this IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? Encode(returnUrl) : null;

    /// <summary>The local return address, ASCII-encoded, or "/".</summary>
    public static string LocalOrHome(this IUrlHelper url, string? returnUrl) => url.LocalOrNull(returnUrl) ?? "/";

    /// <summary>Percent-encodes (as UTF-8) every character that may not stand in a header: non-ASCII, controls, spaces.</summary>
    public static string Encode(string url)
    {
        if (url.All(c => c is > ' ' and < (char)0x7F))
        {
            return url;
        }

        var text = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                text.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
