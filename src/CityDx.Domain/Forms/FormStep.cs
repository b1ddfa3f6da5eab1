namespace CityDx.Domain.Forms;

/// <summary>
/// One page of a form (e.g. 「申請者」「対象の犬」「確認」). Steps are shown in order; a step with
/// <see cref="ShowWhen"/> is skipped, and its fields neither validated nor stored, while the condition is false.
/// </summary>
public sealed record FormStep(string Key, string TitleJa, string TitleEn, IReadOnlyList<FormField> Fields, Condition? ShowWhen = null)
{
    public string Title(bool english) => english ? TitleEn : TitleJa;
}
