using CityDx.Application.Common.Behaviours;
using CityDx.Application.Procedures;
using FluentValidation;
using Mediator;

namespace CityDx.Web.Startup;

public static class ApplicationSetup
{
    private static readonly Type[] PerRequestValidators = [typeof(CityDx.Application.Cases.ExportQueue.Validator)];

    /// <summary>
    /// The application layer: Mediator (source-generated, scoped so handlers share the request's
    /// DbContext) with the pipeline behaviours in this fixed order — logging, validation,
    /// transaction, audit — and every FluentValidation validator of the application assembly.
    /// </summary>
    public static IServiceCollection AddCityDxApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(ListProcedures)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
                typeof(AuditBehaviour<,>),
            ];
        });
        // Validators are built once (their rules compile expressions) and shared: they hold no state and
        // read messages in the request's language when they fail. The one that reads the signed-in
        // person (ICurrentUser, per request) stays per request.
        services.AddValidatorsFromAssemblyContaining<ListProcedures.Query>(ServiceLifetime.Singleton,
            filter: v => !PerRequestValidators.Contains(v.ValidatorType), includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining<ListProcedures.Query>(ServiceLifetime.Scoped,
            filter: v => PerRequestValidators.Contains(v.ValidatorType), includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        services.AddDateDisplay();
        services.AddScoped<CityDx.Application.Payments.IPaymentProvider, CityDx.Application.Payments.PaymentSlipProvider>();
        services.AddScoped<CityDx.Application.Payments.IPaymentProvider, CityDx.Application.Payments.SimulatedCardProvider>();
        var calendar = configuration.GetSection(CalendarOptions.Section).Get<CalendarOptions>() ?? new CalendarOptions();
        services.AddSingleton(calendar.Build());
        services.AddOptions<CityDx.Application.Applications.DraftOptions>().BindConfiguration(CityDx.Application.Applications.DraftOptions.Section)
            .Validate(o => o.ExpiryDays is >= 1 and <= 365, "Drafts:ExpiryDays must be between 1 and 365.").ValidateOnStart();
        services.AddSingleton(configuration.GetSection(CityDx.Application.Cases.IssuedDocumentOptions.Section).Get<CityDx.Application.Cases.IssuedDocumentOptions>()
            ?? new CityDx.Application.Cases.IssuedDocumentOptions());
        var queue = configuration.GetSection(CityDx.Application.Cases.QueueOptions.Section).Get<CityDx.Application.Cases.QueueOptions>()
            ?? new CityDx.Application.Cases.QueueOptions();
        if (queue.BatchLimit is < 1 or > 10_000 || queue.PageSize is < 1 or > 500 || queue.DueSoonBusinessDays is < 0 or > 60
            || queue.CountsCacheSeconds is < 0 or > 300 || queue.ReferenceCacheSeconds is < 0 or > 300)
        {
            throw new InvalidOperationException(
                "Queue:BatchLimit must be 1–10000, Queue:PageSize 1–500, Queue:DueSoonBusinessDays 0–60 and Queue:CountsCacheSeconds and Queue:ReferenceCacheSeconds 0–300.");
        }

        services.AddSingleton(queue);
        services.AddMemoryCache();
        services.AddSingleton<CityDx.Application.Common.ViewCache>();
        return services;
    }
}
