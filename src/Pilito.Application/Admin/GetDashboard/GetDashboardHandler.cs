using Mediator;
using Pilito.Application.Common.Ports;

namespace Pilito.Application.Admin.GetDashboard;

public sealed class GetDashboardHandler(IOtpTokenQueries tokens, TimeProvider clock) : IQueryHandler<GetDashboardQuery, Dashboard>
{
    private const int HoursShown = 24;

    public async ValueTask<Dashboard> Handle(GetDashboardQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Buckets are whole UTC hours; the window starts at the first bucket so the chart and the totals agree.
        var currentHour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var since = currentHour.AddHours(1 - HoursShown);
        var activity = await tokens.GetActivityAsync(since, cancellationToken);

        var hours = new HourlyDeliveries[HoursShown];
        for (var i = 0; i < HoursShown; i++)
        {
            var start = since.AddHours(i);
            var end = start.AddHours(1);
            var inHour = activity.Deliveries.Where(d => d.At >= start && d.At < end).ToList();
            hours[i] = new HourlyDeliveries(start, inHour.Count(d => d.Accepted), inHour.Count(d => !d.Accepted));
        }

        return new Dashboard(since, activity.Requested, activity.Sent, activity.Failed, activity.Verified, activity.Locked,
            activity.FailuresByCode, hours, activity.ByOperator);
    }
}
