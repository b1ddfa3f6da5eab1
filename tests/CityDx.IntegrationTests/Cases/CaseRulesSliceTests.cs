using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Cases;

/// <summary>
/// Case rules that need no page, sent straight to the application layer (<see cref="SliceFactory"/>):
/// who may see a case, what a refused action says and changes, and who wins a race. The filing that
/// arranges each case still goes through the pages.
/// </summary>
public sealed class CaseRulesSliceTests(SliceFactory factory) : IClassFixture<SliceFactory>
{
    private async Task<(Guid Id, string ReceiptNumber)> FileAsync()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        return await Filing.FileDogRegistrationAsync(citizen);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<CityDx.Infrastructure.Identity.ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }

    [Fact]
    public async Task Another_wards_staff_get_no_case_and_their_attempt_is_audited_as_not_found()
    {
        var (id, receipt) = await FileAsync();

        await using (var miyakojima = await factory.AsAsync(Demo.MiyakojimaStaff))
        {
            Assert.Null(await miyakojima.SendAsync(new GetCase.Query(id)));
        }

        await using var kita = await factory.AsAsync(Demo.KitaStaff);
        Assert.Equal(receipt, (await kita.SendAsync(new GetCase.Query(id)))!.ReceiptNumber);

        var entries = await kita.Db.AuditLog.AsNoTracking().Where(e => e.CaseId == id && e.Action == AuditActions.CaseRead).ToListAsync();
        var miyakojimaId = await UserIdAsync(Demo.MiyakojimaStaff);
        var kitaId = await UserIdAsync(Demo.KitaStaff);
        var denied = Assert.Single(entries, e => e.ActorId == miyakojimaId);
        Assert.Equal((AuditOutcome.NotFound, receipt), (denied.Outcome, denied.ReceiptNumber));
        var read = Assert.Single(entries, e => e.ActorId == kitaId);
        Assert.Equal((AuditOutcome.Ok, receipt), (read.Outcome, read.ReceiptNumber));
    }

    [Fact]
    public async Task A_rejection_without_a_reason_is_refused_in_the_persons_language_and_changes_nothing()
    {
        var (id, _) = await FileAsync();
        int version, lines;
        await using (var kita = await factory.AsAsync(Demo.KitaStaff))
        {
            var before = (await kita.SendAsync(new GetCase.Query(id)))!;
            (version, lines) = (before.Version, before.History.Count);
            var refused = await Assert.ThrowsAsync<ValidationException>(() => kita.SendAsync(new TakeAction.Command(id, CaseAction.Reject, " ", version)));
            Assert.Equal("却下する理由を入力してください。申請者に表示されます", Assert.Single(refused.Errors).ErrorMessage);
        }

        await using (var english = await factory.AsAsync(Demo.KitaStaff, culture: "en"))
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => english.SendAsync(new TakeAction.Command(id, CaseAction.Reject, null, version)));
            Assert.Equal("Enter the reason for rejecting. The applicant will see it", Assert.Single(refused.Errors).ErrorMessage);
        }

        await using var check = await factory.AsAsync(Demo.KitaStaff);
        var after = (await check.SendAsync(new GetCase.Query(id)))!;
        Assert.Equal((CaseStatus.Submitted, version, lines), (after.Status.Code, after.Version, after.History.Count));
    }

    [Fact]
    public async Task Of_two_decisions_on_the_same_version_the_second_is_a_conflict_and_the_first_stays()
    {
        var (id, _) = await FileAsync();
        await using var kita = await factory.AsAsync(Demo.KitaStaff);
        var version = (await kita.SendAsync(new GetCase.Query(id)))!.Version;

        var approved = await kita.SendAsync(new TakeAction.Command(id, CaseAction.Approve, "鑑札を交付します。", version));
        Assert.Equal(CaseStatus.Approved, approved!.Status);

        await using var approver = await factory.AsAsync(Demo.KitaApprover);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => approver.SendAsync(new TakeAction.Command(id, CaseAction.Reject, "書類が足りません。", version)));
        Assert.Equal("他の職員が先にこの案件を更新しました。最新の状態を表示しています。内容を確認してから、もう一度操作してください", conflict.Message);
        Assert.Equal(CaseStatus.Approved, (await approver.Db.Cases.AsNoTracking().SingleAsync(c => c.Id == id)).Status);
    }
}
