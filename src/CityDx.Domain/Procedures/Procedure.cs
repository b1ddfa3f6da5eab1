using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;

namespace CityDx.Domain.Procedures;

/// <summary>Where applications for a procedure go.</summary>
public enum Routing
{
    /// <summary>The applicant chooses the ward office (usually their own).</summary>
    ChosenWard = 0,

    /// <summary>Work common to all wards, handled centrally in batches.</summary>
    CentralProcessingCentre = 1,

    /// <summary>The owning unit handles it (a bureau or an affiliated body).</summary>
    OwningUnit = 2,
}

/// <summary>When the fee (手数料) is paid.</summary>
public enum FeeTiming
{
    None = 0,
    AtFiling = 1,
    AfterReview = 2,
}

/// <summary>Whether someone may file for another person (代理申請), and whether a 委任状 is needed.</summary>
public enum ProxyPolicy
{
    NotAllowed = 0,
    Allowed = 1,
    LetterRequired = 2,
}

/// <summary>The ways a procedure can be filed (the dashboard's online rate compares them).</summary>
[Flags]
public enum ChannelSet
{
    None = 0,
    Online = 1,
    Counter = 2,
    Mail = 4,
}

/// <summary>Everything an admin edits about a procedure (手続き), in one value.</summary>
public sealed record ProcedureDetails(
    string NameJa,
    string NameEn,
    string DescriptionJa,
    string DescriptionEn,
    string Category,
    IReadOnlyList<string> LifeEvents,
    string Keywords,
    string EligibilityJa,
    string EligibilityEn,
    IReadOnlyList<string> RequiredDocumentsJa,
    IReadOnlyList<string> RequiredDocumentsEn,
    int? FeeYen,
    FeeTiming FeeTiming,
    int StandardProcessingDays,
    Routing Routing,
    ChannelSet Channels,
    Guid OwningUnitId,
    ProxyPolicy Proxy = ProxyPolicy.Allowed);

/// <summary>手続き: something a citizen can apply for.</summary>
public class Procedure
{
    private Procedure() { }

