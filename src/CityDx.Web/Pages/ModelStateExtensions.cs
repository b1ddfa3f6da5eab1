using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CityDx.Web.Pages;

public static class ModelStateExtensions
{
    /// <summary>Puts a command's validation failures on the page, under the names of its inputs.</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, ValidationException exception)
    {
        foreach (var error in exception.Errors)
        {
            modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }
    }

    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
