using Mediator;

namespace Pilito.Application.Diagnostics.TestSms;

/// <param name="Method">send, lookup or both (default send).</param>
/// <param name="Message">Text for sms/send; a default test text when null.</param>
public sealed record TestSmsCommand(string? Receptor, string? Method, string? Message) : ICommand<TestSmsResult>;
