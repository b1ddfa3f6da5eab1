using System.Globalization;
using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using Microsoft.Extensions.Localization;

namespace CityDx.Web;

/// <summary>Formatting shared by the pages: dates in JST and the user's language, status words, field ids.</summary>
public static class Display
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Lang => English ? "en" : "ja";

    public static string DateTime(DateTimeOffset instant) =>
        JapanTime.ToJst(instant).ToString(English ? "d MMM yyyy HH:mm" : "yyyy年M月d日 HH:mm", CultureInfo.CurrentCulture);

    /// <summary>A date in the reader's language; in Japanese in the city's <see cref="DateStyle"/> (和暦, 西暦 or both).</summary>
    public static string Date(DateOnly date) =>
        English ? date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture) : DateDisplay.Japanese(date, DateDisplay.Style);

    /// <summary>An answer as filed, in the reader's language; a date answer in Japanese follows the city's <see cref="DateStyle"/>.</summary>
    public static string Answer(AnsweredField answer) =>
        English ? answer.ValueEn : answer.Date is { } date ? DateDisplay.Japanese(date, DateDisplay.Style) : answer.ValueJa;

    /// <summary>Status in the words of the person looking: citizens and staff use different terms (glossary).</summary>
    public static string Status(IStringLocalizer<SharedResource> l, string status, bool staffView) =>
        l[$"Status.{(staffView ? "Staff" : "Citizen")}.{status}"];

    /// <summary>A state of a procedure's workflow: built-in ones in the glossary's words, added ones by the names the admin gave.</summary>
    public static string Status(IStringLocalizer<SharedResource> l, StateLabel state, bool staffView) =>
        state.NameJa is null ? Status(l, state.Code, staffView) : (English ? state.NameEn ?? state.Code : state.NameJa);

    public static string Action(IStringLocalizer<SharedResource> l, ActionLabel action) =>
        action.NameJa is null ? l[$"Action.{action.Code}"] : (English ? action.NameEn ?? action.Code : action.NameJa);

    /// <summary>Due-date standing in words (with a mark in the page), never by colour alone.</summary>
    public static string DueState(IStringLocalizer<SharedResource> l, Due due) => due == Due.None ? "" : l[$"Due.{due}"];

    /// <summary>CSS modifier for a state tag: the built-in code, or "custom" (the words carry the meaning).</summary>
    public static string TagClass(StateLabel state) => state.NameJa is null ? state.Code.ToLowerInvariant() : "custom";

    /// <summary>The HTML id of the input a ModelState key belongs to, so the error summary can link to it.</summary>
    public static string FieldId(string key) =>
        key.StartsWith("Answers[", StringComparison.Ordinal) && key.EndsWith(']')
            ? AnswerId(key["Answers[".Length..^1])
            : key.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    /// <summary>HTML id of an answer's input; compound parts ("address.postal_code") use a hyphen.</summary>
    /// <summary>A file's size in KB, in the reader's number format.</summary>
    public static string FileSize(long bytes) =>
        Math.Max(1, (long)Math.Ceiling(bytes / 1024.0)).ToString("N0", CultureInfo.CurrentCulture) + " KB";

    public static string AnswerId(string fieldKey) => "answer-" + fieldKey.Replace('.', '-');
}
