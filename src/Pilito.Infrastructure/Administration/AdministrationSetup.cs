using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Ports;

namespace Pilito.Infrastructure.Administration;

internal static class AdministrationSetup
{
    /// <summary>Staff read ports, and the Development code book around whatever ISmsSender is registered.</summary>
    public static void AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<IOtpTokenQueries, OtpTokenQueries>();
        services.AddScoped<IUserAdministration, UserAdministration>();
        services.AddScoped<IStaffAuditLog, StaffAuditLog>();
        services.AddSingleton<RevealedCodeBook>();

        var sender = services.LastOrDefault(d => d.ServiceType == typeof(ISmsSender))
            ?? throw new InvalidOperationException("Register ISmsSender before the administration services.");
        services.Remove(sender);
        services.Add(new ServiceDescriptor(typeof(ISmsSender), sp => new RevealingSmsSender(
            Resolve(sp, sender), sp.GetRequiredService<IOtpCodeHasher>(), sp.GetRequiredService<RevealedCodeBook>()), sender.Lifetime));
    }

    private static ISmsSender Resolve(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationFactory: { } factory } => (ISmsSender)factory(services),
        { ImplementationInstance: ISmsSender instance } => instance,
        { ImplementationType: { } type } => (ISmsSender)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException("ISmsSender registration not understood."),
    };
}
