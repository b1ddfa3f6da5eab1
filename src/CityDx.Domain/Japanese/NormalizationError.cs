namespace CityDx.Domain.Japanese;

/// <summary>Why a text input was refused. Use <see cref="ErrorMessages"/> for user-facing text.</summary>
public enum NormalizationError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Nothing (or only spaces) was entered.</summary>
    Empty,

    /// <summary>フリガナ contains something other than kana, ー, ・ and spaces.</summary>
    FuriganaInvalidCharacter,

    /// <summary>Phone number contains something other than digits, hyphens, parentheses, spaces and a leading +81.</summary>
    PhoneInvalidCharacter,

    /// <summary>Phone number does not start with 0 (or +81).</summary>
    PhoneMustStartWithZero,

    /// <summary>Phone number has the wrong number of digits for its type.</summary>
    PhoneInvalidLength,

    /// <summary>Phone number starts with a prefix that is not a subscriber number (e.g. 00, 010, 0990).</summary>
    PhoneUnsupportedPrefix,

    /// <summary>Postal code is not 7 digits (optionally 3-4 with a hyphen).</summary>
    PostalCodeInvalid,

    /// <summary>Name contains a control or invisible formatting character.</summary>
    NameControlCharacter,

    /// <summary>Name contains an unassigned code point.</summary>
    NameUnassignedCharacter,

    /// <summary>Name contains a private-use character (外字).</summary>
    NamePrivateUseCharacter,

    /// <summary>Name contains a broken surrogate (malformed UTF-16).</summary>
    NameLoneSurrogate,

    /// <summary>Name contains a character outside the allowed set (kanji, kana, latin letters, spaces, 々〆ヶ・ー).</summary>
    NameCharacterNotAllowed,
}
