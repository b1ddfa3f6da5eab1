using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages;

public static class ModelStateExtensions
{
    public const string ErrorOrderKey = "ErrorOrder";

    /// <summary>
    /// Puts a command's validation failures on the page, under the names of its inputs, and
    /// remembers their order (the order of the form) for the error summary: ModelState itself
    /// does not keep it.
    /// </summary>
    public static void AddValidationErrors(this PageModel page, ValidationException exception)
    {
        page.ModelState.Clear();
        foreach (var error in exception.Errors)
        {
            page.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        page.ViewData[ErrorOrderKey] = exception.Errors.Select(e => e.PropertyName).Distinct().ToList();
    }

    /// <summary>Adds the errors under the page's own field names (request property → input name).</summary>
    public static void AddValidationErrors(this PageModel page, ValidationException exception, IReadOnlyDictionary<string, string> rename)
    {
        var renamed = exception.Errors.Select(e => new FluentValidation.Results.ValidationFailure(rename.GetValueOrDefault(e.PropertyName, e.PropertyName), e.ErrorMessage));
        page.AddValidationErrors(new ValidationException(renamed));
    }

    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
