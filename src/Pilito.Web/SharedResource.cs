namespace Pilito.Web;

/// <summary>Anchor type of the admin pages' texts: Resources/SharedResource.resx (English) and .fa-IR.resx (Persian).</summary>
#pragma warning disable CA1052 // a marker for IStringLocalizer<T>, never instantiated
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
