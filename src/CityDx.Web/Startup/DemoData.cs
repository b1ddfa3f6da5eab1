using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
        var clock = services.GetRequiredService<TimeProvider>();
        if (!await db.OrganisationUnits.AnyAsync())
        {
            SeedOrganisation(db);
            await db.SaveChangesAsync();
            await SeedProceduresAsync(db, clock.GetUtcNow());
            await db.SaveChangesAsync();
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

    private static async Task SeedProceduresAsync(CityDxDbContext db, DateTimeOffset now)
    {
        var units = await db.OrganisationUnits.ToDictionaryAsync(u => u.Code, u => u.Id);

        // The dog registration and residence-record forms stay short: they are the ones the
        // end-to-end tests and the tutorial walk through. Every other procedure's form comes from
        // the demo catalogue as written.
        var shortForms = new Dictionary<string, FormField[]>
        {
            ["dog-registration"] = DogRegistrationForm(),
            ["juminhyo-copy"] = ResidenceRecordForm(),
        };
        foreach (var demo in DemoCatalogue.All)
        {
            // Certificates about a person need a 委任状 when someone else asks for them.
            var proxy = demo.Code is "juminhyo-copy" or "inkan-certificate" or "tax-certificate" or "koseki-copy" ? ProxyPolicy.LetterRequired : ProxyPolicy.Allowed;
            var details = demo.Details with { OwningUnitId = units[demo.OwningUnitCode], Proxy = proxy };
            var procedure = new Procedure(demo.Code, details);

            // 届出 (notifications) need no 決裁: staff accept them. The others go to an approver, and
            // their approvers are mailed when a case is three business days overdue.
            procedure.ChangeWorkflow(demo.Code is "dog-registration" or "dog-death-notice"
                ? CaseWorkflow.DefaultWithoutApproval
                : CaseWorkflow.Default.WithEscalation(3), []);
            await AddAsync(db, now, procedure, shortForms.GetValueOrDefault(demo.Code) ?? demo.Fields);
        }
    }

    private static FormField[] DogRegistrationForm() =>
[
                new("dog_name", FieldType.ShortText, "犬の名前", "Dog's name", MaxLength: 50),
                new("breed", FieldType.ShortText, "犬種", "Breed", MaxLength: 50, HintJa: "わからない場合は「雑種」と入力してください", HintEn: "Enter \"mixed\" if you are not sure"),
                new("sex", FieldType.SingleChoice, "性別", "Sex", Options: Sex),
                new("birth_date", FieldType.Date, "生年月日", "Date of birth", HintJa: "例: 2026 年 4 月 1 日", HintEn: "For example, 2026 4 1 (year, month, day)"),
                new("rabies_vaccinated", FieldType.YesNo, "今年度の狂犬病予防注射を受けましたか", "Has the dog had this year's rabies vaccination?"),
                new("phone", FieldType.Phone, "日中の連絡先電話番号", "Daytime phone number", HintJa: "例: 06-6208-8181", HintEn: "For example, 06-6208-8181"),
            ];

    private static FormField[] ResidenceRecordForm() =>
[
                new("full_name", FieldType.PersonName, "氏名", "Full name", MaxLength: 100),
                new("full_name_kana", FieldType.Furigana, "氏名(フリガナ)", "Full name in katakana", MaxLength: 100, HintJa: "ひらがなで入力しても、カタカナに変換されます", HintEn: "Hiragana is converted to katakana"),
                new("birth_date", FieldType.Date, "生年月日", "Date of birth", Wareki: true),
                new("address", FieldType.PostalAddress, "住所(住民登録をしている住所)", "Registered address"),
                new("copies", FieldType.Number, "必要な通数", "Number of copies", Min: 1, Max: 10),
                new("household", FieldType.YesNo, "世帯全員の記載が必要ですか", "Do you need every member of the household listed?"),
                new("purpose", FieldType.SingleChoice, "使いみち", "What it is for", Options: Purposes),
                new("phone", FieldType.Phone, "日中の連絡先電話番号", "Daytime phone number"),
            ];

    private static readonly FieldOption[] Sex = [new("male", "オス", "Male"), new("female", "メス", "Female")];

    private static readonly FieldOption[] Purposes =
    [
        new("employment", "就職・勤務先への提出", "Employment"),
        new("school", "学校への提出", "School"),
        new("insurance", "保険・年金の手続き", "Insurance or pension"),
        new("other", "その他", "Other"),
    ];

    private static async Task AddAsync(CityDxDbContext db, DateTimeOffset now, Procedure procedure, FormField[] fields)
    {
        // Two saves: the procedure points at its current version and the version at its procedure.
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
        db.FormVersions.Add(procedure.PublishForm(new FormDefinition(fields), 1, now));
        await db.SaveChangesAsync();
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
