using System.CommandLine;
using System.Globalization;
using FluentValidation;
using Mediator;
using Pilito.Application.Common.Ports;
using Pilito.Application.Diagnostics.TestSms;

namespace Pilito.Web.Commands;

/// <summary>
/// `test-sms --receptor 0912… [--provider Kavenegar|SmsIr] [--method send|lookup|both] [--message …]`: really sends,
/// prints the provider's whole answer. `test-kavenegar` is the same with Kavenegar, kept for the scripts that use it.
/// </summary>
public static class SendTestSmsCommand
{
    public const string Name = "test-sms";
    public const string KavenegarName = "test-kavenegar";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var provider = new Option<string?>("--provider") { Description = "Kavenegar or SmsIr (default: the first of Sms:Providers)." };
        return Create(Name, "Send a real test SMS through a provider and show its answer.", provider, services, output);
    }

    public static Command CreateForKavenegar(IServiceProvider services, TextWriter output) =>
        Create(KavenegarName, "Send a real test SMS through Kavenegar and show its answer.", provider: null, services, output);

    private static Command Create(string name, string description, Option<string?>? provider, IServiceProvider services, TextWriter output)
    {
        var receptor = new Option<string>("--receptor") { Description = "The mobile number to send to, e.g. 09123456789.", Required = true };
        var method = new Option<string>("--method") { Description = "Kavenegar: send (sms/send), lookup (verify/lookup) or both. sms.ir has one: send/verify.", DefaultValueFactory = _ => "send" };
        var message = new Option<string?>("--message") { Description = "Text for Kavenegar's sms/send (default: a dated test message)." };
        var command = new Command(name, description) { receptor, method, message };
        if (provider is not null)
            command.Options.Add(provider);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = provider is null ? "Kavenegar" : parse.GetValue(provider);
            await using var scope = services.CreateAsyncScope();
            TestSmsResult result;
            try
            {
                result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
                    new TestSmsCommand(parse.GetValue(receptor), parse.GetValue(method), parse.GetValue(message), Provider: chosen), cancellationToken);
            }
            catch (ValidationException refused)
            {
                return await ValidationFailures.WriteAsync(output, refused);
            }

            foreach (var attempt in result.Attempts)
                await WriteAsync(output, attempt, result.Provider);
            return result.AllSucceeded ? 0 : 1;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, SmsTestAttempt attempt, string provider)
    {
        // Labels padded to one column: "Kavenegar status:" is the longest.
        await output.WriteLineAsync($"{CheckMarks.For(attempt.Success)} {attempt.Method}: {attempt.Reason}");
        await output.WriteLineAsync($"   HTTP status:      {Show(attempt.HttpStatus)}");
        await output.WriteLineAsync($"   {(provider + " status:").PadRight(18)}{Show(attempt.ProviderStatus)}");
        await output.WriteLineAsync($"   Persian message:  {attempt.ProviderMessage ?? "-"}");
        await output.WriteLineAsync($"   Message id:       {attempt.MessageId ?? "-"}");
        await output.WriteLineAsync($"   Cost:             {Show(attempt.Cost)}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"   Time:             {attempt.Duration.TotalMilliseconds:0} ms"));
    }

    private static string Show(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
