namespace CityDx.Domain.Organisation;

/// <summary>Kinds of organisation unit under the deployment's municipality.</summary>
public enum OrganisationUnitKind
{
    Municipality = 0,
    WardOffice = 1,
    Bureau = 2,
    CentralProcessingCentre = 3,
    AffiliatedBody = 4,
}

/// <summary>A node of the organisation tree (市 → 区役所 / 局 / 事務センター / 外郭団体).</summary>
public class OrganisationUnit
{
    private OrganisationUnit() { }

    public OrganisationUnit(string code, string nameJa, string nameEn, OrganisationUnitKind kind, Guid? parentId, int sortOrder = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameJa);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameEn);
        Id = Guid.CreateVersion7();
        Code = code;
        NameJa = nameJa;
        NameEn = nameEn;
        Kind = kind;
        ParentId = parentId;
        SortOrder = sortOrder;
    }

    public Guid Id { get; private set; }

    /// <summary>Stable short code, e.g. "kita" or "central".</summary>
    public string Code { get; private set; } = "";

    public string NameJa { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public OrganisationUnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }

    /// <summary>Official listing order (wards are listed in the city's order, not alphabetically).</summary>
    public int SortOrder { get; private set; }

    public string Name(bool english) => english ? NameEn : NameJa;
}
