using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Administration;

internal static class AdministrationSetup
{
    /// <summary>Staff read ports, and the Development code book around whatever ISmsSenders is registered.</summary>
    public static void AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<IOtpTokenQueries, OtpTokenQueries>();
        services.AddScoped<IUserAdministration, UserAdministration>();
        services.AddScoped<IStaffAuditLog, StaffAuditLog>();
        services.AddSingleton<RevealedCodeBook>();

        var senders = services.LastOrDefault(d => d.ServiceType == typeof(ISmsSenders))
            ?? throw new InvalidOperationException("Register ISmsSenders before the administration services.");
        services.Remove(senders);
        services.Add(new ServiceDescriptor(typeof(ISmsSenders), sp => new RevealingSmsSenders(
            Resolve(sp, senders), sp.GetRequiredService<IOtpCodeHasher>(), sp.GetRequiredService<RevealedCodeBook>()), senders.Lifetime));
    }

    private static ISmsSenders Resolve(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationFactory: { } factory } => (ISmsSenders)factory(services),
        { ImplementationInstance: ISmsSenders instance } => instance,
        { ImplementationType: { } type } => (ISmsSenders)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException("ISmsSenders registration not understood."),
    };
}
