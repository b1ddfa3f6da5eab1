using System.Globalization;
using CityDx.Application.FormBuilder;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration.FormBuilder;

/// <summary>質問を編集 (/admin/procedures/{code}/form/fields/{key}): every setting the question's type uses, and its show-when rule.</summary>
public sealed class UpdateFieldModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, INamesErrors, IRedisplays
{
    public sealed class InputModel
    {
        public string? LabelJa { get; set; }
        public string? LabelEn { get; set; }
        public string? HintJa { get; set; }
        public string? HintEn { get; set; }
        public bool Required { get; set; }
        public string? MinLength { get; set; }
        public string? MaxLength { get; set; }
        public string? Pattern { get; set; }
        public string? Min { get; set; }
        public string? Max { get; set; }
        public string? Options { get; set; }
        public List<string> AllowedFileTypes { get; set; } = [];
        public string? MaxFileSizeMb { get; set; }
        public string? MaxFiles { get; set; }
        public bool Wareki { get; set; }
        public string? MinRows { get; set; }
        public string? MaxRows { get; set; }
        public string? SubFields { get; set; }
        public string? ContentJa { get; set; }
        public string? ContentEn { get; set; }
        public string? ConditionFieldKey { get; set; }
        public ConditionOperator ConditionOperator { get; set; } = ConditionOperator.IsYes;
        public string? ConditionValues { get; set; }
        public string? MinDate { get; set; }
        public string? MaxDate { get; set; }
        public string? AllowedCities { get; set; }
    }

    [FromRoute]
    public string Code { get; set; } = "";

    [FromRoute]
    public string Key { get; set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public OpenFormEditor.Result Editor { get; private set; } = null!;

    public FormField Field { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var f = Field;
        Input = new InputModel
        {
            LabelJa = f.LabelJa,
            LabelEn = f.LabelEn,
            HintJa = f.HintJa,
            HintEn = f.HintEn,
            Required = f.Required,
            MinLength = Str(f.MinLength),
            MaxLength = Str(f.MaxLength),
            Pattern = f.Pattern,
            Min = Str(f.Min),
            Max = Str(f.Max),
            Options = UpdateField.OptionLines(f),
            AllowedFileTypes = [.. f.AllowedFileTypeList],
            MaxFileSizeMb = f.MaxFileSizeBytes is { } bytes ? (bytes / (1024m * 1024m)).ToString("0.##", CultureInfo.InvariantCulture) : null,
            MaxFiles = Str(f.MaxFiles),
            Wareki = f.Wareki,
            MinRows = Str(f.MinRows),
            MaxRows = Str(f.MaxRows),
            SubFields = UpdateField.SubFieldLines(f),
            ContentJa = f.ContentJa,
            ContentEn = f.ContentEn,
            ConditionFieldKey = f.ShowWhen?.FieldKey,
            ConditionOperator = f.ShowWhen?.Operator ?? ConditionOperator.IsYes,
            ConditionValues = string.Join('\n', f.ShowWhen?.Values ?? []),
            MinDate = f.MinDate,
            MaxDate = f.MaxDate,
            AllowedCities = string.Join('\n', f.AllowedCityList),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var i = Input;
        var saved = await mediator.Send(new UpdateField.Command(
            Code, Key, i.LabelJa, i.LabelEn, i.HintJa, i.HintEn, i.Required, i.MinLength, i.MaxLength, i.Pattern, i.Min, i.Max, i.Options,
            i.AllowedFileTypes, i.MaxFileSizeMb, i.MaxFiles, i.Wareki, i.MinRows, i.MaxRows, i.SubFields, i.ContentJa, i.ContentEn,
            i.ConditionFieldKey, i.ConditionOperator, i.ConditionValues, i.MinDate, i.MaxDate, i.AllowedCities), ct);
        if (!saved)
        {
            return NotFound();
        }

        Notice = l["Builder.Saved"];
        return Redirect($"/admin/procedures/{Code}/form#field-{Key}");
    }

    public string InputFor(string property, string? handler) =>
        "Input." + (property.StartsWith("AllowedFileTypes", StringComparison.Ordinal) ? "AllowedFileTypes" : property);

    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private static string? Str(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Str(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var editor = await mediator.Send(new OpenFormEditor.Query(Code), ct);
        var field = editor?.Draft?.FindField(Key);
        if (editor is null || field is null)
        {
            return false;
        }

        Editor = editor;
        Field = field;
        return true;
    }
}
