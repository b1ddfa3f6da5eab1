using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CityDx.Application.Common.Behaviours;

/// <summary>
/// First in the pipeline: logs the message type, the outcome and the time taken. Never the message
/// itself: requests carry personal data (answers, names) that must not reach the logs.
/// </summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    /// <summary>"SubmitApplication.Command": use cases nest their requests, so the bare name would be ambiguous.</summary>
    private static readonly string RequestName =
        typeof(TMessage).DeclaringType is { } use ? $"{use.Name}.{typeof(TMessage).Name}" : typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogInformation("Handled {Request} in {ElapsedMs:0.0} ms", RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (FluentValidation.ValidationException)
        {
            logger.LogInformation("Rejected {Request}: validation failed", RequestName);
            throw;
        }
        catch (Exception ex) when (ex is ConflictException or CityDx.Domain.Cases.DomainRuleException)
        {
            logger.LogInformation("Refused {Request}: {Reason}", RequestName, ex.GetType().Name);
            throw;
        }
    }
}
