namespace Pilito.Application.Admin.Common;

/// <summary>Which page: the first, the one after <see cref="After"/> or the one before <see cref="Before"/>.</summary>
public sealed record PageRequest(PageCursor? After, PageCursor? Before, int Size)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;
}
