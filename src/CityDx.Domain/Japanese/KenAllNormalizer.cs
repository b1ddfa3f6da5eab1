using System.Text.RegularExpressions;

namespace CityDx.Domain.Japanese;

/// <summary>
/// Turns Japan Post's KEN_ALL.csv rows into clean addresses, handling the file's well-known quirks.
/// </summary>
/// <remarks>
/// Rules, applied in this order:
/// <list type="number">
/// <item><b>Split rows are merged.</b> A 町域名 longer than the column is continued on the following rows: when a
/// row's 町域名 has more 「（」 than 「）」, the following rows with the same 郵便番号 and 全国地方公共団体コード are appended
/// until the parentheses balance. Their 町域名カナ is appended too, except when a row repeats the previous row's kana
/// exactly (some split records repeat the kana instead of splitting it). A row with another code ends the merge.
/// The flags of the first row are kept.</item>
/// <item><b>Whole-municipality markers become an empty town</b> (with empty kana): 「以下に掲載がない場合」,
/// 「〇〇の次に…がくる場合」 with any note after it (猪苗代町の次に番地がくる場合, 小菅村の次に１～６６３番地がくる場合,
/// 琴平町の次に４２７番地以降がくる場合（川西）: the citizen types the 番地 right after the municipality), and 「〇〇一円」 when 〇〇 is the end of the 市区町村名
/// (e.g. 利島村一円 in 利島村). A town really named 一円 (滋賀県 多賀町 一円) is kept.</item>
/// <item><b>Floor numbers of high-rise buildings are kept without parentheses</b>: 「天満橋ＯＡＰタワー（１５階）」 →
/// 「天満橋ＯＡＰタワー１５階」 (kana 「(15ｶｲ)」 → 「15カイ」), because the floor is what the code stands for and part of
/// what the citizen writes.</item>
/// <item><b>Every other parenthesised note is removed</b>, keeping the base name: 「中之島（次のビルを除く）」 → 中之島,
/// 「天満橋ＯＡＰタワー（地階・階層不明）」 → 天満橋ＯＡＰタワー, 「天神橋（１～６丁目）」 → 天神橋, 「道頓堀（その他）」 → 道頓堀,
/// 「大通西（１～１９丁目）」 → 大通西, 「藤野（４００、４００－２番地）」 → 藤野, Kyoto street notes 「大黒町（烏丸通…）」 → 大黒町.
/// The same is done to the kana with half-width 「(」「)」. A parenthesis left open (a split record cut short) is
/// removed to the end.</item>
/// <item><b>Kana become full-width katakana</b> via <see cref="TextNormalizer.NormalizeText"/> (ｵｵｻｶｼｷﾀｸ → オオサカシキタク,
/// ｰ → ー, ･ → ・); half-width digits and latin letters in the kana (「OAPﾀﾜｰ」) are left as they are. Kanji columns are
/// only trimmed (no NFC, so compatibility ideographs such as 塚 keep their code point).</item>
/// <item><b>Duplicates are dropped</b>: only the first address for each (郵便番号, 町域名) after cleaning is returned, e.g.
/// 「天神橋（７丁目）」 and 「天神橋（８丁目）」 under 5310041 give one 天神橋.</item>
/// </list>
/// Output order follows the input order. A long 町域名 split WITHOUT parentheses cannot be recognised and is not merged.
/// </remarks>
public static partial class KenAllNormalizer
{
    private const string NotListed = "以下に掲載がない場合";
    private const string Ichien = "一円";

    /// <summary>Cleans and de-duplicates KEN_ALL rows; see the type's remarks for the rules. Lazily evaluated.</summary>
    /// <exception cref="ArgumentException">A row's 郵便番号 is not 7 ASCII digits or its 全国地方公共団体コード not 5
    /// (thrown while enumerating).</exception>
    public static IEnumerable<PostalAddress> Normalize(IEnumerable<KenAllRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return NormalizeIterator(rows);
    }

    private static IEnumerable<PostalAddress> NormalizeIterator(IEnumerable<KenAllRow> rows)
    {
        var seen = new HashSet<(string PostalCode, string Town)>();
        foreach (var row in MergeSplitRows(rows))
        {
            var address = ToAddress(row);
            if (seen.Add((address.PostalCode, address.Town)))
            {
                yield return address;
            }
        }
    }

