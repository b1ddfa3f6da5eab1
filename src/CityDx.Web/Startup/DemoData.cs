using CityDx.Application.Common;
using CityDx.Application.FormBuilder;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Startup;

/// <summary>
/// The demo city: Osaka City with its 24 wards, a central processing centre, a bureau, demo
/// procedures and one account per role (staff in two different wards). Idempotent.
/// </summary>
public static class DemoData
{
    public static readonly (string Code, string Ja, string En)[] Wards =
    [
        ("kita", "北区", "Kita"), ("miyakojima", "都島区", "Miyakojima"), ("fukushima", "福島区", "Fukushima"),
        ("konohana", "此花区", "Konohana"), ("chuo", "中央区", "Chuo"), ("nishi", "西区", "Nishi"),
        ("minato", "港区", "Minato"), ("taisho", "大正区", "Taisho"), ("tennoji", "天王寺区", "Tennoji"),
        ("naniwa", "浪速区", "Naniwa"), ("nishiyodogawa", "西淀川区", "Nishiyodogawa"), ("yodogawa", "淀川区", "Yodogawa"),
        ("higashiyodogawa", "東淀川区", "Higashiyodogawa"), ("higashinari", "東成区", "Higashinari"), ("ikuno", "生野区", "Ikuno"),
        ("asahi", "旭区", "Asahi"), ("joto", "城東区", "Joto"), ("tsurumi", "鶴見区", "Tsurumi"),
        ("abeno", "阿倍野区", "Abeno"), ("suminoe", "住之江区", "Suminoe"), ("sumiyoshi", "住吉区", "Sumiyoshi"),
        ("higashisumiyoshi", "東住吉区", "Higashisumiyoshi"), ("hirano", "平野区", "Hirano"), ("nishinari", "西成区", "Nishinari"),
    ];

    public sealed record DemoAccount(string Email, string DisplayName, string Role, string? UnitCode);

    public static readonly DemoAccount[] Accounts =
    [
        new("citizen@example.jp", "大阪 花子", Roles.Citizen, null),
        new("citizen2@example.jp", "難波 太郎", Roles.Citizen, null),
        new("staff.kita@example.jp", "北区 職員", Roles.Staff, "kita"),
        new("staff.miyakojima@example.jp", "都島区 職員", Roles.Staff, "miyakojima"),
        new("staff.central@example.jp", "事務センター 職員", Roles.Staff, "central"),
        new("approver.kita@example.jp", "北区 決裁者", Roles.Approver, "kita"),
        new("approver.central@example.jp", "事務センター 決裁者", Roles.Approver, "central"),
        new("admin@example.jp", "システム管理者", Roles.Admin, null),
        new("admin.facilities@example.jp", "施設利用協会 管理者", Roles.Admin, "facility-association"),
        new("analyst@example.jp", "分析担当", Roles.Analyst, null),
    ];

    public static async Task SeedAsync(IServiceProvider services, DemoOptions options, bool printCredentials)
    {
        var db = services.GetRequiredService<CityDxDbContext>();
        if (!await db.OrganisationUnits.AnyAsync())
        {
            SeedOrganisation(db);
            await db.SaveChangesAsync();
            await SeedProceduresAsync(services, db);
        }

        await SeedAccountsAsync(services, db, options.Password);

        if (printCredentials)
        {
            Console.WriteLine();
            Console.WriteLine("CityDx demo accounts (Development only), password for all: " + options.Password);
            foreach (var account in Accounts)
            {
                Console.WriteLine($"  {account.Role,-9} {account.Email,-30} {account.UnitCode}");
            }

            Console.WriteLine();
        }
    }

    private static void SeedOrganisation(CityDxDbContext db)
    {
        var city = new OrganisationUnit("osaka", "大阪市", "Osaka City", OrganisationUnitKind.Municipality, null);
        db.OrganisationUnits.Add(city);
        var order = 0;
        foreach (var (code, ja, en) in Wards)
        {
            db.OrganisationUnits.Add(new OrganisationUnit(code, $"{ja}役所", $"{en} Ward Office", OrganisationUnitKind.WardOffice, city.Id, ++order));
        }

        db.OrganisationUnits.Add(new OrganisationUnit("central", "事務センター(集中処理)", "Central Processing Centre", OrganisationUnitKind.CentralProcessingCentre, city.Id, 100));
        (string Code, string Ja, string En)[] bureaus =
        [
            ("citizen", "市民局", "Citizens Bureau"), ("environment", "環境局", "Environment Bureau"),
            ("construction", "建設局", "Construction Bureau"), ("children", "こども青少年局", "Children and Youth Bureau"),
            ("health", "健康局", "Health Bureau"), ("welfare", "福祉局", "Welfare Bureau"),
            ("education", "教育委員会事務局", "Board of Education Secretariat"),
        ];
        foreach (var (code, ja, en) in bureaus)
        {
            db.OrganisationUnits.Add(new OrganisationUnit(code, ja, en, OrganisationUnitKind.Bureau, city.Id, 200 + ++order));
        }

        db.OrganisationUnits.Add(new OrganisationUnit("facility-association", "公益財団法人 大阪市施設利用協会", "Osaka City Facilities Association", OrganisationUnitKind.AffiliatedBody, city.Id, 300));
    }

    /// <summary>
    /// The demo catalogue (<see cref="DemoCatalogue"/>): each procedure as its JSON says, then its form file
    /// through the admins' own use cases — <see cref="ImportForm"/> makes a draft from it and
    /// <see cref="PublishDraft"/> runs the publish checks and makes it current — acting as a city admin.
    /// </summary>
    private static async Task SeedProceduresAsync(IServiceProvider services, CityDxDbContext db)
    {
        var units = await db.OrganisationUnits.ToDictionaryAsync(u => u.Code, u => u.Id);
        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var import = new ImportForm.Handler(db, CityAdmin.Instance, l);
        var publish = new PublishDraft.Handler(db, CityAdmin.Instance, clock);
        foreach (var demo in DemoCatalogue.Load())
        {
            var procedure = new Procedure(demo.Code, demo.Details(units[demo.OwningUnit]));
            procedure.ChangeWorkflow(demo.Workflow.ToWorkflow(), []);

            // Saved first: the form belongs to the procedure, and the procedure then points at its current form.
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
            _ = await import.Handle(new ImportForm.Command(demo.Code, demo.FormJson), default)
                ?? throw new InvalidOperationException($"The demo form of {demo.Code} was not imported.");
            await db.SaveChangesAsync();
            _ = await publish.Handle(new PublishDraft.Command(demo.Code), default)
                ?? throw new InvalidOperationException($"The demo form of {demo.Code} was not published.");
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The seeder as a city admin (no unit: every procedure is theirs), for the form builder's use cases.</summary>
    private sealed class CityAdmin : ICurrentUser
    {
        public static readonly CityAdmin Instance = new();

        public string? UserId => "demo-seed";

        public bool PrefersEnglish => false;

        public bool IsInRole(string role) => role == Roles.Admin;
    }

    private static async Task SeedAccountsAsync(IServiceProvider services, CityDxDbContext db, string password)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var units = await db.OrganisationUnits.ToDictionaryAsync(u => u.Code, u => u.Id);
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.DisplayName };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Demo account could not be created: " + string.Join("; ", created.Errors.Select(e => e.Code)));
            }

            await users.AddToRoleAsync(user, account.Role);
            if (account.UnitCode is { } unit)
            {
                db.StaffMemberships.Add(new StaffMembership(user.Id, units[unit]));
            }
        }

        await db.SaveChangesAsync();
    }
}
