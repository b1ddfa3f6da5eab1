using CityDx.Domain.Cases;

namespace CityDx.Application.Cases;

/// <summary>The queue's payment filter (手数料): any, unpaid (due or a slip chosen), paid, or no fee to pay.</summary>
public enum PaymentFilter
{
    Any = 0,
    Unpaid = 1,
    Paid = 2,
    None = 3,
}

/// <summary>The queue's payment filter as a condition on cases (kept apart from ListQueue so its filter list stays one line per filter).</summary>
public static class QueuePayment
{
    public static IQueryable<Case> WherePayment(this IQueryable<Case> cases, PaymentFilter filter) => filter switch
    {
        PaymentFilter.Unpaid => cases.Where(c => c.PaymentState == PaymentState.Due || c.PaymentState == PaymentState.PayAtCounter),
        PaymentFilter.Paid => cases.Where(c => c.PaymentState == PaymentState.Paid),
        PaymentFilter.None => cases.Where(c => c.PaymentState == PaymentState.NotRequired || c.PaymentState == PaymentState.Cancelled || c.PaymentState == PaymentState.Refunded),
        _ => cases,
    };
}
