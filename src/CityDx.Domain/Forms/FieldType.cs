namespace CityDx.Domain.Forms;

public enum FieldType
{
    ShortText = 1,
    LongText = 2,
    Number = 3,
    Date = 4,
    Email = 5,
    Phone = 6,
    SingleChoice = 7,
    YesNo = 8,

    /// <summary>氏名: JIS X 0213 characters, nothing invisible or private-use.</summary>
    PersonName = 9,

    /// <summary>フリガナ: hiragana or katakana in, full-width katakana stored.</summary>
    Furigana = 10,

    /// <summary>郵便番号 + 住所: several answers under one key (see <see cref="AddressPart"/>).</summary>
    PostalAddress = 11,

    /// <summary>
    /// Several of <see cref="FormField.Options"/>; the answer is the chosen option values joined by '\n'
    /// (stored in option order). <see cref="FormField.Min"/>/<see cref="FormField.Max"/>, when set, bound the number chosen.
    /// </summary>
    MultipleChoice = 12,

    /// <summary>
    /// Attachments. The answer is a '\n'-separated list of attachment ids the application stores elsewhere; the
    /// domain checks only presence and count (<see cref="FormField.MaxFiles"/>). Type and size limits
    /// (<see cref="FormField.AllowedFileTypes"/>, <see cref="FormField.MaxFileSizeBytes"/>) are enforced on upload.
    /// </summary>
    FileUpload = 13,

    /// <summary>
    /// A table of rows of <see cref="FormField.SubFields"/>, stored as "{key}[{i}].{subKey}" for rows 0..n-1
    /// (see <see cref="GroupRow"/>), with the row count under "{key}".
    /// </summary>
    RepeatingGroup = 14,

    /// <summary>A consent checkbox (誓約・同意). Its value is "yes" when ticked; when required it must be ticked.</summary>
    Declaration = 15,

    /// <summary>Read-only text (<see cref="FormField.ContentJa"/>/<see cref="FormField.ContentEn"/>); never validated or stored.</summary>
    Information = 16,
}
