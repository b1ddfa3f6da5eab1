namespace CityDx.Domain.Forms;

public sealed record FieldOption(string Value, string LabelJa, string LabelEn);

/// <summary>One question of a form. <see cref="Key"/> is the stable name its answer is stored under.</summary>
public sealed record FormField(
    string Key,
    FieldType Type,
    string LabelJa,
    string LabelEn,
    bool Required = true,
    int? MaxLength = null,
    string? HintJa = null,
    string? HintEn = null,
    IReadOnlyList<FieldOption>? Options = null,
    decimal? Min = null,
    decimal? Max = null,
    bool Wareki = false,
    Condition? ShowWhen = null,
    int? MinLength = null,
    string? Pattern = null,
    IReadOnlyList<string>? AllowedFileTypes = null,
    long? MaxFileSizeBytes = null,
    int? MaxFiles = null,
    IReadOnlyList<FormField>? SubFields = null,
    int? MinRows = null,
    int? MaxRows = null,
    string? ContentJa = null,
    string? ContentEn = null,
    string? MinDate = null,
    string? MaxDate = null,
    IReadOnlyList<string>? AllowedCities = null)
{
    public string Label(bool english) => english ? LabelEn : LabelJa;
    public string? Hint(bool english) => english ? HintEn : HintJa;
    public IReadOnlyList<FieldOption> OptionList => Options ?? [];

    /// <summary>Upper bound used when a field sets none, so no answer is unbounded.</summary>
    public int EffectiveMaxLength => MaxLength ?? (Type == FieldType.LongText ? 4000 : 200);

    public string? Content(bool english) => english ? ContentEn : ContentJa;
    public IReadOnlyList<FormField> SubFieldList => SubFields ?? [];
    public IReadOnlyList<string> AllowedFileTypeList => AllowedFileTypes ?? [];

    /// <summary>
    /// 市区町村 an address question accepts (empty: any). An entry matches the same 市区町村, or the wards of a city
    /// ("大阪市" accepts 大阪市北区); it may start with its 都道府県 ("大阪府大阪市").
    /// </summary>
    public IReadOnlyList<string> AllowedCityList => AllowedCities ?? [];

    /// <summary>Whether the field takes an answer (everything but <see cref="FieldType.Information"/>).</summary>
    public bool IsInput => Type != FieldType.Information;
}
