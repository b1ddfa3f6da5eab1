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
            foreach (var part in AddressPart.All)
            {
                _clean[AddressPart.Key(field.Key, part)] = values[part];
            }
        }
    }

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
