using Mediator;

namespace Pilito.Application.Diagnostics.CheckOtpConfig;

/// <param name="Online">Also ask the SMS provider (reachable, key accepted, credit); sends no message.</param>
public sealed record CheckOtpConfigQuery(bool Online) : IQuery<CheckOtpConfigResult>;
