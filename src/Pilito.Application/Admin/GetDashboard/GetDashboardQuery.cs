using Mediator;

namespace Pilito.Application.Admin.GetDashboard;

/// <summary>The last 24 hours of OTP traffic at a glance.</summary>
public sealed record GetDashboardQuery : IQuery<Dashboard>;
