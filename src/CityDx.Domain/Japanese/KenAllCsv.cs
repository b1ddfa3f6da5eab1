using System.Globalization;

namespace CityDx.Domain.Japanese;

/// <summary>
/// Field-level parsing of Japan Post's KEN_ALL.csv. Reading the file (Shift_JIS/CP932 decoding, CSV quoting) is the
/// caller's job; this class validates one already-split record.
/// </summary>
public static class KenAllCsv
{
    /// <summary>Number of fields in a KEN_ALL.csv record.</summary>
    public const int FieldCount = 15;

    /// <summary>
    /// Builds a <see cref="KenAllRow"/> from the 15 fields of one KEN_ALL.csv record (quotes already removed), in
    /// Japan Post's order: 全国地方公共団体コード, 旧郵便番号, 郵便番号, 都道府県名カナ, 市区町村名カナ, 町域名カナ,
    /// 都道府県名, 市区町村名, 町域名, then the flags 一町域複数番号, 小字毎に番地, 丁目を有する, 一番号複数町域 (each 0 or 1),
    /// 更新の表示 (0–2) and 変更理由 (0–6). Surrounding spaces are trimmed from the codes and flags; text fields are
    /// kept as given. The 旧郵便番号 (e.g. "530  ") is ignored.
    /// </summary>
    /// <exception cref="FormatException">Not 15 fields, a code that is not 5 / 7 digits, or a flag that is not a
    /// number in its range. The message names the field and the value.</exception>
    public static KenAllRow ParseFields(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count != FieldCount)
        {
            throw new FormatException(
                $"A KEN_ALL.csv record has {FieldCount} fields, but this one has {fields.Count}"
                + (fields.Count > 2 ? $" (郵便番号 field: '{fields[2]}')." : "."));
        }

        var postalCode = Digits(fields, 2, 7, "郵便番号 (postal code)");
        return new KenAllRow(
            LocalGovernmentCode: Digits(fields, 0, 5, "全国地方公共団体コード (local government code)"),
            PostalCode: postalCode,
            PrefectureKana: fields[3] ?? "",
            CityKana: fields[4] ?? "",
            TownKana: fields[5] ?? "",
            Prefecture: fields[6] ?? "",
            City: fields[7] ?? "",
            Town: fields[8] ?? "",
            OneTownManyCodes: Flag(fields, 9, postalCode, "一町域が二以上の郵便番号で表される場合の表示") == 1,
            KoazaNumbered: Flag(fields, 10, postalCode, "小字毎に番地が起番されている町域の表示") == 1,
            HasChome: Flag(fields, 11, postalCode, "丁目を有する町域の場合の表示") == 1,
            OneCodeManyTowns: Flag(fields, 12, postalCode, "一つの郵便番号で二以上の町域を表す場合の表示") == 1,
            UpdateStatus: Number(fields, 13, 2, postalCode, "更新の表示 (update status)"),
            UpdateReason: Number(fields, 14, 6, postalCode, "変更理由 (update reason)"));
    }

    private static string Digits(IReadOnlyList<string> fields, int index, int length, string name)
    {
        var value = (fields[index] ?? "").Trim();
        if (value.Length != length || !value.All(char.IsAsciiDigit))
        {
            throw new FormatException(
                $"KEN_ALL.csv field {index + 1} {name} must be {length} digits, but is '{fields[index]}'.");
        }

        return value;
    }

    private static int Flag(IReadOnlyList<string> fields, int index, string postalCode, string name) =>
        Number(fields, index, 1, postalCode, name);

    private static int Number(IReadOnlyList<string> fields, int index, int max, string postalCode, string name)
    {
        var text = (fields[index] ?? "").Trim();
        if (text.Length == 0 || !text.All(char.IsAsciiDigit)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw new FormatException(
                $"KEN_ALL.csv field {index + 1} {name} must be a number from 0 to {max}, but is '{fields[index]}' "
                + $"(郵便番号 {postalCode}).");
        }

        return value;
    }
}
