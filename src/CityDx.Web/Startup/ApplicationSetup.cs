using CityDx.Application.Applications;
using CityDx.Application.Cases;
using CityDx.Application.Common.Behaviours;
using CityDx.Application.Procedures;
using CityDx.Domain;
using CityDx.Infrastructure.Configuration;
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
    public static IServiceCollection AddCityDxApplication(this IServiceCollection services)
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
        services.AddSingleton<CityDx.Application.Common.IReceiptNumbers, CityDx.Application.Common.RandomReceiptNumbers>();
        services.AddScoped<CityDx.Application.Common.CaseFiling>();
        services.AddDateDisplay();
        services.AddScoped<CityDx.Application.Payments.IPaymentProvider, CityDx.Application.Payments.PaymentSlipProvider>();
        services.AddScoped<CityDx.Application.Payments.IPaymentProvider, CityDx.Application.Payments.SimulatedCardProvider>();
        services.AddSettings<CalendarOptions>(CalendarOptions.Section, o => o.DatesAreValid(),
            "Calendar:AnnualClosures must be written MM-DD (e.g. 12-29) and Calendar:ExtraClosedDates YYYY-MM-DD (e.g. 2027-05-06), each a real date.");
        services.AddSingleton(sp => sp.GetRequiredService<CalendarOptions>().Build());
        services.AddSettings<DraftOptions>(DraftOptions.Section);
        services.AddSettings<IssuedDocumentOptions>(IssuedDocumentOptions.Section);
        services.AddSettings<QueueOptions>(QueueOptions.Section,
            o => o.PersonalDataRoles.All(r => Roles.All.Contains(r)), $"Queue:PersonalDataRoles may name only these roles: {string.Join(", ", Roles.All)}.");
        services.AddSettings<CityDx.Application.Payments.PaymentOptions>(CityDx.Application.Payments.PaymentOptions.Section);
        services.AddMemoryCache();
        services.AddSingleton<CityDx.Application.Common.ViewCache>();
        return services;
    }
}
