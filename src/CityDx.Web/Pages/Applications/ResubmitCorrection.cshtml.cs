using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Application.PostalCodes;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Web.Pages.Shared;
using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Applications;

/// <summary>
/// 補正: exactly the questions staff named are editable (with the answers as they stand); every
/// other answer is shown read-only. Sending it resubmits the application for review.
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class ResubmitCorrectionModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    public GetCorrection.Detail? Detail { get; private set; }

    /// <summary>The answers of the editable questions, by answer key (read straight from the form on POST).</summary>
    public Dictionary<string, string?> Answers { get; private set; } = [];

    [BindProperty]
    public int ExpectedVersion { get; set; }

    public string? Notice { get; private set; }

    /// <summary>The address lookup's message, by field key (works without JavaScript).</summary>
    public Dictionary<string, string> LookupStatus { get; } = [];

    /// <summary>Errors of the answers by answer key ("dog_name", "address.postal_code").</summary>
    public Dictionary<string, string> AnswerErrors() =>
        ModelState.Where(e => e.Key.StartsWith("Answers[", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => e.Key["Answers[".Length..^1], e => e.Value!.Errors[0].ErrorMessage);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        Answers = new Dictionary<string, string?>(Detail!.Inputs, StringComparer.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        ReadAnswers();
        var files = Request.HasFormContentType
            ? Request.Form.Files.Where(f => f.Name.StartsWith("Files.", StringComparison.Ordinal))
                .Select(f => new AnswerFiles.Posted(f.Name["Files.".Length..], f.FileName, f.Length, f.OpenReadStream)).ToList()
            : [];
        try
        {
            return await mediator.Send(new ResubmitCorrection.Command(id, Answers, files, ExpectedVersion), ct) is null
                ? NotFound()
                : Redirect($"/my/applications/{id}");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex);
        }
        catch (ConflictException ex)
        {
            ModelState.Clear();
            Notice = ex.Message;
            if (await LoadAsync(id, ct) is { } gone)
            {
                return gone;
            }
        }

        return Page();
    }

    /// <summary>行を追加 without JavaScript: one more row of the group, everything typed kept, nothing checked.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(Guid id, string? addRow, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        ModelState.Clear();
        ReadAnswers();
        if (Detail!.EditableFields.FirstOrDefault(f => f.Key == addRow && f.Type == FieldType.RepeatingGroup) is { } group)
        {
            var rows = new AnswerInput(group, Answers, new Dictionary<string, string>()).RowCount();
            Answers[group.Key] = Math.Min(rows + 1, group.MaxRows ?? FormDefinition.RowLimit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    /// <summary>住所を検索 without JavaScript: fills the address parts from the postal code; nothing is sent.</summary>
    public async Task<IActionResult> OnPostLookupAsync(Guid id, string? lookup, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        ModelState.Clear();
        ReadAnswers();
        if (Detail!.EditableFields.FirstOrDefault(f => f.Key == lookup && f.Type == FieldType.PostalAddress) is not { } field)
        {
            return Page();
        }

        try
        {
            var result = await mediator.Send(new LookupPostalCode.Query(Answers.GetValueOrDefault(AddressPart.Key(field.Key, AddressPart.PostalCode)) ?? ""), ct);
            if (result.Addresses.Count == 0)
            {
                LookupStatus[field.Key] = l["Address.NotFound"];
                return Page();
            }

            var first = result.Addresses[0];
            Answers[AddressPart.Key(field.Key, AddressPart.PostalCode)] = result.PostalCode;
            Answers[AddressPart.Key(field.Key, AddressPart.Prefecture)] = first.Prefecture;
            Answers[AddressPart.Key(field.Key, AddressPart.City)] = first.City;
            Answers[AddressPart.Key(field.Key, AddressPart.Town)] = result.Addresses.Count == 1 ? first.Town : "";
            LookupStatus[field.Key] = result.Addresses.Count == 1
                ? l["Address.Found"]
                : l["Address.FoundSeveral"].Value.Replace("{towns}", string.Join("、", result.Addresses.Select(a => a.Town)), StringComparison.Ordinal);
        }
        catch (ValidationException ex)
        {
            ModelState.AddModelError($"Answers[{AddressPart.Key(field.Key, AddressPart.PostalCode)}]", ex.Errors.First().ErrorMessage);
        }

        return Page();
    }

    /// <summary>Not theirs: 404. No correction open (already resubmitted, withdrawn): back to the application.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Detail = await mediator.Send(new GetCorrection.Query(id), ct);
        if (Detail is null)
        {
            return NotFound();
        }

        return Detail.Correction is null ? Redirect($"/my/applications/{id}") : null;
    }

    /// <summary>
    /// Reads the answers straight from the form: row keys ("kids[0].name") have brackets the
    /// dictionary binder would split, and checkboxes post one value per ticked option (kept one a line).
    /// </summary>
    private void ReadAnswers()
    {
        if (!Request.HasFormContentType)
        {
            return;
        }

        var multiple = Detail!.EditableFields.Where(f => f.Type == FieldType.MultipleChoice).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        Answers = Request.Form.Keys
            .Where(k => k.StartsWith("Answers[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["Answers[".Length..^1], k => multiple.Contains(k["Answers[".Length..^1])
                ? string.Join('\n', Request.Form[k].ToArray())
                : Request.Form[k].FirstOrDefault(), StringComparer.Ordinal);
    }
}
