using CityDx.Application.FormBuilder;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration.FormBuilder;

/// <summary>
/// 様式の編集 (/admin/procedures/{code}/form): versions, the draft's steps and questions with plain forms for every
/// change (no script needed: move up/down are buttons), its publish problems, and publishing.
/// </summary>
public sealed class OpenFormEditorModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, INamesErrors, IRedisplays
{
    public sealed class NewStepInput
    {
        public string? Key { get; set; }
        public string? TitleJa { get; set; }
        public string? TitleEn { get; set; }
    }

    public sealed class NewFieldInput
    {
        public string? StepKey { get; set; }
        public FieldType? Type { get; set; }
        public string? Key { get; set; }
        public string? LabelJa { get; set; }
        public string? LabelEn { get; set; }
    }

    [FromRoute]
    public string Code { get; set; } = "";

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public NewStepInput NewStep { get; set; } = new();

    [BindProperty]
    public NewFieldInput NewField { get; set; } = new();

    public OpenFormEditor.Result Editor { get; private set; } = null!;

    public string EditorUrl => $"/admin/procedures/{Code}/form";

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostStartDraftAsync(CancellationToken ct)
    {
        var number = await mediator.Send(new StartDraft.Command(Code), ct);
        if (number is null)
        {
            return NotFound();
        }

        Notice = l["Builder.DraftStarted"].Fill(("n", number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Redirect(EditorUrl);
    }

    public Task<IActionResult> OnPostAddStepAsync(CancellationToken ct) =>
        RunAsync(() => mediator.Send(new AddStep.Command(Code, NewStep.Key?.Trim() ?? "", NewStep.TitleJa ?? "", NewStep.TitleEn ?? ""), ct), "step-" + NewStep.Key?.Trim());

    public Task<IActionResult> OnPostMoveStepAsync(string key, bool up, CancellationToken ct) =>
        RunAsync(() => mediator.Send(new MoveStep.Command(Code, key, up), ct), "step-" + key);

    public Task<IActionResult> OnPostRemoveStepAsync(string key, CancellationToken ct) =>
        RunAsync(() => mediator.Send(new RemoveStep.Command(Code, key), ct), null);

    public Task<IActionResult> OnPostAddFieldAsync(CancellationToken ct) =>
        RunAsync(() => mediator.Send(new AddField.Command(Code, NewField.StepKey ?? "", NewField.Type ?? 0, NewField.Key?.Trim() ?? "", NewField.LabelJa, NewField.LabelEn), ct), "field-" + NewField.Key?.Trim());

    public Task<IActionResult> OnPostMoveFieldAsync(string key, bool up, CancellationToken ct) =>
        RunAsync(() => mediator.Send(new MoveField.Command(Code, key, up), ct), "field-" + key);

    public Task<IActionResult> OnPostRemoveFieldAsync(string key, CancellationToken ct) =>
        RunAsync(() => mediator.Send(new RemoveField.Command(Code, key), ct), null);

    public Task<IActionResult> OnPostRetireAsync(int number, CancellationToken ct) =>
        RunAsync(() => mediator.Send(new RetireVersion.Command(Code, number), ct), null,
            l["Builder.RetiredNotice"].Fill(("n", number.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var number = await mediator.Send(new PublishDraft.Command(Code), ct);
        if (number is null)
        {
            return NotFound();
        }

        Notice = l["Builder.Published"].Fill(("n", number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Redirect(EditorUrl);
    }

    private async Task<IActionResult> RunAsync(Func<ValueTask<bool>> send, string? anchor, string? notice = null)
    {
        if (!await send())
        {
            return NotFound();
        }

        Notice = notice ?? l["Builder.Saved"].Value;
        return Redirect(EditorUrl + (anchor is null ? "" : "#" + anchor));
    }

    /// <summary>The forms that add a step or a question name their inputs NewStep.* and NewField.*.</summary>
    public string InputFor(string property, string? handler) => handler switch
    {
        "AddStep" => "NewStep." + property,
        "AddField" => "NewField." + property,
        _ => property,
    };

    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => ShowAsync(ct);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var editor = await mediator.Send(new OpenFormEditor.Query(Code), ct);
        if (editor is null)
        {
            return NotFound();
        }

        Editor = editor;
        NewField.StepKey ??= editor.Draft is { Steps.Count: > 0 } d ? d.Steps[^1].Key : null;
        return Page();
    }
}
