using CityDx.Domain.Japanese;

namespace CityDx.Domain.Forms;

/// <summary>Postal address questions: 郵便番号, 都道府県, 市区町村, 町域 and 番地, stored as "{key}.{part}".</summary>
internal sealed partial class AnswerValidator
{
    private const int AddressPartMaxLength = 200;

    private void Address(FormField field)
    {
        var parts = AddressPart.All.ToDictionary(p => p, p => answers.GetValueOrDefault(AddressPart.Key(field.Key, p)));
        if (parts.Values.Any(AnswerText.Refuses))
        {
            Error(AddressPart.Key(field.Key, AddressPart.PostalCode), "Form.InvalidCharacters");
            return;
        }

        var values = parts.ToDictionary(p => p.Key, p => p.Key == AddressPart.PostalCode
            ? TextNormalizer.ToHalfWidthAscii(p.Value ?? "").Trim()
            : TextNormalizer.NormalizeText(p.Value ?? ""));
        if (!field.Required && values.Values.All(v => v.Length == 0))
        {
            return;
        }

        var before = _errors.Count;
        CheckPostalCode(field, values);
        foreach (var (part, code) in new[] { (AddressPart.Prefecture, "Form.Address.PrefectureRequired"), (AddressPart.City, "Form.Address.CityRequired"), (AddressPart.Street, "Form.Address.StreetRequired") })
        {
            if (values[part].Length == 0)
            {
                Error(AddressPart.Key(field.Key, part), code);
            }
        }

        foreach (var part in AddressPart.All)
        {
            if (values[part].Length > AddressPartMaxLength)
            {
                Error(AddressPart.Key(field.Key, part), "Form.TooLong", new() { ["max"] = AddressPartMaxLength });
            }
        }

        if (_errors.Count == before)
        {
            CheckArea(field, values);
        }

        if (_errors.Count == before)
        {
            foreach (var part in AddressPart.All)
            {
                _clean[AddressPart.Key(field.Key, part)] = values[part];
            }
        }
    }

    /// <summary>
    /// 都道府県 is one of the 47; the question's accepted 市区町村, if it names any, include the address; and
    /// 郵便番号 and 都道府県・市区町村 agree where the postal data knows the code.
    /// </summary>
    private void CheckArea(FormField field, Dictionary<string, string> values)
    {
        var prefecture = values[AddressPart.Prefecture];
        var city = values[AddressPart.City];
        if (!Prefectures.IsPrefecture(prefecture))
        {
            Error(AddressPart.Key(field.Key, AddressPart.Prefecture), "Form.Address.PrefectureUnknown");
            return;
        }

        if (field.AllowedCityList.Count > 0 && !field.AllowedCityList.Any(entry => IsInCity(entry, prefecture, city)))
        {
            Error(AddressPart.Key(field.Key, AddressPart.City), "Form.Address.OutsideArea", new() { ["cities"] = string.Join("、", field.AllowedCityList) });
            return;
        }

        var areas = context?.AreasOf(values[AddressPart.PostalCode]) ?? [];
        if (areas.Count > 0 && !areas.Any(a => Same(a.Prefecture, prefecture) && Same(a.City, city)))
        {
            Error(AddressPart.Key(field.Key, AddressPart.PostalCode), "Form.Address.PostalCodeMismatch", new()
            {
                ["code"] = PostalCode.Format(values[AddressPart.PostalCode]),
                ["area"] = string.Join("、", areas.Select(a => a.Prefecture + a.City).Distinct(StringComparer.Ordinal).Take(3)),
            });
        }
    }

    /// <summary>
    /// Whether an accepted-市区町村 entry ("大阪市", "大阪府大阪市", "吹田市") covers the address: the same 市区町村, or a
    /// ward of it when the entry is a city ("大阪市" covers 大阪市北区).
    /// </summary>
    internal static bool IsInCity(string entry, string prefecture, string city)
    {
        var wanted = Compact(entry);
        if (wanted.StartsWith(prefecture, StringComparison.Ordinal) && wanted.Length > prefecture.Length)
        {
            wanted = wanted[prefecture.Length..];
        }

        var typed = Compact(city);
        return typed == wanted || (wanted.EndsWith('市') && typed.StartsWith(wanted, StringComparison.Ordinal) && typed.EndsWith('区'));
    }

    private static bool Same(string known, string typed) => Compact(TextNormalizer.NormalizeText(known)) == Compact(typed);

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private void CheckPostalCode(FormField field, Dictionary<string, string> values)
    {
        var key = AddressPart.Key(field.Key, AddressPart.PostalCode);
        if (values[AddressPart.PostalCode].Length == 0)
        {
            Error(key, "Form.PostalCode.Required");
        }
        else if (!PostalCode.TryNormalize(values[AddressPart.PostalCode], out var sevenDigits, out _))
        {
            Error(key, "Form.PostalCode.Invalid");
        }
        else
        {
            values[AddressPart.PostalCode] = sevenDigits;
        }
    }
}
