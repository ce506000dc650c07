using System.CommandLine;
using System.Globalization;
using FluentValidation;
using Mediator;
using Pilito.Application.Common.Ports;
using Pilito.Application.Diagnostics.TestSms;

namespace Pilito.Web.Commands;

/// <summary>`test-kavenegar --receptor 0912… [--method send|lookup|both] [--message …]`: really sends, prints Kavenegar's whole answer.</summary>
public static class TestKavenegarCommand
{
    public const string Name = "test-kavenegar";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var receptor = new Option<string>("--receptor") { Description = "The mobile number to send to, e.g. 09123456789.", Required = true };
        var method = new Option<string>("--method") { Description = "send (sms/send), lookup (verify/lookup) or both.", DefaultValueFactory = _ => "send" };
        var message = new Option<string?>("--message") { Description = "Text for sms/send (default: a dated test message)." };
        var command = new Command(Name, "Send a real test SMS through Kavenegar and show its answer.") { receptor, method, message };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            TestSmsResult result;
            try
            {
                result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
                    new TestSmsCommand(parse.GetValue(receptor), parse.GetValue(method), parse.GetValue(message)), cancellationToken);
            }
            catch (ValidationException refused)
            {
                return await ValidationFailures.WriteAsync(output, refused);
            }

            foreach (var attempt in result.Attempts)
                await WriteAsync(output, attempt);
            return result.AllSucceeded ? 0 : 1;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, SmsTestAttempt attempt)
    {
        await output.WriteLineAsync($"{CheckMarks.For(attempt.Success)} {attempt.Method}: {attempt.Reason}");
        await output.WriteLineAsync($"   HTTP status:      {Show(attempt.HttpStatus)}");
        await output.WriteLineAsync($"   Kavenegar status: {Show(attempt.ProviderStatus)}");
        await output.WriteLineAsync($"   Persian message:  {attempt.ProviderMessage ?? "-"}");
        await output.WriteLineAsync($"   Message id:       {attempt.MessageId ?? "-"}");
        await output.WriteLineAsync($"   Cost:             {Show(attempt.Cost)}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"   Time:             {attempt.Duration.TotalMilliseconds:0} ms"));
    }

    private static string Show(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
