using CityDx.Application.Payments;
using Mediator;

namespace CityDx.Web.Startup;

/// <summary>
/// POST /api/v1/payments/callback: the payment provider reports a card or Pay-easy payment. Anonymous
/// (there is no account), authenticated instead by the HMAC-SHA256 signature over the raw body with the
/// shared secret <c>Payments:CallbackSecret</c> and a timestamp within <c>Payments:CallbackWindowSeconds</c>;
/// idempotent by the provider's transaction id. 200 paid or duplicate, 401 bad signature or stale
/// timestamp, 422 a message naming no due fee of that amount, 404 when no secret is configured.
/// </summary>
public static class PaymentsApi
{
    public const string TimestampHeader = "X-Payment-Timestamp";
    public const string SignatureHeader = "X-Payment-Signature";
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapPaymentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/payments/callback", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                if (request.ContentLength is > MaxBodyBytes)
                {
                    return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                }

                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, ct);
                if (buffer.Length > MaxBodyBytes)
                {
                    return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                }

                var outcome = await mediator.Send(new PaymentCallback.Command(buffer.ToArray(), request.Headers[TimestampHeader].ToString(), request.Headers[SignatureHeader].ToString()), ct);
                return outcome.Kind switch
                {
                    PaymentCallback.OutcomeKind.Paid or PaymentCallback.OutcomeKind.Duplicate => Results.Ok(new { status = outcome.Kind.ToString(), receiptNumber = outcome.ReceiptNumber }),
                    PaymentCallback.OutcomeKind.Unauthenticated => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Signature or timestamp not valid."),
                    PaymentCallback.OutcomeKind.Disabled => Results.NotFound(),
                    _ => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not a payment of a due fee.", detail: outcome.Reason),
                };
            })
            .AllowAnonymous()
            .WithTags("Payments")
            .WithName("PaymentCallback")
            .WithSummary("The payment provider's notice of a card or Pay-easy payment, signed with HMAC-SHA256 (X-Payment-Timestamp, X-Payment-Signature: sha256=hex over \"{timestamp}.{body}\"); idempotent by transactionId.");
    }
}
