using CityDx.Application.FormBuilder;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration.FormBuilder;

/// <summary>ページを編集 (/admin/procedures/{code}/form/steps/{key}): titles and the show-when rule of a draft's step.</summary>
public sealed class UpdateStepModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, INamesErrors, IRedisplays
{
    public sealed class InputModel
    {
        public string? TitleJa { get; set; }
        public string? TitleEn { get; set; }
        public string? ConditionFieldKey { get; set; }
        public ConditionOperator ConditionOperator { get; set; } = ConditionOperator.IsYes;
        public string? ConditionValues { get; set; }
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

    public FormStep Step { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = new InputModel
        {
            TitleJa = Step.TitleJa,
            TitleEn = Step.TitleEn,
            ConditionFieldKey = Step.ShowWhen?.FieldKey,
            ConditionOperator = Step.ShowWhen?.Operator ?? ConditionOperator.IsYes,
            ConditionValues = string.Join('\n', Step.ShowWhen?.Values ?? []),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var i = Input;
        if (!await mediator.Send(new UpdateStep.Command(Code, Key, i.TitleJa, i.TitleEn, i.ConditionFieldKey, i.ConditionOperator, i.ConditionValues), ct))
        {
            return NotFound();
        }

        Notice = l["Builder.Saved"];
        return Redirect($"/admin/procedures/{Code}/form#step-{Key}");
    }

    public string InputFor(string property, string? handler) => "Input." + property;

    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var editor = await mediator.Send(new OpenFormEditor.Query(Code), ct);
        var step = editor?.Draft?.Steps.FirstOrDefault(s => s.Key == Key);
        if (editor is null || step is null)
        {
            return false;
        }

        Editor = editor;
        Step = step;
        return true;
    }
}