    private static IEnumerable<KenAllRow> MergeSplitRows(IEnumerable<KenAllRow> rows)
    {
        KenAllRow? pending = null;
        var lastKanaPiece = "";
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (pending is not null)
            {
                if (row.PostalCode == pending.PostalCode && row.LocalGovernmentCode == pending.LocalGovernmentCode)
                {
                    pending = pending with
                    {
                        Town = pending.Town + row.Town,
                        TownKana = row.TownKana == lastKanaPiece ? pending.TownKana : pending.TownKana + row.TownKana,
                    };
                    lastKanaPiece = row.TownKana;
                    if (!HasOpenParenthesis(pending.Town))
                    {
                        yield return pending;
                        pending = null;
                    }

                    continue;
                }

                yield return pending;
                pending = null;
            }

            if (HasOpenParenthesis(row.Town))
            {
                pending = row;
                lastKanaPiece = row.TownKana;
            }
            else
            {
                yield return row;
            }
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    private static bool HasOpenParenthesis(string town) => town.Count(c => c == '（') > town.Count(c => c == '）');

    private static PostalAddress ToAddress(KenAllRow row)
    {
        if (row.PostalCode.Length != 7 || !row.PostalCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"KEN_ALL 郵便番号 must be 7 digits, but is '{row.PostalCode}'.", nameof(row));
        }

        if (row.LocalGovernmentCode.Length != 5 || !row.LocalGovernmentCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException(
                $"KEN_ALL 全国地方公共団体コード must be 5 digits, but is '{row.LocalGovernmentCode}' (郵便番号 {row.PostalCode}).",
                nameof(row));
        }

        var city = row.City.Trim();
        var (town, townKana) = CleanTown(row.Town.Trim(), TextNormalizer.NormalizeText(row.TownKana), city);
        return new PostalAddress(
            PostalCode: row.PostalCode,
            PrefectureCode: row.LocalGovernmentCode[..2],
            Prefecture: row.Prefecture.Trim(),
            City: city,
            Town: town,
            PrefectureKana: TextNormalizer.NormalizeText(row.PrefectureKana),
            CityKana: TextNormalizer.NormalizeText(row.CityKana),
            TownKana: townKana);
    }

    private static (string Town, string Kana) CleanTown(string town, string kana, string city)
    {
        if (town == NotListed || NextIsBanchi().IsMatch(town))
        {
            return ("", "");
        }

        if (town.Length > Ichien.Length && town.EndsWith(Ichien, StringComparison.Ordinal)
            && city.EndsWith(town[..^Ichien.Length], StringComparison.Ordinal))
        {
            return ("", "");
        }

        town = TownFloor().Replace(town, "$1");
        town = TownOpenNote().Replace(RemoveInnermostFirst(TownNote(), town), "");
        kana = KanaFloor().Replace(kana, "$1");
        kana = KanaOpenNote().Replace(RemoveInnermostFirst(KanaNote(), kana), "");
        return (town.Trim(), kana.Trim());
    }

    /// <summary>「〇〇の次に番地がくる場合」, 「〇〇の次に４２７番地以降がくる場合（川西）」 ….</summary>
    [GeneratedRegex("の次に.*がくる場合")]
    private static partial Regex NextIsBanchi();

    /// <summary>Removes innermost notes until none is left, so that nested parentheses go too.</summary>
    private static string RemoveInnermostFirst(Regex note, string text)
    {
        string previous;
        do
        {
            previous = text;
            text = note.Replace(text, "");
        }
        while (text.Length != previous.Length);

        return text;
    }

    /// <summary>「（１５階）」 → 「１５階」.</summary>
    [GeneratedRegex("（([0-9０-９]+階)）")]
    private static partial Regex TownFloor();

    [GeneratedRegex("（[^（）]*）")]
    private static partial Regex TownNote();

    [GeneratedRegex("（.*$")]
    private static partial Regex TownOpenNote();

    /// <summary>「(15カイ)」 → 「15カイ」 (the kana has already been widened to full-width katakana).</summary>
    [GeneratedRegex(@"\(([0-9０-９]+カイ)\)")]
    private static partial Regex KanaFloor();

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex KanaNote();

    [GeneratedRegex(@"\(.*$")]
    private static partial Regex KanaOpenNote();
}
