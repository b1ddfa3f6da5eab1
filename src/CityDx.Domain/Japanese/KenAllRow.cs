namespace CityDx.Domain.Japanese;

/// <summary>
/// One record of Japan Post's KEN_ALL.csv (読み仮名データの促音・拗音を小書きで表記するもの), as published:
/// kana columns are half-width, town names may carry notes in full-width parentheses and may be split over rows.
/// The 旧郵便番号 column is not kept. Use <see cref="KenAllCsv.ParseFields"/> to build one from the 15 CSV fields and
/// <see cref="KenAllNormalizer.Normalize"/> to turn rows into clean <see cref="PostalAddress"/>es.
/// </summary>
/// <param name="LocalGovernmentCode">全国地方公共団体コード (5 digits, e.g. 27127 = 大阪市北区).</param>
/// <param name="PostalCode">郵便番号 (7 digits).</param>
/// <param name="PrefectureKana">都道府県名カナ (half-width).</param>
/// <param name="CityKana">市区町村名カナ (half-width).</param>
/// <param name="TownKana">町域名カナ (half-width).</param>
/// <param name="Prefecture">都道府県名.</param>
/// <param name="City">市区町村名.</param>
/// <param name="Town">町域名, raw.</param>
/// <param name="OneTownManyCodes">一町域が二以上の郵便番号で表される場合の表示.</param>
/// <param name="KoazaNumbered">小字毎に番地が起番されている町域の表示.</param>
/// <param name="HasChome">丁目を有する町域の場合の表示.</param>
/// <param name="OneCodeManyTowns">一つの郵便番号で二以上の町域を表す場合の表示.</param>
/// <param name="UpdateStatus">更新の表示 (0 = 変更なし, 1 = 変更あり, 2 = 廃止).</param>
/// <param name="UpdateReason">変更理由 (0 = 変更なし … 6 = 廃止).</param>
public sealed record KenAllRow(
    string LocalGovernmentCode,
    string PostalCode,
    string PrefectureKana,
    string CityKana,
    string TownKana,
    string Prefecture,
    string City,
    string Town,
    bool OneTownManyCodes,
    bool KoazaNumbered,
    bool HasChome,
    bool OneCodeManyTowns,
    int UpdateStatus,
    int UpdateReason);