    public Procedure(string code, ProcedureDetails details)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Id = Guid.CreateVersion7();
        Code = code;
        Update(details);
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameJa { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string DescriptionJa { get; private set; } = "";
    public string DescriptionEn { get; private set; } = "";
    public string Category { get; private set; } = "";

    /// <summary>Life-event codes, comma-separated (引越し = moving, 出産・子育て = birth-childcare …).</summary>
    public string LifeEvents { get; private set; } = "";

    public string Keywords { get; private set; } = "";
    public string EligibilityJa { get; private set; } = "";
    public string EligibilityEn { get; private set; } = "";

    /// <summary>必要書類, one per line.</summary>
    public string RequiredDocumentsJa { get; private set; } = "";

    public string RequiredDocumentsEn { get; private set; } = "";
    public int? FeeYen { get; private set; }
    public FeeTiming FeeTiming { get; private set; }
    public int StandardProcessingDays { get; private set; }
    public Routing Routing { get; private set; }
    public ChannelSet Channels { get; private set; }
    public Guid OwningUnitId { get; private set; }
    public ProxyPolicy Proxy { get; private set; } = ProxyPolicy.Allowed;
    public bool IsPublished { get; private set; }
    public Guid? CurrentFormVersionId { get; private set; }

    public const int DefaultRetentionYears = 5;

    /// <summary>保存期間: years a closed case keeps its personal data after the decision; then it is anonymised.</summary>
    public int RetentionYears { get; private set; } = DefaultRetentionYears;

    public void SetRetention(int years)
    {
        if (years is < 1 or > 30)
        {
            throw new Cases.DomainRuleException("Retention.YearsRange", "Retention is 1 to 30 years.");
        }

        RetentionYears = years;
    }

    /// <summary>The procedure's workflow as JSON; null for the default workflow (with the approval step).</summary>
    public string? WorkflowJson { get; private set; }

    /// <summary>The workflow its cases follow (parsed on each call: cache the result when reading it in a loop).</summary>
    public Cases.CaseWorkflow Workflow => Cases.CaseWorkflow.FromJson(WorkflowJson);

    /// <summary>
    /// Sets the workflow after checking it; states still holding cases must stay (the caller passes
    /// the states that hold cases). Throws <see cref="Cases.DomainRuleException"/> naming the first problem.
    /// </summary>
    /// <param name="tolerated">Problem codes accepted while an admin is still building the workflow (a new state not yet joined up).</param>
    public void ChangeWorkflow(Cases.CaseWorkflow workflow, IReadOnlyCollection<string> statesInUse, IReadOnlyCollection<string>? tolerated = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var problem = workflow.Problems().FirstOrDefault(p => tolerated is null || !tolerated.Contains(p.Code));
        if (problem is not null)
        {
            throw new Cases.DomainRuleException(problem.Code, problem.Detail);
        }

        var dropped = statesInUse.FirstOrDefault(s => workflow.State(s) is null);
        if (dropped is not null)
        {
            throw new Cases.DomainRuleException("Workflow.StateInUse", dropped);
        }

        var json = workflow.ToJson();
        WorkflowJson = json == Cases.CaseWorkflow.Default.ToJson() ? null : json;
    }

    /// <summary>
    /// Names, descriptions and keywords folded for search: full/half width and hiragana/katakana
    /// made alike, lower case, so "ｼﾞｭｳﾐﾝﾋｮｳ", "じゅうみんひょう" and "住民票" each find what they should.
    /// </summary>
    public string SearchText { get; private set; } = "";

    public string Name(bool english) => english ? NameEn : NameJa;
    public string Description(bool english) => english ? DescriptionEn : DescriptionJa;

    public IReadOnlyList<string> LifeEventList => LifeEvents.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public void Update(ProcedureDetails details)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(details.NameJa);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.NameEn);
        ArgumentOutOfRangeException.ThrowIfNegative(details.StandardProcessingDays);
        if (details.FeeYen is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(details), "A fee cannot be negative.");
        }

        NameJa = details.NameJa.Trim();
        NameEn = details.NameEn.Trim();
        DescriptionJa = details.DescriptionJa.Trim();
        DescriptionEn = details.DescriptionEn.Trim();
        Category = details.Category;
        LifeEvents = string.Join(',', details.LifeEvents.Distinct(StringComparer.Ordinal));
        Keywords = details.Keywords.Trim();
        EligibilityJa = details.EligibilityJa.Trim();
        EligibilityEn = details.EligibilityEn.Trim();
        RequiredDocumentsJa = string.Join('\n', details.RequiredDocumentsJa.Select(d => d.Trim()).Where(d => d.Length > 0));
        RequiredDocumentsEn = string.Join('\n', details.RequiredDocumentsEn.Select(d => d.Trim()).Where(d => d.Length > 0));
        FeeYen = details.FeeYen is 0 ? null : details.FeeYen;
        FeeTiming = FeeYen is null ? FeeTiming.None : details.FeeTiming == FeeTiming.None ? FeeTiming.AtFiling : details.FeeTiming;
        StandardProcessingDays = details.StandardProcessingDays;
        Routing = details.Routing;
        Channels = details.Channels;
        OwningUnitId = details.OwningUnitId;
        Proxy = details.Proxy;
        SearchText = SearchFolding.Fold(string.Join(' ', NameJa, NameEn, DescriptionJa, DescriptionEn, Keywords));
    }

    /// <summary>Publishes a form version and makes it the one new applications are filed under.</summary>
    public FormVersion PublishForm(FormDefinition definition, int versionNumber, DateTimeOffset now)
    {
        var version = FormVersion.Published(Id, versionNumber, definition, now);
        CurrentFormVersionId = version.Id;
        IsPublished = true;
        return version;
    }

    /// <summary>
    /// Makes an already published version of this procedure's form the one new applications are filed under, and
    /// publishes the procedure (the form builder publishes a draft, then calls this).
    /// </summary>
    /// <exception cref="DomainRuleException">"Form.VersionNotPublished" unless the version is this procedure's and published.</exception>
    public void MakeCurrent(FormVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.ProcedureId != Id || version.Status != FormVersionStatus.Published)
        {
            throw new Cases.DomainRuleException("Form.VersionNotPublished", $"Form version {version.VersionNumber} is {version.Status} or not this procedure's; only a published version can be made current.");
        }

        CurrentFormVersionId = version.Id;
        IsPublished = true;
    }

    public void Unpublish() => IsPublished = false;

    /// <summary>Shows the procedure in the catalogue again; it needs a current published form.</summary>
    public void Republish()
    {
        if (CurrentFormVersionId is null)
        {
            throw new Cases.DomainRuleException("Procedure.NoPublishedForm", "A procedure needs a published form before it can be published.");
        }

        IsPublished = true;
    }
}
