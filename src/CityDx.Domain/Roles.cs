namespace CityDx.Domain;

/// <summary>The roles of the glossary. Staff belong to organisation units; the others are city-wide.</summary>
public static class Roles
{
    public const string Citizen = "Citizen";
    public const string Staff = "Staff";
    public const string Approver = "Approver";
    public const string Admin = "Admin";
    public const string Analyst = "Analyst";

    public static readonly IReadOnlyList<string> All = [Citizen, Staff, Approver, Admin, Analyst];
}
