using Mediator;
using Pilito.Application.Admin.Audit;

namespace Pilito.Application.Diagnostics.TestSms;

/// <param name="Method">send, lookup or both (default send).</param>
/// <param name="Message">Text for sms/send; a default test text when null.</param>
/// <param name="Actor">The staff member on the admin page, recorded in the audit log; null for the operator's test-sms command.</param>
/// <param name="Provider">Kavenegar or SmsIr; null for the first of Sms:Providers (Kavenegar with the Log sender).</param>
public sealed record TestSmsCommand(string? Receptor, string? Method, string? Message, StaffActor? Actor = null, string? Provider = null)
    : ICommand<TestSmsResult>;
