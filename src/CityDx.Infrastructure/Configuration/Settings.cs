using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityDx.Infrastructure.Configuration;

/// <summary>
/// The one way a configuration section becomes settings: bound to its options class, checked by the
/// class's data annotations (and an extra rule where one value depends on another) when the app
/// starts, and registered both as <c>IOptions&lt;T&gt;</c> and as <typeparamref name="T"/> itself for
/// the classes that take it. A bad value stops the start with a message that names the setting.
/// </summary>
public static class Settings
{
    /// <summary>
    /// Registers section <paramref name="section"/> as <typeparamref name="T"/> (once, however often it is
    /// asked for) and returns its values for choices made while registering services (a provider, a
    /// schedule); those values are checked with everything else before the app starts.
    /// </summary>
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section,
        Func<T, bool>? rule = null, string? ruleFailure = null)
        where T : class, new()
    {
        services.AddSettings(section, rule, ruleFailure);
        return configuration.ReadSettings<T>(section);
    }

    /// <summary>
    /// The values of a section registered elsewhere with <see cref="AddSettings{T}(IServiceCollection, string, Func{T, bool}?, string?)"/>,
    /// bound the same way, for a choice made while registering services; they are checked there.
    /// </summary>
    public static T ReadSettings<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        var values = new T();
        configuration.GetSection(section).Bind(values);
        return values;
    }

    /// <summary>Registers section <paramref name="section"/> as <typeparamref name="T"/> (once), for services that read it when they run.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section, Func<T, bool>? rule = null, string? ruleFailure = null)
        where T : class, new()
    {
        if (services.Any(d => d.ServiceType == typeof(T)))
        {
            return services;
        }

        var options = services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations();
        if (rule is not null)
        {
            options.Validate(rule, ruleFailure ?? $"{section} is not valid.");
        }

        options.ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    /// <summary>
    /// Checks every registered section now (the host would only do it when it starts serving, after the
    /// database has been migrated and seeded): throws <see cref="OptionsValidationException"/> listing
    /// each bad setting.
    /// </summary>
    public static void ValidateSettings(this IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();
}
