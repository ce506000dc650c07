using FluentValidation;

namespace Pilito.Web.Commands;

internal static class ValidationFailures
{
    /// <summary>Exit code of a command whose arguments were refused.</summary>
    public const int ExitCode = 2;

    /// <summary>Prints one line per refused argument ("❌ Receptor: …") and returns <see cref="ExitCode"/>.</summary>
    public static async Task<int> WriteAsync(TextWriter output, ValidationException refused)
    {
        foreach (var failure in refused.Errors)
            await output.WriteLineAsync($"❌ {failure.PropertyName}: {failure.ErrorMessage}");
        return ExitCode;
    }
}
