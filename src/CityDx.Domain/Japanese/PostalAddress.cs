namespace CityDx.Domain.Japanese;

/// <summary>
/// One clean address for a postal code, as a citizen would type it (produced from KEN_ALL.csv by
/// <see cref="KenAllNormalizer"/>).
/// </summary>
/// <param name="PostalCode">7 ASCII digits, e.g. "5300005".</param>
/// <param name="PrefectureCode">2-digit prefecture code: the first two digits of the 全国地方公共団体コード ("27" = 大阪府).</param>
/// <param name="Prefecture">都道府県名, e.g. 大阪府.</param>
/// <param name="City">市区町村名, e.g. 大阪市北区.</param>
/// <param name="Town">町域名 without Japan Post's notes, e.g. 中之島; empty when the code covers the whole municipality
/// or the rest of it (以下に掲載がない場合, …の次に番地がくる場合, …一円).</param>
/// <param name="PrefectureKana">都道府県名 in full-width katakana.</param>
/// <param name="CityKana">市区町村名 in full-width katakana.</param>
/// <param name="TownKana">町域名 in full-width katakana (digits and latin letters stay as Japan Post gives them, half-width).</param>
public sealed record PostalAddress(
    string PostalCode,
    string PrefectureCode,
    string Prefecture,
    string City,
    string Town,
    string PrefectureKana,
    string CityKana,
    string TownKana);
