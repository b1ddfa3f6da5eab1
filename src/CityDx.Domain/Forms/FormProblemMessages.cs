namespace CityDx.Domain.Forms;

/// <summary>Words an administrator understands for each <see cref="FormProblem"/>, in Japanese and English.</summary>
public static class FormProblemMessages
{
    public static string Ja(FormProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var s = SubjectJa(problem);
        var target = problem.Arg("target");
        return problem.Code switch
        {
            "Publish.Empty" => problem.StepKey is null ? "この様式には質問が1つもありません" : $"{s}に質問が1つもありません",
            "Publish.TooManyFields" => $"質問が多すぎます({problem.Arg("count")}個。上限は{problem.Arg("max")}個です)",
            "Publish.InvalidKey" => $"{s}のキー「{problem.Arg("key")}」が使えません。半角英小文字で始め、半角英小文字・数字・_ だけの64文字以内にしてください",
            "Publish.DuplicateKey" => $"{s}のキーが、ほかの{(problem.FieldKey is null ? "ページ" : "質問")}と重複しています",
            "Publish.DuplicateOption" => $"{s}の選択肢の値「{problem.Arg("option")}」が重複しています",
            "Publish.BadOptionValue" => $"{s}の選択肢の値「{problem.Arg("option")}」が使えません(空・前後の空白・改行は不可)",
            "Publish.LabelMissing" => $"{s}{LabelWhatJa(problem)}がありません",
            "Publish.NoOptions" => $"{s}に選択肢がありません",
            "Publish.BadPattern" => $"{s}の入力形式(正規表現)「{problem.Arg("pattern")}」が正しくありません",
            "Publish.BadRange" => $"{s}の{RangeWhatJa(problem.Arg("what"))}の範囲が正しくありません(下限 {Or(problem.Arg("min"), "なし")}、上限 {Or(problem.Arg("max"), "なし")})",
            "Publish.BadDate" => $"{s}の{(problem.Arg("which") == "min" ? "最も早い日付" : "最も遅い日付")}「{problem.Arg("value")}」が読めません(today、today-365、today+14 または 2026-04-01 の形で指定してください)",
            "Publish.BadAllowedCity" => $"{s}の受け付ける市区町村に、空の行か前後に空白のある行があります",
            "Publish.FileTypesMissing" => $"{s}は必須の添付ファイルですが、受け付けるファイル形式が指定されていません",
            "Publish.GroupEmpty" => $"{s}(繰り返し項目)に入力項目がありません",
            "Publish.NestedGroup" => $"{s}:繰り返し項目の中に繰り返し項目は置けません",
            "Publish.RuleInGroup" => $"{s}:繰り返し項目の中の質問には表示条件を付けられません",
            "Publish.RuleMissingField" => $"{s}の表示条件が、存在しない質問 {target} を参照しています",
            "Publish.RuleLaterField" => $"{s}の表示条件が、{(target == problem.FieldKey ? "自分自身" : $"後にある質問『{problem.Arg("targetLabel")}』({target})")}を参照しています。表示条件には、より前の質問しか使えません",
            "Publish.RuleCycle" => $"表示条件が循環しています({problem.Arg("path")})",
            "Publish.RuleNoValues" => $"{s}の表示条件に、比べる値が指定されていません",
            "Publish.RuleNotYesNo" => $"{s}の表示条件「はいのとき」は、はい/いいえ か 同意 の質問にしか使えません(『{problem.Arg("targetLabel")}』({target})は違います)",
            "Publish.RuleBadTarget" => $"{s}の表示条件に、質問『{problem.Arg("targetLabel")}』({target})は使えません(この種類の質問は条件に使えません)",
            "Publish.RuleUnknownValue" => $"{s}の表示条件の値「{problem.Arg("value")}」は、質問『{problem.Arg("targetLabel")}』({target})の選択肢にありません",
            _ => $"{s}:{problem.Code}",
        };
    }

