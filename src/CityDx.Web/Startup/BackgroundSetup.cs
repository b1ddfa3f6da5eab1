using CityDx.Application.Common;
using CityDx.Infrastructure.Mail;
using CityDx.Web.Jobs;
using Quartz;

namespace CityDx.Web.Startup;

public static class BackgroundSetup
{
    /// <summary>
    /// Mail (outbox, MailKit SMTP or a pickup folder) and scheduled work on Quartz.NET. The job store
    /// is in memory for now; the clustered PostgreSQL store for several nodes is the scale-out work.
    /// </summary>
    public static IServiceCollection AddCityDxBackgroundWork(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        services.AddSingleton(mail);
        services.AddSingleton<IMailSender>(mail.Mode.Equals("Smtp", StringComparison.OrdinalIgnoreCase)
            ? new SmtpMailSender(mail)
            : new PickupFolderMailSender(Path.GetFullPath(mail.PickupFolder, contentRoot)));
        services.AddScoped<OutboxWriter>();
        services.AddScoped<Notifications>();
        services.AddScoped<CityDx.Application.Account.AccountMails>();
        services.AddScoped<OutboxDelivery>();

        services.AddQuartz(q =>
        {
            q.AddJob<DeliverOutboxJob>(j => j.WithIdentity(DeliverOutboxJob.Key));
            q.AddTrigger(t => t.ForJob(DeliverOutboxJob.Key)
                .WithIdentity("deliver-outbox-every", "mail")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, mail.DeliverEverySeconds))).RepeatForever()));

            // SLA escalation: hourly is enough for a rule counted in business days.
            var escalateEveryMinutes = configuration.GetValue("Queue:EscalateEveryMinutes", 60);
            q.AddJob<EscalateOverdueCasesJob>(j => j.WithIdentity(EscalateOverdueCasesJob.Key));
            q.AddTrigger(t => t.ForJob(EscalateOverdueCasesJob.Key)
                .WithIdentity("escalate-overdue-every", "sla")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Max(1, escalateEveryMinutes))).RepeatForever()));

            // KPI roll-ups: the days touched since the last run (the dashboard shows when it ran).
            var refreshEveryMinutes = configuration.GetValue("Statistics:RefreshEveryMinutes", 10);
            q.AddJob<RefreshKpiRollupsJob>(j => j.WithIdentity(RefreshKpiRollupsJob.Key));
            q.AddTrigger(t => t.ForJob(RefreshKpiRollupsJob.Key)
                .WithIdentity("refresh-kpi-rollups-every", "statistics")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(20))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Max(1, refreshEveryMinutes))).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
