using CityDx.Application.Administration;
using CityDx.Domain.Procedures;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Administration;

/// <summary>手続き管理: create (/admin/procedures/new) or edit a procedure's details.</summary>
public sealed class SaveProcedureModel(IMediator mediator) : PageModel, INamesErrors, IRedisplays
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? NameJa { get; set; }
        public string? NameEn { get; set; }
        public string? DescriptionJa { get; set; }
        public string? DescriptionEn { get; set; }
        public string? Category { get; set; }
        public List<string> LifeEvents { get; set; } = [];
        public string? Keywords { get; set; }
        public string? EligibilityJa { get; set; }
        public string? EligibilityEn { get; set; }
        public string? RequiredDocumentsJa { get; set; }
        public string? RequiredDocumentsEn { get; set; }
        public int? FeeYen { get; set; }
        public FeeTiming FeeTiming { get; set; } = FeeTiming.AtFiling;
        public int StandardProcessingDays { get; set; } = 5;
        public Routing Routing { get; set; }
        // Empty by default: an unticked checkbox posts nothing, and that must mean none.
        public List<ChannelSet> ChannelList { get; set; } = [];
        public ChannelSet Channels => ChannelList.Aggregate(ChannelSet.None, (all, c) => all | c);
        public Guid OwningUnitId { get; set; }
        public bool Published { get; set; }
        public ProxyPolicy Proxy { get; set; } = ProxyPolicy.Allowed;
    }

    [FromRoute]
    public string? Code { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<GetProcedureForEdit.UnitOption> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GetProcedureForEdit.Query(Code), ct);
        if (result is null)
        {
            return NotFound();
        }

        Units = result.Units;
        Input.ChannelList = [ChannelSet.Online];
        if (result.Command is { } c)
        {
            Input = new InputModel
            {
                Code = c.Code,
                NameJa = c.NameJa,
                NameEn = c.NameEn,
                DescriptionJa = c.DescriptionJa,
                DescriptionEn = c.DescriptionEn,
                Category = c.Category,
                LifeEvents = [.. c.LifeEvents],
                Keywords = c.Keywords,
                EligibilityJa = c.EligibilityJa,
                EligibilityEn = c.EligibilityEn,
                RequiredDocumentsJa = c.RequiredDocumentsJa,
                RequiredDocumentsEn = c.RequiredDocumentsEn,
                FeeYen = c.FeeYen,
                FeeTiming = c.FeeTiming == FeeTiming.None ? FeeTiming.AtFiling : c.FeeTiming,
                StandardProcessingDays = c.StandardProcessingDays,
                Routing = c.Routing,
                ChannelList = [.. new[] { ChannelSet.Online, ChannelSet.Counter, ChannelSet.Mail }.Where(x => c.Channels.HasFlag(x))],
                OwningUnitId = c.OwningUnitId,
                Published = c.Published == true,
                Proxy = c.Proxy,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var i = Input;
        var saved = await mediator.Send(new SaveProcedure.Command(
            Code, Code ?? i.Code ?? "", i.NameJa ?? "", i.NameEn ?? "", i.DescriptionJa, i.DescriptionEn, i.Category ?? "", i.LifeEvents,
            i.Keywords, i.EligibilityJa, i.EligibilityEn, i.RequiredDocumentsJa, i.RequiredDocumentsEn, i.FeeYen, i.FeeTiming,
            i.StandardProcessingDays, i.Routing, i.Channels, i.OwningUnitId, Code is null ? null : i.Published, i.Proxy), ct);
        return saved is null ? NotFound() : Redirect("/admin/procedures");
    }

    public string InputFor(string property, string? handler) => "Input." + property;

    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        Units = (await mediator.Send(new GetProcedureForEdit.Query(null), ct))!.Units;
        return Page();
    }
}
