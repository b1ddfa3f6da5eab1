using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages;

public static class ModelStateExtensions
{
    public const string ErrorOrderKey = "ErrorOrder";

    /// <summary>
    /// Puts a request's validation failures on the page, under the names of its inputs, and
    /// remembers their order (the order of the form) for the error summary: ModelState itself
    /// does not keep it. Called by <see cref="RefusedRequestFilter"/> for every page.
    /// </summary>
    public static void AddValidationErrors(this PageModel page, ValidationException exception, Func<string, string>? inputFor = null)
    {
        page.ModelState.Clear();
        var errors = exception.Errors.Select(e => (Input: inputFor?.Invoke(e.PropertyName) ?? e.PropertyName, e.ErrorMessage)).ToList();
        foreach (var (input, message) in errors)
        {
            page.ModelState.AddModelError(input, message);
        }

        page.ViewData[ErrorOrderKey] = errors.Select(e => e.Input).Distinct().ToList();
    }

    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
