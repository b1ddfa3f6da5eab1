using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration.FormBuilder;

/// <summary>One labelled text input or textarea of the builder's forms, with its hint and inline error.</summary>
public sealed record TextInput(string Name, string Label, string? Value, string? Hint = null, bool Multiline = false, string? Error = null, string? InputClass = null)
{
    public string Id => Display.FieldId(Name);
}

/// <summary>Words the builder pages share: field types and show-when rules in the admin's language.</summary>
public static class BuilderText
{
    public static string Type(IStringLocalizer<SharedResource> l, FieldType type) => l["Builder.Type." + type];

    /// <summary>"『犬を飼っていますか』(has_dog)「はい」のとき" / "\"Do you have a dog?\" (has_dog) is yes".</summary>
    public static string Rule(IStringLocalizer<SharedResource> l, Condition condition, FormDefinition definition)
    {
        var english = Display.English;
        var target = definition.FindField(condition.FieldKey);
        var name = target is null ? condition.FieldKey
            : english ? $"\"{target.LabelEn}\" ({target.Key})" : $"『{target.LabelJa}』({target.Key})";
        var values = condition.Values is { Count: > 0 } v ? " " + string.Join(english ? ", " : "、", v) : "";
        return $"{name} {l["Builder.Operator." + condition.Operator]}{values}";
    }
}

/// <summary>What the show-when partial needs: the form (for the question list), the item's own key (not offered), and the rule entered.</summary>
public sealed record ConditionInput(FormDefinition Draft, string? ExcludeKey, string? FieldKey, ConditionOperator Operator, string? Values);