    public static string En(FormProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var s = SubjectEn(problem);
        var target = problem.Arg("target");
        return problem.Code switch
        {
            "Publish.Empty" => problem.StepKey is null ? "This form has no questions" : $"{s} has no questions",
            "Publish.TooManyFields" => $"The form has too many questions ({problem.Arg("count")}; at most {problem.Arg("max")})",
            "Publish.InvalidKey" => $"{s}: the key \"{problem.Arg("key")}\" cannot be used. Start with a lower-case letter and use only a-z, 0-9 and _, at most 64 characters",
            "Publish.DuplicateKey" => $"{s} has the same key as another {(problem.FieldKey is null ? "page" : "question")}",
            "Publish.DuplicateOption" => $"{s}: the choice value \"{problem.Arg("option")}\" is used twice",
            "Publish.BadOptionValue" => $"{s}: the choice value \"{problem.Arg("option")}\" cannot be used (empty, surrounding spaces or line breaks)",
            "Publish.LabelMissing" => $"{s} has no {LabelWhatEn(problem)}",
            "Publish.NoOptions" => $"{s} has no choices",
            "Publish.BadPattern" => $"{s}: the input pattern (regular expression) \"{problem.Arg("pattern")}\" is not valid",
            "Publish.BadRange" => $"{s}: the {RangeWhatEn(problem.Arg("what"))} range is not valid (minimum {Or(problem.Arg("min"), "none")}, maximum {Or(problem.Arg("max"), "none")})",
            "Publish.BadDate" => $"{s}: the {(problem.Arg("which") == "min" ? "earliest" : "latest")} date \"{problem.Arg("value")}\" cannot be read (use today, today-365, today+14 or a date such as 2026-04-01)",
            "Publish.BadAllowedCity" => $"{s}: the accepted municipalities include an empty line or one with surrounding spaces",
            "Publish.FileTypesMissing" => $"{s} is a required attachment but no accepted file types are set",
            "Publish.GroupEmpty" => $"{s} (repeating group) has no questions",
            "Publish.NestedGroup" => $"{s}: a repeating group cannot contain another repeating group",
            "Publish.RuleInGroup" => $"{s}: questions inside a repeating group cannot have a display condition",
            "Publish.RuleMissingField" => $"{s}: the display condition refers to a question that does not exist: {target}",
            "Publish.RuleLaterField" => $"{s}: the display condition refers to {(target == problem.FieldKey ? "the question itself" : $"a later question \"{problem.Arg("targetLabelEn")}\" ({target})")}. A condition can only use earlier questions",
            "Publish.RuleCycle" => $"Display conditions depend on each other in a loop ({problem.Arg("path")})",
            "Publish.RuleNoValues" => $"{s}: the display condition has no value to compare with",
            "Publish.RuleNotYesNo" => $"{s}: the condition \"is yes\" only works on a yes/no or declaration question (\"{problem.Arg("targetLabelEn")}\" ({target}) is not one)",
            "Publish.RuleBadTarget" => $"{s}: the display condition cannot use the question \"{problem.Arg("targetLabelEn")}\" ({target}) (questions of this kind cannot be used in conditions)",
            "Publish.RuleUnknownValue" => $"{s}: the display condition value \"{problem.Arg("value")}\" is not a choice of \"{problem.Arg("targetLabelEn")}\" ({target})",
            _ => $"{s}: {problem.Code}",
        };
    }

    private static string SubjectJa(FormProblem p) => p.FieldKey is not null
        ? $"質問『{Or(p.Arg("label"), "(名称なし)")}』({p.FieldKey}) "
        : p.StepKey is not null ? $"ページ『{Or(p.Arg("title"), "(名称なし)")}』({p.StepKey}) " : "この様式";

    private static string SubjectEn(FormProblem p) => p.FieldKey is not null
        ? $"Question \"{Or(p.Arg("labelEn"), "(no name)")}\" ({p.FieldKey})"
        : p.StepKey is not null ? $"Page \"{Or(p.Arg("titleEn"), "(no name)")}\" ({p.StepKey})" : "This form";

    private static string LabelWhatJa(FormProblem p)
    {
        var language = p.Arg("language") == "en" ? "英語" : "日本語";
        return p.Arg("option") is { } option ? $"の選択肢「{option}」の{language}の表示名"
            : p.Arg("part") == "content" ? $"の{language}の本文"
            : p.FieldKey is null ? $"の{language}の見出し" : $"の{language}の表示名";
    }

    private static string LabelWhatEn(FormProblem p)
    {
        var language = p.Arg("language") == "en" ? "English" : "Japanese";
        return p.Arg("option") is { } option ? $"{language} label for the choice \"{option}\""
            : p.Arg("part") == "content" ? $"{language} text"
            : p.FieldKey is null ? $"{language} title" : $"{language} label";
    }

    private static string RangeWhatJa(string? what) => what switch
    {
        "selections" => "選択数",
        "length" => "文字数",
        "rows" => "行数",
        "files" => "ファイル数",
        "fileSize" => "ファイルサイズ",
        "dates" => "日付",
        _ => "値",
    };

    private static string RangeWhatEn(string? what) => what switch
    {
        "selections" => "number of choices",
        "length" => "length",
        "rows" => "number of rows",
        "files" => "number of files",
        "fileSize" => "file size",
        "dates" => "date",
        _ => "value",
    };

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
