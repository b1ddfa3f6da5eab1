namespace CityDx.Domain.Organisation;

/// <summary>A staff member belongs to one or more organisation units and works their cases.</summary>
public class StaffMembership
{
    private StaffMembership() { }

    public StaffMembership(string userId, Guid organisationUnitId)
    {
        UserId = userId;
        OrganisationUnitId = organisationUnitId;
    }

    public string UserId { get; private set; } = "";
    public Guid OrganisationUnitId { get; private set; }
}
