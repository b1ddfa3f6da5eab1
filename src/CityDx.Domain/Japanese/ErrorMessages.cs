namespace CityDx.Domain.Japanese;

/// <summary>User-facing messages (Japanese and English) for the error codes of this namespace.</summary>
public static class ErrorMessages
{
    /// <summary>Japanese message for <paramref name="error"/>.</summary>
    public static string Ja(NormalizationError error) => error switch
    {
        NormalizationError.None => "",
        NormalizationError.Empty => "入力してください。",
        NormalizationError.FuriganaInvalidCharacter => "フリガナはカタカナまたはひらがなで入力してください(使える記号:ー ・ スペース)。",
        NormalizationError.PhoneInvalidCharacter => "電話番号は数字とハイフンで入力してください(例:06-6208-8181)。",
        NormalizationError.PhoneMustStartWithZero => "電話番号は市外局番(0から始まる番号)から入力してください。",
        NormalizationError.PhoneInvalidLength => "電話番号の桁数が正しくありません。固定電話は10桁、携帯電話は11桁です。",
        NormalizationError.PhoneUnsupportedPrefix => "この番号は電話番号として登録できません。市外局番から入力してください。",
        NormalizationError.PostalCodeInvalid => "郵便番号は7桁の数字で入力してください(例:530-8201)。",
        NormalizationError.NameControlCharacter => "氏名に制御文字や見えない文字が含まれています。入力し直してください。",
        NormalizationError.NameUnassignedCharacter => "氏名に使えない文字(未定義の文字)が含まれています。",
        NormalizationError.NamePrivateUseCharacter => "氏名に外字(環境依存の文字)が含まれています。通常の漢字で入力するか、窓口にご相談ください。",
        NormalizationError.NameLoneSurrogate => "氏名の文字が壊れています。入力し直してください。",
        NormalizationError.NameCharacterNotAllowed => "氏名に使えない文字が含まれています(使える文字:漢字・ひらがな・カタカナ・英字・スペース)。",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    /// <summary>English message for <paramref name="error"/>.</summary>
    public static string En(NormalizationError error) => error switch
    {
        NormalizationError.None => "",
        NormalizationError.Empty => "Please enter a value.",
        NormalizationError.FuriganaInvalidCharacter => "Enter the reading in katakana or hiragana (allowed symbols: ー ・ and spaces).",
        NormalizationError.PhoneInvalidCharacter => "Enter the phone number using digits and hyphens (e.g. 06-6208-8181).",
        NormalizationError.PhoneMustStartWithZero => "Enter the phone number starting with the area code (it begins with 0).",
        NormalizationError.PhoneInvalidLength => "The phone number has the wrong number of digits: landlines have 10, mobiles 11.",
        NormalizationError.PhoneUnsupportedPrefix => "This number cannot be registered as a phone number. Start with the area code.",
        NormalizationError.PostalCodeInvalid => "Enter the postal code as 7 digits (e.g. 530-8201).",
        NormalizationError.NameControlCharacter => "The name contains a control or invisible character. Please retype it.",
        NormalizationError.NameUnassignedCharacter => "The name contains an undefined character.",
        NormalizationError.NamePrivateUseCharacter => "The name contains a private-use (外字) character. Use a standard character or ask at the counter.",
        NormalizationError.NameLoneSurrogate => "The name contains a broken character. Please retype it.",
        NormalizationError.NameCharacterNotAllowed => "The name contains a character that cannot be used (allowed: kanji, hiragana, katakana, latin letters, spaces).",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    /// <summary>Japanese message for <paramref name="error"/>.</summary>
    public static string Ja(DateInputError error) => error switch
    {
        DateInputError.None => "",
        DateInputError.Empty => "日付を入力してください。",
        DateInputError.UnrecognizedFormat => "日付の形式が正しくありません(例:令和7年4月1日、R7.4.1、2025/4/1)。",
        DateInputError.UnknownEra => "元号は明治・大正・昭和・平成・令和(M・T・S・H・R)のいずれかで入力してください。",
        DateInputError.InvalidYear => "年は1以上(元年は1)で入力してください。",
        DateInputError.InvalidMonth => "月は1から12の間で入力してください。",
        DateInputError.InvalidDay => "その月に存在しない日付です。",
        DateInputError.BeforeEraStart => "その元号が始まる前の日付です。元号を確認してください(例:令和は2019年5月1日から)。",
        DateInputError.AfterEraEnd => "その元号が終わった後の日付です。元号を確認してください(例:平成は2019年4月30日まで)。",
        DateInputError.OutOfRange => "明治元年(1868年1月25日)以降の日付を入力してください。",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    /// <summary>English message for <paramref name="error"/>.</summary>
    public static string En(DateInputError error) => error switch
    {
        DateInputError.None => "",
        DateInputError.Empty => "Please enter a date.",
        DateInputError.UnrecognizedFormat => "The date format is not recognised (e.g. 令和7年4月1日, R7.4.1, 2025/4/1).",
        DateInputError.UnknownEra => "The era must be 明治, 大正, 昭和, 平成 or 令和 (M, T, S, H or R).",
        DateInputError.InvalidYear => "The year must be 1 or later (元年 is year 1).",
        DateInputError.InvalidMonth => "The month must be between 1 and 12.",
        DateInputError.InvalidDay => "That day does not exist in that month.",
        DateInputError.BeforeEraStart => "That date is before the era began. Check the era (Reiwa began on 2019-05-01).",
        DateInputError.AfterEraEnd => "That date is after the era ended. Check the era (Heisei ended on 2019-04-30).",
        DateInputError.OutOfRange => "Enter a date on or after 1868-01-25 (the start of Meiji).",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    /// <summary>Japanese message naming the refused character, e.g. 「髙」(U+9AD9)….</summary>
    public static string Ja(NameValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsValid || result.CodePoint is null
            ? Ja(result.Error)
            : $"{Describe(result)}は氏名に使用できません。{Ja(result.Error)}";
    }

    /// <summary>English message naming the refused character.</summary>
    public static string En(NameValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsValid || result.CodePoint is null
            ? En(result.Error)
            : $"{Describe(result)} cannot be used in a name. {En(result.Error)}";
    }

    // Invisible and broken characters are shown by code point only.
    private static string Describe(NameValidationResult result) =>
        result.Error == NormalizationError.NameCharacterNotAllowed
            ? $"「{result.RejectedCharacter}」({result.CodePointLabel})"
            : result.CodePointLabel!;
}
