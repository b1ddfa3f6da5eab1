namespace CityDx.Application.Common;

/// <summary>
/// Someone else changed the record first. The page shows a clear message and the fresh state;
/// the API answers 409.
/// </summary>
public sealed class ConflictException(string message) : Exception(message);
